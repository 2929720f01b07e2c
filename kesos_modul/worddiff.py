"""The words a change added and removed, sentence by sentence, for a reviewer.

A text is cut into sentences (each line of Markdown, then each sentence of a
line); the sentences that changed are compared word by word, punctuation apart
(``dipegang:`` → ``dipegang teguh:`` adds one word). A passage is one run of
changed sentences: its pieces kept, removed and added, in order, exactly as
written (spaces folded), with long runs of unchanged words shortened to the
words next to a change, so a long chapter shows each change with its context
and nothing else.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass

SAMA, HAPUS, TAMBAH = "sama", "hapus", "tambah"
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
_CONTEXT = 8  # unchanged words kept next to a change


@dataclass(frozen=True)
class Potongan:
    """One changed passage: (kind, text) pieces, kind one of SAMA, HAPUS, TAMBAH; the
    texts, joined, are the passage (a removed piece where it was, then an added one)."""

    bagian: tuple[tuple[str, str], ...]


def written(
    p: Potongan, text: Callable[[str], str], removed: Callable[[str], str], added: Callable[[str], str]
) -> str:
    """A passage on one line in a format: every piece's words through ``text``, then a removed or
    added piece's through its mark; the spaces around a piece stay outside its mark."""
    out = []
    for kind, words in p.bagian:
        core = words.strip()
        lead, trail = words[: len(words) - len(words.lstrip())], words[len(words.rstrip()) :]
        if core:
            core = text(core)
            core = removed(core) if kind == HAPUS else added(core) if kind == TAMBAH else core
        out.append(lead + core + trail)
    return "".join(out).strip()


def _sentences(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        out += [s for s in _SENTENCE_END.split(" ".join(line.split())) if s]
    return out


def passages(old: str, new: str) -> list[Potongan]:
    """Every passage where ``new`` differs from ``old``, in the order of the text."""
    a, b = _sentences(old), _sentences(new)
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            out.append(Potongan(tuple(_pieces(" ".join(a[i1:i2]), " ".join(b[j1:j2])))))
    return out


def _pieces(old: str, new: str) -> list[tuple[str, str]]:
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    pieces: list[tuple[str, str]] = []
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            pieces.append((SAMA, _shortened("".join(a[i1:i2]), first=n == 0, last=n == len(ops) - 1)))
            continue
        if i2 > i1:
            pieces.append((HAPUS, "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append((TAMBAH, "".join(b[j1:j2])))
    return pieces


def _shortened(text: str, first: bool, last: bool) -> str:
    """An unchanged run: only its words next to a change (both ends inside a passage)."""
    words = text.split(" ")
    if first and len(words) > _CONTEXT + 1:
        return "… " + " ".join(words[-_CONTEXT - 1 :])
    if last and len(words) > _CONTEXT + 1:
        return " ".join(words[: _CONTEXT + 1]) + " …"
    if len(words) > 2 * _CONTEXT + 2:
        return " ".join(words[: _CONTEXT + 1]) + " … " + " ".join(words[-_CONTEXT - 1 :])
    return text
