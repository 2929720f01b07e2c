"""The git side of a release, after its site is built: mike's commit of the new
version, the deploy branch's root pages, the tag and the push, journaled
(:mod:`kesos_modul.journal`) so that a release stopped at any moment says what
state it left and can be finished or undone with one command each.

Every step after mike's commit is done only when the repository lacks what it
makes, so finishing a stopped release is running those steps again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kesos_modul import history, journal
from kesos_modul.engine import PublishError
from kesos_modul.engine.material import Material
from kesos_modul.journal import Journal

if TYPE_CHECKING:
    import git

ALIAS = "terbaru"
ROOT_PAGES = ("index.html", "404.html")  # at the deploy branch's root (Material.set_default)


class ReleaseIncomplete(Exception):
    """A step failed after a branch changed; the message says the state and how to finish or undo."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


class CannotUndo(Exception):
    """Undoing would lose somebody else's work; nothing was changed."""


@dataclass(frozen=True)
class State:
    """What a release has done, read from the repository."""

    deployed: bool  # its version is on the deploy branch
    root_pages: bool  # the deploy branch has its root pages
    tagged: bool  # the release's tag names the released commit
    moved: bool  # the deploy branch is no longer where it was before the release

    def untouched(self, j: Journal) -> bool:
        """Nothing of the release reached a branch, a tag or a remote."""
        return not (self.moved or (j.tag and self.tagged) or j.sending)


def inspect(root: Path, repo: git.Repo, j: Journal) -> State:
    return State(
        deployed=j.nama in Material().versions(root, j.branch),
        root_pages=all(history.has_file(repo, j.branch, page) for page in ROOT_PAGES),
        tagged=history.tagged_commit(repo, j.nama) == j.commit,
        moved=history.branch_head(repo, j.branch) != j.before,
    )


def commands(j: Journal) -> tuple[str, str]:
    """The command that finishes the release, and the one that undoes it."""
    return f"kesos-modul release {j.nama} --selesaikan", f"kesos-modul release {j.nama} --batalkan"


def describe(j: Journal, s: State) -> str:
    """The state a stopped release left, step by step, and the two ways on."""
    tag = history.RELEASE_TAG_PREFIX + j.nama
    steps = [
        f"versi {j.nama} "
        + ("sudah disimpan" if s.deployed else "belum disimpan")
        + f" di cabang {j.branch}",
        "halaman akar cabang itu (index.html, 404.html) " + ("ada" if s.root_pages else "belum lengkap"),
    ]
    if j.tag:
        steps.append(f"tag {tag} " + ("sudah dibuat" if s.tagged else "belum dibuat"))
    if j.remote:
        sent = "mungkin sudah sebagian terkirim" if j.sending else "belum dikirim"
        steps.append(f"cabang {j.branch}" + (f" dan tag {tag}" if j.tag else "") + f" {sent} ke {j.remote}")
    finish, undo = commands(j)
    return (
        f"rilis {j.nama} (dimulai {j.mulai}) terhenti sebelum selesai: "
        + "; ".join(steps)
        + f". Untuk menyelesaikannya: {finish}. Untuk membatalkannya: {undo}"
    )


def begin(repo: git.Repo, **fields: object) -> Journal:
    """Write the journal of a release about to change its deploy branch."""
    j = journal.started(before=history.branch_head(repo, str(fields["branch"])), **fields)
    journal.write(history.common_dir(repo), j)
    return j


def publish(root: Path, repo: git.Repo, j: Journal, publishing: Callable[[], None]) -> None:
    """Run mike's commit (``publishing``); a failure that left the branches as they were ends the
    journal and is re-raised, one that did not says what state it left."""
    try:
        publishing()
    except PublishError as exc:
        state = inspect(root, repo, j)
        if not state.untouched(j):
            raise ReleaseIncomplete(describe(j, state), exc.detail) from exc
        journal.remove(history.common_dir(repo))
        raise


def complete(root: Path, repo: git.Repo, j: Journal) -> None:
    """The steps after mike's commit that the repository still lacks: the root pages, the tag."""
    try:
        if not all(history.has_file(repo, j.branch, page) for page in ROOT_PAGES):
            Material().set_default(root, j.branch, ALIAS)
        if j.tag and history.tagged_commit(repo, j.nama) is None:
            history.tag_release(repo, j.nama, j.message, j.commit)
    except Exception as exc:  # mike's or git's own words, whatever they are, go to --debug
        raise ReleaseIncomplete(
            describe(j, inspect(root, repo, j)), getattr(exc, "detail", str(exc))
        ) from exc


def send(repo: git.Repo, j: Journal) -> None:
    """Push the deploy branch and the tag; the journal says first that the remote may now have part of them."""
    assert j.remote is not None
    journal.write(history.common_dir(repo), j.sent())
    refs = [j.branch, f"refs/tags/{history.RELEASE_TAG_PREFIX}{j.nama}"] if j.tag else [j.branch]
    history.push(repo, j.remote, refs)


def end(repo: git.Repo) -> None:
    """The release is complete: nothing is left to finish or undo."""
    journal.remove(history.common_dir(repo))


def undo(root: Path, repo: git.Repo, j: Journal) -> list[str]:
    """Put the deploy branch back where it was and remove the tag the release made; returns
    the commands that undo it on the remote too, when the push had started."""
    s = inspect(root, repo, j)
    head = history.branch_head(repo, j.branch)
    if (
        s.moved
        and head is not None
        and j.before is not None
        and not history.is_ancestor(repo, j.before, head)
    ):
        raise CannotUndo(
            f"cabang {j.branch} tidak lagi memuat commit sebelum rilis {j.nama} ({j.before[:12]}); "
            "rilis ini tidak dibatalkan otomatis agar tidak ada yang hilang"
        )
    tag = history.RELEASE_TAG_PREFIX + j.nama
    try:
        if s.moved and head is not None:
            history.reset_branch(repo, j.branch, j.before, head)
        if j.tag and s.tagged:
            history.delete_tag(repo, j.nama)
    except history.HistoryError as exc:
        raise CannotUndo(str(exc)) from exc
    end(repo)
    if not (j.sending and j.remote):
        return []
    # what the remote holds of the release (everything, when it cannot be asked)
    held = history.remote_refs(repo, j.remote)
    branch_ref, tag_ref = f"refs/heads/{j.branch}", f"refs/tags/{tag}"
    commands = []
    if held is None or held.get(branch_ref) != j.before:
        back = f"{j.before}:{branch_ref}" if j.before else f":{branch_ref}"
        commands.append(f"git push --force {j.remote} {back}")
    if j.tag and (held is None or tag_ref in held):
        commands.append(f"git push {j.remote} :{tag_ref}")
    return commands
