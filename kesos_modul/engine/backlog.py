"""What a preview has not built yet: folders of the staged pages, in the order
they will be built, where a page someone asks for moves its folder forward.

The preview answers as soon as the pages a writer looks at first are built;
the folders here are built afterwards, a few at a time, between saves.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path


class Backlog:
    """Folders (``"modul/kode/"``, relative to the docs folder) still to build."""

    def __init__(self, folders: Iterable[str]) -> None:
        self._pending = list(dict.fromkeys(folders))
        self._cond = threading.Condition()

    def __bool__(self) -> bool:
        with self._cond:
            return bool(self._pending)

    def pending(self) -> list[str]:
        with self._cond:
            return list(self._pending)

    def holding(self, path: str) -> str | None:
        """The pending folder a site path (``modul/kode/03-bab/``) lies in, if any."""
        path = path.lstrip("/")
        with self._cond:
            return next((f for f in self._pending if (path + "/").startswith(f)), None)

    def ask(self, folder: str) -> None:
        """Someone is waiting for ``folder``: it is built next."""
        with self._cond:
            if folder in self._pending:
                self._pending.remove(folder)
                self._pending.insert(0, folder)

    def next(self, count: int) -> list[str]:
        with self._cond:
            return self._pending[:count]

    def done(self, folders: Iterable[str]) -> None:
        with self._cond:
            built = set(folders)
            self._pending = [f for f in self._pending if f not in built]
            self._cond.notify_all()


def patterns(docs_dir: Path, exclude: Sequence[str]) -> list[str]:
    """``exclude_docs`` patterns for the folders (``modul/kode/``) and files
    ``exclude``: one per folder, or, where most folders of a parent are excluded,
    the parent's folders but the others (every file is matched against every
    pattern: keep them few); one per file."""
    by_parent: dict[str, set[str]] = {}
    files = [f"/{_escape(f)}" for f in exclude if not f.endswith("/")]
    for folder in (f for f in exclude if f.endswith("/")):
        parent, _, name = folder.rstrip("/").rpartition("/")
        by_parent.setdefault(parent + "/" if parent else "", set()).add(name)
    found: list[str] = []
    for parent, names in sorted(by_parent.items()):
        try:
            others = {e.name for e in os.scandir(docs_dir / parent) if e.is_dir()} - names
        except OSError:
            others = set()
        if len(others) < len(names):
            found += [
                f"/{_escape(parent)}*/",
                *(f"!/{_escape(parent + name)}/" for name in sorted(others)),
            ]
        else:
            found += [f"/{_escape(parent + name)}/" for name in sorted(names)]
    return found + files


def _escape(folder: str) -> str:
    """A folder name as a gitignore pattern (``exclude_docs``) that matches only it."""
    return "".join("\\" + c if c in "\\*?[]" else c for c in folder)
