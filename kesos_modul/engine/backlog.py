"""What a preview has not built yet: folders of the staged pages, in the order
they will be built, where a page someone asks for moves its folder forward.

The preview answers as soon as the pages a writer looks at first are built;
the folders here are built afterwards, a few at a time, between saves.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable


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
