"""The command that makes packages for the training centres' learning platforms."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

from kesos_modul.cli import (
    ROOT,
    UsageProblem,
    cli,
    curriculum_root,
    output_folder,
    stop_on_errors,
    unwritable,
)
from kesos_modul.model import EDISI
from kesos_modul.sources import FolderSource
from kesos_modul.validation import validate

PAKET_FORMATS = ("scorm12", "cc11", "moodle-xml")


@cli.command("paket")
@click.argument("kode", nargs=-1)
@click.option("--program", "program_kode", default=None, help="Satu paket untuk seluruh modul program KODE.")
@click.option(
    "--format", "fmt", type=click.Choice(PAKET_FORMATS), required=True,
    help="scorm12 (aktivitas SCORM Moodle), cc11 (impor kursus IMS Common Cartridge) "
    "atau moodle-xml (bank soal, hanya edisi fasilitator).",
)  # fmt: skip
@click.option("--edisi", type=click.Choice(EDISI), default="peserta", show_default=True)
@click.option(
    "--output", "-o", type=click.Path(path_type=Path), default=None, help="Folder paket (bawaan: paket/)."
)
@ROOT
def paket_command(
    kode: tuple[str, ...],
    program_kode: str | None,
    fmt: str,
    edisi: str,
    output: Path | None,
    root_path: Path,
) -> None:
    """Paket untuk LMS balai pelatihan: satu per modul (tanpa KODE: semua modul), atau satu per program.

    Halaman paket dapat dibaca tanpa sambungan internet dan melaporkan kemajuan peserta
    ke LMS melalui SCORM 1.2. Paket edisi peserta tidak pernah memuat catatan fasilitator
    atau kunci jawaban.
    """
    from kesos_modul.paket import PaketError, buat

    root = curriculum_root(root_path)
    if kode and program_kode:
        raise UsageProblem("pilih KODE modul atau --program, tidak keduanya")
    target = output_folder(output, root, "paket")
    kurikulum, findings = validate(FolderSource(root))
    programs = {p.kode: p for p in kurikulum.program}
    if program_kode is not None and program_kode not in programs:
        raise UsageProblem(f"program tidak dikenal: {program_kode}; yang ada: {', '.join(sorted(programs))}")
    asked = kode or (tuple(k for _, k in programs[program_kode].susunan) if program_kode else ())
    stop_on_errors(findings, asked, "Paket")
    whole = kurikulum.utuh()  # a module read only in part is never packaged
    moduls = whole.modul_by_kode()
    unknown = [k for k in kode if k not in moduls]
    if unknown:
        raise UsageProblem(f"modul tidak dikenal: {', '.join(unknown)}")
    chosen = [moduls[k] for k in kode] if kode else list(whole.modul)
    console = Console(stderr=True)
    try:
        with console.status("Membuat paket…"):
            if program_kode is not None:
                made = [buat.program(kurikulum, root, programs[program_kode], fmt, edisi)]
            else:
                made = [buat.modul(whole, root, m, fmt, edisi) for m in chosen]
    except PaketError as exc:
        click.echo(f"Paket tidak dibuat: {exc}")
        sys.exit(1)
    try:
        target.mkdir(parents=True, exist_ok=True)
        for p in made:
            (target / p.nama).write_bytes(p.data)
            click.echo(f"dibuat: {target / p.nama} ({len(p.data) / 1024:.0f} KB)")
    except OSError as exc:
        raise unwritable(target, exc) from exc
