"""A module's pages as a learning platform plays them: one self-contained HTML file
per page (summary and Bab I, each chapter, the practice questions, the closing),
with the module's images and the package's own stylesheet and script.

The text is the site's: the same edition reading, the same partial templates
(``templates/site/_*.md.j2``) and the same Markdown dialect. What differs is the
frame: no theme, no site navigation (the platform gives it), nothing fetched from
outside the package, and every link that would leave it made plain text.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

import markdown as python_markdown
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from kesos_modul import allowlist, edisi, markdown, navigasi, render
from kesos_modul.model import Kurikulum, Modul
from kesos_modul.resources import project_dir

ASET = "aset"  # the package's stylesheet and script, shared by every page
EXTENSIONS = ["admonition", "attr_list", "def_list", "md_in_html", "tables", "toc"]  # as on the site
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
_ALIGN = re.compile(r"^text-align: (left|right|center);$")  # what the tables extension writes


@dataclass(frozen=True)
class Halaman:
    """One page of a module in a package."""

    path: str  # in the package: "<kode>/<name>.html"
    judul: str
    html: str


@dataclass(frozen=True)
class ModulPaket:
    """A module's files in a package: its pages in reading order, and its images."""

    modul: Modul
    halaman: tuple[Halaman, ...]
    aset: dict[str, str]  # path in the package -> source file (the module's images)


def asset_files() -> dict[str, str]:
    """The files every package carries once: path in the package -> source file."""
    templates = project_dir("templates")
    return {
        f"{ASET}/paket.css": str(templates / "paket" / "paket.css"),
        f"{ASET}/latihan.js": str(templates / "site" / "assets" / "kesos-latihan.js"),  # as on the site
        f"{ASET}/paket.js": str(templates / "paket" / "paket.js"),
    }


def environment(kurikulum: Kurikulum) -> Environment:
    """The site's template environment, reading the package's templates first."""
    env = render.environment(kurikulum)
    env.loader = ChoiceLoader([FileSystemLoader(project_dir("templates") / "paket"), env.loader])  # type: ignore[list-item]
    return env


def _frame() -> Environment:
    return Environment(
        loader=FileSystemLoader(project_dir("templates") / "paket"),
        autoescape=select_autoescape(["html", "html.j2"]),
        keep_trailing_newline=True,
    )


def modul_paket(
    env: Environment,
    kurikulum: Kurikulum,
    m: Modul,
    nama_edisi: str,
    reachable: str,
    others: Iterable[Modul] = (),
) -> ModulPaket:
    """Module ``m``'s pages as ``nama_edisi`` reads it.

    ``reachable`` says which links a page keeps: ``"halaman"`` only those within the
    page itself (SCORM: each page is its own SCO, and a link to another would leave
    the platform's tracking), ``"paket"`` every page in the package (a cartridge's
    pages are free to browse). ``others`` are the other modules in the package.
    """
    me = edisi.baca(m, nama_edisi, lambda kode, anchor, same: f"{anchor}.html" if same else None)
    nav = navigasi.nav_modul(kurikulum.registri, me)
    base = m.kode
    names = {h.berkas: f"{base}/{h.berkas.removesuffix('.md')}.html" for h in nav.halaman}
    prefix = f"{m.folder}/"
    images = {f"{base}/{path[len(prefix) :]}": path for path in m.aset}
    package_pages = set(names.values())
    for o in others:
        pages_of = navigasi.nav_modul(kurikulum.registri, edisi.baca(o, nama_edisi)).halaman
        package_pages |= {f"{o.kode}/{h.berkas.removesuffix('.md')}.html" for h in pages_of}
    common = {
        "m": m,
        "me": me,
        "up": "",
        "kunci": list(me.kunci),
        "bab_href": lambda bab: f"{edisi.anchor(bab)}.html",
    }
    sources = {"index.md": env.get_template("ringkasan.md.j2").render(common, diubah=None)}
    for b in me.bab:
        sources[f"{b.anchor}.md"] = env.get_template("bab.md.j2").render(
            common, judul=f"{b.label}. {b.judul}", teks=Markup(markdown.without_title(b.teks))
        )
    if m.latihan:
        sources["latihan.md"] = env.get_template("latihan.md.j2").render(common)
    sources["penutup.md"] = env.get_template("penutup.md.j2").render(common, h="##")
    frame = _frame().get_template("halaman.html.j2")
    pages = []
    for number, h in enumerate(nav.halaman, start=1):
        path = names[h.berkas]
        keep = {path} if reachable == "halaman" else package_pages
        body = allowlist.clean(_html(sources[h.berkas], path, keep | set(images)))
        html = frame.render(
            m=m, edisi=nama_edisi, judul=h.judul, nomor=number, jumlah=len(nav.halaman),
            isi=Markup(body), aset=posixpath.relpath(ASET, base) + "/",
        )  # fmt: skip
        pages.append(Halaman(path, h.judul, html))
    return ModulPaket(m, tuple(pages), images)


def _html(source: str, path: str, files: set[str]) -> str:
    """A page's Markdown as HTML; links and images that would leave ``files`` made plain text."""
    converter = python_markdown.Markdown(extensions=[*EXTENSIONS, _Contained(path, files)])
    return converter.convert(source)


class _Contained(Extension):
    def __init__(self, path: str, files: set[str]) -> None:
        super().__init__()
        self.path, self.files = path, files

    def extendMarkdown(self, md: python_markdown.Markdown) -> None:
        md.treeprocessors.register(_ContainLinks(md, self.path, self.files), "kesos-contain", 0)


class _ContainLinks(Treeprocessor):
    """Links to pages and images in the package point at their HTML files; a link
    to anything else that is relative (a site page, a module not packaged) becomes
    its text, and an image not packaged becomes its description. A table column's
    alignment becomes a class (paket.css), not an inline style."""

    def __init__(self, md: python_markdown.Markdown, path: str, files: set[str]) -> None:
        super().__init__(md)
        self.path, self.files = path, files

    def run(self, root: ET.Element) -> None:
        for parent in root.iter():
            for child in list(parent):
                if child.tag == "a" and (href := child.get("href")) is not None:
                    target = self._target(href)
                    if target is None:
                        child.tag = "span"
                        child.attrib.clear()
                    elif _EXTERNAL.match(target):
                        child.set("rel", "noopener noreferrer")
                    else:
                        child.set("href", target)
                elif child.tag in ("th", "td") and (align := _ALIGN.match(child.get("style", ""))):
                    # a table column's alignment: the page's policy (style-src 'self') blocks inline styles
                    del child.attrib["style"]
                    child.set("class", f"rata-{align[1]}")
                elif child.tag == "img" and self._target(child.get("src", "")) is None:
                    child.tag, alt = "span", child.get("alt", "")
                    child.attrib.clear()
                    child.text = f"[Gambar: {alt}]" if alt else "[Gambar]"

    def _target(self, href: str) -> str | None:
        """Where ``href`` points from this page in the package, or None if it leaves it."""
        if href.startswith("#") or _EXTERNAL.match(href):
            return href if not href.lower().startswith(("javascript:", "data:", "vbscript:")) else None
        address, _, fragment = href.partition("#")
        if address.endswith(".md"):
            address = address[:-3] + ".html"
        if address.endswith("/"):
            address += "index.html"
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(self.path), address))
        if resolved == self.path:
            return f"#{fragment}" if fragment else "#"
        if resolved not in self.files:
            return None
        relative = posixpath.relpath(resolved, posixpath.dirname(self.path))
        return f"{relative}#{fragment}" if fragment else relative
