"""Rendering: the model -> Markdown pages and a menu (kesos_modul/navigasi.py), ready for the site engine.

Jinja templates in ``templates/site`` lay the pages out. Chapter text is passed
to them as data and never evaluated as a template, so ``{{ 7*7 }}`` written in
a chapter stays literally on the page. Nothing here knows about MkDocs beyond
the Markdown dialect (admonitions, tables, definition lists) that Material for
MkDocs and Zensical both read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from kesos_modul import edisi, halaman_perubahan, markdown, navigasi, pwa, rujukan
from kesos_modul.bahasa import JENIS_LABEL, STATUS_LABEL, angka, tanggal
from kesos_modul.catatan import PERUBAHAN_LABEL, CatatanRilis
from kesos_modul.diff import Perubahan
from kesos_modul.engine import print_page
from kesos_modul.model import Change, Kurikulum, Modul, Orang, parse_date
from kesos_modul.navigasi import title
from kesos_modul.opendata import case_package, katalog, learning_resource
from kesos_modul.pengesahan import berlaku, uraian
from kesos_modul.resources import project_dir
from kesos_modul.search import Record


@dataclass(frozen=True)
class Options:
    edisi: str = "peserta"
    drafts: bool = False
    site_name: str = "Kurikulum Pelatihan SDM Kesejahteraan Sosial"
    versi: str = "pratinjau"
    dibangun: date = field(default_factory=date.today)
    # releases: what changed since the previous release, and its name; the release record
    perubahan: Perubahan | None = None
    rilis_sebelumnya: str | None = None
    catatan: CatatanRilis | None = None
    catatan_pdf: str | None = None
    # module code -> when its folder last changed in git, and by whom
    terakhir_diubah: Mapping[str, Change] = field(default_factory=dict)
    # module code -> its printed book (PDF file), published beside its page
    pdf: Mapping[str, str] = field(default_factory=dict)
    # docs path of a learning-platform package (modul/<kode>/…, program/…) -> its file
    paket: Mapping[str, str] = field(default_factory=dict)
    # a search page over the Pagefind index (not in the offline copy, which keeps the theme's search)
    cari: bool = True
    # reading without signal (kesos_modul/pwa.py): the saved-modules and offline pages, the save control
    pwa: bool = False
    # a writer's build: each module at a base revision, and its name, for the page of what changed
    dasar: Mapping[str, Modul] = field(default_factory=dict)
    dasar_nama: str = ""


@dataclass
class Site:
    """Rendered pages (docs-relative path -> Markdown), files to copy, and the engine's menu."""

    pages: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # generated non-page files (katalog.json)
    assets: dict[str, str] = field(default_factory=dict)  # docs path -> source path
    nav: list[Any] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)  # search results that are not pages
    # pages of the modules left for later (``render(only=...)``): links to them already resolve
    later: set[str] = field(default_factory=set)
    moduls: dict[str, dict[str, str]] = field(default_factory=dict)  # code -> title and version, for pwa


# Markdown syntax a writer's text must not become: links and images ([...](...),
# including javascript: ones) and attribute lists ({: onclick=...}). As character
# references they read the same in Markdown, in raw HTML and in attributes.
_INERT = str.maketrans({"[": "&#91;", "]": "&#93;", "{": "&#123;", "}": "&#125;"})


def _text(value: Any) -> Markup:
    """A writer's text (a field of modul.yaml) in a Markdown page: HTML-escaped, and
    unable to make a link, an image or an attribute (chapters are Markdown on purpose
    and checked by the KM8xx rules; metadata is plain text)."""
    return Markup(str(escape(value)).translate(_INERT))


def _cell(value: Any) -> Markup:
    """A value in a Markdown table cell: plain text, and unable to end the cell or the row."""
    return Markup(str(_text(value)).replace("|", "\\|").replace("\n", " "))


def _as_html(value: Any) -> Markup:
    """A filter value for Pagefind (``data-pagefind-filter``), to be shown as written:
    Pagefind decodes the character references of an element's text once more when it
    reads a filter, and its interface shows the value as HTML; so the text of the
    element must be the value escaped twice (tests/test_browser.py holds it to that)."""
    return Markup(escape(str(escape(str(escape(value))))))


