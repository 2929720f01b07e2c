"""KM4xx: lesson hours (JP, 45 minutes) add up, split into T / P / PL."""

from __future__ import annotations

from collections.abc import Iterator

from kesos_modul.findings import Code, E, Finding, finding
from kesos_modul.model import JP, Kurikulum
from kesos_modul.rules import Context, rule


def _sum(items) -> JP:
    total = JP()
    for item in items:
        total = total + item
    return total


def _yaml(jp: JP) -> str:
    """JP as a writer would type it in the YAML file."""
    return f"{{teori: {jp.teori}, praktik: {jp.praktik}, praktik_lapangan: {jp.praktik_lapangan}}}"


@rule(
    Code("KM401", "jp-modul", E, "JP modul tidak sama dengan jumlah JP materi pokoknya."),
    reads=("jp", "materi_pokok"),
    per_module=True,
)
def module_jp_is_sum(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    for m in kur.modul:
        total = _sum(mp.jp for mp in m.materi_pokok)
        if total != m.jp:
            yield finding(
                "KM401",
                m.letak.of("jp"),
                f"JP modul {m.jp} tidak sama dengan jumlah JP materi pokok {total}",
                f"ubah jp modul menjadi {_yaml(total)} atau perbaiki JP materi pokoknya",
            )


@rule(
    Code("KM402", "jp-program", E, "JP program tidak sama dengan jumlah JP modul dalam susunannya."),
    reads=("kode", "jp"),
)
def program_jp_is_sum(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    moduls = kur.modul_by_kode()
    for p in kur.program:
        if any(kode not in moduls for _, kode in p.susunan):
            continue  # KM306 reports the unknown module; a sum would mislead
        total = _sum(moduls[kode].jp for _, kode in p.susunan)
        if total != p.jp:
            yield finding(
                "KM402",
                p.letak.of("jp"),
                f"JP program {p.jp} tidak sama dengan jumlah JP modulnya {total}",
                f"ubah jp program menjadi {_yaml(total)} atau periksa susunan modulnya",
            )


@rule(
    Code("KM403", "jp-nol", E, "Materi pokok atau modul tanpa jam pelajaran."),
    reads=("materi_pokok",),
    per_module=True,
)
def no_empty_hours(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    for m in kur.modul:
        for mp in m.materi_pokok:
            if mp.jp.total == 0:
                yield finding(
                    "KM403",
                    mp.letak.of("jp"),
                    f"materi pokok '{mp.judul}' tidak diberi jam pelajaran",
                    "setiap materi pokok paling sedikit 1 JP (45 menit) teori, praktik atau praktik lapangan",
                )
