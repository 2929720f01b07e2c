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
        message = act(Langkah(root, m, mine, day))
    except LifecycleError as exc:
        click.echo(f"{m.metadata_file}: {exc}", err=True)
        sys.exit(1)
    click.echo(f"{kode}: {message}")


@cli.command("telaah")
@click.argument("kode")
@click.option("--penelaah", multiple=True, help="Nama penelaah (boleh berulang).")
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
        return "status telaah" + (f"; penelaah ditambahkan: {', '.join(added)}" if added else "")

    _step(root_path, kode, today, act)


@cli.command("sahkan")
@click.argument("kode")
@click.option("--oleh", required=True, help="Nama lengkap pejabat yang mengesahkan.")
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
        versi, digest = sahkan(step, oleh, jabatan, instansi, day)
        return f"versi {versi} disahkan oleh {' '.join(oleh.split())} pada {day}; sidik {digest[:12]}"

    _step(root_path, kode, today, act)


@cli.command("redaksional")
@click.argument("kode")
@click.option("--oleh", required=True, help="Nama penelaah modul yang memeriksa perubahan.")
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
