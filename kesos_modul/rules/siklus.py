"""KM6xx: the life cycle: dates, approval, the revision history."""

from __future__ import annotations

from collections.abc import Iterator

from kesos_modul.diff import fingerprint, version_key
from kesos_modul.findings import Code, E, Finding, W, finding
from kesos_modul.model import Kurikulum, Modul, parse_date
from kesos_modul.rules import Context, rule


def _dates(m: Modul) -> Iterator[tuple[tuple, str]]:
    for key in ("tanggal_disahkan", "tanggal_telaah_berikutnya"):
        value = getattr(m, key)
        if value is not None:
            yield m.letak.of(key), key, value
    for r in m.riwayat:
        yield r.letak.of("tanggal"), "riwayat", r.tanggal


@rule(
    Code("KM601", "tanggal-tidak-valid", E, "Tanggal tidak ada di kalender (misalnya 2026-02-30)."),
    reads=("tanggal_disahkan", "tanggal_telaah_berikutnya", "riwayat"),
)
def dates_exist(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    for m in kur.modul:
        for where, _, value in _dates(m):
            if parse_date(value) is None:
                yield finding(
                    "KM601",
                    where,
                    f"tanggal '{value}' tidak ada di kalender",
                    "tulis tanggal yang benar dengan bentuk TTTT-BB-HH, misalnya 2026-11-15",
                )


@rule(
    Code(
        "KM602",
        "telaah-lewat",
        W,
        "Tanggal telaah berikutnya sudah lewat: modul perlu ditelaah dan disesuaikan.",
    ),
    reads=("tanggal_telaah_berikutnya", "status"),
)
def review_not_overdue(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    for m in kur.modul:
        due = parse_date(m.tanggal_telaah_berikutnya)
        if due is not None and due < ctx.today and m.status != "usang":
            yield finding(
                "KM602",
                m.letak.of("tanggal_telaah_berikutnya"),
                f"tanggal telaah berikutnya ({m.tanggal_telaah_berikutnya}) sudah lewat",
                "telaah modul ini, lalu perbarui tanggal_telaah_berikutnya (atau ubah status menjadi usang)",
            )


@rule(
    Code(
        "KM603",
        "pengesahan-tidak-lengkap",
        E,
        "Modul berstatus disahkan tanpa pengesah atau tanggal pengesahan.",
    ),
    reads=("status", "pengesah", "tanggal_disahkan"),
)
def approval_complete(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    for m in kur.modul:
        if m.status != "disahkan":
            continue
        missing = [
            key
            for key, value in (("pengesah", m.pengesah), ("tanggal_disahkan", m.tanggal_disahkan))
            if value is None
        ]
        if missing:
            yield finding(
                "KM603",
                m.letak.of("status"),
                f"modul berstatus disahkan tetapi tidak mencantumkan {' dan '.join(missing)}",
                "isi pengesah (nama, jabatan, instansi) dan tanggal_disahkan, "
                "atau kembalikan status ke telaah",
            )


@rule(
    Code(
        "KM604",
        "riwayat-tidak-cocok",
        E,
        "Entri teratas riwayat tidak sama dengan versi modul, atau riwayat tidak berurutan.",
    ),
    reads=("versi", "riwayat"),
)
def history_matches_version(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    for m in kur.modul:
        newest = m.riwayat[0]
        if newest.versi != m.versi:
            yield finding(
                "KM604",
                newest.letak.of("versi"),
                f"entri teratas riwayat ({newest.versi}) tidak sama dengan versi modul ({m.versi})",
                f"tambahkan entri riwayat untuk versi {m.versi} di paling atas, dengan tanggal dan ringkasan perubahan",
            )
        for i in range(1, len(m.riwayat)):
            if version_key(m.riwayat[i].versi) >= version_key(m.riwayat[i - 1].versi):
                yield finding(
                    "KM604",
                    m.riwayat[i].letak.of("versi"),
                    f"riwayat tidak berurutan: versi {m.riwayat[i].versi} ditulis di bawah "
                    f"versi {m.riwayat[i - 1].versi}",
                    "urutkan riwayat dari versi terbaru ke terlama, tanpa versi ganda",
                )


@rule(
    Code("KM605", "tanggal-janggal", W, "Tanggal di masa depan atau urutan tanggal yang janggal."),
    reads=("tanggal_disahkan", "tanggal_telaah_berikutnya", "riwayat"),
)
def dates_plausible(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    for m in kur.modul:
        for where, key, value in _dates(m):
            day = parse_date(value)
            if day is not None and key != "tanggal_telaah_berikutnya" and day > ctx.today:
                yield finding(
                    "KM605",
                    where,
                    f"tanggal {value} ada di masa depan",
                    "periksa tahunnya; pengesahan dan riwayat mencatat hal yang sudah terjadi",
                )
        approved = parse_date(m.tanggal_disahkan)
        due = parse_date(m.tanggal_telaah_berikutnya)
        if approved and due and due <= approved:
            yield finding(
                "KM605",
                m.letak.of("tanggal_telaah_berikutnya"),
                f"tanggal telaah berikutnya ({due}) tidak sesudah tanggal pengesahan ({approved})",
                "tanggal telaah berikutnya biasanya satu atau dua tahun sesudah pengesahan",
            )


@rule(
    Code(
        "KM606",
        "versi-belum-dinaikkan",
        E,
        "Isi modul berubah sejak rilis terakhir (atau revisi --base) tetapi versinya tidak dinaikkan.",
    ),
)
def changed_modules_bumped(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    if ctx.base is None:
        return
    before = ctx.base.modul_by_kode()
    for m in kur.modul:
        old = before.get(m.kode)
        if old is None or fingerprint(old) == fingerprint(m):
            continue
        if version_key(m.versi) <= version_key(old.versi):
            yield finding(
                "KM606",
                m.letak.of("versi"),
                f"isi modul berubah sejak {ctx.base_name or 'revisi dasar'}, tetapi versi {m.versi} "
                f"tidak lebih tinggi dari versi di sana ({old.versi})",
                f'naikkan versinya dan catat riwayatnya: kesos-modul bump {m.kode} patch -m "ringkasan perubahan"',
            )
