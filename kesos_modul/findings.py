"""Findings: what validation reports, and the catalogue of every rule code.

A finding is plain data. Stages create findings through :func:`finding`, which
stamps the severity from the catalogue, so a code has one severity everywhere.
Only the output formats decide how a finding is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        """The Indonesian word shown to writers."""
        return {"error": "galat", "warning": "peringatan"}[self.value]


@dataclass(frozen=True)
class Location:
    """A place in the curriculum: a repository-relative file, 1-based line and column."""

    file: str
    line: int | None = None
    column: int | None = None


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    severity: Severity
    summary: str


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    hint: str = ""

    @property
    def name(self) -> str:
        return CODES[self.code].name


E, W = Severity.ERROR, Severity.WARNING

# Every code the validator can emit. Never renumber or reuse a code.
CATALOGUE: tuple[Code, ...] = (
    # KM0xx: reading files
    Code(
        "KM001",
        "yaml-tidak-valid",
        E,
        "Berkas YAML tidak dapat dibaca (sintaks salah, struktur tidak tertutup, lebih dari satu dokumen).",
    ),
    Code(
        "KM002",
        "kunci-ganda",
        E,
        "Kunci yang sama ditulis dua kali dalam satu pemetaan; YAML biasa diam-diam membuang yang pertama.",
    ),
    Code("KM003", "bukan-utf8", E, "Berkas tidak tersimpan sebagai UTF-8."),
    Code("KM004", "tab-indentasi", E, "Indentasi memakai karakter tab; YAML hanya menerima spasi."),
    Code(
        "KM005",
        "angka-bukan-teks",
        E,
        "Nilai tanpa tanda kutip dibaca YAML sebagai angka padahal harus teks (misalnya versi: 1.10 menjadi 1.1).",
    ),
    Code(
        "KM006",
        "boolean-bukan-teks",
        E,
        "Nilai seperti no, yes, on, off dibaca YAML sebagai benar/salah padahal harus teks.",
    ),
    Code(
        "KM007",
        "alias-yaml",
        E,
        "Anchor (&) dan alias (*) YAML tidak diizinkan: sulit ditelaah dan dapat membengkak tanpa batas.",
    ),
    Code("KM008", "berkas-terlalu-besar", E, "Berkas melebihi batas ukuran untuk metadata atau bab."),
    Code("KM009", "terlalu-bersarang", E, "Struktur YAML bersarang terlalu dalam."),
    Code(
        "KM010",
        "di-luar-repositori",
        E,
        "Berkas atau folder adalah tautan simbolik ke luar repositori (atau tautan putus); isinya tidak dibaca dan tidak diterbitkan.",
    ),
    Code(
        "KM011",
        "bukan-berkas-biasa",
        E,
        "Di kurikulum ada perangkat, FIFO, soket atau tautan simbolik ke folder; hanya berkas dan folder biasa yang dibaca.",
    ),
    Code(
        "KM012",
        "karakter-kontrol",
        E,
        "Berkas memuat karakter kontrol tak terlihat (misalnya NUL); hanya tab dan akhir baris yang diizinkan.",
    ),
    # KM1xx: the JSON Schema
    Code("KM101", "kolom-wajib", E, "Kolom wajib menurut skema tidak ada."),
    Code("KM102", "kolom-tidak-dikenal", E, "Kolom tidak dikenal skema (sering salah ketik)."),
    Code("KM103", "nilai-tidak-sah", E, "Nilai tidak sesuai skema: jenis, pola, pilihan, atau panjang."),
    # KM2xx: structure of the curriculum
    Code("KM201", "folder-beda-kode", E, "Nama folder modul atau berkas program tidak sama dengan kode-nya."),
    Code("KM202", "kode-ganda", E, "Kode yang sama dipakai dua kali (modul, program, atau entri registri)."),
    Code("KM203", "bab-tidak-ada", E, "Berkas bab yang disebut di materi_pokok tidak ada."),
    Code("KM204", "bab-yatim", E, "Berkas Markdown di folder modul tidak disebut di materi_pokok."),
    Code("KM205", "metadata-tidak-ada", E, "Folder di modules/ tidak berisi modul.yaml."),
    Code(
        "KM206",
        "id-ganda",
        E,
        "id indikator, butir evaluasi atau soal latihan dipakai dua kali dalam satu modul, atau satu bab disebut dua kali.",
    ),
    # KM3xx: mapping to the domain
    Code(
        "KM301",
        "ranah-tidak-dikenal",
        E,
        "Ranah bukan salah satu masalah sosial UU 11/2009 Pasal 5 ayat (2) atau aliasnya.",
    ),
    Code(
        "KM302", "pilar-tidak-dikenal", E, "Pilar bukan salah satu bentuk penyelenggaraan UU 11/2009 Pasal 6."
    ),
    Code("KM303", "sdm-tidak-dikenal", E, "Kategori SDM Kesos atau peran sasaran tidak ada di registri."),
    Code("KM304", "unit-tidak-dikenal", E, "Unit kompetensi tidak ada di registri."),
    Code(
        "KM305",
        "registri-tidak-sah",
        E,
        "Entri registri tidak konsisten: standar tidak dikenal, kode unit tidak sesuai pola standarnya, atau pola tidak sah.",
    ),
    Code("KM306", "modul-program-tidak-dikenal", E, "Program menyebut modul yang tidak ada."),
    # KM4xx: lesson hours
    Code("KM401", "jp-modul", E, "JP modul tidak sama dengan jumlah JP materi pokoknya."),
    Code("KM402", "jp-program", E, "JP program tidak sama dengan jumlah JP modul dalam susunannya."),
    Code("KM403", "jp-nol", E, "Materi pokok atau modul tanpa jam pelajaran."),
    # KM5xx: learning design and evaluation
    Code(
        "KM501",
        "indikator-tanpa-evaluasi",
        E,
        "Indikator keberhasilan tidak dinilai oleh butir evaluasi mana pun.",
    ),
    Code("KM502", "evaluasi-indikator-tidak-dikenal", E, "Butir evaluasi menunjuk indikator yang tidak ada."),
    Code("KM503", "kunci-tidak-ada", E, "Butir evaluasi tidak punya kunci jawaban di kunci-jawaban.yaml."),
    Code("KM504", "kunci-tanpa-evaluasi", E, "Kunci jawaban untuk butir evaluasi yang tidak ada."),
    Code(
        "KM505",
        "pilihan-tidak-sesuai",
        E,
        "Soal pilihan ganda tanpa pilihan, atau soal esai/praktik yang memuat pilihan.",
    ),
    Code(
        "KM506", "latihan-tanpa-jawaban-benar", E, "Soal latihan tanpa satu pun pilihan bertanda benar: true."
    ),
    # KM6xx: life cycle and dates
    Code("KM601", "tanggal-tidak-valid", E, "Tanggal tidak ada di kalender (misalnya 2026-02-30)."),
    Code(
        "KM602",
        "telaah-lewat",
        W,
        "Tanggal telaah berikutnya sudah lewat: modul perlu ditelaah dan disesuaikan.",
    ),
    Code(
        "KM603",
        "pengesahan-tidak-lengkap",
        E,
        "Modul berstatus disahkan tanpa pengesah atau tanggal pengesahan.",
    ),
    Code(
        "KM604",
        "riwayat-tidak-cocok",
        E,
        "Entri teratas riwayat tidak sama dengan versi modul, atau riwayat tidak berurutan.",
    ),
    Code("KM605", "tanggal-janggal", W, "Tanggal di masa depan atau urutan tanggal yang janggal."),
    Code(
        "KM606",
        "versi-belum-dinaikkan",
        E,
        "Isi modul berubah sejak rilis terakhir (atau revisi --base) tetapi versinya tidak dinaikkan.",
    ),
    # KM7xx: links
    Code("KM701", "tautan-rusak", E, "Tautan ke berkas di repositori yang tidak ada."),
    Code("KM702", "gambar-tidak-ada", E, "Gambar yang dirujuk bab tidak ada."),
    # KM8xx: content safety (nothing a contributor writes runs in a trainee's browser)
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
    Code(
        "KM804",
        "berkas-tidak-diterbitkan",
        W,
        "Berkas di folder modul yang bukan bab atau gambar; tidak diterbitkan.",
    ),
    Code(
        "KM805",
        "svg-tidak-aman",
        E,
        "Gambar SVG yang memuat skrip, atribut on…, foreignObject, rujukan ke berkas atau host lain, atau tidak dapat dibaca.",
    ),
)

CODES: dict[str, Code] = {c.code: c for c in CATALOGUE}


def finding(code: str, where: Location, message: str, hint: str = "") -> Finding:
    """Make a finding with the catalogue's severity for ``code``."""
    return Finding(
        file=where.file,
        line=where.line or 0,
        column=where.column or 0,
        code=code,
        severity=CODES[code].severity,
        message=message,
        hint=hint,
    )


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
