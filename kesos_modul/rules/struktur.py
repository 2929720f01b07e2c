"""KM2xx: the shape of the curriculum: folders, codes, chapter files, ids."""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Iterator

from kesos_modul.findings import Code, E, Finding, Location, finding
from kesos_modul.model import Kurikulum, kunci_entri
from kesos_modul.rules import Context, rule


@rule(
    Code("KM201", "folder-beda-kode", E, "Nama folder modul atau berkas program tidak sama dengan kode-nya."),
    reads=("kode",),
    per_module=True,
)
def folder_equals_kode(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    for m in kur.modul:
        folder = posixpath.basename(m.folder)
        if folder != m.kode:
            yield finding(
                "KM201",
                m.letak.of("kode"),
                f"kode '{m.kode}' tidak sama dengan nama folder '{folder}'",
                f"samakan keduanya: ganti kode menjadi '{folder}' atau ganti nama folder menjadi '{m.kode}'",
            )
    for p in kur.program:
        stem = posixpath.splitext(posixpath.basename(p.doc.file))[0]
        if stem != p.kode:
            yield finding(
                "KM201",
                p.letak.of("kode"),
                f"kode program '{p.kode}' tidak sama dengan nama berkas '{stem}'",
                f"ganti nama berkas menjadi program/{p.kode}.yaml atau samakan kodenya",
            )


@rule(
    Code("KM202", "kode-ganda", E, "Kode yang sama dipakai dua kali (modul, program, atau entri registri)."),
    reads=("kode",),
)
def unique_codes(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    for label, items in (("modul", kur.modul), ("program", kur.program)):
        seen: dict[str, str] = {}
        for item in items:
            if item.kode in seen:
                yield finding(
                    "KM202",
                    item.letak.of("kode"),
                    f"kode {label} '{item.kode}' sudah dipakai di {seen[item.kode]}",
                    f"setiap {label} perlu kode yang berbeda",
                )
            seen.setdefault(item.kode, item.doc.file)
    yield from _registry_duplicates(kur)


def _registry_duplicates(kur: Kurikulum) -> Iterator[Finding]:
    reg = kur.registri
    groups = {
        "ranah": reg.ranah,
        "pilar": reg.pilar,
        "kategori SDM": reg.kategori,
        "peran": reg.peran,
        "standar": reg.standar,
        "unit kompetensi": reg.unit,
    }
    for label, entries in groups.items():
        first = next(iter(entries.values()), None)
        if first is None:
            continue
        key = first.path[0]
        items = first.doc.data[key]
        counts = Counter(kunci_entri(item) for item in items)
        for i, item in enumerate(items):
            kunci = kunci_entri(item)
            if counts[kunci] > 1 and entries[kunci].path != (key, i):
                yield finding(
                    "KM202",
                    first.doc.loc(key, i, "kode" if "kode" in item else "id"),
                    f"{label} '{kunci}' ditulis lebih dari sekali di registri",
                    "hapus entri ganda atau beri kode yang berbeda",
                )
    names = set(reg.ranah)
    for alias, kode in reg.alias_ranah.items():
        if alias in names:
            entry = reg.ranah[kode]
            yield finding(
                "KM202",
                entry.letak.of("alias"),
                f"alias '{alias}' sama dengan kode ranah lain",
                "alias tidak boleh sama dengan kode ranah",
            )


@rule(
    Code("KM203", "bab-tidak-ada", E, "Berkas bab yang disebut di materi_pokok tidak ada."),
    Code("KM204", "bab-yatim", E, "Berkas Markdown di folder modul tidak disebut di materi_pokok."),
    Code(
        "KM206",
        "id-ganda",
        E,
        "id indikator, butir evaluasi atau soal latihan dipakai dua kali dalam satu modul, atau satu bab disebut dua kali.",
    ),
    reads=("materi_pokok",),
    per_module=True,
)
def chapter_files(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    for m in kur.modul:
        used: dict[str, int] = {}
        for i, mp in enumerate(m.materi_pokok):
            if mp.bab in used:
                yield finding(
                    "KM206",
                    mp.letak.of("bab"),
                    f"bab '{mp.bab}' sudah dipakai materi pokok ke-{used[mp.bab] + 1}",
                    "setiap materi pokok punya berkas babnya sendiri",
                )
                continue
            used[mp.bab] = i
            if mp.bab not in m.bab:
                present = sorted(m.bab)
                yield finding(
                    "KM203",
                    mp.letak.of("bab"),
                    f"berkas bab '{mp.bab}' tidak ada di {m.folder}/",
                    "buat berkasnya atau perbaiki namanya"
                    + (f"; berkas yang ada: {', '.join(present)}" if present else ""),
                )
        for name, bab in sorted(m.bab.items()):
            if name not in used:
                yield finding(
                    "KM204",
                    Location(bab.berkas, 1, 1),
                    f"bab '{name}' tidak disebut di materi_pokok {m.metadata_file}",
                    "tambahkan sebagai materi pokok (dengan judul, sub_materi, jp dan metode) atau hapus berkasnya",
                )


@rule(
    "KM206",
    reads=("tujuan_pembelajaran", "evaluasi", "latihan"),
    per_module=True,
)
def unique_ids(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    for m in kur.modul:
        for key, items in (
            ("tujuan_pembelajaran.indikator", m.indikator),
            ("evaluasi", m.evaluasi),
            ("latihan", m.latihan),
        ):
            seen: set[str] = set()
            for item in items:
                if item.id in seen:
                    yield finding(
                        "KM206",
                        item.letak.of("id"),
                        f"id '{item.id}' dipakai lebih dari sekali di {key}",
                        "beri setiap butir id yang berbeda",
                    )
                seen.add(item.id)
