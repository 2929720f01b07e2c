"""Chapter by chapter: files added, removed, renamed or edited, with their headings and words."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from kesos_modul import markdown
from kesos_modul.model import Modul
from kesos_modul.worddiff import Potongan, passages

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


@dataclass(frozen=True)
class BabBerubah:
    berkas: str
    perubahan: str  # ditambah | dihapus | diubah | diganti-nama
    berkas_lama: str | None = None
    judul_ditambah: tuple[str, ...] = ()
    judul_dihapus: tuple[str, ...] = ()
    kata_ditambah: int = 0
    kata_dihapus: int = 0
    potongan: tuple[Potongan, ...] = ()  # the changed passages, words marked (worddiff)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _headings(text: str) -> list[str]:
    return [heading for _, _, heading in markdown.headings(text)]


def _word_changes(old: str, new: str) -> tuple[int, int]:
    a, b = _WORD.findall(old.lower()), _WORD.findall(new.lower())
    added = removed = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag in ("replace", "delete"):
            removed += i2 - i1
        if tag in ("replace", "insert"):
            added += j2 - j1
    return added, removed


def _similar(old: str, new: str) -> bool:
    a, b = _WORD.findall(old.lower()), _WORD.findall(new.lower())
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.6


def chapters(old: Modul, new: Modul) -> list[BabBerubah]:
    """The chapter files that differ; a removed file whose text reappears under a new name is a rename."""
    before = {name: bab.teks or "" for name, bab in old.bab.items()}
    after = {name: bab.teks or "" for name, bab in new.bab.items()}
    removed = [n for n in before if n not in after]
    added = [n for n in after if n not in before]
    out: list[BabBerubah] = []
    for name in added:
        source = next(
            (r for r in removed if before[r] == after[name] or _similar(before[r], after[name])), None
        )
        if source is not None:
            removed.remove(source)
            out.append(_changed_chapter(name, before[source], after[name], "diganti-nama", source))
        else:
            out.append(BabBerubah(name, "ditambah", judul_ditambah=tuple(_headings(after[name])),
                                  kata_ditambah=word_count(after[name])))  # fmt: skip
    for name in removed:
        out.append(BabBerubah(name, "dihapus", judul_dihapus=tuple(_headings(before[name])),
                              kata_dihapus=word_count(before[name])))  # fmt: skip
    for name in sorted(set(before) & set(after)):
        if before[name] != after[name]:
            out.append(_changed_chapter(name, before[name], after[name], "diubah"))
    return sorted(out, key=lambda b: b.berkas)


def _changed_chapter(name: str, old: str, new: str, kind: str, old_name: str | None = None) -> BabBerubah:
    heads_old, heads_new = _headings(old), _headings(new)
    added, removed = _word_changes(old, new)
    return BabBerubah(
        name,
        kind,
        old_name,
        tuple(h for h in heads_new if h not in heads_old),
        tuple(h for h in heads_old if h not in heads_new),
        added,
        removed,
        tuple(passages(old, new)),
    )
