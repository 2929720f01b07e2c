"""Navigation: the site's menu, and each module's own navigation inside its pages.

The engine's menu (the MkDocs ``nav``) holds only the pages about the whole
curriculum: home, the module list and one page per ranah, pillars, matrix,
programs, glossary and the release pages. Module pages are not in it. With
them in it, every page of a module carried every module of its ranah (the open
section's siblings), so each page grew with the curriculum and the site grew
faster than the number of modules (issue 14).

Instead every module page carries the navigation of its own module, laid out by
the templates (``_navigasi.md.j2``) as Markdown any engine builds: where it is
(Modul › ranah › module), the module's pages with this one marked, and the
previous and next page. Its length is bounded by the module.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kesos_modul.edisi import ModulEdisi
from kesos_modul.model import Entri, Modul, Program, Registri


@dataclass(frozen=True)
class Halaman:
    """One page of a module: its title as the lists show it, and its file in the module's folder."""

    judul: str
    berkas: str


@dataclass(frozen=True)
class NavModul:
    """What a module page shows to move around its module."""

    halaman: tuple[Halaman, ...]
    kini: int  # this page's place in ``halaman``
    ranah: Entri | None  # the ranah the module is listed under, if the registry knows it

    @property
    def sebelumnya(self) -> Halaman | None:
        return self.halaman[self.kini - 1] if self.kini > 0 else None

    @property
    def berikutnya(self) -> Halaman | None:
        return self.halaman[self.kini + 1] if self.kini + 1 < len(self.halaman) else None

    def di(self, berkas: str) -> NavModul:
        """The same navigation, seen from the page ``berkas``."""
        kini = next(i for i, h in enumerate(self.halaman) if h.berkas == berkas)
        return NavModul(self.halaman, kini, self.ranah)


def nav_modul(reg: Registri, me: ModulEdisi) -> NavModul:
    """A module's pages in reading order (the print page is not one of them), seen from its overview."""
    pages = [Halaman("Ringkasan dan pendahuluan", "index.md")]
    pages += [Halaman(f"{b.label}. {b.judul}", f"{b.anchor}.md") for b in me.bab]
    if me.modul.latihan:
        pages.append(Halaman("Latihan mandiri", "latihan.md"))
    pages.append(Halaman(f"{me.penutup}. Penutup", "penutup.md"))
    return NavModul(tuple(pages), 0, reg.ranah.get(first_ranah(reg, me.modul)))


def first_ranah(reg: Registri, m: Modul) -> str:
    """The ranah a module is listed under: the first it names."""
    return reg.ranah_kode(m.ranah[0]) or m.ranah[0]


def title(value: str) -> str:
    """A title as the site engine shows it: Material puts titles into its pages as
    HTML (header, navigation, footer), so markup must arrive escaped; ``&`` is
    left alone because the same title also lands in attributes that Material escapes itself."""
    return value.replace("<", "&lt;").replace(">", "&gt;")


def nav(
    reg: Registri, programs: list[Program], perubahan: bool, catatan: bool, tersimpan: bool = False
) -> list[Any]:
    """The engine's menu: the curriculum's own pages, never its modules (their
    ranah pages list them)."""
    nav: list[Any] = [
        {"Beranda": "index.md"},
        {
            "Modul": [
                {"Semua modul": "modul/index.md"},
                *({title(e.nama): f"ranah/{k}.md"} for k, e in reg.ranah.items()),
            ]
        },
        {
            "Pilar": [
                {"Semua pilar": "pilar/index.md"},
                *({title(e.nama): f"pilar/{k}.md"} for k, e in reg.pilar.items()),
            ]
        },
        {"Matriks kompetensi": "kompetensi.md"},
    ]
    if programs:
        nav.append({"Program": [{title(p.judul): f"program/{p.kode}.md"} for p in programs]})
    nav.append({"Glosarium": "glosarium.md"})
    if tersimpan:
        nav.append({"Modul tersimpan": "tersimpan.md"})
    if perubahan:
        nav.append({"Apa yang berubah": "perubahan.md"})
    if catatan:
        nav.append({"Catatan rilis": "catatan-rilis.md"})
    nav.append({"Tentang versi ini": "tentang.md"})
    return nav
