"""What the toolkit needs to know about a chapter's Markdown: its links and images."""

from __future__ import annotations

import re

from kesos_modul.model import Tautan

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
# [text](target "title") and ![alt](target); the target has no spaces unless in <>.
_INLINE_LINK = re.compile(r"(!?)\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>]*>|[^\s)]+)(?:\s+[\"'(][^)]*)?\)")
_REFERENCE_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)")
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|#)")


def links(text: str) -> tuple[Tautan, ...]:
    """Every link and image target outside code, with its 1-based position."""
    found: list[Tautan] = []
    fence: str | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        masked = _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line)
        for match in _INLINE_LINK.finditer(masked):
            found.append(
                Tautan(_clean(match.group(2)), number, match.start() + 1, match.group(1) == "!")
            )
        ref = _REFERENCE_DEF.match(masked)
        if ref:
            found.append(Tautan(_clean(ref.group(1)), number, ref.start(1) + 1, False))
    return tuple(found)


def is_local(target: str) -> bool:
    """True for a link to a file in the repository (not a URL, mail address or anchor)."""
    return bool(target) and not _EXTERNAL.match(target)


def _clean(target: str) -> str:
    return target[1:-1] if target.startswith("<") and target.endswith(">") else target
