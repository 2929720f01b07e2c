"""Commands for writing and checking: new, validate, rules, report."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kesos_modul.cli import (
    ROOT,
    TODAY,
    UsageProblem,
    cli,
    curriculum_root,
    format_option,
    parse_today,
)
from kesos_modul.findings import has_errors
from kesos_modul.loading import load
from kesos_modul.output import FORMATS, github, text
from kesos_modul.output.laporan import FORMATS as LAPORAN_FORMATS
from kesos_modul.sources import FolderSource, GitSource, SourceError
from kesos_modul.validation import catalogue, ringkasan, validate


@cli.command("new")
@click.argument("kode")
@click.option("--judul", default=None, help="Judul modul (bawaan: dari kode).")
@click.option("--ranah", "ranah", multiple=True, required=True, help="Ranah UU 11/2009 (boleh berulang).")
@click.option(
    "--pilar", "pilar", multiple=True, required=True, help="Pilar UU 11/2009 Pasal 6 (boleh berulang)."
)
@click.option("--kategori", "kategori", multiple=True, help="Kategori SDM Kesos sasaran (boleh berulang).")
@click.option("--peran", "peran", multiple=True, help="Peran sasaran, misalnya tagana (boleh berulang).")
@click.option("--penyusun", default="", help="Nama penulis modul (bawaan: teks contoh untuk diganti).")
@click.option("--instansi", default="", help="Instansi penulis (bawaan: teks contoh untuk diganti).")
@ROOT
@TODAY
def new_command(
    kode: str,
    judul: str | None,
    ranah,
    pilar,
    kategori,
    peran,
    penyusun,
    instansi,
    root_path: Path,
    today: str | None,
) -> None:
    """Buat kerangka modul baru KODE di modules/KODE/ yang langsung lolos validasi."""
    from kesos_modul.loading import load_registri
    from kesos_modul.scaffold import NewModule, ScaffoldError, check, scaffold

    root = curriculum_root(root_path)
    request = NewModule(
        kode=kode,
        judul=judul or kode.replace("-", " ").title(),
        ranah=tuple(ranah),
        pilar=tuple(pilar),
        kategori=tuple(kategori),
        peran=tuple(peran),
        penyusun=penyusun,
        instansi=instansi,
    )
    day = parse_today(today)
    try:
        request = check(request, load_registri(FolderSource(root)))
        written = scaffold(root, request, day)
    except ScaffoldError as exc:
        raise UsageProblem(str(exc)) from exc
    for path in written:
        click.echo(f"dibuat: {path.relative_to(root).as_posix()}")
    _, findings = validate(FolderSource(root), day)
    mine = [f for f in findings if f.file.startswith(f"modules/{kode}/")]
    FORMATS["text"](mine, sys.stdout)
    click.echo(
        f"Langkah berikutnya: isi modules/{kode}/modul.yaml dan babnya, lalu jalankan 'kesos-modul validate'."
    )
    sys.exit(1 if has_errors(mine) else 0)


@cli.command("validate")
@click.argument("path", default=".", type=click.Path(path_type=Path))
@format_option(FORMATS, "Bentuk keluaran: teks, JSON, atau anotasi GitHub Actions.")
@click.option(
    "--base",
    metavar="REVISI",
    default=None,
    help="Bandingkan dengan revisi git ini (misalnya rilis/2026.11.15): modul yang isinya berubah harus naik versi.",
)
@TODAY
def validate_command(path: Path, fmt: str, base: str | None, today: str | None) -> None:
    """Periksa modul, program dan registri di PATH (bawaan: folder ini).

    Bila PATH menunjuk satu modul atau berkas, hanya temuan di sana yang ditampilkan;
    aturan lintas modul tetap memakai seluruh kurikulum.
    """
    root = curriculum_root(path)
    try:
        earlier = load(GitSource(root, base))[0] if base else None
    except SourceError as exc:
        raise UsageProblem(str(exc)) from exc
    kurikulum, findings = validate(FolderSource(root), parse_today(today), earlier, base or "")
    scope = path.resolve().relative_to(root).as_posix() if path.resolve() != root else ""
    if scope:
        findings = [f for f in findings if f.file == scope or f.file.startswith(scope.rstrip("/") + "/")]
    FORMATS[fmt](findings, sys.stdout)
    # JSON stays exactly the documented list of findings, for the tools that read it
    lines = text.summary(ringkasan(kurikulum), findings)
    if fmt == "text":
        click.echo("\n".join(lines))
    elif fmt == "github":
        github.write_summary(lines, sys.stdout)
    sys.exit(1 if has_errors(findings) else 0)


@cli.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text", show_default=True)
def rules_command(fmt: str) -> None:
    """Daftar semua kode aturan validasi."""
    click.echo(rules_table(fmt), nl=False)


def rules_table(fmt: str) -> str:
    if fmt == "markdown":
        lines = ["| Kode | Nama | Tingkat | Arti |", "|---|---|---|---|"]
        lines += [f"| {c.code} | `{c.name}` | {c.severity.label} | {c.summary} |" for c in catalogue()]
    else:
        lines = [f"{c.code}  {c.name:<34} {c.severity.label:<10} {c.summary}" for c in catalogue()]
    return "\n".join(lines) + "\n"


@cli.command("report")
@ROOT
@format_option(LAPORAN_FORMATS)
@click.option("--siklus", default=14, show_default=True, help="Panjang siklus berikutnya, dalam hari.")
@TODAY
def report_command(root_path: Path, fmt: str, siklus: int, today: str | None) -> None:
    """Laporan untuk rapat perencanaan dua mingguan: apa yang perlu perhatian."""
    from kesos_modul.loading import load
    from kesos_modul.output.laporan import FORMATS as LAPORAN_FORMATS
    from kesos_modul.report import laporan

    root = curriculum_root(root_path)
    kurikulum = load(FolderSource(root))[0].utuh()  # neutral values of broken fields would mislead
    LAPORAN_FORMATS[fmt](laporan(kurikulum, parse_today(today), siklus), sys.stdout)
