"""Commands for the life cycle of a module: telaah, sahkan, redaksional, jadwal."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import click

from kesos_modul.cli import ROOT, TODAY, UsageProblem, cli, curriculum_root, parse_today
from kesos_modul.sources import FolderSource

TANGGAL = click.DateTime(formats=["%Y-%m-%d"])


def _step(root_path: Path, kode: str, today: str | None, act: Callable) -> None:
    """Read the curriculum as validation does, then do ``act`` on module ``kode``."""
    from kesos_modul.lifecycle import Langkah, LifecycleError
    from kesos_modul.validation import validate

    root = curriculum_root(root_path)
    day = parse_today(today)
    kurikulum, findings = validate(FolderSource(root), day)
    m = kurikulum.modul_by_kode().get(kode)
    if m is None:
        present = (root / "modules" / kode / "modul.yaml").exists()
        raise UsageProblem(
            f"modul {kode} belum dapat dibaca; jalankan kesos-modul validate modules/{kode}"
            if present
            else f"modul {kode} tidak ada di {root / 'modules'}"
        )
    mine = [f for f in findings if f.file.startswith(m.folder + "/")]
    try:
        message = act(Langkah(root, m, mine, day, kurikulum.registri))
    except LifecycleError as exc:
        click.echo(f"{m.metadata_file}: {exc}", err=True)
        sys.exit(1)
    click.echo(f"{kode}: {message}")


@cli.command("telaah")
@click.argument("kode")
@click.option(
    "--penelaah", multiple=True, help="Nama penelaah (boleh berulang; bawaan: penelaah yang sudah tercatat)."
)
@click.option("--instansi", default=None, help="Instansi penelaah yang baru ditambahkan.")
@ROOT
@TODAY
def telaah_command(
    kode: str, penelaah: tuple[str, ...], instansi: str | None, root_path: Path, today
) -> None:
    """Kirim modul KODE ke telaah: status telaah, dengan penelaah yang disebut namanya."""
    from kesos_modul.lifecycle import telaah

    def act(step) -> str:
        added = telaah(step, penelaah, instansi)
        if added:
            return f"status telaah; penelaah ditambahkan: {', '.join(added)}"
        return "status telaah; penelaah: " + ", ".join(o.nama for o in step.modul.penelaah)

    _step(root_path, kode, today, act)


@cli.command("sahkan")
@click.argument("kode")
@click.option(
    "--oleh",
    default="",
    help="Nama lengkap pejabat yang mengesahkan (dengan registri penandatangan: dari kunci git Anda).",
)
@click.option("--jabatan", default=None, help="Jabatan pengesah (bawaan: jabatan pengesah yang tercatat).")
@click.option("--instansi", default=None, help="Instansi pengesah (bawaan: instansi pengesah yang tercatat).")
@click.option(
    "--tanggal", type=TANGGAL, default=None, help="Tanggal pengesahan TTTT-BB-HH (bawaan: hari ini)."
)
@ROOT
@TODAY
def sahkan_command(
    kode: str, oleh: str, jabatan: str | None, instansi: str | None, tanggal, root_path: Path, today
) -> None:
    """Sahkan isi modul KODE apa adanya sekarang: dicatat siapa, kapan, dan sidik isinya.

    Bila isi modul berubah sesudahnya, validasi melaporkan KM607 sampai modul disahkan lagi.
    """
    from kesos_modul.lifecycle import sahkan

    def act(step) -> str:
        day: date = tanggal.date() if tanggal else step.today
        versi, digest, nama, day = sahkan(step, oleh, jabatan, instansi, day)
        signed = (
            ""
            if step.registri.penandatangan is None
            else f"; ditandatangani di tag pengesahan/{kode}/{versi}"
        )
        return f"versi {versi} disahkan oleh {nama} pada {day}; sidik {digest[:12]}{signed}"

    _step(root_path, kode, today, act)


@cli.command("redaksional")
@click.argument("kode")
@click.option(
    "--oleh",
    default="",
    help="Nama penelaah modul yang memeriksa perubahan (dengan registri penandatangan: dari kunci git Anda).",
)
@ROOT
@TODAY
def redaksional_command(kode: str, oleh: str, root_path: Path, today) -> None:
    """Penelaah menandai versi patch KODE sebagai perbaikan redaksional: pengesahan tetap berlaku."""
    from kesos_modul.lifecycle import redaksional

    def act(step) -> str:
        base, digest = redaksional(step, oleh)
        return (
            f"versi {step.modul.versi} ditandai perbaikan redaksional atas versi {base} yang disahkan; "
            f"sidik {digest[:12]}"
        )

    _step(root_path, kode, today, act)


@cli.command("jadwal")
@click.argument("kode")
@click.argument("tanggal", type=TANGGAL)
@ROOT
@TODAY
def jadwal_command(kode: str, tanggal, root_path: Path, today) -> None:
    """Tetapkan tanggal telaah berikutnya modul KODE (TTTT-BB-HH)."""
    from kesos_modul.lifecycle import jadwal

    def act(step) -> str:
        jadwal(step, tanggal.date())
        return f"telaah berikutnya {tanggal.date()}"

    _step(root_path, kode, today, act)


@cli.command("pengesahan")
@click.argument("kode")
@ROOT
def pengesahan_command(kode: str, root_path: Path) -> None:
    """Siapa mengesahkan isi modul KODE yang mana dan kapan, dan apakah tanda tangannya sah.

    Dibaca dari repositori saja (riwayat di modul.yaml, tag bertanda tangan, dan
    registri/penandatangan.yaml), sehingga dapat diperiksa kapan pun dari salinan repositori.
    """
    from kesos_modul.loading import load
    from kesos_modul.pengesahan import berlaku, sidik
    from kesos_modul.rules.tanda_tangan import problem_of
    from kesos_modul.tanda_tangan import PREFIX

    root = curriculum_root(root_path)
    kurikulum = load(FolderSource(root))[0]
    m = kurikulum.modul_by_kode().get(kode)
    if m is None:
        raise UsageProblem(f"modul {kode} tidak ada atau belum dapat dibaca; jalankan kesos-modul validate")
    signed, signers = kurikulum.tanda_tangan, kurikulum.registri.penandatangan
    bad = False
    approved: tuple[str, ...] | None = None  # reviewers signed with the approval an editorial mark rests on
    for r in reversed(m.riwayat):
        for peran, record in (("pengesah", r.pengesahan), ("penelaah", r.perbaikan_redaksional)):
            if record is None:
                continue
            act = "disahkan" if peran == "pengesah" else "perbaikan redaksional diperiksa"
            click.echo(f"versi {r.versi}: {act} {record.tanggal} oleh {record.oleh}; sidik {record.sidik}")
            if signed is None or signers is None:
                click.echo("  tanda tangan: tidak dipakai (kurikulum tanpa registri/penandatangan.yaml)")
                continue
            reviewers = approved if peran == "penelaah" else None
            problem = problem_of(signed, signers, peran, m.kode, r.versi, record, reviewers)
            tag = f"{PREFIX[peran]}{m.kode}/{r.versi}"
            if peran == "pengesah":
                statement = signed.get(tag)
                approved = statement.pernyataan.penelaah if statement and statement.pernyataan else ()
            if problem is None:
                click.echo(f"  tanda tangan: sah, tag {tag}, {signed[tag].kunci}")
            else:
                bad = True
                click.echo(f"  tanda tangan: TIDAK SAH: {problem}")
    valid = berlaku(m)
    now = f"isi sekarang: versi {m.versi}, sidik {sidik(m)}; "
    click.echo(now + (f"pengesahan versi {valid.versi} berlaku" if valid else "belum disahkan"))
    if bad:
        sys.exit(1)
