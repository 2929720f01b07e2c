"""The curriculum as the rest of the toolkit sees it.

Built by :mod:`kesos_modul.loading` from files that passed the schema, so every
field has the type the schema promises; a module read only in part says which
fields held neutral values instead (:attr:`Modul.rusak`). Every object knows where it was
written (:class:`Letak`), so a rule points at the line of any value without
spelling a YAML path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from kesos_modul.findings import Location
from kesos_modul.yamldoc import YamlDoc

if TYPE_CHECKING:
    from kesos_modul.tanda_tangan import Bukti

EDISI = ("peserta", "fasilitator")  # the trainee edition, and the facilitator edition with answer keys


@dataclass(frozen=True)
class Letak:
    """Where a value was written: its file and its path in the YAML. The line and
    column are looked up only when a finding needs them."""

    doc: YamlDoc = field(repr=False)
    path: tuple[str | int, ...] = ()

    def of(self, *field_path: str | int, key: bool = False) -> Location:
        """The place of this value, or of one of its fields (``key``: of the field's key)."""
        return self.doc.loc(*self.path, *field_path, key=key)


def _here():
    """An object's :class:`Letak`: never part of its value."""
    return field(repr=False, compare=False)


@dataclass(frozen=True)
class Change:
    """When a module's folder last changed in git, and by whom."""

    tanggal: date
    oleh: str


@dataclass(frozen=True)
class JP:
    """Lesson hours (jam pelajaran, 45 minutes each): theory, practice, field practice."""

    teori: int = 0
    praktik: int = 0
    praktik_lapangan: int = 0

    @property
    def total(self) -> int:
        return self.teori + self.praktik + self.praktik_lapangan

    @property
    def menit(self) -> int:
        return self.total * 45

    def __add__(self, other: JP) -> JP:
        return JP(
            self.teori + other.teori,
            self.praktik + other.praktik,
            self.praktik_lapangan + other.praktik_lapangan,
        )

    def __str__(self) -> str:
        return f"{self.total} JP (T {self.teori}, P {self.praktik}, PL {self.praktik_lapangan})"

    def as_dict(self, menit: bool = False) -> dict[str, int]:
        """The split and its total (and minutes), as open data and the review diff publish it."""
        out = {"teori": self.teori, "praktik": self.praktik, "praktik_lapangan": self.praktik_lapangan}
        out["total"] = self.total
        if menit:
            out["menit"] = self.menit
        return out


@dataclass(frozen=True)
class Orang:
    nama: str
    instansi: str
    jabatan: str = ""
    tempat: str = ""  # the approver's: where the module was approved


@dataclass(frozen=True)
class Persetujuan:
    """Who agreed to a module's content, when, and the digest (``sidik``) of that content."""

    oleh: str
    tanggal: str
    sidik: str


@dataclass(frozen=True)
class Riwayat:
    versi: str
    tanggal: str
    ringkasan: str
    letak: Letak = field(repr=False, compare=False)  # where, not part of the value
    pengesahan: Persetujuan | None = None  # the approving official approved this version's content
    perbaikan_redaksional: Persetujuan | None = None  # a reviewer: this patch changed only wording


@dataclass(frozen=True)
class Indikator:
    id: str
    teks: str
    letak: Letak = field(repr=False, compare=False)  # where, not part of the value


@dataclass(frozen=True)
class MateriPokok:
    judul: str
    bab: str
    sub_materi: tuple[str, ...]
    jp: JP
    metode: tuple[str, ...]
    media: tuple[str, ...]
    letak: Letak = field(repr=False, compare=False)  # where, not part of the value


@dataclass(frozen=True)
class Evaluasi:
    id: str
    indikator: str
    jenis: str
    soal: str
    pilihan: tuple[str, ...]
    letak: Letak = field(repr=False, compare=False)  # where, not part of the value


@dataclass(frozen=True)
class Pilihan:
    teks: str
    benar: bool
    umpan_balik: str


@dataclass(frozen=True)
class Latihan:
    """A practice question: public, answered on the page with feedback (unlike evaluasi)."""

    id: str
    soal: str
    pilihan: tuple[Pilihan, ...]
    letak: Letak = field(repr=False, compare=False)  # where, not part of the value


@dataclass(frozen=True)
class Kunci:
    evaluasi: str
    jawaban: str
    pembahasan: str
    letak: Letak = field(repr=False, compare=False)  # where, not part of the value


@dataclass(frozen=True)
class Istilah:
    istilah: str
    definisi: str


@dataclass(frozen=True)
class Tautan:
    """A link or image reference in a chapter, as written."""

    target: str
    line: int
    column: int
    gambar: bool


@dataclass(frozen=True)
class Bab:
    """A chapter file: its repository path and text (None when it could not be read)."""

    berkas: str
    teks: str | None
    tautan: tuple[Tautan, ...] = ()


@dataclass(frozen=True)
class Modul:
    kode: str
    folder: str
    judul: str
    versi: str
    status: str
    tanggal_disahkan: str | None
    tanggal_telaah_berikutnya: str | None
    penerbit: str
    riwayat: tuple[Riwayat, ...]
    penyusun: tuple[Orang, ...]
    penelaah: tuple[Orang, ...]
    pengesah: Orang | None
    sasaran_kategori: tuple[str, ...]
    sasaran_peran: tuple[str, ...]
    ranah: tuple[str, ...]
    pilar: tuple[str, ...]
    unit_kompetensi: tuple[str, ...]
    pendahuluan: dict[str, str]
    hasil_belajar: str
    indikator: tuple[Indikator, ...]
    materi_pokok: tuple[MateriPokok, ...]
    jp: JP
    evaluasi: tuple[Evaluasi, ...]
    rangkuman: str
    daftar_pustaka: tuple[str, ...]
    glosarium: tuple[Istilah, ...]
    doc: YamlDoc = field(repr=False, compare=False)
    kunci: tuple[Kunci, ...] | None = None
    kunci_doc: YamlDoc | None = field(default=None, repr=False, compare=False)
    bab: dict[str, Bab] = field(default_factory=dict, repr=False, compare=False)
    # other files in the folder (images): repository path -> SHA-256 of the bytes
    aset: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    latihan: tuple[Latihan, ...] = ()
    # What could not be read: top-level fields of modul.yaml with a schema or YAML
    # error (they hold neutral values: empty text, no items, 0 JP), and the name of
    # the answer-key file when that file could not be read. Empty: read whole.
    # Rules that read a broken field skip the module; no output ever carries it.
    rusak: frozenset[str] = frozenset()
    kata_pengantar: str = ""  # the book's foreword

    @property
    def metadata_file(self) -> str:
        return self.doc.file

    def disusun_oleh(self, nama: str) -> bool:
        """Whether ``nama`` (spaces aside) is one of the module's writers (``penyusun``)."""
        return " ".join(nama.split()) in {" ".join(o.nama.split()) for o in self.penyusun}

    @property
    def letak(self) -> Letak:
        return Letak(self.doc)

    @property
    def letak_kunci(self) -> Letak | None:
        return Letak(self.kunci_doc) if self.kunci_doc else None


@dataclass(frozen=True)
class Program:
    kode: str
    judul: str
    penyelenggara: str
    deskripsi: str
    sasaran_kategori: tuple[str, ...]
    sasaran_peran: tuple[str, ...]
    jp: JP
    susunan: tuple[tuple[str, str], ...]  # (kelompok, kode modul)
    doc: YamlDoc = field(repr=False, compare=False)

    @property
    def letak(self) -> Letak:
        return Letak(self.doc)


@dataclass(frozen=True)
class Entri:
    """An entry of a registry: a domain, pillar, SDM category, role, standard or unit."""

    kode: str
    nama: str
    status: str
    doc: YamlDoc = field(repr=False, compare=False)
    path: tuple = ()
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def terkonfirmasi(self) -> bool:
        return self.status == "terkonfirmasi"

    @property
    def letak(self) -> Letak:
        return Letak(self.doc, self.path)


def kunci_entri(item: dict) -> str:
    """How modules refer to a registry entry: its ``kode``, or a unit's local ``id`` when it has no code."""
    return item["kode"] if "kode" in item else item["id"]


@dataclass(frozen=True)
class Penandatangan:
    """Who may review or approve, with the SSH key they sign with (``registri/penandatangan.yaml``)."""

    kode: str
    nama: str
    jabatan: str
    instansi: str
    peran: tuple[str, ...]  # "penelaah", "pengesah"
    kunci: str  # the public key: type and base64, without its comment
    berlaku_mulai: date
    berlaku_sampai: date | None
    letak: Letak = field(repr=False, compare=False)

    def boleh(self, peran: str, pada: date) -> bool:
        """Whether this person may sign as ``peran`` on day ``pada``."""
        ends = self.berlaku_sampai
        return peran in self.peran and self.berlaku_mulai <= pada and (ends is None or pada <= ends)


@dataclass(frozen=True)
class Registri:
    ranah: dict[str, Entri] = field(default_factory=dict)
    alias_ranah: dict[str, str] = field(default_factory=dict)  # alias -> kode ranah
    pilar: dict[str, Entri] = field(default_factory=dict)
    kategori: dict[str, Entri] = field(default_factory=dict)
    peran: dict[str, Entri] = field(default_factory=dict)
    standar: dict[str, Entri] = field(default_factory=dict)
    unit: dict[str, Entri] = field(default_factory=dict)
    # None: the curriculum has no registri/penandatangan.yaml, so approvals are not signed
    penandatangan: dict[str, Penandatangan] | None = None

    def ranah_kode(self, written: str) -> str | None:
        """The legal code for a domain written as its code or one of its aliases."""
        if written in self.ranah:
            return written
        return self.alias_ranah.get(written)


@dataclass(frozen=True)
class Kurikulum:
    """Everything under one curriculum root."""

    modul: tuple[Modul, ...]
    program: tuple[Program, ...]
    registri: Registri
    files: frozenset[str]
    # the signed statements in the repository's tags, by tag name (kesos_modul.tanda_tangan);
    # None when approvals are not signed (no signer registry)
    tanda_tangan: Mapping[str, Bukti] | None = None

    def modul_by_kode(self) -> dict[str, Modul]:
        return {m.kode: m for m in self.modul}

    def utuh(self) -> Kurikulum:
        """The curriculum without the modules that were read only in part."""
        if not any(m.rusak for m in self.modul):
            return self
        return Kurikulum(
            tuple(m for m in self.modul if not m.rusak),
            self.program,
            self.registri,
            self.files,
            self.tanda_tangan,
        )


def parse_date(text: str | None) -> date | None:
    """A ``YYYY-MM-DD`` date, or None when absent or not a real calendar date."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
