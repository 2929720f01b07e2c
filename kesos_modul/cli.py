"""The ``kesos-modul`` command. Thin: parse options, run stages, print, exit.

Exit codes: 0 clean (warnings allowed), 1 errors found, 2 usage problem.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import click
from rich.console import Console

from kesos_modul import __version__
from kesos_modul.findings import Finding, Severity, has_errors
from kesos_modul.loading import load
from kesos_modul.model import EDISI
from kesos_modul.output import FORMATS
from kesos_modul.output.laporan import FORMATS as LAPORAN_FORMATS
from kesos_modul.output.telaah import FORMATS as TELAAH_FORMATS
from kesos_modul.sources import TOPS, FolderSource, GitSource, SourceError, find_root
from kesos_modul.validation import catalogue, validate

# The stages behind the other commands (rendering, the site engine, git, PDF) are
# imported by the command that uses them, so `validate`, the command writers run
# most, starts quickly.


class UsageProblem(click.UsageError):
    """A usage problem reported in Indonesian."""

    def show(self, file=None) -> None:
        click.echo(f"kesos-modul: {self.message}", err=True)


def _root(path: Path) -> Path:
    if not path.exists():
        raise UsageProblem(f"path '{path}' tidak ada")
    root = find_root(path)
    if root is None:
        raise UsageProblem(
            f"tidak ditemukan folder modules/ di '{path}' atau di atasnya; "
            "jalankan perintah ini di dalam repositori kurikulum"
        )
    return root


def _today(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise UsageProblem(f"--today '{value}' bukan tanggal TTTT-BB-HH") from exc


# Options several commands share, declared once.
TODAY = click.option(
    "--today", "today", metavar="TTTT-BB-HH", hidden=True, help="Tanggal hari ini (untuk pengujian)."
)
ROOT = click.option(
    "--root", "root_path", default=".", type=click.Path(path_type=Path), help="Repositori kurikulum."
)


def format_option(formats: dict[str, Callable], help: str = "Bentuk keluaran.") -> Callable:
    """``--format`` with the choices of an output's format table."""
    return click.option(
        "--format", "fmt", type=click.Choice(list(formats)), default="text", show_default=True, help=help
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kesos-modul")
@click.option("--debug", is_flag=True, help="Tampilkan traceback bila terjadi galat internal.")
def cli(debug: bool) -> None:
    """Menulis, menelaah, memversikan dan menerbitkan modul pelatihan kesejahteraan sosial."""


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
    root = _root(path)
    try:
        earlier = load(GitSource(root, base))[0] if base else None
    except SourceError as exc:
        raise UsageProblem(str(exc)) from exc
    kurikulum, findings = validate(FolderSource(root), _today(today), earlier, base or "")
    scope = path.resolve().relative_to(root).as_posix() if path.resolve() != root else ""
    if scope:
        findings = [f for f in findings if f.file == scope or f.file.startswith(scope.rstrip("/") + "/")]
    FORMATS[fmt](findings, sys.stdout)
    if fmt == "text":
        errors = sum(f.severity is Severity.ERROR for f in findings)
        warnings = len(findings) - errors
        status = "tidak ada masalah" if not findings else f"{errors} galat, {warnings} peringatan"
        click.echo(f"Diperiksa: {len(kurikulum.modul)} modul, {len(kurikulum.program)} program — {status}.")
    sys.exit(1 if has_errors(findings) else 0)


@cli.command("build")
@click.argument("path", default=".", type=click.Path(path_type=Path))
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
    path: Path,
    output: Path | None,
    edisi: str,
    drafts: bool,
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
    from kesos_modul.render import Options
    from kesos_modul.site import check_output, find_shim

    started = time.perf_counter()
    root = _root(path)
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
    options = Options(edisi=edisi, drafts=drafts, versi=versi, terakhir_diubah=history.last_changes(root))
    pipeline = Pipeline(root, options, root / "build" / (f"{edisi}-luring" if offline else edisi), offline)
    with console.status("Memeriksa modul…"):
        kurikulum, findings = pipeline.check(_today(today))
    FORMATS["text"](findings, sys.stdout)
    if blocking(findings, strict):
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
            warnings = pipeline.build(staged, output, strict, engine)
    except BuildError as exc:
        for message in exc.messages:
            click.echo(f"mkdocs: {message}")
        click.echo("Situs tidak dibangun; situs sebelumnya tidak diubah.")
        sys.exit(1)
    for message in warnings:
        click.echo(f"mkdocs: {message}")
    moduls = sum(1 for m in kurikulum.modul if drafts or m.status != "draf")
    click.echo(
        f"Situs edisi {edisi}: {moduls} modul, {len(site.pages)} halaman, "
        f"{time.perf_counter() - started:.1f} detik → {output}"
    )


@cli.command("serve")
@click.argument("path", default=".", type=click.Path(path_type=Path))
@click.option("--edisi", type=click.Choice(EDISI), default="peserta", show_default=True)
@click.option("--drafts/--no-drafts", default=True, show_default=True, help="Tampilkan modul draf.")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--host", default="127.0.0.1", show_default=True)
def serve_command(path: Path, edisi: str, drafts: bool, port: int, host: str) -> None:
    """Pratinjau kurikulum di peramban; halaman diperbarui setiap kali berkas disimpan.

    Modul yang menjadi tidak valid tetap ditampilkan dalam versi baik terakhirnya;
    galatnya dicetak di terminal.
    """
    from kesos_modul.engine import BuildError
    from kesos_modul.preview import Preview, serve
    from kesos_modul.render import Options

    root = _root(path)
    console = Console(stderr=True)
    with console.status("Menyiapkan pratinjau…"):
        preview = Preview(root, Options(edisi=edisi, drafts=drafts), root / "build" / f"pratinjau-{edisi}")
    FORMATS["text"](preview.findings, sys.stdout)

    def on_change(findings: list[Finding], seconds: float) -> None:
        FORMATS["text"](findings, sys.stdout)
        state = (
            "ada galat; halaman terakhir yang baik tetap ditampilkan"
            if has_errors(findings)
            else "diperbarui"
        )
        click.echo(f"[{time.strftime('%H:%M:%S')}] {state} ({seconds:.2f} detik)")

    click.echo(f"Pratinjau di http://{host}:{port}/ (Ctrl+C untuk berhenti)")
    try:
        serve(preview, host, port, on_change)
    except BuildError as exc:
        for message in exc.messages:
            click.echo(f"mkdocs: {message}")
        sys.exit(1)


@cli.command("bump")
@click.argument("kode")
@click.argument("bagian", type=click.Choice(["patch", "minor", "major"]))
@click.option("-m", "--message", "ringkasan", required=True, help="Ringkasan perubahan untuk riwayat.")
@ROOT
@TODAY
def bump_command(kode: str, bagian: str, ringkasan: str, root_path: Path, today: str | None) -> None:
    """Naikkan versi modul KODE (patch, minor atau major) dan catat riwayatnya.

    Hanya baris versi dan entri riwayat baru yang berubah; komentar, urutan kunci dan
    format lain di modul.yaml tetap seperti semula.
    """
    from kesos_modul.bump import BumpError, bump

    root = _root(root_path)
    rel = f"modules/{kode}/modul.yaml"
    if not (root / rel).exists():
        raise UsageProblem(f"{rel} tidak ada")
    try:
        new = bump(root / rel, rel, bagian, ringkasan, _today(today))
    except BumpError as exc:
        click.echo(f"{rel}: {exc}", err=True)
        sys.exit(1)
    click.echo(f"{kode}: versi {new}, riwayat dicatat di {rel}")


@cli.command("release")
@click.argument("nama")
@click.option("--push", "do_push", is_flag=True, help="Kirim cabang situs dan tag rilis ke remote.")
@click.option("--message", "-m", default=None, help="Pesan rilis (bawaan: Rilis kurikulum NAMA).")
@click.option(
    "--branch", default="gh-pages", show_default=True, help="Cabang tempat situs berversi disimpan."
)
@click.option("--remote", default="origin", show_default=True)
@click.option(
    "--main-branch",
    default="main",
    show_default=True,
    help="Cabang utama: satu-satunya cabang tempat rilis boleh dibuat.",
)
@click.option(
    "--from-tag",
    is_flag=True,
    help="Terbitkan tag rilis/NAMA yang sudah ada dan sedang dibuka (untuk CI); tidak membuat tag.",
)
@ROOT
@TODAY
def release_command(
    nama: str,
    do_push: bool,
    message: str | None,
    branch: str,
    remote: str,
    main_branch: str,
    from_tag: bool,
    root_path: Path,
    today: str | None,
) -> None:
    """Terbitkan rilis NAMA (misalnya 2026.11.24): situs peserta berversi dan tag git.

    Ditolak, tanpa mengubah apa pun, bila ada perubahan yang belum di-commit, kurikulum
    tidak valid, modul yang berubah belum dinaikkan versinya, atau rilis itu sudah ada.
    """
    from kesos_modul import history, release

    root = _root(root_path)
    day = _today(today)
    console = Console(stderr=True)
    try:
        with console.status("Memeriksa rilis…"):
            plan = release.check(root, nama, branch, day, from_tag, main_branch)
        FORMATS["text"](plan.warnings, sys.stdout)
        with console.status(f"Membangun dan menerbitkan rilis {nama} dengan mike…"):
            release.deploy(plan, branch, message, day, tag=not from_tag)
    except release.AlreadyPublished as exc:
        click.echo(f"{exc}; tidak ada yang perlu dilakukan.")
        return
    except (release.ReleaseRefused, history.HistoryError) as exc:
        FORMATS["text"](getattr(exc, "findings", []), sys.stdout)
        click.echo(f"Rilis ditolak: {exc}. Tidak ada yang diubah.")
        _debug_detail(getattr(exc, "detail", ""))
        sys.exit(1)
    except release.ReleaseIncomplete as exc:
        click.echo(f"Rilis belum selesai: {exc}")
        _debug_detail(exc.detail)
        sys.exit(1)
    p = plan.perubahan
    click.echo(
        f"Rilis {nama} diterbitkan di cabang {branch} (alias {release.ALIAS}): "
        f"{len(p.ditambah)} modul baru, {len(p.diubah)} diubah, {len(p.dihapus)} dihapus; "
        f"tag {history.RELEASE_TAG_PREFIX}{nama}."
    )
    if do_push:
        try:
            release.push(plan, branch, remote, tag=not from_tag)
        except history.HistoryError as exc:
            click.echo(f"Rilis sudah dibuat di komputer ini, tetapi {exc}. Ulangi dengan git push.")
            sys.exit(1)
        click.echo(f"Dikirim ke {remote}: {branch} dan tag {history.RELEASE_TAG_PREFIX}{nama}.")
    else:
        click.echo(
            f"Belum ada yang dikirim. Untuk menerbitkan: git push {remote} {branch} {history.RELEASE_TAG_PREFIX}{nama}"
        )


@cli.command("diff")
@click.argument("base", required=False)
@click.argument("head", required=False)
@format_option(TELAAH_FORMATS)
@ROOT
def diff_command(base: str | None, head: str | None, fmt: str, root_path: Path) -> None:
    """Apa yang diubah sebuah perubahan pada kurikulum, antara dua revisi git.

    BASE bawaan: titik percabangan dengan main; HEAD bawaan: pohon kerja. Keduanya
    boleh revisi git mana pun (cabang, tag, commit).
    """
    from kesos_modul import history
    from kesos_modul.diff import review
    from kesos_modul.loading import load
    from kesos_modul.output.telaah import FORMATS as TELAAH_FORMATS

    root = _root(root_path)
    try:
        base_rev = base or history.merge_base(root, "main")
        old = load(GitSource(root, base_rev))[0]
        new = load(GitSource(root, head) if head else FolderSource(root))[0]
    except (SourceError, history.HistoryError) as exc:
        raise UsageProblem(str(exc)) from exc
    base_label = base or f"main ({base_rev[:7]})"
    TELAAH_FORMATS[fmt](review(old, new), base_label, head or "pohon kerja", sys.stdout)


@cli.command("report")
@click.argument("path", default=".", type=click.Path(path_type=Path))
@format_option(LAPORAN_FORMATS)
@click.option("--siklus", default=14, show_default=True, help="Panjang siklus berikutnya, dalam hari.")
@TODAY
def report_command(path: Path, fmt: str, siklus: int, today: str | None) -> None:
    """Laporan untuk rapat perencanaan dua mingguan: apa yang perlu perhatian."""
    from kesos_modul.loading import load
    from kesos_modul.output.laporan import FORMATS as LAPORAN_FORMATS
    from kesos_modul.report import laporan

    root = _root(path)
    kurikulum, _ = load(FolderSource(root))
    LAPORAN_FORMATS[fmt](laporan(kurikulum, _today(today), siklus), sys.stdout)


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

    root = _root(root_path)
    kurikulum, findings = validate(FolderSource(root))
    errors = [
        f
        for f in findings
        if f.severity is Severity.ERROR and (not kode or any(f"modules/{k}/" in f.file for k in kode))
    ]
    if errors:
        FORMATS["text"](errors, sys.stdout)
        click.echo("Buku tidak dibuat karena ada galat.")
        sys.exit(1)
    console = Console(stderr=True)
    try:
        with console.status("Membuat buku modul dengan WeasyPrint…"):
            paths = write_books(kurikulum, root, list(kode), edisi, output or root / "buku")
    except BookError as exc:
        raise UsageProblem(str(exc)) from exc
    for path in paths:
        click.echo(f"dibuat: {path}")


@cli.command("new")
@click.argument("kode")
@click.option("--judul", default=None, help="Judul modul (bawaan: dari kode).")
@click.option("--ranah", "ranah", multiple=True, required=True, help="Ranah UU 11/2009 (boleh berulang).")
@click.option(
    "--pilar", "pilar", multiple=True, required=True, help="Pilar UU 11/2009 Pasal 6 (boleh berulang)."
)
@click.option("--kategori", "kategori", multiple=True, help="Kategori SDM Kesos sasaran (boleh berulang).")
@click.option("--peran", "peran", multiple=True, help="Peran sasaran, misalnya tagana (boleh berulang).")
@click.option("--penyusun", default="Nama Penyusun", show_default=True, help="Nama penulis modul.")
@click.option("--instansi", default="Nama Instansi", show_default=True, help="Instansi penulis.")
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

    root = _root(root_path)
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
    day = _today(today)
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


def _debug_detail(detail: str) -> None:
    """What a tool printed in English, only when --debug asks for it."""
    if detail and click.get_current_context().find_root().params.get("debug"):
        click.echo(detail, err=True)


def main() -> None:
    """Entry point: no traceback reaches a writer unless --debug asks for it."""
    try:
        cli(prog_name="kesos-modul")
    except Exception as exc:
        if "--debug" in sys.argv:
            raise
        click.echo(
            f"kesos-modul: galat internal: {type(exc).__name__}: {exc}\n"
            "    saran: jalankan ulang dengan --debug dan laporkan keluarannya kepada tim pengembang",
            err=True,
        )
        sys.exit(2)
