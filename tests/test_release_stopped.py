"""A release killed (SIGKILL) at each of its steps, on real repositories with a
real remote: the next ``release`` says what state it left, ``--selesaikan``
finishes it into exactly the release an uninterrupted run makes, and
``--batalkan`` puts the branches, the tag and the remote back as they were."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, TODAY, commit_all, git, run
from tests.test_release import change_and_bump

FIRST, SECOND = "2026.11.01", "2026.11.15"


def release(root: Path, name: str, *extra: str):
    return run("release", name, "--root", str(root), "--today", TODAY, *extra)


def killed(root: Path, point: str, name: str, *extra: str) -> None:
    """Run a release in its own process and kill it at ``point``."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.stop_release", point,
         "release", name, "--root", str(root), "--today", TODAY, *extra],
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == -9, done.stdout + done.stderr


def refs(root: Path) -> dict[str, str]:
    """Every branch and tag of the repository, and of its remote when it has one."""
    out = {}
    for where in (root, root.parent / "remote.git"):
        if where.exists():
            for line in git(where, "for-each-ref", "--format=%(refname) %(objectname)").splitlines():
                ref, sha = line.split()
                out[f"{where.name}:{ref}"] = sha
    return out


def copy(base: Path, to: Path) -> Path:
    shutil.copytree(base, to, symlinks=True)
    return to / "kurikulum"


def version_tree(root: Path, name: str) -> str:
    """Every file of a version folder but the search index, whose filter files Pagefind does not
    write byte for byte the same from one run to the next (measured: three of 250 files differ)."""
    listing = git(root, "ls-tree", "-r", f"gh-pages:{name}").splitlines()
    return "\n".join(line for line in listing if not line.split("\t")[1].startswith("pagefind/"))


def assert_complete(root: Path, name: str, reference: str, pushed: bool) -> None:
    """The release as an uninterrupted run leaves it: version, alias, root pages, tag, remote."""
    assert version_tree(root, name) == reference
    versions = json.loads(git(root, "show", "gh-pages:versions.json"))
    assert versions[0]["version"] == name and versions[0]["aliases"] == ["terbaru"]
    assert {"index.html", "404.html"} <= set(git(root, "ls-tree", "--name-only", "gh-pages").split())
    assert git(root, "rev-parse", f"rilis/{name}^{{commit}}") == git(root, "rev-parse", "HEAD")
    assert not (root / ".git" / "kesos-rilis.jurnal").exists()
    if pushed:
        remote = root.parent / "remote.git"
        assert git(remote, "rev-parse", "gh-pages") == git(root, "rev-parse", "gh-pages")
        assert git(remote, "rev-parse", f"rilis/{name}") == git(root, "rev-parse", f"rilis/{name}")


