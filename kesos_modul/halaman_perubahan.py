"""The reviewer's page of a module in a writer's build (``serve``, ``build --drafts``):
what changed since a base revision (by default the newest release), as a
trainee would read it, the words removed struck through and the words added
marked, chapter by chapter and text field by text field. For a reviewer who
does not read diffs.

It reads the module and the module at the base, and writes one page in the
module's folder (``perubahan.md``); the overview links to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from kesos_modul import fielddiff
from kesos_modul.chapterdiff import chapters
from kesos_modul.model import Modul
from kesos_modul.pengesahan import sidik
from kesos_modul.worddiff import Potongan, passages, written

PAGE = "perubahan.md"
_LONG = 100  # a text field longer than this is shown as passages, a shorter one old → new


@dataclass(frozen=True)
class Bagian:
    """One changed part: a chapter or a text field, and its passages (HTML, escaped)."""

    judul: str
    keterangan: str  # "ditambah", "dihapus", "diubah", or a short old → new
    potongan: tuple[Markup, ...] = ()


def changed(base: Modul | None, m: Modul) -> bool:
    return base is not None and sidik(base) != sidik(m)


def parts(base: Modul, m: Modul) -> list[Bagian]:
    """What changed, in the order a trainee reads the module: text fields, then chapters."""
    out = []
    for k in fielddiff.changes(base.doc.data, m.doc.data):
        if k.kolom.startswith(("riwayat", "versi")) or k.kolom in ("status", "tanggal_disahkan"):
            continue  # the life cycle, which the page's head shows
        if isinstance(k.lama, str) and isinstance(k.baru, str) and max(len(k.lama), len(k.baru)) > _LONG:
            out.append(Bagian(k.tempat, "diubah", tuple(_html(p) for p in passages(k.lama, k.baru))))
        else:
            out.append(Bagian(k.tempat, f"{_value(k.lama)} → {_value(k.baru)}"))
    titles = {mp.bab: mp.judul for mp in (*base.materi_pokok, *m.materi_pokok)}
    for b in chapters(base, m):
        title = titles.get(b.berkas, b.berkas)
        if b.perubahan in ("ditambah", "dihapus"):
            out.append(Bagian(title, f"bab {b.perubahan}"))
        else:
            out.append(
                Bagian(title, f"+{b.kata_ditambah} / −{b.kata_dihapus} kata", tuple(map(_html, b.potongan)))
            )
    return out


def _html(p: Potongan) -> Markup:
    """A passage as HTML: the writer's words escaped, removed ones in ``<del>``, added ones in ``<ins>``."""
    return Markup(written(p, lambda w: str(escape(w)), "<del>{}</del>".format, "<ins>{}</ins>".format))


def _value(v: object) -> str:
    if v is None or v == [] or v == "":
        return "—"
    if isinstance(v, list):
        return "; ".join(_value(x) for x in v)
    if isinstance(v, dict):
        return ", ".join(f"{k}: {_value(x)}" for k, x in v.items())
    return fielddiff.short(str(v), _LONG)
