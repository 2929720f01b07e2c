"""The release record (*catatan rilis*): what an inspector asks for.

For one release: its name, date and git commit, and every module it carries or
dropped, with its version before and after, who wrote, reviewed and approved
it, and the digest of the approved content. Published with the release as a
page of the site and as a PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from kesos_modul.bahasa import STATUS_LABEL, tanggal
from kesos_modul.diff import Perubahan
from kesos_modul.model import Modul, Orang
from kesos_modul.pengesahan import sidik, uraian
from kesos_modul.resources import project_dir

PERUBAHAN_LABEL = {"baru": "Modul baru", "diubah": "Diubah", "tetap": "Tidak berubah", "dihapus": "Dihapus"}


@dataclass(frozen=True)
class BarisRilis:
    """One module in a release record."""

    kode: str
    judul: str
    perubahan: str  # baru | diubah | tetap | dihapus
    versi_lama: str | None
    versi_baru: str | None
    status: str
    penyusun: tuple[Orang, ...]
    penelaah: tuple[Orang, ...]
    pengesahan: tuple[str, ...]  # the approval of exactly the content released, in words
    sidik: str  # the digest of the content released (or, when removed, last released)


@dataclass(frozen=True)
class CatatanRilis:
    nama: str
    tanggal: date
    commit: str
    sebelumnya: str | None
    modul: tuple[BarisRilis, ...]

    def jumlah(self, perubahan: str) -> int:
        return sum(b.perubahan == perubahan for b in self.modul)


def catatan(
    nama: str, day: date, commit: str, sebelumnya: str | None, moduls: list[Modul], perubahan: Perubahan
) -> CatatanRilis:
    """The record of a release carrying ``moduls`` (the published edition's modules)."""
    added = {m.kode for m in perubahan.ditambah}
    before = {c.baru.kode: c.lama.versi for c in perubahan.diubah}
    rows = []
    for m in moduls:
        kind = "baru" if m.kode in added else "diubah" if m.kode in before else "tetap"
        old = None if kind == "baru" else before.get(m.kode, m.versi)
        rows.append(_row(m, kind, old, m.versi))
    rows += [_row(m, "dihapus", m.versi, None) for m in perubahan.dihapus]
    order = {"baru": 0, "diubah": 1, "dihapus": 2, "tetap": 3}
    rows.sort(key=lambda b: (order[b.perubahan], b.judul.casefold()))
    return CatatanRilis(nama, day, commit, sebelumnya, tuple(rows))


def _row(m: Modul, kind: str, old: str | None, new: str | None) -> BarisRilis:
    return BarisRilis(
        m.kode, m.judul, kind, old, new, m.status, m.penyusun, m.penelaah, tuple(uraian(m)), sidik(m)
    )


def html(record: CatatanRilis, site_name: str) -> str:
    """The record as one HTML document, for the PDF."""
    env = Environment(
        loader=FileSystemLoader(project_dir("templates") / "pdf"),
        autoescape=select_autoescape(["html", "j2"]),
    )
    env.filters["tanggal"] = tanggal
    folder = project_dir("templates") / "pdf"
    css = "\n".join((folder / name).read_text(encoding="utf-8") for name in ("buku.css", "catatan-rilis.css"))
    return env.get_template("catatan-rilis.html.j2").render(
        c=record, site_name=site_name, css=css, status_label=STATUS_LABEL, perubahan_label=PERUBAHAN_LABEL
    )


def write_pdf(record: CatatanRilis, site_name: str, target: Path) -> Path:
    from weasyprint import HTML  # loaded only when a release is typeset

    target.parent.mkdir(parents=True, exist_ok=True)
    HTML(string=html(record, site_name)).write_pdf(target)
    return target
