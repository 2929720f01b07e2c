"""KM609–KM610: approvals a ministry can audit.

With a signer registry (``registri/penandatangan.yaml``), the approval in force
and the editorial mark in force are each a statement signed by a registered key
of the person the record names, in that role, on that day, of exactly that
content (:mod:`kesos_modul.tanda_tangan`). And whoever wrote a module never
reviews it, approves it or marks its patch editorial.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from kesos_modul.findings import Code, E, Finding, Location, finding
from kesos_modul.loading import KUNCI_FILE
from kesos_modul.model import Kurikulum, Modul, Penandatangan, Persetujuan, parse_date
from kesos_modul.pengesahan import berlaku, tercatat
from kesos_modul.rules import Context, rule
from kesos_modul.tanda_tangan import PREFIX, Bukti

_WHAT = {"pengesah": "pengesahan", "penelaah": "perbaikan redaksional"}
_COMMAND = {"pengesah": "sahkan", "penelaah": "redaksional"}


@rule(
    Code(
        "KM609",
        "pengesahan-tanpa-tanda-tangan",
        E,
        "Kurikulum memakai registri/penandatangan.yaml, tetapi pengesahan atau perbaikan redaksional yang "
        "berlaku tidak ditandatangani kunci orang itu di registri, untuk peran itu, atas isi itu.",
    ),
    reads=("status", "riwayat", "penelaah", KUNCI_FILE),
    per_module=True,
)
def approvals_signed(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    signed, signers = kur.tanda_tangan, kur.registri.penandatangan
    if signed is None or signers is None:
        return
    for m in kur.modul:
        valid = berlaku(m) if m.status == "disahkan" else None
        if valid is None:
            continue  # KM607 says so
        approved = next(r for r in m.riwayat if r.versi == valid.versi)
        problem = problem_of(signed, signers, "pengesah", m.kode, valid.versi, valid.pengesahan)
        if problem:
            yield _finding(m, "pengesah", approved.letak.of("pengesahan"), problem)
        if valid.redaksional is not None and valid.versi_redaksional is not None:
            statement = signed.get(f"{PREFIX['pengesah']}{m.kode}/{valid.versi}")
            reviewers = statement.pernyataan.penelaah if statement and statement.pernyataan else ()
            problem = problem_of(
                signed, signers, "penelaah", m.kode, valid.versi_redaksional, valid.redaksional, reviewers
            )
            if problem:
                marked = next(r for r in m.riwayat if r.versi == valid.versi_redaksional)
                yield _finding(m, "penelaah", marked.letak.of("perbaikan_redaksional"), problem)


def _finding(m: Modul, peran: str, where: Location, problem: str) -> Finding:
    tag = f"{PREFIX[peran]}{m.kode}"
    return finding(
        "KM609",
        where,
        problem,
        f"{peran} yang tercatat di registri menandatanganinya dengan kuncinya sendiri: kesos-modul "
        f"{_COMMAND[peran]} {m.kode}; lalu kirim tagnya: git push origin 'refs/tags/{tag}/*' "
        "(tag yang sudah ada di remote diambil dengan git fetch --tags)",
    )


def problem_of(
    signed: Mapping[str, Bukti],
    signers: Mapping[str, Penandatangan],
    peran: str,
    kode: str,
    versi: str,
    record: Persetujuan,
    reviewers: tuple[str, ...] | None = None,
) -> str | None:
    """What is wrong with the signature of ``record``, or None when it holds."""
    what = f"{_WHAT[peran]} versi {versi}"
    tag = f"{PREFIX[peran]}{kode}/{versi}"
    bukti = signed.get(tag)
    if bukti is None:
        return f"{what} tidak bertanda tangan: tag {tag} tidak ada di repositori"
    p = bukti.pernyataan
    if p is None or (p.peran, p.modul, p.versi) != (peran, kode, versi):
        return f"tag {tag} bukan pernyataan {what} modul {kode}"
    if bukti.penanda is None:
        return f"tag {tag} tidak ditandatangani dengan kunci yang tercatat di registri/penandatangan.yaml"
    who = signers[bukti.penanda]
    if bukti.penanda != p.oleh:
        return f"tag {tag} menyebut penanda tangan '{p.oleh}', tetapi ditandatangani kunci milik {who.nama}"
    if who.nama != record.oleh:
        return f"{what} dicatat atas nama '{record.oleh}', tetapi ditandatangani {who.nama}"
    if p.sidik != record.sidik:
        return (
            f"sidik yang ditandatangani {who.nama} ({p.sidik[:12]}) bukan sidik yang dicatat "
            f"({record.sidik[:12]}): yang ditandatangani bukan isi ini"
        )
    if p.tanggal != record.tanggal:
        return f"tanggal yang ditandatangani ({p.tanggal}) bukan tanggal yang dicatat ({record.tanggal})"
    day = parse_date(record.tanggal)
    if day is None or not who.boleh(peran, day):
        return (
            f"{who.nama} tidak tercatat di registri/penandatangan.yaml sebagai {peran} pada {record.tanggal}"
        )
    if reviewers is not None and who.nama not in reviewers:
        listed = ", ".join(reviewers) or "tidak ada"
        return f"{who.nama} bukan penelaah versi yang disahkan (penelaah yang ditandatangani: {listed})"
    return None


@rule(
    Code(
        "KM610",
        "pemisahan-tugas",
        E,
        "Penyusun modul menelaah, mengesahkan atau menandai perbaikan redaksional modulnya sendiri.",
    ),
    reads=("penyusun", "penelaah", "riwayat"),
    per_module=True,
)
def separation_of_duties(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    for m in kur.modul:
        for i, o in enumerate(m.penelaah):
            if m.disusun_oleh(o.nama):
                yield finding(
                    "KM610",
                    m.letak.of("penelaah", i, "nama"),
                    f"'{o.nama}' adalah penyusun modul ini dan tidak dapat menelaahnya",
                    "penelaah adalah orang lain dari penyusun; hapus namanya dari penelaah",
                )
        # the newest records: the top entry's, and the newest approval's (history before is history)
        newest = [m.riwayat[0], tercatat(m)] if m.riwayat else []
        for r in dict.fromkeys(e for e in newest if e is not None):
            for key, record in (
                ("pengesahan", r.pengesahan),
                ("perbaikan_redaksional", r.perbaikan_redaksional),
            ):
                if record is not None and m.disusun_oleh(record.oleh):
                    act = "mengesahkan" if key == "pengesahan" else "menandai perbaikan redaksional"
                    yield finding(
                        "KM610",
                        r.letak.of(key, "oleh"),
                        f"'{record.oleh}' adalah penyusun modul ini dan tidak dapat {act} versi {r.versi}",
                        "pengesahan dan perbaikan redaksional diberikan orang lain dari penyusun",
                    )
