"""KM801–KM803: nothing a contributor writes in a chapter runs in a trainee's browser.

The policy (README, "Keamanan isi"): chapters are Markdown. Raw HTML is allowed
only for a short list of harmless inline elements (:data:`ELEMENTS`) with a few
attributes (:data:`ATTRIBUTES`); every other element, every event handler and
every other attribute is an error. Links and images may not use the
``javascript:``, ``vbscript:``, ``file:`` or ``data:`` schemes (``data:`` is
allowed for PNG, JPEG, GIF and WebP images). Tags are found with the standard
library's HTML parser, the parser Python-Markdown itself uses for raw HTML, on
the chapter with its code blanked out, so HTML shown as code is never flagged.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from html.parser import HTMLParser

from kesos_modul import markdown
from kesos_modul.allowlist import DATA_IMAGE
from kesos_modul.findings import Code, E, Finding, Location, finding
from kesos_modul.model import Bab, Kurikulum
from kesos_modul.rules import Context, rule

ELEMENTS = frozenset(
    {"abbr", "b", "br", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s",
     "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr"}
)  # fmt: skip
ATTRIBUTES = frozenset({"title", "lang", "dir", "datetime", "cite"})
URL_ATTRIBUTES = frozenset({"cite"})
# attr_list (``{ .kelas #id kunci="nilai" }``): keys that cannot carry code or a URL.
ATTR_LIST_KEYS = frozenset(
    {"title", "lang", "dir", "alt", "width", "height", "align", "loading", "target", "rel"}
)
# Elements that run code, load other documents or change the page: named as such in the message.
ACTIVE = frozenset(
    {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "link", "meta",
     "base", "form", "input", "button", "textarea", "select", "svg", "math", "template", "noscript"}
)  # fmt: skip
SCHEMES = frozenset({"javascript", "vbscript", "file", "data"})
# Markdown that looks like a tag but is not one: autolinks, e-mail autolinks, escaped "<".
_NOT_TAGS = re.compile(r"<(?:https?|ftp)://[^<>\s]*>|<(?:mailto:)?[^<> !@]+@[^@<> ]+>|\\<")
_ATTR_LIST = re.compile(r"\{:?[ ]*([^}\n]*=[^}\n]*)\}")
_ATTR_KEY = re.compile(r"([^\s=}\"'.#][^\s=}\"']*)\s*=")


class _Tags(HTMLParser):
    """Collects every tag with its attributes (values unescaped) and position."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]], tuple[int, int], bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs, self.getpos(), False))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs, self.getpos(), False))

    def handle_endtag(self, tag: str) -> None:
        self.found.append((tag, [], self.getpos(), True))


def dangerous_scheme(url: str, image: bool = False) -> str | None:
    """The forbidden scheme of ``url`` as a browser reads it (entities decoded,
    whitespace and control characters dropped), or None."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(url)).lower()
    scheme, colon, _ = cleaned.partition(":")
    if not colon or scheme not in SCHEMES:
        return None
    if scheme == "data" and image and DATA_IMAGE.match(cleaned):
        return None
    return scheme


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


@rule(
    Code(
        "KM801",
        "html-tidak-diizinkan",
        E,
        "Elemen HTML di bab yang tidak ada di daftar izin (misalnya script, iframe, style, form, div).",
    ),
    Code(
        "KM802",
        "atribut-tidak-diizinkan",
        E,
        "Atribut HTML atau attr_list yang tidak diizinkan (on…, style, href/src lewat atribut).",
    ),
    Code(
        "KM803",
        "alamat-berbahaya",
        E,
        "Tautan atau gambar dengan skema javascript:, vbscript:, file: atau data: (kecuali gambar data:image).",
    ),
    reads=(),
    per_module=True,
)
def content_is_safe(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    for m in kur.modul:
        for bab in m.bab.values():
            if bab.teks is not None:
                yield from _links(bab)
                if "<" in bab.teks:
                    yield from _html(bab)
                if "{" in bab.teks:
                    yield from _attr_lists(bab)


def _links(bab: Bab) -> Iterator[Finding]:
    for link in bab.tautan:
        scheme = dangerous_scheme(link.target, link.gambar)
        if scheme:
            yield _scheme_finding(Location(bab.berkas, link.line, link.column), scheme, link.target)


def _scheme_finding(where: Location, scheme: str, url: str) -> Finding:
    shown = url if len(url) <= 60 else url[:57] + "…"
    return finding(
        "KM803",
        where,
        f"alamat '{shown}' memakai skema {scheme}:, yang dapat menjalankan kode atau membuka berkas di "
        "perangkat peserta",
        "tautkan ke halaman https:// atau ke berkas di folder modul (gambar/…); gambar disimpan sebagai berkas, "
        "bukan data:",
    )


def _html(bab: Bab) -> Iterator[Finding]:
    text = _NOT_TAGS.sub(_blank, markdown.without_code(bab.teks or ""))
    parser = _Tags()
    parser.feed(text)
    parser.close()
    opened: set[str] = set()
    for tag, attrs, (line, offset), closing in parser.found:
        where = Location(bab.berkas, line, offset + 1)
        if tag not in ELEMENTS:
            if closing and tag in opened:
                continue  # its opening tag was reported already
            opened.add(tag)
            yield _element_finding(where, tag, closing)
            continue
        for name, value in attrs:
            if name not in ATTRIBUTES:
                yield _attribute_finding(where, tag, name)
            elif name in URL_ATTRIBUTES and value and (scheme := dangerous_scheme(value)):
                yield _scheme_finding(where, scheme, value)


def _element_finding(where: Location, tag: str, closing: bool) -> Finding:
    written = f"</{tag}>" if closing else f"<{tag}>"
    if tag in ACTIVE:
        message = (
            f"elemen HTML {written} dapat menjalankan kode atau mengubah halaman peserta; tidak diizinkan"
        )
    else:
        message = f"elemen HTML {written} tidak ada di daftar izin untuk bab"
    return finding(
        "KM801",
        where,
        message,
        "tulis dengan Markdown (judul ##, daftar, tabel, **tebal**, [tautan](…), ![gambar](gambar/…)); "
        "untuk menampilkan kode HTML sebagai teks, apit dengan tanda `. Elemen yang diizinkan: "
        + ", ".join(sorted(ELEMENTS)),
    )


def _attribute_finding(where: Location, tag: str, name: str) -> Finding:
    why = (
        "menjalankan kode saat peserta membuka atau menyentuh halaman"
        if name.startswith("on")
        else ("tidak ada di daftar izin")
    )
    return finding(
        "KM802",
        where,
        f"atribut '{name}' pada <{tag}> {why}",
        "hapus atribut itu; atribut yang diizinkan: " + ", ".join(sorted(ATTRIBUTES)),
    )


def _attr_lists(bab: Bab) -> Iterator[Finding]:
    text = markdown.without_code(bab.teks or "")
    position = markdown.positions(text)
    for match in _ATTR_LIST.finditer(text):
        for key in _ATTR_KEY.finditer(match.group(1)):
            name = key.group(1).lower()
            if name not in ATTR_LIST_KEYS:
                line, column = position(match.start(1) + key.start(1))
                yield finding(
                    "KM802",
                    Location(bab.berkas, line, column),
                    f"atribut '{key.group(1)}' di {{ … }} (attr_list) tidak diizinkan",
                    "di { } hanya .kelas, #id dan "
                    + ", ".join(sorted(ATTR_LIST_KEYS))
                    + " yang boleh dipakai",
                )
