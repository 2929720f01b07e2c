"""KM6xx: the life cycle: dates, approval, the revision history."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial

from kesos_modul.chapterdiff import chapters
from kesos_modul.diff import version_key
from kesos_modul.findings import Code, E, Finding, Location, W, finding
from kesos_modul.loading import KUNCI_FILE
from kesos_modul.model import Kurikulum, Modul, parse_date
from kesos_modul.pengesahan import Berlaku, berlaku, dasar_redaksional, sidik, tercatat
from kesos_modul.rules import Context, rule


def _dates(m: Modul) -> Iterator[tuple[Callable[[], Location], str, str]]:
    """Each date with where it was written; the place is looked up only for a finding
    (a position means composing the YAML again)."""
    for key in ("tanggal_disahkan", "tanggal_telaah_berikutnya"):
        value = getattr(m, key)
        if value is not None:
            yield partial(m.letak.of, key), key, value
    for r in m.riwayat:
        yield partial(r.letak.of, "tanggal"), "riwayat", r.tanggal


@rule(
    Code("KM601", "tanggal-tidak-valid", E, "Tanggal tidak ada di kalender (misalnya 2026-02-30)."),
    reads=("tanggal_disahkan", "tanggal_telaah_berikutnya", "riwayat"),
    per_module=True,
)
def dates_exist(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    for m in kur.modul:
        for where, _, value in _dates(m):
            if parse_date(value) is None:
                yield finding(
                    "KM601",
                    where(),
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
    per_module=True,
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
    per_module=True,
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
    per_module=True,
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
    per_module=True,
)
def dates_plausible(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    for m in kur.modul:
        for where, key, value in _dates(m):
            day = parse_date(value)
            if day is not None and key != "tanggal_telaah_berikutnya" and day > ctx.today:
                yield finding(
                    "KM605",
                    where(),
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
    # The content's digest: approving a module or sending it to review is no change
    # of content, so it never asks for a new version (which would void the approval).
    if ctx.base is None:
        return
    before = ctx.base.modul_by_kode()
    for m in kur.modul:
        old = before.get(m.kode)
        if old is None or sidik(old) == sidik(m):
            continue
        if version_key(m.versi) <= version_key(old.versi):
            yield finding(
                "KM606",
                m.letak.of("versi"),
                f"isi modul berubah sejak {ctx.base_name or 'revisi dasar'}, tetapi versi {m.versi} "
                f"tidak lebih tinggi dari versi di sana ({old.versi})",
                f"naikkan versinya dan catat riwayatnya: kesos-modul bump {m.kode} {_level(old, m)} "
                '-m "ringkasan perubahan"',
            )


def _level(old: Modul, new: Modul) -> str:
    """The part of the version a change asks to raise: ``major`` when it takes material or
    competence away, ``minor`` when it adds material or changes the lesson hours, ``patch``
    for wording."""
    bab = chapters(old, new)

    def gone(a: Iterable[str], b: Iterable[str]) -> bool:
        return bool(set(a) - set(b))

    if (
        any(b.perubahan == "dihapus" for b in bab)
        or gone((mp.bab for mp in old.materi_pokok), (mp.bab for mp in new.materi_pokok))
        or gone(old.unit_kompetensi, new.unit_kompetensi)
    ):
        return "major"
    if (
        any(b.perubahan == "ditambah" or b.judul_ditambah for b in bab)
        or gone((mp.bab for mp in new.materi_pokok), (mp.bab for mp in old.materi_pokok))
        or gone((i.id for i in new.indikator), (i.id for i in old.indikator))
        or gone((e.id for e in new.evaluasi), (e.id for e in old.evaluasi))
        or gone(new.unit_kompetensi, old.unit_kompetensi)
        or old.jp != new.jp
    ):
        return "minor"
    return "patch"


@rule(
    Code(
        "KM607",
        "pengesahan-tidak-berlaku",
        E,
        "Modul berstatus disahkan, tetapi isinya bukan isi yang disahkan: berubah sesudah pengesahan, "
        "atau pengesahannya tidak tercatat dengan sidik di riwayat.",
    ),
    Code(
        "KM608",
        "pengesahan-tidak-cocok",
        E,
        "Catatan pengesahan di riwayat tidak cocok dengan pengesah atau tanggal_disahkan, "
        "atau perbaikan redaksional ditandai oleh orang yang bukan penelaah modul.",
    ),
    reads=("status", "riwayat", "pengesah", "tanggal_disahkan", "penelaah", KUNCI_FILE),
    per_module=True,
)
def approval_holds(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    # one rule for both codes: the content's digest is computed once per module
    for m in kur.modul:
        if m.status != "disahkan":
            continue
        valid = berlaku(m)
        yield from _not_covered(m) if valid is None else _inconsistent(m, valid)


def _not_covered(m: Modul) -> Iterator[Finding]:
    oleh = m.pengesah.nama if m.pengesah else "Nama Pengesah"
    sahkan = f'kesos-modul sahkan {m.kode} --oleh "{oleh}"'
    record = tercatat(m)
    top = m.riwayat[0]
    if record is None or record.pengesahan is None:
        yield finding(
            "KM607",
            m.letak.of("status"),
            "modul berstatus disahkan, tetapi riwayat tidak mencatat siapa mengesahkan isi yang mana",
            f"catat pengesahannya (siapa, kapan, sidik isi): {sahkan}",
        )
    elif top.perbaikan_redaksional is not None and dasar_redaksional(m) is None:
        yield finding(
            "KM607",
            top.letak.of("perbaikan_redaksional"),
            f"versi {top.versi} ditandai perbaikan redaksional, tetapi bukan versi patch dari versi "
            f"yang disahkan ({record.versi})",
            f"perubahan minor atau mayor harus ditelaah dan disahkan lagi: {sahkan}",
        )
    else:
        yield finding(
            "KM607",
            m.letak.of("status"),
            f"isi modul berubah sesudah versi {record.versi} disahkan pada {record.pengesahan.tanggal}; "
            "pengesahan itu tidak berlaku untuk isi ini",
            f"kirim ke telaah lagi (kesos-modul telaah {m.kode}"
            + ("" if m.penelaah else ' --penelaah "Nama Penelaah"')
            + f"), lalu {sahkan}; "
            f"bila perubahannya hanya redaksional dalam versi patch, penelaah menandainya: "
            f'kesos-modul redaksional {m.kode} --oleh "Nama Penelaah"',
        )


def _inconsistent(m: Modul, valid: Berlaku) -> Iterator[Finding]:
    approval = valid.pengesahan
    if m.pengesah is not None and m.pengesah.nama != approval.oleh:
        yield finding(
            "KM608",
            m.letak.of("pengesah", "nama"),
            f"pengesah '{m.pengesah.nama}' bukan yang tercatat mengesahkan versi {valid.versi} "
            f"('{approval.oleh}')",
            f"bila pengesahnya memang berganti, ia mengesahkan lagi: kesos-modul sahkan {m.kode} "
            f'--oleh "{m.pengesah.nama}"',
        )
    if m.tanggal_disahkan is not None and m.tanggal_disahkan != approval.tanggal:
        yield finding(
            "KM608",
            m.letak.of("tanggal_disahkan"),
            f"tanggal_disahkan ({m.tanggal_disahkan}) tidak sama dengan tanggal pengesahan versi "
            f"{valid.versi} di riwayat ({approval.tanggal})",
            f"tulis tanggal_disahkan: {approval.tanggal}",
        )
    mark = valid.redaksional
    reviewers = [o.nama for o in m.penelaah]
    if mark is not None and mark.oleh not in reviewers:
        yield finding(
            "KM608",
            next(r for r in m.riwayat if r.versi == valid.versi_redaksional).letak.of(
                "perbaikan_redaksional", "oleh"
            ),
            f"perbaikan redaksional ditandai oleh '{mark.oleh}', yang bukan penelaah modul ini",
            "hanya penelaah yang tercantum di penelaah yang menandai perbaikan redaksional"
            + (f": {', '.join(reviewers)}" if reviewers else "; tambahkan penelaahnya dulu"),
        )
