"""The print page of a module (``cetak/``) assembled from its chapter pages as built.

The staged print page holds, under each chapter's heading, a placeholder
naming the chapter's page (:func:`placeholder`); the chapter page marks where
the chapter's own text begins and ends (:data:`BEGIN`, :data:`END`). After the
engine has built a module folder, :func:`assemble` copies each chapter's
converted text into the print page, so no chapter's Markdown is converted twice.
Headings move one level down under the chapter's heading, and every id and
link within a chapter is prefixed with the chapter's anchor: on one page, two
chapters may have a section of the same name. Links to another chapter of the
module point within the page. Relative addresses of images stay as built: the
print page and the chapter pages lie at the same depth.

This runs on the built HTML, not in an engine's hooks, so Material and
Zensical both get it. Assembling again is harmless: the chapter text stays
between the placeholder and :data:`STOP`, and is replaced.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Collection
from html.parser import HTMLParser
from pathlib import Path

BEGIN = "<!-- kesos:bab -->"
END = "<!-- /kesos:bab -->"
STOP = "<!-- /kesos:sisip -->"
# a placeholder, and what an earlier assembly put after it (Python-Markdown mangles
# two comments on one line, so the placeholder is one comment until it is filled)
_SLOT = re.compile(r"<!-- kesos:sisip ([^ >]+) -->(?:(.*?)" + re.escape(STOP) + ")?", re.S)
_HEADING = re.compile(r"h([1-6])")
PRINT_PAGE = "cetak.md"


def placeholder(page: str) -> str:
    """Where the chapter page ``page`` (a file name beside the print page) goes."""
    return f"<!-- kesos:sisip {page} -->"


def assemble(site_dir: Path, docs_dir: Path, left_out: Collection[str], dest: Callable[[str], str]) -> None:
    """Fill the print page of every module folder built into ``site_dir``
    (those of ``docs_dir`` but the folders ``left_out``) with its chapters.
    ``dest`` maps a staged page (``modul/kode/bab.md``) to its built file."""
    for staged in sorted(docs_dir.glob(f"modul/*/{PRINT_PAGE}")):
        folder = staged.parent.relative_to(docs_dir).as_posix()
        if f"{folder}/" in left_out:
            continue
        built = site_dir / dest(f"{folder}/{PRINT_PAGE}")
        if not built.is_file():
            continue
        text = built.read_text(encoding="utf-8")
        pages = _SLOT.findall(text)
        anchors = [posixpath.splitext(page)[0] for page, _ in pages]

        def chapter(found: re.Match[str], folder: str = folder, anchors: list[str] = anchors) -> str:
            page = found.group(1)
            if "/" in page or not (docs_dir / folder / page).is_file():
                return found.group(0)  # not a chapter of this module: left as it is
            source = dest(f"{folder}/{page}")
            body = (
                _body((site_dir / source).read_text(encoding="utf-8"))
                if (site_dir / source).is_file()
                else ""
            )
            section = _Section(posixpath.splitext(page)[0], _links(folder, anchors, source, dest)).convert(
                body
            )
            return f"<!-- kesos:sisip {page} -->{section}{STOP}"

        filled = _SLOT.sub(chapter, text)
        if filled != text:
            built.write_text(filled, encoding="utf-8")


def _links(folder: str, anchors: list[str], source: str, dest: Callable[[str], str]) -> dict[str, str]:
    """How the built chapter page ``source`` links to each chapter of its module
    (``../02-bab/`` with directory addresses, ``02-bab.html`` without), to its anchor."""
    here = posixpath.dirname(source)
    links = {}
    for anchor in anchors:
        built = dest(f"{folder}/{anchor}.md")
        links[posixpath.relpath(posixpath.dirname(built), here) + "/"] = anchor
        links[posixpath.relpath(built, here)] = anchor
    return links


def _body(page: str) -> str:
    """A built chapter page's own text: from the first :data:`BEGIN` to the last
    :data:`END` (a writer's text may hold either; ours come before and after it)."""
    start, end = page.find(BEGIN), page.rfind(END)
    return page[start + len(BEGIN) : end] if 0 <= start < end else ""


class _Section(HTMLParser):
    """Re-emits a chapter's HTML as a section of the print page; what it does not change is copied as written."""

    def __init__(self, anchor: str, chapters: dict[str, str]) -> None:
        super().__init__(convert_charrefs=False)
        self.anchor = anchor
        self.chapters = chapters  # "../02-bab/" (as the chapter page links) -> its anchor
        self.out: list[str] = []

    def convert(self, text: str) -> str:
        self.feed(text)
        self.close()
        return "".join(self.out)

    def _id(self, value: str) -> str:
        return f"{self.anchor}--{value}"

    def _href(self, value: str) -> str:
        if value.startswith("#"):
            return "#" + self._id(value[1:]) if len(value) > 1 else f"#{self.anchor}"
        path, hash_, fragment = value.partition("#")
        other = self.chapters.get(path)
        if other is None:
            return value
        return f"#{other}--{fragment}" if hash_ and fragment else f"#{other}"

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], close: str) -> None:
        level = _HEADING.fullmatch(tag)
        new_tag = f"h{min(int(level.group(1)) + 1, 6)}" if level else tag
        changed = []
        for name, value in attrs:
            if value is not None and name in ("id", "for"):
                value = self._id(value)
            elif value is not None and name == "href":
                value = self._href(value)
            changed.append((name, value))
        if new_tag == tag and changed == attrs:
            self.out.append(self.get_starttag_text() or "")
            return
        written = "".join(f" {n}" if v is None else f' {n}="{html.escape(v)}"' for n, v in changed)
        self.out.append(f"<{new_tag}{written}{close}>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, " /")

    def handle_endtag(self, tag: str) -> None:
        level = _HEADING.fullmatch(tag)
        self.out.append(f"</h{min(int(level.group(1)) + 1, 6)}>" if level else f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.out.append(f"<![{data}]>")
