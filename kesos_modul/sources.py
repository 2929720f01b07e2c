"""Sources: where a curriculum is read from.

A source lists repository-relative paths (forward slashes) and reads bytes.
The loader only talks to this protocol, so a folder on disk and a git
revision load the same way.

A source lists only regular files inside the repository: a link that leads
outside it, a device or a FIFO is never read, and becomes a finding instead
(:meth:`Source.problems`), so nothing outside the curriculum can be published.
"""

from __future__ import annotations

import os
import posixpath
import stat
from pathlib import Path
from typing import Any, Protocol

from kesos_modul.findings import Code, E, Finding, Location, declare, finding

# The codes this stage reports (the catalogue gathers them from every stage).
declare(
    Code(
        "KM010",
        "di-luar-repositori",
        E,
        "Berkas atau folder adalah tautan simbolik ke luar folder kurikulum (ke .git, ke luar repositori) "
        "atau tautan putus; isinya tidak dibaca dan tidak diterbitkan.",
    ),
    Code(
        "KM011",
        "bukan-berkas-biasa",
        E,
        "Di kurikulum ada perangkat, FIFO, soket atau tautan simbolik ke folder; hanya berkas dan folder biasa yang dibaca.",
    ),
)


# Folders that never hold curriculum content.
SKIPPED_DIRS = frozenset({".git", ".venv", "venv", "node_modules", "site", "__pycache__", ".cache"})


class Source(Protocol):
    root: Path  # the curriculum's folder (for a revision: the folder of the repository it is read from)

    def files(self) -> list[str]:
        """Every file path under the curriculum root, relative, with forward slashes."""
        ...

    def read(self, path: str) -> bytes: ...

    def size(self, path: str) -> int: ...

    def problems(self) -> list[Finding]:
        """Entries that were left out of :meth:`files` because they are not safe to read."""
        ...


TOPS = ("modules", "program", "registri")


def _outside(rel: str) -> Finding:
    return finding(
        "KM010",
        Location(rel, None, None),
        f"{rel} adalah tautan simbolik ke luar folder kurikulum (modules/, program/, registri/) "
        "atau tautannya putus; isinya tidak dibaca",
        "salin berkas yang dimaksud ke dalam folder modul dan hapus tautannya",
    )


def _not_regular(rel: str, what: str) -> Finding:
    return finding(
        "KM011",
        Location(rel, None, None),
        f"{rel} adalah {what}, bukan berkas biasa; tidak dibaca",
        "hapus entri ini, atau ganti dengan berkas atau folder biasa (salinan, bukan tautan)",
    )


def in_curriculum(target: Path, real_root: Path) -> bool:
    """Whether a link leads to what this reader lists itself: a path under one of the
    curriculum's folders, in none of the folders it skips (``.git`` …). The git reader
    serves a committed link the same way: only as a file of the curriculum."""
    try:
        parts = target.relative_to(real_root).parts
    except ValueError:
        return False
    return len(parts) > 1 and parts[0] in TOPS and not SKIPPED_DIRS.intersection(parts[:-1])


class FolderSource:
    """A curriculum in a folder on disk (a working tree)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._problems: list[Finding] = []

    def files(self) -> list[str]:
        self._problems = []
        found: list[str] = []
        real_root = self.root.resolve()
        for top in TOPS:
            base = self.root / top
            if base.is_symlink():
                self._problems.append(_not_regular(top, "tautan simbolik ke folder"))
            elif base.is_dir():
                self._walk(base, top, real_root, found)
        return found

    def _walk(self, folder: Path, rel: str, real_root: Path, found: list[str]) -> None:
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                path = f"{rel}/{entry.name}"
                mode = entry.stat(follow_symlinks=False).st_mode
                if stat.S_ISLNK(mode):
                    try:
                        target = Path(entry.path).resolve(strict=True)
                    except (OSError, RuntimeError):
                        target = None
                    if target is None or not in_curriculum(target, real_root):
                        self._problems.append(_outside(path))
                    elif target.is_dir():
                        self._problems.append(_not_regular(path, "tautan simbolik ke folder"))
                    elif target.is_file():
                        found.append(path)  # a link to a file of this repository
                    else:
                        self._problems.append(_not_regular(path, "tautan ke perangkat atau FIFO"))
                elif stat.S_ISDIR(mode):
                    if entry.name not in SKIPPED_DIRS:
                        self._walk(Path(entry.path), path, real_root, found)
                elif stat.S_ISREG(mode):
                    found.append(path)
                else:
                    self._problems.append(_not_regular(path, "perangkat, FIFO atau soket"))

    def problems(self) -> list[Finding]:
        return list(self._problems)

    # Plain strings, not Path objects: a large curriculum reads thousands of files.
    def read(self, path: str) -> bytes:
        with open(os.path.join(self.root, path), "rb") as file:
            return file.read()

    def size(self, path: str) -> int:
        return os.stat(os.path.join(self.root, path)).st_size


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

    def __init__(self, root: Path, rev: str, repo: Any = None) -> None:
        """``repo``: an already open ``git.Repo`` of ``root``, to open it only once."""
        import git  # GitPython; imported here so validating a folder never needs it

        self.root = root
        self.rev = rev
        try:
            repo = repo or git.Repo(root, search_parent_directories=True)
            tree = repo.commit(rev).tree
        except (git.exc.InvalidGitRepositoryError, git.exc.NoSuchPathError) as exc:
            raise SourceError(f"{root} bukan repositori git") from exc
        except (git.exc.BadName, ValueError) as exc:
            raise SourceError(f"revisi git '{rev}' tidak ditemukan") from exc
        prefix = Path(root).resolve().relative_to(Path(repo.working_tree_dir).resolve()).as_posix()
        self._prefix = "" if prefix == "." else prefix + "/"
        self._blobs = {}
        self._problems: list[Finding] = []
        links = {}
        for top in TOPS:
            try:
                subtree = tree / f"{self._prefix}{top}"
            except KeyError:
                continue
            for item in subtree.traverse():
                if item.type != "blob":
                    continue
                rel = item.path[len(self._prefix) :]
                if item.mode == _GIT_LINK:
                    links[rel] = item
                else:
                    self._blobs[rel] = item
        for rel, item in links.items():
            # A committed link is served as the file it names, when that is a file of this curriculum.
            target = posixpath.normpath(
                posixpath.join(posixpath.dirname(rel), item.data_stream.read().decode("utf-8", "replace"))
            )
            if target in self._blobs:
                self._blobs[rel] = self._blobs[target]
            else:
                self._problems.append(_outside(rel))

    def files(self) -> list[str]:
        return sorted(self._blobs)

    def problems(self) -> list[Finding]:
        return list(self._problems)

    def read(self, path: str) -> bytes:
        return self._blobs[path].data_stream.read()

    def size(self, path: str) -> int:
        return self._blobs[path].size


_GIT_LINK = 0o120000


class SourceError(Exception):
    """A source that cannot be opened; the message is for the writer."""
