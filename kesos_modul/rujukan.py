"""Registry entries as readers see them: the name, and plainly whether it is confirmed.

Every output that names a domain, pillar, SDM category, role, standard or unit
(site pages, the printed book, ``katalog.json``, JSON-LD, the CASE package) takes
its words from here, so an entry marked ``belum-terkonfirmasi`` in a registry, or
a unit without an official code, is never shown as a settled fact.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kesos_modul.model import Entri, Modul, Registri

BELUM = "belum terkonfirmasi"
TANPA_KODE = "kode resmi belum ada"
# for a page or a book that marks several entries
PENJELASAN_BELUM = (
    "Belum terkonfirmasi: keterangan yang bertanda demikian belum dicocokkan dengan teks resmi "
    "sumbernya; jangan mengutipnya sebagai rujukan resmi sebelum diperiksa."
)
PENJELASAN_KODE = (
    "Kode resmi belum ada: kode unit yang bertanda demikian belum ditemukan di teks resmi "
    "standarnya, sehingga modul merujuknya dengan rujukan lokal, bukan kode."
)
# for one entry (open data)
_SATU_BELUM = "Belum terkonfirmasi: belum dicocokkan dengan teks resmi sumbernya."
_SATU_KODE = "Kode resmi belum ada: kode unit ini belum ditemukan di teks resmi standarnya."


@dataclass(frozen=True)
class Rujukan:
    """One registry entry a module names, with what a reader must be told about it."""

    jenis: str  # ranah, pilar, kategori, peran, standar, unit
    kode: str  # as modules write it; for a unit its official code or its local id
    nama: str  # for a unit its title
    terkonfirmasi: bool
    dasar: str = ""  # dasar_hukum, or a standard's or unit's sumber
    catatan: str = ""
    kode_resmi: str | None = None  # units: None while no official code is known
    standar: Rujukan | None = None  # units: their standard

    @property
    def status(self) -> str:
        """The registry's own value, as open data publishes it."""
        return "terkonfirmasi" if self.terkonfirmasi else "belum-terkonfirmasi"

    @property
    def tanpa_kode(self) -> bool:
        return self.jenis == "unit" and self.kode_resmi is None

    @property
    def tanda(self) -> str:
        """What follows the name in brackets: '', 'belum terkonfirmasi', 'kode resmi belum ada; …'."""
        return "; ".join(
            t for t, on in ((TANPA_KODE, self.tanpa_kode), (BELUM, not self.terkonfirmasi)) if on
        )

    @property
    def label(self) -> str:
        """The name with its marks, as plain text: 'Mengevaluasi Risiko (belum terkonfirmasi)'."""
        return f"{self.nama} ({self.tanda})" if self.tanda else self.nama

    @property
    def keterangan(self) -> str:
        """The marks as sentences, with the registry's note: for a footnote, a CASE note, JSON-LD."""
        parts = [_SATU_KODE] if self.tanpa_kode else []
        if not self.terkonfirmasi:
            parts.append(_SATU_BELUM)
            if self.catatan:
                parts.append(self.catatan)
        return " ".join(parts)


def _from(jenis: str, kode: str, entri: Entri | None, reg: Registri) -> Rujukan:
    if entri is None:  # validation reports it (KM30x); show what was written, unconfirmed
        return Rujukan(jenis, kode, kode, False)
    extra = entri.extra
    return Rujukan(
        jenis,
        entri.kode,
        entri.nama,
        entri.terkonfirmasi,
        dasar=str(extra.get("dasar_hukum") or extra.get("sumber") or ""),
        catatan=str(extra.get("catatan", "")),
        kode_resmi=extra.get("kode") if jenis == "unit" else None,  # a unit with an id has none
        standar=standar(reg, extra["standar"]) if jenis == "unit" else None,
    )


def ranah(reg: Registri, written: str) -> Rujukan:
    """A domain written as its code or an alias, under its legal name."""
    kode = reg.ranah_kode(written)
    return _from("ranah", written, reg.ranah.get(kode) if kode else None, reg)


def pilar(reg: Registri, kode: str) -> Rujukan:
    return _from("pilar", kode, reg.pilar.get(kode), reg)


def kategori(reg: Registri, kode: str) -> Rujukan:
    return _from("kategori", kode, reg.kategori.get(kode), reg)


def peran(reg: Registri, kode: str) -> Rujukan:
    return _from("peran", kode, reg.peran.get(kode), reg)


def standar(reg: Registri, kode: str) -> Rujukan:
    return _from("standar", kode, reg.standar.get(kode), reg)


def unit(reg: Registri, kode: str) -> Rujukan:
    return _from("unit", kode, reg.unit.get(kode), reg)


@dataclass(frozen=True)
class RujukanModul:
    """Everything a module names in the registries, in the order it wrote them."""

    ranah: tuple[Rujukan, ...]
    pilar: tuple[Rujukan, ...]
    kategori: tuple[Rujukan, ...]
    peran: tuple[Rujukan, ...]
    unit: tuple[Rujukan, ...]

    @property
    def semua(self) -> tuple[Rujukan, ...]:
        standards = tuple(u.standar for u in self.unit if u.standar)
        return self.ranah + self.pilar + self.kategori + self.peran + self.unit + standards

    @property
    def ada_belum(self) -> bool:
        return ada_belum(self.semua)

    @property
    def ada_tanpa_kode(self) -> bool:
        return any(u.tanpa_kode for u in self.unit)


def modul(reg: Registri, m: Modul) -> RujukanModul:
    return RujukanModul(
        ranah=tuple(ranah(reg, r) for r in m.ranah),
        pilar=tuple(pilar(reg, p) for p in m.pilar),
        kategori=tuple(kategori(reg, k) for k in m.sasaran_kategori),
        peran=tuple(peran(reg, p) for p in m.sasaran_peran),
        unit=tuple(unit(reg, u) for u in m.unit_kompetensi),
    )


def ada_belum(refs: Iterable[Rujukan]) -> bool:
    """True when any of ``refs`` is unconfirmed: the page then explains the mark."""
    return any(not r.terkonfirmasi for r in refs)


class Tampil:
    """The functions above bound to one registry, for templates (``tampil.unit(kode)``)."""

    def __init__(self, reg: Registri) -> None:
        self.reg = reg

    def ranah(self, written: str) -> Rujukan:
        return ranah(self.reg, written)

    def pilar(self, kode: str) -> Rujukan:
        return pilar(self.reg, kode)

    def kategori(self, kode: str) -> Rujukan:
        return kategori(self.reg, kode)

    def peran(self, kode: str) -> Rujukan:
        return peran(self.reg, kode)

    def standar(self, kode: str) -> Rujukan:
        return standar(self.reg, kode)

    def unit(self, kode: str) -> Rujukan:
        return unit(self.reg, kode)

    def entri(self, jenis: str, e: Entri) -> Rujukan:
        return _from(jenis, e.kode, e, self.reg)

    def modul(self, m: Modul) -> RujukanModul:
        return modul(self.reg, m)
