"""What a page shows of the curriculum, cleaned after the engine has built it.

A staged page's own content lies between :data:`BEGIN` and :data:`END`
(:func:`wrap`); the theme's header, navigation and scripts lie outside. After
the engine has turned the Markdown into HTML, :func:`clean_site` passes that
content of every page it built through an allow-list sanitiser (Ammonia, by
``nh3``): the tags and attributes the toolkit's pages and Python-Markdown make,
addresses only over ``http``, ``https``, ``mailto`` and ``tel`` or relative,
no ``<script>``, no event handler, no ``style`` but a table cell's alignment,
no id the theme's script looks for (``__config``, ``__search`` …).

Safety therefore does not depend on how a check reads the Markdown source: what
a contributor writes reaches a trainee's browser only as what is on this list,
however it was written. ``validate`` still tells the writer, with a line, what
will be removed (KM801–KM803).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection
from pathlib import Path

from kesos_modul.engine.reuse import unit_of

BEGIN = "<!-- kesos:isi -->"
END = "<!-- /kesos:isi -->"
_MARKER = re.compile(r"(<!-- /?kesos:[a-z]+(?: [^ <>]+)? -->)")

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "button", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "nav",
    "noscript", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var",
}  # fmt: skip
_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "hidden", "role"},
    "a": {"href", "rel"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"type", "start", "reversed"},
    "li": {"value"},
    "td": {"style", "colspan", "rowspan"},
    "th": {"style", "colspan", "rowspan", "scope"},
    "details": {"open"},
    "button": {"type"},
    "abbr": set(),
}
# ids of the theme's own elements, which its script finds by id: a page element
# under one of these names would take their place
_THEME_IDS = "__"


def wrap(page: str) -> str:
    """A staged Markdown page with its content between the markers (after its front matter)."""
    front, body = "", page
    if page.startswith("---\n"):
        end = page.find("\n---\n", 4)
        if end != -1:
            front, body = page[: end + 5], page[end + 5 :]
    return f"{front}{BEGIN}\n\n{body}\n\n{END}\n"


def _attribute(tag: str, name: str, value: str) -> str | None:
    if name in ("id", "for") and value.startswith(_THEME_IDS):
        return None
    return value


@functools.cache
def _cleaner() -> Callable[[str], str]:
    import nh3

    return functools.partial(
        nh3.clean,
        tags=_TAGS,
        clean_content_tags={"script", "style", "template", "iframe", "object", "embed", "svg", "math"},
        attributes=_ATTRIBUTES,
        attribute_filter=_attribute,
        strip_comments=False,  # the engine's own markers (print_page) are comments
        link_rel=None,
        generic_attribute_prefixes={"data-", "aria-"},
        url_schemes={"http", "https", "mailto", "tel"},
        filter_style_properties={"text-align"},
    )


def clean(page: str) -> str:
    """A built page with its content (from the first :data:`BEGIN` to the last
    :data:`END`: our markers lie outside anything a writer wrote) sanitised."""
    start, end = page.find(BEGIN), page.rfind(END)
    if not 0 <= start < end:
        return page
    start += len(BEGIN)
    # between the engine's markers inside (a chapter's bounds, the print page's places),
    # each stretch on its own: an element a writer left open ends with its stretch,
    # and cannot take a marker into its text
    parts = _MARKER.split(page[start:end])
    cleaned = [part if index % 2 else _cleaner()(part) for index, part in enumerate(parts)]
    return page[:start] + "".join(cleaned) + page[end:]


def clean_site(site_dir: Path, docs_dir: Path, left_out: Collection[str], dest: Callable[[str], str]) -> None:
    """Clean every page built into ``site_dir`` from ``docs_dir`` but those of
    the module folders and pages ``left_out`` (kept from an earlier build, already clean)."""
    for staged in docs_dir.rglob("*.md"):
        rel = staged.relative_to(docs_dir).as_posix()
        if unit_of(rel) in left_out:
            continue
        built = site_dir / dest(rel)
        if built.is_file():
            text = built.read_text(encoding="utf-8")
            cleaned = clean(text)
            if cleaned != text:
                built.write_text(cleaned, encoding="utf-8")
