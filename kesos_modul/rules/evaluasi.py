"""KM5xx: every indicator is assessed; evaluation items and their answer keys match."""

from __future__ import annotations

from collections.abc import Iterator

from kesos_modul.findings import Code, E, Finding, finding
from kesos_modul.loading import KUNCI_FILE
from kesos_modul.model import Kurikulum
from kesos_modul.rules import Context, rule


@rule(
    Code(
        "KM501",
        "indikator-tanpa-evaluasi",
        E,
        "Indikator keberhasilan tidak dinilai oleh butir evaluasi mana pun.",
    ),
    Code("KM502", "evaluasi-indikator-tidak-dikenal", E, "Butir evaluasi menunjuk indikator yang tidak ada."),
    reads=("tujuan_pembelajaran", "evaluasi"),
    per_module=True,
)
def indicators_assessed(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    for m in kur.modul:
        ids = {ind.id for ind in m.indikator}
        assessed = {e.indikator for e in m.evaluasi}
        for ind in m.indikator:
            if ind.id not in assessed:
                yield finding(
                    "KM501",
                    ind.letak.of("id"),
                    f"indikator '{ind.id}' tidak dinilai oleh butir evaluasi mana pun",
                    f"tambahkan butir evaluasi dengan 'indikator: {ind.id}'",
                )
        for e in m.evaluasi:
            if e.indikator not in ids:
                yield finding(
                    "KM502",
                    e.letak.of("indikator"),
                    f"butir evaluasi '{e.id}' menunjuk indikator '{e.indikator}' yang tidak ada",
                    "indikator yang ada: " + ", ".join(sorted(ids)),
                )


@rule(
    Code("KM503", "kunci-tidak-ada", E, "Butir evaluasi tidak punya kunci jawaban di kunci-jawaban.yaml."),
    Code("KM504", "kunci-tanpa-evaluasi", E, "Kunci jawaban untuk butir evaluasi yang tidak ada."),
    reads=("evaluasi", KUNCI_FILE),
    per_module=True,
)
def answer_keys_match(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    for m in kur.modul:
        kunci_file = f"{m.folder}/{KUNCI_FILE}"
        keyed = {k.evaluasi for k in m.kunci or ()}
        items = {e.id for e in m.evaluasi}
        for e in m.evaluasi:
            if e.id not in keyed:
                yield finding(
                    "KM503",
                    e.letak.of("id"),
                    f"butir evaluasi '{e.id}' tidak punya kunci jawaban",
                    f"tambahkan '- evaluasi: {e.id}' dengan jawaban di {kunci_file} (khusus fasilitator)",
                )
        if m.kunci_doc is not None:
            for k in m.kunci or ():
                if k.evaluasi not in items:
                    yield finding(
                        "KM504",
                        k.letak.of("evaluasi"),
                        f"kunci jawaban untuk butir evaluasi '{k.evaluasi}' yang tidak ada",
                        "butir evaluasi yang ada: " + ", ".join(sorted(items)),
                    )


@rule(
    Code(
        "KM505",
        "pilihan-tidak-sesuai",
        E,
        "Soal pilihan ganda tanpa pilihan, atau soal esai/praktik yang memuat pilihan.",
    ),
    reads=("evaluasi",),
    per_module=True,
)
def choices_match_kind(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    for m in kur.modul:
        for e in m.evaluasi:
            if e.jenis == "pilihan-ganda" and len(e.pilihan) < 2:
                yield finding(
                    "KM505",
                    e.letak.of("jenis"),
                    f"soal pilihan ganda '{e.id}' tidak punya pilihan jawaban",
                    "tambahkan 'pilihan:' berisi paling sedikit dua pilihan",
                )
            elif e.jenis in ("esai", "praktik") and e.pilihan:
                yield finding(
                    "KM505",
                    e.letak.of("pilihan", key=True),
                    f"soal '{e.id}' berjenis {e.jenis} tetapi memuat pilihan",
                    "ubah jenisnya menjadi pilihan-ganda atau benar-salah, atau hapus pilihannya",
                )


@rule(
    Code(
        "KM506", "latihan-tanpa-jawaban-benar", E, "Soal latihan tanpa satu pun pilihan bertanda benar: true."
    ),
    reads=("latihan",),
    per_module=True,
)
def practice_questions_have_an_answer(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    for m in kur.modul:
        for q in m.latihan:
            if not any(p.benar for p in q.pilihan):
                yield finding(
                    "KM506",
                    q.letak.of("id"),
                    f"soal latihan '{q.id}' tidak punya pilihan yang benar",
                    "tandai pilihan yang benar dengan 'benar: true'",
                )
