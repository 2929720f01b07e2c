"""Commands that build what trainees read: build, serve, pdf."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click
from rich.console import Console

from kesos_modul.cli import (
    ROOT,
    TODAY,
    UsageProblem,
    cli,
    curriculum_root,
    output_folder,
    parse_today,
    stop_on_errors,
    unwritable,
)
from kesos_modul.findings import Finding
from kesos_modul.model import EDISI, Modul
from kesos_modul.output import FORMATS
from kesos_modul.sources import TOPS, FolderSource
from kesos_modul.validation import validate


@cli.command("build")
@ROOT
@click.option(
    "--output", "-o", type=click.Path(path_type=Path), default=None, help="Folder situs (bawaan: site/)."
)
@click.option(
    "--edisi",
    type=click.Choice(EDISI),
    default="peserta",
    show_default=True,
    help="Edisi peserta atau fasilitator.",
)
@click.option("--drafts", is_flag=True, help="Sertakan modul berstatus draf (ditandai di setiap halaman).")
@click.option(
    "--banding",
    metavar="REV",
    default=None,
    help="Dengan --drafts: revisi git pembanding halaman Perubahan setiap modul (bawaan: rilis terakhir).",
)
@click.option("--strict", is_flag=True, help="Gagal bila ada tautan rusak atau gambar hilang.")
@click.option(
    "--versi", default="pratinjau", show_default=True, help="Nama versi kurikulum yang ditampilkan."
)
@click.option("--offline", is_flag=True, help="Situs yang dapat dibuka langsung dari disk (tanpa server).")
@click.option(
    "--mesin",
    type=click.Choice(["material", "zensical"]),
    default="material",
    show_default=True,
    help="Mesin situs: Material for MkDocs, atau penerusnya Zensical.",
)
@TODAY
def build_command(
    root_path: Path,
    output: Path | None,
    edisi: str,
    drafts: bool,
    banding: str | None,
    strict: bool,
    versi: str,
    offline: bool,
    mesin: str,
    today: str | None,
) -> None:
    """Bangun situs kurikulum: periksa, render dengan Jinja, bangun dengan Material for MkDocs.

    Situs lama diganti hanya bila pembangunan berhasil.
    """
    from kesos_modul import history
    from kesos_modul.engine import BuildError
    from kesos_modul.pipeline import TOLERATED_UNLESS_STRICT, Pipeline, blocking
    from kesos_modul.pwa import SHELL_BUDGET
    from kesos_modul.render import Options
    from kesos_modul.site import check_output, find_shim

    started = time.perf_counter()
    root = curriculum_root(root_path)
    output = (output or root / "site").absolute()
    resolved = output.resolve()
    if (
        resolved == root
        or root.is_relative_to(resolved)
        or any(resolved.is_relative_to(root / t) for t in TOPS)
    ):
        raise UsageProblem(f"--output {output} akan menimpa kurikulum; pilih folder lain")
    try:
        check_output(output)
    except BuildError as exc:
        click.echo(f"Situs tidak dibangun: {exc.messages[0]}")
        sys.exit(1)
    engine = None
    if mesin == "zensical":
        from kesos_modul.engine.zensical import Zensical, find_program

        program = find_program(root)
        if program is None:
            raise UsageProblem("zensical tidak ditemukan; pasang dengan: pip install zensical")
        engine = Zensical(program)
    console = Console(stderr=True)
    day = parse_today(today)
    dasar, dasar_nama = comparison_base(root, banding) if drafts else ({}, "")
    options = Options(
        edisi=edisi, drafts=drafts, versi=versi, dibangun=day, terakhir_diubah=history.last_changes(root),
        dasar=dasar, dasar_nama=dasar_nama,
    )  # fmt: skip
    folder = root / "build" / (f"{edisi}-luring" if offline else edisi)
    pipeline = Pipeline(root, options, folder, offline, pwa=not offline)
    with console.status("Memeriksa modul…"):
        kurikulum, findings = pipeline.check(day)
    FORMATS["text"](findings, sys.stdout)
    if blocking(findings, strict, drafts):
        click.echo("Situs tidak dibangun karena ada galat; situs sebelumnya tidak diubah.")
        sys.exit(1)
    if any(f.code in TOLERATED_UNLESS_STRICT for f in findings):
        click.echo("Tautan rusak dan gambar hilang tidak menghentikan pembangunan tanpa --strict.")
    try:
        with console.status("Merender halaman…"):
            site = pipeline.pages(kurikulum)
            staged = pipeline.stage(site)
        if offline and find_shim(root) is None:
            click.echo(
                "peringatan: iframe-worker tidak terpasang (npm install), pencarian tidak tersedia saat dibuka dari disk"
            )
        with console.status(
            f"Membangun {len(site.pages)} halaman dengan {engine.name if engine else 'Material for MkDocs'}…"
        ):
            warnings = pipeline.build(site, staged, output, strict, engine)
    except BuildError as exc:
        for message in exc.messages:
            click.echo(f"mkdocs: {message}")
        click.echo("Situs tidak dibangun; situs sebelumnya tidak diubah.")
        sys.exit(1)
    for message in warnings:
        click.echo(f"mkdocs: {message}")
    if pipeline.worker is not None:
        shell = pipeline.worker.shell_bytes
        click.echo(
            f"Tanpa sinyal: kunjungan pertama menyimpan kerangka situs {shell / 1024:.0f} KB (terkompresi) di peramban"
            + (f"; peringatan: melebihi anggaran {SHELL_BUDGET // 1024} KB" if shell > SHELL_BUDGET else "")
        )
    moduls = sum(1 for m in kurikulum.modul if drafts or m.status != "draf")
    reused = (
        f" ({len(pipeline.reused)} modul tidak berubah, diambil dari build/cache)" if pipeline.reused else ""
    )
    click.echo(
        f"Situs edisi {edisi}: {moduls} modul{reused}, {len(site.pages)} halaman, "
        f"{time.perf_counter() - started:.1f} detik → {output}"
    )


@cli.command("serve")
@ROOT
@click.option("--edisi", type=click.Choice(EDISI), default="peserta", show_default=True)
@click.option("--drafts/--no-drafts", default=True, show_default=True, help="Tampilkan modul draf.")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option(
    "--banding",
    metavar="REV",
    default=None,
    help="Revisi git pembanding halaman Perubahan setiap modul (bawaan: rilis terakhir).",
)
def serve_command(
    root_path: Path, edisi: str, drafts: bool, port: int, host: str, banding: str | None
) -> None:
    """Pratinjau kurikulum di peramban; halaman diperbarui setiap kali berkas disimpan.

    Modul yang menjadi tidak valid tetap ditampilkan dalam versi baik terakhirnya;
    galatnya dicetak di terminal. Modul yang pengesahannya tidak berlaku lagi karena
    isinya diubah tetap ditampilkan apa adanya, dengan pemberitahuan di halamannya.
    """
    from kesos_modul.engine import BuildError
    from kesos_modul.pipeline import blocking
    from kesos_modul.preview import FIRST, Preview, serve
    from kesos_modul.render import Options

    root = curriculum_root(root_path)
    console = Console(stderr=True)
    with console.status("Menyiapkan pratinjau…"):
        dasar, dasar_nama = comparison_base(root, banding) if drafts else ({}, "")
        options = Options(edisi=edisi, drafts=drafts, dasar=dasar, dasar_nama=dasar_nama)
        preview = Preview(root, options, root / "build" / f"pratinjau-{edisi}", first=FIRST)
    FORMATS["text"](preview.findings, sys.stdout)

    def on_change(findings: list[Finding], seconds: float) -> None:
        FORMATS["text"](findings, sys.stdout)
        state = (
            "ada galat; halaman terakhir yang baik tetap ditampilkan"
            if blocking(findings, strict=True, drafts=drafts)
            else "diperbarui"
        )
        click.echo(f"[{time.strftime('%H:%M:%S')}] {state} ({seconds:.2f} detik)")

    def on_error(messages: list[str]) -> None:
        for message in messages:
            click.echo(f"mkdocs: {message}")
        click.echo("Halaman yang belum terbangun tidak dapat ditampilkan; simpan berkas untuk mencoba lagi.")

    click.echo(f"Pratinjau di http://{host}:{port}/ (Ctrl+C untuk berhenti)")
    try:
        serve(preview, host, port, on_change, on_error)
    except BuildError as exc:
        for message in exc.messages:
            click.echo(f"mkdocs: {message}")
        sys.exit(1)


@cli.command("pdf")
@click.argument("kode", nargs=-1)
@click.option("--edisi", type=click.Choice(EDISI), default="peserta", show_default=True)
@click.option(
    "--output", "-o", type=click.Path(path_type=Path), default=None, help="Folder PDF (bawaan: buku/)."
)
@ROOT
def pdf_command(kode: tuple[str, ...], edisi: str, output: Path | None, root_path: Path) -> None:
    """Buku modul PDF (satu per modul) untuk dicetak: sampul, daftar isi, pendahuluan, bab, penutup.

    Tanpa KODE, semua modul dibuat. Edisi fasilitator menambahkan kunci jawaban dan catatan fasilitator.
    """
    from kesos_modul.book import BookError, write_books

    root = curriculum_root(root_path)
    target = output_folder(output, root, "buku")
    kurikulum, findings = validate(FolderSource(root))
    stop_on_errors(findings, kode, "Buku")
    console = Console(stderr=True)
    try:
        with console.status("Membuat buku modul dengan WeasyPrint…"):
            paths = write_books(kurikulum, root, list(kode), edisi, target)
    except BookError as exc:
        raise UsageProblem(str(exc)) from exc
    except OSError as exc:
        raise unwritable(target, exc) from exc
    for path in paths:
        click.echo(f"dibuat: {path}")


def comparison_base(root: Path, rev: str | None) -> tuple[dict[str, Modul], str]:
    """Each module at ``rev`` (by default the newest release), and how to name it; nothing
    outside a git repository or before a first release."""
    from kesos_modul import history
    from kesos_modul.loading import load
    from kesos_modul.sources import GitSource, SourceError

    try:
        repo = history.open_repo(root)
    except history.HistoryError:
        return {}, ""
    name = rev
    if rev is None:
        done = history.releases(repo)
        if not done:
            return {}, ""
        rev, name = history.RELEASE_TAG_PREFIX + done[-1], f"rilis {done[-1]}"
    try:
        return load(GitSource(root, rev, repo))[0].modul_by_kode(), str(name)
    except SourceError as exc:
        raise UsageProblem(f"--banding: {exc}") from exc
