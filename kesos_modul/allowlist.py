"""The HTML a page may show of what a contributor wrote: an allow-list, applied by
Ammonia (``nh3``) to every fragment before it is published (site pages through
:mod:`kesos_modul.engine.sanitise`, LMS package pages directly).

The tags and attributes the toolkit's pages and Python-Markdown make; addresses
only over ``http``, ``https``, ``mailto`` and ``tel`` or relative (and a
raster image written as ``data:``, which validation accepts too); no
``<script>``, no event handler, no ``style`` but a table cell's alignment, no id
the theme's script looks for (``__config``, ``__search`` …). Comments stay: the
engine's markers are comments, and a comment cannot run.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

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


_URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "poster", "background"})
_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
# an image written into the page itself: only the raster kinds a browser never runs (not SVG)
DATA_IMAGE = re.compile(r"data:image/(?:png|jpeg|gif|webp)[;,]")
# A browser reads an address without its tabs and line breaks, and without spaces and
# control characters at its ends: "java&#9;script:" is a script address.
_IGNORED = re.compile(r"[\t\n\r]")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")


def _attribute(tag: str, name: str, value: str, document: bool = False) -> str | None:
    if name in ("id", "for") and value.startswith(_THEME_IDS):
        return None
    if document and tag == "a" and name == "rel":  # rel="attachment" embeds a file in a PDF
        return None
    if name in _URL_ATTRIBUTES:
        bare = _INVISIBLE.sub("", value)
        scheme = _SCHEME.match(bare.lower())
        if tag == "img" and name == "src" and DATA_IMAGE.match(bare.lower()):
            return bare
        if scheme is not None and scheme.group(1) not in _SCHEMES:
            return None
        if document and name == "href" and scheme is None and not bare.startswith("#"):
            return None  # a page of the site is no address in a document on its own
        return _IGNORED.sub("", value)
    return value


@functools.cache
def _cleaner(document: bool = False) -> Callable[[str], str]:
    import nh3

    return functools.partial(
        nh3.clean,
        tags=_TAGS,
        clean_content_tags={"script", "style", "template", "iframe", "object", "embed", "svg", "math"},
        attributes=_ATTRIBUTES,
        attribute_filter=functools.partial(_attribute, document=document),
        strip_comments=False,  # the engine's own markers (print_page) are comments
        link_rel=None,
        generic_attribute_prefixes={"data-", "aria-"},
        url_schemes={"http", "https", "mailto", "tel", "data"},  # data: only as an image (_attribute)
        filter_style_properties={"text-align"},
    )


def clean(fragment: str, document: bool = False) -> str:
    """``fragment`` with everything not on the list removed (the text of a removed tag stays,
    but not that of a script, a style, a frame or an inline SVG or MathML).

    ``document``: the fragment goes into a document read on its own (a PDF book), so
    links keep only addresses that lead somewhere from there (``#…`` within it, and
    ``http(s)``, ``mailto``, ``tel``), and no ``rel``. A relative link would become
    the address of a file on the typesetting computer.
    """
    return _cleaner(document)(fragment)