@pytest.fixture(scope="module")
def unreleased(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A committed curriculum with a bare remote beside it, never released."""
    base = tmp_path_factory.mktemp("rilis-terhenti")
    root = base / "kurikulum"
    for name in ("modules", "program", "registri"):
        shutil.copytree(REPO / name, root / name)
    commit_all(root, "kurikulum awal")
    git(base, "init", "-q", "--bare", "remote.git")
    git(root, "remote", "add", "origin", "../remote.git")
    return base


@pytest.fixture(scope="module")
def released(unreleased: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same, released and pushed once, with a changed, bumped and approved module committed."""
    root = copy(unreleased, tmp_path_factory.mktemp("rilis-pertama") / "x")
    assert release(root, FIRST, "--push").exit_code == 0
    change_and_bump(root, "Kalimat rilis kedua.")
    return root.parent


@pytest.fixture(scope="module")
def reference(unreleased: Path, released: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The version folder each release has when nothing stops it."""
    root = copy(released, tmp_path_factory.mktemp("rilis-utuh") / "x")
    assert release(root, SECOND, "--push").exit_code == 0
    return {FIRST: version_tree(root, FIRST), SECOND: version_tree(root, SECOND)}


# point -> what the next release says of it (None: nothing reached a branch or a tag;
# empty: the release was stopped before it wrote its journal, so there is nothing to say)
SECOND_RELEASE: dict[str, list[str] | None] = {
    "membangun": [],
    "commit-mike": None,
    "sebelum-tag": ["versi 2026.11.15 sudah disimpan", "tag rilis/2026.11.15 belum dibuat", "belum dikirim"],
    "sesudah-tag": ["versi 2026.11.15 sudah disimpan", "tag rilis/2026.11.15 sudah dibuat", "belum dikirim"],
    "saat-kirim": ["tag rilis/2026.11.15 sudah dibuat", "mungkin sudah sebagian terkirim ke origin"],
    "sesudah-kirim": ["tag rilis/2026.11.15 sudah dibuat", "mungkin sudah sebagian terkirim ke origin"],
}


@pytest.mark.parametrize("point", SECOND_RELEASE)
def test_a_release_killed_at_any_step_is_finished_or_undone(
    point: str, released: Path, reference: dict[str, str], tmp_path: Path
) -> None:
    root = copy(released, tmp_path / "selesai")
    before = refs(root)
    killed(root, point, SECOND, "--push")
    undo_root = copy(root.parent, tmp_path / "batal")

    said = SECOND_RELEASE[point]
    if not said:  # the next release starts it again
        assert refs(root) == before
        again = release(root, SECOND, "--push")
        assert again.exit_code == 0, again.output
        noted = "terhenti sebelum mengubah cabang atau tag apa pun; dimulai lagi" in again.output
        assert noted == (said is None)
    else:
        status = release(root, SECOND, "--push")
        assert status.exit_code == 1, status.output
        assert "Rilis belum selesai: rilis 2026.11.15 (dimulai " in status.output
        for words in said:
            assert words in status.output
        assert "kesos-modul release 2026.11.15 --selesaikan" in status.output
        assert "kesos-modul release 2026.11.15 --batalkan" in status.output
        # another release is refused until this one is finished or undone
        other = release(root, "2026.11.20")
        assert other.exit_code == 1
        assert "Rilis 2026.11.20 ditolak, tidak ada yang diubah: rilis 2026.11.15 (dimulai" in other.output
        finished = release(root, SECOND, "--selesaikan")
        assert finished.exit_code == 0, finished.output
        assert "Rilis 2026.11.15 selesai" in finished.output
    assert_complete(root, SECOND, reference[SECOND], pushed=True)

    undone = release(undo_root, SECOND, "--batalkan")
    assert undone.exit_code == 0, undone.output
    if said == []:
        assert "Tidak ada rilis yang terhenti di repositori ini" in undone.output
    else:
        assert "Rilis 2026.11.15 dibatalkan" in undone.output
    for command in undone.output.split("batalkan di sana: ")[1:]:  # the remote had part of it
        for line in command.strip().rstrip(".").split("; "):
            subprocess.run(shlex.split(line), cwd=undo_root, check=True, capture_output=True)
    assert refs(undo_root) == before
    assert not (undo_root / ".git" / "kesos-rilis.jurnal").exists()


FIRST_RELEASE = {
    "sebelum-halaman-akar": "halaman akar cabang itu (index.html, 404.html) belum lengkap",
    "antara-halaman-akar": "halaman akar cabang itu (index.html, 404.html) belum lengkap",
}


@pytest.mark.parametrize("point", FIRST_RELEASE)
def test_a_first_release_killed_before_its_root_pages(
    point: str, unreleased: Path, reference: dict[str, str], tmp_path: Path
) -> None:
    """Undone, a first release leaves no deploy branch at all; finished, it has its root pages."""
    root = copy(unreleased, tmp_path / "selesai")
    killed(root, point, FIRST)
    undo_root = copy(root.parent, tmp_path / "batal")
    status = release(root, FIRST)
    assert status.exit_code == 1 and FIRST_RELEASE[point] in status.output, status.output
    assert release(root, FIRST, "--selesaikan").exit_code == 0
    assert_complete(root, FIRST, reference[FIRST], pushed=False)

    undone = release(undo_root, FIRST, "--batalkan")
    assert "cabang gh-pages dihapus (belum ada sebelum rilis ini)" in undone.output, undone.output
    assert "gh-pages" not in git(undo_root, "branch") and git(undo_root, "tag") == ""
    again = release(undo_root, FIRST)
    assert again.exit_code == 0, again.output
    assert_complete(undo_root, FIRST, reference[FIRST], pushed=False)


def test_finishing_or_undoing_with_nothing_stopped_changes_nothing(unreleased: Path, tmp_path: Path) -> None:
    root = copy(unreleased, tmp_path / "x")
    before = refs(root)
    for flag, word in (("--selesaikan", "diselesaikan"), ("--batalkan", "dibatalkan")):
        result = release(root, FIRST, flag)
        assert result.exit_code == 0 and f"tidak ada yang perlu {word}" in result.output
    assert release(root, FIRST, "--selesaikan", "--batalkan").exit_code == 2
    assert refs(root) == before


def test_undo_never_drops_commits_it_did_not_make(released: Path, tmp_path: Path) -> None:
    """A deploy branch rewritten after the stop (somebody reset it) is not reset again."""
    root = copy(released, tmp_path / "x")
    killed(root, "sebelum-tag", SECOND)
    first_tip = git(root, "rev-parse", "gh-pages~1").strip()
    git(root, "branch", "-f", "gh-pages", git(root, "rev-parse", "main").strip())
    result = release(root, SECOND, "--batalkan")
    assert result.exit_code == 1 and "tidak dibatalkan otomatis" in result.output, result.output
    assert git(root, "rev-parse", "gh-pages").strip() != first_tip
    assert (root / ".git" / "kesos-rilis.jurnal").exists()
