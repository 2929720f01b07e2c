"""The lines of ``kesos-modul diff``, shared by its text and Markdown formats.

A line is ``(depth, text)``; each format draws the nesting its own way and
passes its own escaping (:class:`Gaya`), so every value a writer wrote goes
through it exactly once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from kesos_modul.bahasa import JENIS_LABEL, STATUS_LABEL
from kesos_modul.fielddiff import short
from kesos_modul.review import BabBerubah, Kolom, ModulTelaah, Nama, ProgramTelaah, Telaah
from kesos_modul.worddiff import Potongan, passages, written

Line = tuple[int, str]
_LONG = 100  # characters of an old and new value shown on one line
_FRAGMENTS = 12  # changed passages of a chapter or a long text shown, with their context
_SOAL = 90


@dataclass(frozen=True)
class Gaya:
    """How a format writes what a writer wrote: plain text, and a code, file name or id;
    and words a change removed and added (each already written with ``teks``)."""

    teks: Callable[[str], str]
    kode: Callable[[str], str]
    dihapus: Callable[[str], str] = lambda words: f"[-{words}-]"
    ditambah: Callable[[str], str] = lambda words: f"{{+{words}+}}"


def one_line(text: str) -> str:
    return " ".join(text.split())


POLOS = Gaya(one_line, one_line)


def passage(p: Potongan, g: Gaya) -> str:
    """A changed passage on one line, its removed and added words marked."""
    return written(p, g.teks, g.dihapus, g.ditambah)


def _passage_lines(found: Sequence[Potongan], g: Gaya) -> list[Line]:
    out = [(1, passage(p, g)) for p in found[:_FRAGMENTS]]
    if len(found) > _FRAGMENTS:
        out.append((1, f"dan {len(found) - _FRAGMENTS} perubahan lain"))
    return out


def counts(t: Telaah) -> dict[str, int]:
    kinds = [m.perubahan for m in t.modul]
    return {
        "modul_ditambah": kinds.count("ditambah"),
        "modul_dihapus": kinds.count("dihapus"),
        "modul_diubah": kinds.count("diubah"),
        "program_berubah": len(t.program),
        "perlu_bump": sum(m.perlu_bump or m.riwayat_kurang for m in t.modul),
    }


def summary(t: Telaah) -> str:
    c = counts(t)
    if not t:
        return "Tidak ada perubahan pada modul atau program."
    text = (
        f"{c['modul_diubah']} modul diubah, {c['modul_ditambah']} modul baru, {c['modul_dihapus']} modul dihapus; "
        f"{c['program_berubah']} program berubah."
    )
    if c["perlu_bump"]:
        text += f" ⚠️ {c['perlu_bump']} modul perlu dinaikkan versinya (kesos-modul bump)."
    return text


def versions(m: ModulTelaah, g: Gaya) -> str:
    old, new = (g.kode(x.versi) if x else "—" for x in (m.lama, m.baru))
    text = new if old == new else f"{old} → {new}"
    if m.perlu_bump:
        text += " ⚠️ belum dinaikkan"
    elif m.riwayat_kurang:
        text += " ⚠️ riwayat belum dicatat"
    return text


def overview(m: ModulTelaah, g: Gaya) -> str:
    """Version, status and JP of a module, old → new."""
    status = " → ".join(dict.fromkeys(STATUS_LABEL.get(x.status, x.status) for x in (m.lama, m.baru) if x))
    jp = " → ".join(dict.fromkeys(str(x.jp.total) for x in (m.lama, m.baru) if x))
    return f"{m.perubahan} · versi {versions(m, g)} · {g.teks(status)} · {jp} JP"


def value(v: Any, g: Gaya) -> str:
    """Any YAML value on one line."""
    if v is None or v == [] or v == "":
        return "—"
    if isinstance(v, bool):
        return "ya" if v else "tidak"
    if isinstance(v, dict):
        return ", ".join(f"{g.teks(str(k))}: {value(x, g)}" for k, x in v.items())
    if isinstance(v, list):
        return "; ".join(value(x, g) for x in v)
    return g.teks(str(v))


def field_lines(k: Kolom, g: Gaya) -> list[Line]:
    place = g.teks(k.tempat)
    if k.perubahan == "urutan":
        return [(0, f"{place}: urutan berubah"), (1, "kini: " + " · ".join(value(v, g) for v in k.baru))]
    if k.ditambah or k.dihapus:
        parts = [f"+ {value(v, g)}" for v in k.ditambah] + [f"− {value(v, g)}" for v in k.dihapus]
        if sum(len(p) for p in parts) <= _LONG:
            return [(0, f"{place}: " + "; ".join(parts))]
        return [(0, f"{place}:")] + [(1, p) for p in parts]
    item = k.baru if k.perubahan == "ditambah" else k.lama
    if k.perubahan in ("ditambah", "dihapus") and isinstance(item, dict):
        return [(0, f"{place}: {k.perubahan}")] + [
            (1, f"{g.teks(str(f))}: {value(x, g)}") for f, x in item.items()
        ]
    if isinstance(k.lama, str) and isinstance(k.baru, str) and max(len(k.lama), len(k.baru)) > _LONG:
        return [(0, f"{place}: teks diubah"), *_passage_lines(passages(k.lama, k.baru), g)]
    old, new = value(k.lama, g), value(k.baru, g)
    if len(old) + len(new) > _LONG:
        return [(0, f"{place}:"), (1, f"lama: {old}"), (1, f"baru: {new}")]
    return [(0, f"{place}: {old} → {new}")]


def key_lines(m: ModulTelaah, g: Gaya) -> list[Line]:
    """Evaluation items whose answer key was added, changed or removed, by id only."""
    kinds = [("ditambah", m.kunci.ditambah), ("diubah", m.kunci.diubah), ("dihapus", m.kunci.dihapus)]
    return [(0, f"{kind}: " + ", ".join(g.kode(i) for i in ids)) for kind, ids in kinds if ids]


def chapter_lines(b: BabBerubah, g: Gaya) -> list[Line]:
    name = f"{g.kode(b.berkas_lama)} → {g.kode(b.berkas)}" if b.berkas_lama else g.kode(b.berkas)
    out = [(0, f"{name} {b.perubahan}: +{b.kata_ditambah} / −{b.kata_dihapus} kata")]
    out += [(1, f"+ judul bagian: {g.teks(h)}") for h in b.judul_ditambah]
    out += [(1, f"− judul bagian: {g.teks(h)}") for h in b.judul_dihapus]
    return out + _passage_lines(b.potongan, g)


def _names(names: tuple[Nama, ...], g: Gaya) -> str:
    return (
        ", ".join(
            f"{g.teks(n.nama)} ({g.kode(n.kode)})" if n.nama else f"{g.kode(n.kode)} (tidak ada di registri)"
            for n in names
        )
        or "—"
    )


def content_lines(m: ModulTelaah, g: Gaya) -> list[Line]:
    """A module added or removed, in full: what a reviewer checks before it joins or leaves."""
    modul, isi = m.baru or m.lama, m.isi
    if modul is None or isi is None:
        return []
    jp = modul.jp
    out = [
        (0, f"versi {g.kode(modul.versi)}, status {g.teks(STATUS_LABEL.get(modul.status, modul.status))}"),
        (0, f"ranah: {_names(isi.ranah, g)}"),
        (0, f"pilar: {_names(isi.pilar, g)}"),
        (0, f"sasaran kategori: {_names(isi.kategori, g)}"),
        (0, f"sasaran peran: {_names(isi.peran, g)}"),
        (0, f"unit kompetensi: {'—' if not isi.unit_kompetensi else ''}".rstrip()),
    ]
    out += [
        (1, f"{g.kode(u.kode)} {g.teks(u.nama or '(tidak ada di registri)')}") for u in isi.unit_kompetensi
    ]
    out.append(
        (
            0,
            f"JP: {jp.total} (teori {jp.teori}, praktik {jp.praktik}, praktik lapangan {jp.praktik_lapangan})",
        )
    )
    out.append((0, f"materi pokok ({len(modul.materi_pokok)}):"))
    for mp in modul.materi_pokok:
        kata = isi.kata.get(mp.bab)
        words = "berkas tidak ada" if kata is None else f"{kata} kata"
        out.append((1, f"{g.teks(mp.judul)}: {g.kode(mp.bab)}, {mp.jp.total} JP, {words}"))
    out.append((0, f"indikator ({len(modul.indikator)}):"))
    out += [(1, f"{g.kode(i.id)}: {g.teks(i.teks)}") for i in modul.indikator]
    out.append((0, f"evaluasi ({len(modul.evaluasi)}):"))
    for e in modul.evaluasi:
        jenis = JENIS_LABEL.get(e.jenis, e.jenis)
        soal = short(e.soal, _SOAL)
        out.append((1, f"{g.kode(e.id)} ({g.teks(jenis)}, indikator {g.kode(e.indikator)}): {g.teks(soal)}"))
    return [*out, (0, f"kunci jawaban: {isi.kunci} butir (isinya tidak ditampilkan)")]


def program_lines(p: ProgramTelaah, g: Gaya) -> list[Line]:
    jp = " → ".join(dict.fromkeys(str(x) for x in (p.jp_lama, p.jp_baru) if x is not None))
    out = [(0, f"{g.teks(p.judul)} ({g.kode(p.kode)}): {p.perubahan}, {jp} JP")]
    out += [(1, f"+ modul {g.kode(k)}") for k in p.modul_ditambah]
    return out + [(1, f"− modul {g.kode(k)}") for k in p.modul_dihapus]
