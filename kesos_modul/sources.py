"""Sources: where a curriculum is read from.

A source lists repository-relative paths (forward slashes) and reads bytes.
The loader only talks to this protocol, so a folder on disk and a git
revision load the same way.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

# Folders that never hold curriculum content.
SKIPPED_DIRS = frozenset({".git", ".venv", "venv", "node_modules", "site", "__pycache__", ".cache"})


class Source(Protocol):
    def files(self) -> list[str]:
        """Every file path under the curriculum root, relative, with forward slashes."""
        ...

    def read(self, path: str) -> bytes: ...

    def size(self, path: str) -> int: ...


class FolderSource:
    """A curriculum in a folder on disk (a working tree)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def files(self) -> list[str]:
        found: list[str] = []
        for top in ("modules", "program", "registri"):
            base = self.root / top
            for dirpath, dirnames, filenames in os.walk(base):
                dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_DIRS)
                rel = Path(dirpath).relative_to(self.root).as_posix()
                found.extend(f"{rel}/{name}" for name in sorted(filenames))
        return found

    def read(self, path: str) -> bytes:
        return (self.root / path).read_bytes()

    def size(self, path: str) -> int:
        return (self.root / path).stat().st_size


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds a ``modules/`` folder."""
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for candidate in (here, *here.parents):
        if (candidate / "modules").is_dir():
            return candidate
    return None


class GitSource:
    """A curriculum as it was at a git revision, read from the object database
    without touching the working tree."""

    def __init__(self, root: Path, rev: str) -> None:
        import git  # GitPython; imported here so validating a folder never needs it

        self.root = root
        self.rev = rev
        try:
            repo = git.Repo(root, search_parent_directories=True)
            tree = repo.commit(rev).tree
        except (git.exc.InvalidGitRepositoryError, git.exc.NoSuchPathError) as exc:
            raise SourceError(f"{root} bukan repositori git") from exc
        except (git.exc.BadName, ValueError) as exc:
            raise SourceError(f"revisi git '{rev}' tidak ditemukan") from exc
        prefix = Path(root).resolve().relative_to(Path(repo.working_tree_dir).resolve()).as_posix()
        self._prefix = "" if prefix == "." else prefix + "/"
        self._blobs = {}
        for top in ("modules", "program", "registri"):
            try:
                subtree = tree / f"{self._prefix}{top}"
            except KeyError:
                continue
            for item in subtree.traverse():
                if item.type == "blob":
                    self._blobs[item.path[len(self._prefix) :]] = item

    def files(self) -> list[str]:
        return sorted(self._blobs)

    def read(self, path: str) -> bytes:
        return self._blobs[path].data_stream.read()

    def size(self, path: str) -> int:
        return self._blobs[path].size


class SourceError(Exception):
    """A source that cannot be opened; the message is for the writer."""
