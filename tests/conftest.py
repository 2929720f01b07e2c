"""Shared fixtures: a private copy of the sample curriculum, and the CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kesos_modul.cli import cli

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-24"


@pytest.fixture
def curriculum(tmp_path: Path) -> Path:
    """A writable copy of the sample curriculum (modules, programs, registries)."""
    root = tmp_path / "kurikulum"
    for name in ("modules", "program", "registri"):
        shutil.copytree(REPO / name, root / name)
    return root


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


def commit_all(root: Path, message: str = "perubahan") -> None:
    """Make ``root`` a git repository (once) and commit everything in it."""
    if not (root / ".git").exists():
        git(root, "init", "-q", "-b", "main")
        git(root, "config", "user.name", "Penulis Uji")
        git(root, "config", "user.email", "penulis@contoh.id")
        (root / ".gitignore").write_text("site/\nbuild/\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must occur exactly once) with ``new``."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_bytes().decode("utf-8", "replace").split("\n"), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def validate_json(root: Path, *extra: str) -> tuple[int, list[dict]]:
    result = run("validate", str(root), "--format", "json", "--today", TODAY, *extra)
    return result.exit_code, json.loads(result.stdout)


def keep_approved(root: Path, kode: str = "dukungan-psikososial-bencana") -> None:
    """Re-seal an approved sample module's approval after a test planted content in
    it (a secret answer, a note, markup), as if that content had been approved:
    such tests are about what the outputs do with the content, not about approval
    (tests/test_pengesahan.py is)."""
    from kesos_modul.loading import load
    from kesos_modul.pengesahan import sidik
    from kesos_modul.sources import FolderSource

    m = load(FolderSource(root))[0].modul_by_kode()[kode]
    meta = root / m.metadata_file
    record = m.riwayat[0].pengesahan
    assert record is not None, f"{kode} has no approval record"
    meta.write_text(meta.read_text(encoding="utf-8").replace(record.sidik, sidik(m)), encoding="utf-8")
