"""What the toolkit needs to know about a chapter's Markdown: its links and images."""

from __future__ import annotations

import bisect
import re

from kesos_modul.model import Tautan

# Fenced code blocks (``` or ~~~, closed by a fence of the same kind) and inline code.
_FENCED = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}\1[`~]*[ \t]*$|\Z)", re.M | re.S)
_INLINE_CODE = re.compile(r"(`+)[^`\n](?:.*?[^`\n])??\1(?!`)")
# [text](target "title") and ![alt](target); the target has no spaces unless in <>.
_INLINE_LINK = re.compile(r"\[(?:[^\]\\\n]|\\.)*\]\(\s*(<[^>\n]*>|[^\s)]+)(?:\s+[\"'(][^)\n]*)?\)")
_REFERENCE_DEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)", re.M)
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|#)")


def _blank(match: re.Match[str]) -> str:
    """Replace code with spaces, keeping line breaks so positions stay right."""
    return re.sub(r"[^\n]", " ", match.group(0))


def links(text: str) -> tuple[Tautan, ...]:
    """Every link and image target outside code, with its 1-based position."""
    if "](" not in text and "]:" not in text:
        return ()
    masked = _INLINE_CODE.sub(_blank, _FENCED.sub(_blank, text)) if "`" in text or "~~~" in text else text
    starts = _line_starts(masked)

    def position(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    found = []
    for match in _INLINE_LINK.finditer(masked):
        start = match.start()
        image = start > 0 and masked[start - 1] == "!"
        line, column = position(start - image)
        found.append(Tautan(_clean(match.group(1)), line, column, image))
    for match in _REFERENCE_DEF.finditer(masked):
        line, column = position(match.start(1))
        found.append(Tautan(_clean(match.group(1)), line, column, False))
    return tuple(sorted(found, key=lambda t: (t.line, t.column)))


def _line_starts(text: str) -> list[int]:
    starts = [0]
    index = text.find("\n")
    while index != -1:
        starts.append(index + 1)
        index = text.find("\n", index + 1)
    return starts


def is_local(target: str) -> bool:
    """True for a link to a file in the repository (not a URL, mail address or anchor)."""
    return bool(target) and not _EXTERNAL.match(target)


def _clean(target: str) -> str:
    return target[1:-1] if target.startswith("<") and target.endswith(">") else target
