"""Commands for versions, review and releases: bump, diff, release."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

from kesos_modul.cli import (
    ROOT,
    TODAY,
    UsageProblem,
    cli,
    curriculum_root,
    debug_detail,
    format_option,
    parse_today,
)
from kesos_modul.loading import load
from kesos_modul.output import FORMATS
from kesos_modul.output.telaah import FORMATS as TELAAH_FORMATS
from kesos_modul.sources import FolderSource, GitSource, SourceError


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

    root = curriculum_root(root_path)
    rel = f"modules/{kode}/modul.yaml"
    if not (root / rel).exists():
        raise UsageProblem(f"{rel} tidak ada")
    try:
        new = bump(root / rel, rel, bagian, ringkasan, parse_today(today))
    except BumpError as exc:
        click.echo(f"{rel}: {exc}", err=True)
        sys.exit(1)
    click.echo(f"{kode}: versi {new}, riwayat dicatat di {rel}")


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
    from kesos_modul.output.telaah import FORMATS as TELAAH_FORMATS
    from kesos_modul.review import review

    root = curriculum_root(root_path)
    try:
        base_rev = base or history.merge_base(root, "main")
        # a module read only in part is compared as if absent, not by its neutral values
        old = load(GitSource(root, base_rev))[0].utuh()
        new = load(GitSource(root, head) if head else FolderSource(root))[0].utuh()
    except (SourceError, history.HistoryError) as exc:
        raise UsageProblem(str(exc)) from exc
    base_label = base or f"main ({base_rev[:7]})"
    TELAAH_FORMATS[fmt](review(old, new), base_label, head or "pohon kerja", sys.stdout)


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
    from kesos_modul import history, lock, release

    root = curriculum_root(root_path)
    day = parse_today(today)
    console = Console(stderr=True)
    try:
        git_dir = Path(history.open_repo(root).git_dir)
        with lock.exclusive(git_dir / release.LOCK, f"rilis {nama}"):
            with console.status("Memeriksa rilis…"):
                plan = release.check(root, nama, branch, day, from_tag, main_branch)
            FORMATS["text"](plan.warnings, sys.stdout)
            with console.status(f"Membangun dan menerbitkan rilis {nama} dengan mike…"):
                reused = release.deploy(plan, branch, message, day, tag=not from_tag)
    except lock.Held as exc:
        click.echo(f"Rilis ditolak: {exc}. Tidak ada yang diubah.")
        sys.exit(1)
    except release.AlreadyPublished as exc:
        click.echo(f"{exc}; tidak ada yang perlu dilakukan.")
        return
    except (release.ReleaseRefused, history.HistoryError) as exc:
        FORMATS["text"](getattr(exc, "findings", []), sys.stdout)
        click.echo(f"Rilis ditolak: {exc}. Tidak ada yang diubah.")
        debug_detail(getattr(exc, "detail", ""))
        sys.exit(1)
    except release.ReleaseIncomplete as exc:
        click.echo(f"Rilis belum selesai: {exc}")
        debug_detail(exc.detail)
        sys.exit(1)
    p = plan.perubahan
    click.echo(
        f"Rilis {nama} diterbitkan di cabang {branch} (alias {release.ALIAS}): "
        f"{len(p.ditambah)} modul baru, {len(p.diubah)} diubah, {len(p.dihapus)} dihapus; "
        f"tag {history.RELEASE_TAG_PREFIX}{nama}."
    )
    if reused:
        click.echo(
            f"Halaman {len(reused)} modul yang tidak berubah dipakai ulang dari rilis sebelumnya "
            "atau build/cache, tanpa dibangun lagi."
        )
    command = (
        f"git {' '.join(history.PUSH_OPTIONS)} push {remote} {branch} {history.RELEASE_TAG_PREFIX}{nama}"
    )
    if do_push:
        try:
            release.push(plan, branch, remote, tag=not from_tag)
        except history.HistoryError as exc:
            click.echo(f"Rilis sudah dibuat di komputer ini, tetapi {exc}. Ulangi dengan {command}")
            sys.exit(1)
        click.echo(f"Dikirim ke {remote}: {branch} dan tag {history.RELEASE_TAG_PREFIX}{nama}.")
    else:
        click.echo(f"Belum ada yang dikirim. Untuk menerbitkan: {command}")
