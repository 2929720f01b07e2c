"""KM3xx: the mapping to UU 11/2009, the SDM Kesos registry and competency units."""

from __future__ import annotations

import difflib
import re
import warnings
from collections.abc import Iterable, Iterator

from kesos_modul.findings import Code, E, Finding, finding
from kesos_modul.model import Kurikulum, Letak
from kesos_modul.rules import Context, rule


def _unknown(
    code: str, letak: Letak, path: tuple, label: str, value: str, known: Iterable[str], registry: str
) -> Finding:
    choices = sorted(known)
    close = difflib.get_close_matches(value, choices, n=1)
    hint = f"mungkin maksudnya '{close[0]}'? " if close else ""
    if len(choices) <= 12:
        hint += "pilihan: " + ", ".join(choices)
    else:
        hint += f"lihat daftar di {registry}, atau tambahkan entrinya di sana bila memang baru"
    return finding(code, letak.of(*path), f"{label} '{value}' tidak dikenal", hint)


@rule(
    Code(
        "KM301",
        "ranah-tidak-dikenal",
        E,
        "Ranah bukan salah satu masalah sosial UU 11/2009 Pasal 5 ayat (2) atau aliasnya.",
    ),
    reads=("ranah",),
    per_module=True,
)
def ranah_known(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    reg = kur.registri
    known = [*reg.ranah, *reg.alias_ranah]
    for m in kur.modul:
        for i, r in enumerate(m.ranah):
            if reg.ranah_kode(r) is None:
                yield _unknown("KM301", m.letak, ("ranah", i), "ranah", r, known, "registri/ranah.yaml")


@rule(
    Code(
        "KM302", "pilar-tidak-dikenal", E, "Pilar bukan salah satu bentuk penyelenggaraan UU 11/2009 Pasal 6."
    ),
    reads=("pilar",),
    per_module=True,
)
def pilar_known(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    for m in kur.modul:
        for i, p in enumerate(m.pilar):
            if p not in kur.registri.pilar:
                yield _unknown(
                    "KM302", m.letak, ("pilar", i), "pilar", p, kur.registri.pilar, "registri/ranah.yaml"
                )


@rule(
    Code("KM303", "sdm-tidak-dikenal", E, "Kategori SDM Kesos atau peran sasaran tidak ada di registri."),
    reads=("sasaran",),
    per_module=True,
)
def sdm_known(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    reg = kur.registri
    owners = [(m.letak, m.sasaran_kategori, m.sasaran_peran) for m in kur.modul]
    owners += [(p.letak, p.sasaran_kategori, p.sasaran_peran) for p in kur.program]
    for letak, kategori, peran in owners:
        for i, k in enumerate(kategori):
            if k not in reg.kategori:
                yield _unknown(
                    "KM303",
                    letak,
                    ("sasaran", "kategori", i),
                    "kategori SDM Kesos",
                    k,
                    reg.kategori,
                    "registri/sdm.yaml",
                )
        for i, p in enumerate(peran):
            if p not in reg.peran:
                yield _unknown(
                    "KM303", letak, ("sasaran", "peran", i), "peran", p, reg.peran, "registri/sdm.yaml"
                )
    for entry in reg.peran.values():
        kategori = entry.extra.get("kategori")
        if kategori not in reg.kategori:
            yield _unknown(
                "KM303",
                entry.letak,
                ("kategori",),
                "kategori SDM Kesos",
                kategori,
                reg.kategori,
                "registri/sdm.yaml",
            )


@rule(
    Code("KM304", "unit-tidak-dikenal", E, "Unit kompetensi tidak ada di registri."),
    reads=("unit_kompetensi",),
    per_module=True,
)
def units_known(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    for m in kur.modul:
        for i, u in enumerate(m.unit_kompetensi):
            if u not in kur.registri.unit:
                yield _unknown(
                    "KM304",
                    m.letak,
                    ("unit_kompetensi", i),
                    "unit kompetensi",
                    u,
                    kur.registri.unit,
                    "registri/unit-kompetensi.yaml",
                )


@rule(
    Code(
        "KM305",
        "registri-tidak-sah",
        E,
        "Entri registri tidak konsisten: standar tidak dikenal, kode unit tidak sesuai pola standarnya, "
        "unit dengan kode dan id sekaligus, atau pola tidak sah.",
    ),
    reads=(),
)
def registry_units_consistent(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    reg = kur.registri
    patterns: dict[str, list[re.Pattern[str]]] = {}
    for std in reg.standar.values():
        compiled = []
        for j, p in enumerate(std.extra.get("pola_kode", [])):
            try:
                with warnings.catch_warnings():  # Python's own doubts about a pattern are the writer's too
                    warnings.simplefilter("error", FutureWarning)
                    compiled.append(re.compile(p["pola"]))
            except (re.error, FutureWarning) as exc:
                yield finding(
                    "KM305",
                    std.letak.of("pola_kode", j, "pola"),
                    f"pola kode standar '{std.kode}' bukan ekspresi reguler yang sah: {exc}",
                    "perbaiki polanya; contoh: '^[A-Z]\\.\\d{6}\\.\\d{3}\\.\\d{2}$'",
                )
                continue
            if not compiled[-1].fullmatch(p["contoh"]):
                yield finding(
                    "KM305",
                    std.letak.of("pola_kode", j, "contoh"),
                    f"contoh '{p['contoh']}' tidak sesuai polanya sendiri",
                    "perbaiki pola atau contohnya",
                )
        patterns[std.kode] = compiled
    for unit in reg.unit.values():
        std = unit.extra["standar"]
        if std not in reg.standar:
            yield _unknown(
                "KM305",
                unit.letak,
                ("standar",),
                "standar",
                std,
                reg.standar,
                "registri/unit-kompetensi.yaml",
            )
            continue
        if "kode" in unit.extra and "id" in unit.extra:
            yield finding(
                "KM305",
                unit.letak.of("id", key=True),
                f"unit '{unit.kode}' ditulis dengan kode dan id sekaligus",
                "tulis kode bila unit punya kode resmi; hapus id-nya (modul merujuk kode itu), "
                "atau hapus kode bila kode itu bukan kode resmi",
            )
            continue
        if "kode" not in unit.extra:  # a local id: there is no official code to check
            continue
        if patterns.get(std) and not any(p.fullmatch(unit.kode) for p in patterns[std]):
            examples = ", ".join(p["contoh"] for p in reg.standar[std].extra["pola_kode"])
            yield finding(
                "KM305",
                unit.letak.of("kode"),
                f"kode unit '{unit.kode}' tidak sesuai bentuk kode standar '{std}'",
                f"bentuk yang sah untuk standar ini, misalnya: {examples}",
            )


@rule(
    Code("KM306", "modul-program-tidak-dikenal", E, "Program menyebut modul yang tidak ada."),
    reads=("kode",),
)
def program_modules_known(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    known = kur.modul_by_kode()
    for p in kur.program:
        for i, (_, kode) in enumerate(p.susunan):
            # a module that exists but did not load has its own findings; don't blame the program
            if kode not in known and f"modules/{kode}/modul.yaml" not in kur.files:
                yield _unknown("KM306", p.letak, ("susunan", i, "modul"), "modul", kode, known, "modules/")


@rule(
    Code(
        "KM307",
        "terkonfirmasi-tanpa-dasar",
        E,
        "Entri registri berstatus terkonfirmasi tanpa dasar hukum (ranah, pilar, kategori, peran) "
        "atau sumber (standar, unit).",
    ),
)
def confirmed_has_basis(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    reg = kur.registri
    groups = (
        ("ranah", reg.ranah, "dasar_hukum"),
        ("pilar", reg.pilar, "dasar_hukum"),
        ("kategori SDM Kesos", reg.kategori, "dasar_hukum"),
        ("peran", reg.peran, "dasar_hukum"),
        ("standar", reg.standar, "sumber"),
        ("unit kompetensi", reg.unit, "sumber"),
    )
    for label, entries, field in groups:
        for entry in entries.values():
            if not entry.terkonfirmasi or str(entry.extra.get(field, "")).strip():
                continue
            where = entry.letak.of(field) if field in entry.extra else entry.letak.of("status")
            yield finding(
                "KM307",
                where,
                f"{label} '{entry.kode}' berstatus terkonfirmasi, tetapi {field} kosong",
                f"isi {field} dengan peraturan yang sudah dibaca di teks resminya, "
                f"atau ubah status menjadi belum-terkonfirmasi dan tulis di catatan apa yang sudah "
                f"dan belum diketahui",
            )