def to_json(data: Any, indent: int | None = None) -> str:
    """JSON in which no text can read as markup (``<``, ``>``, ``&`` as ``\\u`` escapes):
    the data is the same once parsed, and the file is safe to embed or serve."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def environment(kurikulum: Kurikulum) -> Environment:
    env = Environment(
        loader=FileSystemLoader(project_dir("templates") / "site"),
        # compiled templates are kept (keyed by their source) for the next command
        bytecode_cache=FileSystemBytecodeCache(),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        # Markdown out, but every value is HTML-escaped unless marked as Markup:
        # the chapters (checked by the KM8xx rules) and JSON-LD.
        autoescape=True,
        # Markdown uses {#id} for heading anchors, so Jinja comments are {## ... ##}.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    reg = kurikulum.registri
    env.filters.update(
        t=_text,
        cell=_cell,
        yamlstr=lambda v: Markup(json.dumps(title(str(v)), ensure_ascii=False)),
        tanggal=tanggal,
        angka=angka,
        as_html=_as_html,
        orang=lambda o: f"{o.nama} ({o.instansi})" if isinstance(o, Orang) else str(o),
    )
    env.globals.update(
        reg=reg, anchor=edisi.anchor, status_label=STATUS_LABEL, jenis_label=JENIS_LABEL, pengesahan=uraian, berlaku=berlaku, tampil=rujukan.Tampil(reg),
        penjelasan_belum=rujukan.PENJELASAN_BELUM, penjelasan_kode=rujukan.PENJELASAN_KODE,
    )  # fmt: skip
    return env


@dataclass
class _Group:
    entri: Any
    moduls: list[Modul]


def render(kurikulum: Kurikulum, options: Options, only: Collection[str] | None = None) -> Site:
    """Every page of the site for one edition (with ``only``, of the modules only
    the pages of those source folders: the preview renders the others later)."""
    env = environment(kurikulum)
    moduls = edisi.moduls(kurikulum, options.drafts)
    site = Site()
    for m in moduls:
        me = edisi.baca(m, options.edisi)
        if only is None or m.folder in only:
            render_modul(env, me, options, site)
        else:
            site.later.update(module_pages(env.globals["reg"], me))
    render_aggregates(env, kurikulum, moduls, options, site)
    site.assets.update(options.paket)
    for name in (*SITE_ASSETS, *(PWA_ASSETS if options.pwa else ())):
        site.assets[f"assets/{name}"] = str(project_dir("templates") / "site" / "assets" / name)
    # The format's JSON Schemas travel with the site, so editors can point at a URL.
    for schema in sorted(project_dir("schema").glob("*.schema.json")):
        site.assets[f"skema/{schema.name}"] = str(schema)
    return site


def module_pages(reg: Any, me: edisi.ModulEdisi) -> list[str]:
    """The pages :func:`render_modul` writes for a module, without rendering them."""
    base = f"modul/{me.modul.kode}"
    return [*(f"{base}/{h.berkas}" for h in navigasi.nav_modul(reg, me).halaman), f"{base}/cetak.md"]


def render_modul(env: Environment, me: edisi.ModulEdisi, options: Options, site: Site) -> None:
    """A module as pages: an overview with Bab I, a page per chapter (under the
    chapter file's own name, so links and images written between chapters and
    modules work as written), the practice questions, the closing, and the whole
    module on one page to print. The schema keeps chapter files from taking
    the names of the other pages."""
    m = me.modul
    base = f"modul/{m.kode}"
    book = options.pdf.get(m.kode)
    if book:
        site.assets[f"{base}/{m.kode}.pdf"] = book
    common = {"m": m, "me": me, "up": "../../", "kunci": list(me.kunci), "pwa": options.pwa}
    nav = navigasi.nav_modul(env.globals["reg"], me)
    base_m = options.dasar.get(m.kode)
    changed = halaman_perubahan.changed(base_m, m)
    if changed:
        assert base_m is not None
        site.pages[f"{base}/{halaman_perubahan.PAGE}"] = env.get_template("perubahan-modul.md.j2").render(
            common, dasar=base_m, dasar_nama=options.dasar_nama, bagian=halaman_perubahan.parts(base_m, m)
        )
    site.moduls[m.kode] = {"judul": m.judul, "versi": m.versi}
    site.pages[f"{base}/index.md"] = env.get_template("modul.md.j2").render(
        common,
        nav=nav,
        pdf=f"{m.kode}.pdf" if book else None,
        paket=_paket(options, f"{base}/{m.kode}-"),
        # a YAML string holding the JSON (JSON's string syntax is YAML's double-quoted one)
        jsonld=Markup(json.dumps(to_json(learning_resource(env.globals["reg"], m)))),
        bab_href=lambda bab: bab,
        diubah=options.terakhir_diubah.get(m.kode),
        perubahan=options.dasar_nama if changed else None,
    )
    for b in me.bab:
        site.pages[f"{base}/{b.anchor}.md"] = env.get_template("bab.md.j2").render(
            common,
            nav=nav.di(f"{b.anchor}.md"),
            judul=f"{b.label}. {b.judul}",
            teks=Markup(markdown.without_title(b.teks)),
            begin=Markup(print_page.BEGIN),
            end=Markup(print_page.END),
        )
    if m.latihan:
        site.pages[f"{base}/latihan.md"] = env.get_template("latihan.md.j2").render(
            common, nav=nav.di("latihan.md")
        )
    site.pages[f"{base}/penutup.md"] = env.get_template("penutup.md.j2").render(
        common, nav=nav.di("penutup.md"), h="##"
    )
    site.pages[f"{base}/{print_page.PRINT_PAGE}"] = env.get_template("cetak.md.j2").render(
        common,
        sisip=lambda page: Markup(print_page.placeholder(page)),
        bab_href=lambda bab: "#" + edisi.anchor(bab),
        h="###",
        diubah=options.terakhir_diubah.get(m.kode),
    )
    prefix = f"{m.folder}/"
    for path in m.aset:
        site.assets[f"{base}/{path[len(prefix) :]}"] = path


def _groups(entries: Iterable[Any], moduls: list[Modul], key) -> list[_Group]:
    return [_Group(e, [m for m in moduls if e.kode in key(m)]) for e in entries]


def render_aggregates(
    env: Environment, kurikulum: Kurikulum, moduls: list[Modul], options: Options, site: Site
) -> None:
    """The pages about the whole curriculum (home, domains, pillars, matrix,
    programs, glossary, version) and the navigation."""
    reg = kurikulum.registri
    kodes = {m.kode for m in moduls}
    programs = [p for p in kurikulum.program if all(k in kodes for _, k in p.susunan)]
    ranah = _groups(reg.ranah.values(), moduls, lambda m: {reg.ranah_kode(r) for r in m.ranah})
    pilar = _groups(reg.pilar.values(), moduls, lambda m: set(m.pilar))
    peran = _groups(reg.peran.values(), moduls, lambda m: set(m.sasaran_peran))
    units = _groups(reg.unit.values(), moduls, lambda m: set(m.unit_kompetensi))
    total_jp = sum(m.jp.total for m in moduls)
    common = {"moduls": moduls, "programs": programs, "total_jp": total_jp, "site_name": options.site_name}
    site.pages["index.md"] = env.get_template("beranda.md.j2").render(common, ranah=ranah, peran=peran)
    first = _groups(reg.ranah.values(), moduls, lambda m: {navigasi.first_ranah(reg, m)})
    site.pages["modul/index.md"] = env.get_template("daftar-modul.md.j2").render(ranah=first)
    site.pages["pilar/index.md"] = env.get_template("ranah-indeks.md.j2").render(
        judul="Pilar", daftar=pilar, kolom="Pilar",
        pengantar="Empat bentuk penyelenggaraan kesejahteraan sosial menurut Undang-Undang Nomor 11 Tahun 2009 Pasal 6.",
    )  # fmt: skip
    for folder, groups, jenis in (
        ("ranah", ranah, "Masalah sosial prioritas"),
        ("pilar", pilar, "Bentuk penyelenggaraan kesejahteraan sosial"),
    ):
        for group in groups:
            site.pages[f"{folder}/{group.entri.kode}.md"] = env.get_template("ranah.md.j2").render(
                r=group, jenis=jenis
            )
    site.pages["kompetensi.md"] = env.get_template("kompetensi.md.j2").render(
        moduls=moduls, units=units, matrix=len(moduls) <= 8
    )
    by_kode = {m.kode: m for m in moduls}
    for p in programs:
        susunan = [{"kelompok": k, "modul": by_kode[kode]} for k, kode in p.susunan]
        site.pages[f"program/{p.kode}.md"] = env.get_template("program.md.j2").render(
            p=p, susunan=susunan, paket=_paket(options, f"program/{p.kode}-")
        )
    istilah = _glosarium(moduls)
    site.pages["glosarium.md"] = env.get_template("glosarium.md.j2").render(istilah=istilah)
    site.records = [
        Record(f"glosarium/#{g['anchor']}", g["istilah"], " ".join(d["teks"] for d in g["definisi"]))
        for g in istilah
    ]
    if options.cari:
        site.pages["cari.md"] = env.get_template("cari.md.j2").render()
    if options.pwa:
        site.pages["tersimpan.md"] = env.get_template("tersimpan.md.j2").render()
        site.pages["tanpa-sinyal.md"] = env.get_template("tanpa-sinyal.md.j2").render()
        site.files[pwa.MANIFEST] = pwa.web_manifest(options.site_name, options.edisi)
    approved = [d for d in (parse_date(m.tanggal_disahkan) for m in moduls) if d]
    site.pages["tentang.md"] = env.get_template("tentang.md.j2").render(
        common,
        versi=options.versi,
        dibangun=options.dibangun,
        edisi_label="fasilitator" if options.edisi == "fasilitator" else "peserta",
        terakhir_disahkan=max(approved) if approved else None,
    )
    if options.perubahan is not None:
        site.pages["perubahan.md"] = env.get_template("perubahan.md.j2").render(
            p=options.perubahan,
            versi=options.versi,
            sebelumnya=options.rilis_sebelumnya,
            catatan=options.catatan is not None,
        )
    if options.catatan is not None:
        site.pages["catatan-rilis.md"] = env.get_template("catatan-rilis.md.j2").render(
            c=options.catatan, pdf=options.catatan_pdf, perubahan_label=PERUBAHAN_LABEL
        )
        if options.catatan_pdf:
            site.assets["catatan-rilis.pdf"] = options.catatan_pdf
    site.nav = navigasi.nav(
        reg, programs, options.perubahan is not None, options.catatan is not None, options.pwa
    )
    site.files["katalog.json"] = _json(katalog(kurikulum, moduls, options.versi, options.dibangun))
    site.files["case.json"] = _json(case_package(kurikulum, moduls, options.dibangun))


# templates/site/assets/ as every page loads it (mkdocs.yml's extra_css and extra_javascript)
SITE_ASSETS = ("kesos.css", "kesos.js", "kesos-latihan.js", "kesos-cari.js")
PWA_ASSETS = ("kesos-luring.js", "ikon.svg", "ikon-192.png", "ikon-512.png")
_PAKET_LABEL = {".zip": "SCORM 1.2", ".imscc": "IMS Common Cartridge 1.1"}


def _paket(options: Options, prefix: str) -> list[tuple[str, str]]:
    """The packages published beside a page: (format, file name), for its download links."""
    return [
        (_PAKET_LABEL[path[path.rindex(".") :]], path.rpartition("/")[2])
        for path in sorted(options.paket)
        if path.startswith(prefix)
    ]


def _json(data: Any) -> str:
    return to_json(data, indent=2) + "\n"


def _glosarium(moduls: list[Modul]) -> list[dict[str, Any]]:
    """Terms of all modules; one entry per term, identical definitions merged,
    each with an anchor of its own (a search result leads to it)."""
    terms: dict[str, dict[str, Any]] = {}
    for m in moduls:
        for g in m.glosarium:
            entry = terms.setdefault(g.istilah.casefold(), {"istilah": g.istilah, "definisi": {}})
            entry["definisi"].setdefault(g.definisi.strip(), []).append(m)
    out = []
    anchors: set[str] = set()
    for _, e in sorted(terms.items()):
        slug = base = "istilah-" + (re.sub(r"[^a-z0-9]+", "-", e["istilah"].casefold()).strip("-") or "x")
        n = 1
        while slug in anchors:
            n += 1
            slug = f"{base}-{n}"
        anchors.add(slug)
        definisi = [{"teks": t, "moduls": ms} for t, ms in e["definisi"].items()]
        out.append({"istilah": e["istilah"], "anchor": slug, "definisi": definisi})
    return out
