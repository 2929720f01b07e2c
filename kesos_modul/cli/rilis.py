"""Commands for versions, review and releases: bump, diff, release."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from datetime import date

    import git

    from kesos_modul.deployment import State
    from kesos_modul.journal import Journal


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
@click.option(
    "--selesaikan", "finish", is_flag=True, help="Selesaikan rilis NAMA yang terhenti sebelum selesai."
)
@click.option(
    "--batalkan",
    "undo",
    is_flag=True,
    help="Batalkan rilis NAMA yang terhenti: cabang situs kembali seperti sebelumnya, tagnya dihapus.",
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
    finish: bool,
    undo: bool,
    root_path: Path,
    today: str | None,
) -> None:
    """Terbitkan rilis NAMA (misalnya 2026.11.24): situs peserta berversi dan tag git.

    Ditolak, tanpa mengubah apa pun, bila ada perubahan yang belum di-commit, kurikulum
    tidak valid, modul yang berubah belum dinaikkan versinya, atau rilis itu sudah ada.
    Rilis yang terhenti (dimatikan, listrik padam) disebutkan keadaannya oleh rilis
    berikutnya, lalu diselesaikan dengan --selesaikan atau dibatalkan dengan --batalkan.
    """
    from kesos_modul import deployment, history, journal, lock, release

    if finish and undo:
        raise UsageProblem("--selesaikan dan --batalkan tidak dapat dipakai bersama")
    root = curriculum_root(root_path)
    day = parse_today(today)
    try:
        repo = history.open_repo(root)
        shared = history.common_dir(repo)
        with lock.exclusive(shared / release.LOCK, f"rilis {nama}"):
            pending = journal.read(shared)
            if pending is None and (finish or undo):
                what = "diselesaikan" if finish else "dibatalkan"
                click.echo(f"Tidak ada rilis yang terhenti di repositori ini; tidak ada yang perlu {what}.")
                return
            if pending is not None:
                state = deployment.inspect(root, repo, pending)
                if not _stopped(root, repo, pending, state, nama, finish, undo):
                    return
                if finish:  # nothing reached a branch: the release runs again as it was asked
                    branch, message, from_tag = pending.branch, pending.message, not pending.tag
                    do_push, remote = pending.remote is not None, pending.remote or remote
            _release(root, nama, day, branch, message, from_tag, main_branch, remote, do_push)
    except lock.Held as exc:
        click.echo(f"Rilis ditolak: {exc}. Tidak ada yang diubah.")
        sys.exit(1)
    except release.AlreadyPublished as exc:
        click.echo(f"{exc}; tidak ada yang perlu dilakukan.")
    except (release.ReleaseRefused, history.HistoryError, journal.JournalError, deployment.CannotUndo) as exc:
        FORMATS["text"](getattr(exc, "findings", []), sys.stdout)
        click.echo(f"Rilis ditolak: {exc}. Tidak ada yang diubah.")
        debug_detail(getattr(exc, "detail", ""))
        sys.exit(1)
    except deployment.ReleaseIncomplete as exc:
        click.echo(f"Rilis belum selesai: {exc}")
        debug_detail(exc.detail)
        sys.exit(1)


def _stopped(
    root: Path, repo: git.Repo, pending: Journal, state: State, nama: str, finish: bool, undo: bool
) -> bool:
    """A release stopped before it ended: report it, finish it or undo it. Returns
    whether a release is still to run (nothing of the stopped one reached a branch)."""
    from kesos_modul import deployment, history, journal

    if pending.nama != nama and (finish or undo or not state.untouched(pending)):
        click.echo(f"Rilis {nama} ditolak, tidak ada yang diubah: {deployment.describe(pending, state)}.")
        sys.exit(1)
    if undo:
        remote = deployment.undo(root, repo, pending)
        if not state.moved:
            back = "tidak berubah"
        elif pending.before:
            back = f"kembali ke {pending.before[:12]}"
        else:
            back = "dihapus (belum ada sebelum rilis ini)"
        tag = (
            f"; tag {history.RELEASE_TAG_PREFIX}{pending.nama} dihapus"
            if pending.tag and state.tagged
            else ""
        )
        click.echo(f"Rilis {pending.nama} dibatalkan: cabang {pending.branch} {back}{tag}.")
        if remote:
            click.echo(
                f"Rilis itu mungkin sudah sebagian terkirim ke {pending.remote}; batalkan di sana: "
                + "; ".join(remote)
            )
        return False
    if state.untouched(pending):
        journal.remove(history.common_dir(repo))
        click.echo(
            f"Rilis {pending.nama} sebelumnya terhenti sebelum mengubah cabang atau tag apa pun; dimulai lagi."
        )
        return True
    if not finish:
        click.echo(f"Rilis belum selesai: {deployment.describe(pending, state)}.")
        sys.exit(1)
    deployment.complete(root, repo, pending)
    if pending.remote:
        _send(repo, pending)
    deployment.end(repo)
    click.echo(
        f"Rilis {pending.nama} selesai: versinya ada di cabang {pending.branch} bersama halaman akarnya"
        + (f", tag {history.RELEASE_TAG_PREFIX}{pending.nama} dibuat." if pending.tag else ".")
    )
    return False


def _release(
    root: Path,
    nama: str,
    day: date,
    branch: str,
    message: str | None,
    from_tag: bool,
    main_branch: str,
    remote: str,
    do_push: bool,
) -> None:
    from kesos_modul import deployment, history, release

    console = Console(stderr=True)
    with console.status("Memeriksa rilis…"):
        plan = release.check(root, nama, branch, day, from_tag, main_branch)
    FORMATS["text"](plan.warnings, sys.stdout)
    with console.status(f"Membangun dan menerbitkan rilis {nama} dengan mike…"):
        reused, j = release.deploy(
            plan, branch, message, day, tag=not from_tag, remote=remote if do_push else None
        )
    p = plan.perubahan
    click.echo(
        f"Rilis {nama} diterbitkan di cabang {branch} (alias {deployment.ALIAS}): "
        f"{len(p.ditambah)} modul baru, {len(p.diubah)} diubah, {len(p.dihapus)} dihapus; "
        f"tag {history.RELEASE_TAG_PREFIX}{nama}."
    )
    if reused:
        click.echo(
            f"Halaman {len(reused)} modul yang tidak berubah dipakai ulang dari rilis sebelumnya "
            "atau build/cache, tanpa dibangun lagi."
        )
    if do_push:
        _send(plan.repo, j)
    deployment.end(plan.repo)
    if not do_push:
        command = (
            f"git {' '.join(history.PUSH_OPTIONS)} push {remote} {branch} {history.RELEASE_TAG_PREFIX}{nama}"
        )
        click.echo(f"Belum ada yang dikirim. Untuk menerbitkan: {command}")


def _send(repo: git.Repo, j: Journal) -> None:
    """Push a release's branch and tag; a failure keeps its journal, so finishing it sends again."""
    from kesos_modul import deployment, history

    try:
        deployment.send(repo, j)
    except history.HistoryError as exc:
        click.echo(
            f"Rilis sudah dibuat di komputer ini, tetapi {exc}. Kirim lagi dengan {deployment.commands(j)[0]}"
        )
        sys.exit(1)
    tag = f" dan tag {history.RELEASE_TAG_PREFIX}{j.nama}" if j.tag else ""
    click.echo(f"Dikirim ke {j.remote}: {j.branch}{tag}.")
