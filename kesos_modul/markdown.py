"""What the toolkit needs to know about a chapter's Markdown: its links, images and headings."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator

from kesos_modul.model import Tautan

# An ATX heading: its level and its text, without closing #s.
HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$")
# The same on every line of a text at once, each line found by the newline before it
# (a literal a search skips to, where ^ in multiline mode is tried at every character).
_HEADING_LINES = re.compile(r"\n {0,3}(#{1,6})[ \t]+([^\n]+?)[ \t#]*(?=\n)")

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


def without_code(text: str) -> str:
    """``text`` with fenced and inline code blanked out, every position unchanged."""
    return _INLINE_CODE.sub(_blank, _FENCED.sub(_blank, text)) if "`" in text or "~~~" in text else text


def positions(text: str) -> Callable[[int], tuple[int, int]]:
    """Offset in ``text`` -> 1-based (line, column)."""
    starts = _line_starts(text)

    def position(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    return position


def links(text: str) -> tuple[Tautan, ...]:
    """Every link and image target outside code, with its 1-based position."""
    if "](" not in text and "]:" not in text:
        return ()
    masked = without_code(text)

    def position(offset: int) -> tuple[int, int]:
        # a chapter has a few links: counting lines for each is cheaper than indexing every line
        return masked.count("\n", 0, offset) + 1, offset - masked.rfind("\n", 0, offset)

    found = []
    for match in _INLINE_LINK.finditer(masked):
        start = match.start()
        image = start > 0 and masked[start - 1] == "!"
        line, column = position(start - image)
        found.append(Tautan(_clean(match.group(1)), line, column, image))
    for match in _REFERENCE_DEF.finditer(masked) if "]:" in masked else ():
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


_ATX = re.compile(r"^(#{1,6})([ \t]+|$)")
_FENCE_LINE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_FENCE_ANY_INDENT = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def prose_lines(text: str, any_indent: bool = False) -> Iterator[tuple[str, bool]]:
    """Each line of ``text``, and whether it is prose (False inside fenced code, fences included).

    ``any_indent`` also counts fences indented four spaces or more, as they are
    inside admonitions and list items.
    """
    pattern = _FENCE_ANY_INDENT if any_indent else _FENCE_LINE
    fence: str | None = None
    for line in text.split("\n"):
        opened = pattern.match(line)
        if fence is None and opened:
            fence = opened.group(1)
            yield line, False
        elif fence is not None:
            if line.strip().startswith(fence[0] * len(fence)):
                fence = None
            yield line, False
        else:
            yield line, True


def headings(text: str) -> Iterator[tuple[int, int, str]]:
    """Each ATX heading outside fenced code: its 1-based line, level and text."""
    if "```" not in text and "~~~" not in text:  # no fence: one search, no walk line by line
        padded = f"\n{text}\n"
        line, counted = 1, 0
        for match in _HEADING_LINES.finditer(padded):
            line += padded.count("\n", counted, match.start())
            counted = match.start()
            yield line, len(match.group(1)), match.group(2)
        return
    for number, (line, prose) in enumerate(prose_lines(text), 1):
        if prose and (match := HEADING.match(line)):
            yield number, len(match.group(1)), match.group(2)


def without_title(text: str) -> str:
    """A chapter as a page of its own: without its ``#`` title (the page gives it
    one, with the chapter's number); every other heading as written."""
    lines = text.split("\n")
    for index, (line, prose) in enumerate(prose_lines(text)):
        if prose and (match := _ATX.match(line)) and len(match.group(1)) == 1:
            return "\n".join(lines[:index] + lines[index + 1 :])
    return text


def rewrite_links(text: str, targets: dict[str, str]) -> str:
    """Point links at chapter files to where the chapters now live.

    ``targets`` maps a link target as written (``02-bab.md`` or
    ``../modul-lain/02-bab.md``, without ``#fragment``) to its new target
    (``#02-bab`` or ``../modul-lain/index.md#02-bab``). A fragment written after
    a chapter file is kept, since the chapter's headings keep their anchors.
    """
    if "](" not in text and "]:" not in text:
        return text
    masked = without_code(text)
    spans: list[tuple[int, int, str]] = []
    for pattern in (_INLINE_LINK, _REFERENCE_DEF):
        for match in pattern.finditer(masked):
            start, end = match.span(1)
            target = _clean(text[start:end])
            path, hashmark, fragment = target.partition("#")
            if path in targets:
                new = targets[path]
                if hashmark and fragment:
                    new = new.split("#", 1)[0] + "#" + fragment
                spans.append((start, end, new))
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text
