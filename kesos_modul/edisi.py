"""The edition stage: a module as one edition reads it.

Between the model and every output (the site, the printed book, open data and
later packages) sits one reading of a module per edition: which modules the
edition carries (drafts only when asked for), its chapters in order with their
numbers and titles, facilitator notes kept or removed, links between chapters
pointed at where the output puts them, and the answer keys only in the
facilitator edition. Outputs read this, never the raw chapter text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from kesos_modul import markdown
from kesos_modul.bahasa import roman
from kesos_modul.model import Kunci, Kurikulum, Modul

PESERTA, FASILITATOR = "peserta", "fasilitator"
_FASILITATOR = re.compile(r"^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)[ \t]+fasilitator\b")

# Where an output puts a chapter: (module code, chapter anchor, same module?) -> new
# link target, or None to leave links to it as written.
Letak = Callable[[str, str, bool], str | None]


@dataclass(frozen=True)
class BabEdisi:
    """One chapter as the edition reads it."""

    nomor: int  # Bab II is 2: Bab I is the introduction
    judul: str  # the materi pokok's title
    anchor: str  # the chapter file's name without ``.md``
    teks: str  # Markdown: notes kept or removed, links rewritten

    @property
    def label(self) -> str:
        return f"Bab {roman(self.nomor)}"


@dataclass(frozen=True)
class ModulEdisi:
    modul: Modul
    edisi: str
    bab: tuple[BabEdisi, ...]
    kunci: tuple[Kunci, ...]  # empty in the trainee edition

    @property
    def penutup(self) -> str:
        """The closing chapter's label, after the last chapter."""
        return f"Bab {roman(len(self.bab) + 2)}"


def moduls(kurikulum: Kurikulum, drafts: bool = False) -> list[Modul]:
    """The modules an edition carries: drafts only when asked for, and never a
    module read only in part (its broken fields hold neutral values, not content)."""
    return [m for m in kurikulum.modul if not m.rusak and (drafts or m.status != "draf")]


def terbitan(kurikulum: Kurikulum, drafts: bool = False) -> Kurikulum:
    """The curriculum with only the modules an edition carries."""
    return replace(kurikulum, modul=tuple(moduls(kurikulum, drafts)))


def anchor(bab: str) -> str:
    """The anchor of a chapter: its file's name without ``.md``."""
    return bab.removesuffix(".md")


def baca(m: Modul, edisi: str, letak: Letak | None = None) -> ModulEdisi:
    """Module ``m`` as ``edisi`` reads it. ``letak`` says where the output puts each
    of its chapters, if not where the links written between them point."""
    targets = _own(m, letak) if letak else {}
    fasilitator = edisi == FASILITATOR
    chapters = []
    for number, mp in enumerate(m.materi_pokok, start=2):
        bab = m.bab.get(mp.bab)
        teks = bab.teks if bab and bab.teks is not None else ""
        teks = teks if fasilitator else strip_fasilitator(teks)
        chapters.append(BabEdisi(number, mp.judul, anchor(mp.bab), markdown.rewrite_links(teks, targets)))
    return ModulEdisi(m, edisi, tuple(chapters), tuple(m.kunci or ()) if fasilitator else ())


def _own(m: Modul, letak: Letak) -> dict[str, str]:
    """Links to ``m``'s own chapters, however they are written -> where the output puts them."""
    out = {}
    for mp in m.materi_pokok:
        if (new := letak(m.kode, anchor(mp.bab), True)) is not None:
            for written in (mp.bab, f"./{mp.bab}", f"../{m.kode}/{mp.bab}"):
                out[written] = new
    return out


def strip_fasilitator(text: str) -> str:
    """Remove facilitator admonitions (``!!! fasilitator``) and their indented body."""
    if "fasilitator" not in text:
        return text
    out: list[str] = []
    skip_indent: int | None = None
    for line, prose in markdown.prose_lines(text, any_indent=True):
        if skip_indent is not None:
            indent = len(line) - len(line.lstrip(" \t"))
            if not line.strip() or indent > skip_indent:
                continue
            skip_indent = None
        if prose and (match := _FASILITATOR.match(line)):
            skip_indent = len(match.group("indent"))
            continue
        out.append(line)
    return "\n".join(out)
