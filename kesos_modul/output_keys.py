"""What a module's book and learning-platform packages read, summed into a key.

A release reuses the previous release's book or package of a module only when
this key is the one recorded beside it (``modul/<kode>/.kesos-keluaran`` on the
deploy branch), so a renamed ranah, a changed template or a new toolkit makes
them again, not only a changed module. The key over-reads on purpose: every
file of the module's folder, the registry entries it names (a package: the whole
registry), every module's code and title (a link to another module names it),
every template of the toolkit, and the toolkit's and the typesetter's
versions. The fonts the typesetter finds on the machine are not read.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from collections.abc import Callable, Collection, Mapping
from pathlib import Path

import kesos_modul
from kesos_modul import rujukan
from kesos_modul.engine.reuse import add_tree
from kesos_modul.model import Kurikulum, Modul
from kesos_modul.resources import project_dir

RECORD = ".kesos-keluaran"  # in a published module folder: output -> key


class Keys:
    """The keys of the outputs of every module of one curriculum."""

    def __init__(self, kurikulum: Kurikulum, root: Path) -> None:
        shared = hashlib.sha256(f"kesos-modul {kesos_modul.__version__}\n".encode())
        shared.update(f"weasyprint {importlib.metadata.version('weasyprint')}\n".encode())
        for m in kurikulum.modul:
            shared.update(f"\n{m.kode}\0{m.judul}".encode())
        add_tree(shared, project_dir("templates"))
        self._shared = shared.hexdigest()
        self._registri = kurikulum.registri
        self._whole = hashlib.sha256(repr(kurikulum.registri).encode()).hexdigest()
        self._root = root
        self._folders: dict[str, str] = {}

    def of(self, m: Modul, output: str) -> str:
        """The key of ``output`` (``buku``, or a package format) of module ``m``. A book
        prints the registry entries its module names; a package's pages are the
        site's, which may look up any entry, and a package is quick to make again."""
        if m.folder not in self._folders:
            folder = hashlib.sha256()
            add_tree(folder, self._root / m.folder)
            self._folders[m.folder] = folder.hexdigest()
        names = repr(rujukan.modul(self._registri, m)) if output == "buku" else self._whole
        text = f"{self._shared}\n{self._folders[m.folder]}\n{names}\n{output}"
        return hashlib.sha256(text.encode()).hexdigest()


class Reuse:
    """A release's outputs of each module against the previous release's.

    ``earlier`` reads a file of the previous release's ``modul/`` folder; ``made``
    holds the key of each output of each module now (module -> output -> key);
    ``changed``: the modules changed since, for a previous release made before
    keys were recorded.
    """

    def __init__(
        self,
        earlier: Callable[[str], bytes | None] | None,
        made: Mapping[str, Mapping[str, str]],
        changed: Collection[str],
    ) -> None:
        self._read = earlier
        self.made = made
        self._changed = changed

    def earlier(self, kode: str, output: str, name: str) -> bytes | None:
        """The previous release's file ``name`` of module ``kode``, if it made
        ``output`` from what it reads now."""
        if self._read is None:
            return None
        data = self._read(f"{kode}/{RECORD}")
        if data is None:  # a release made before keys were recorded
            same = kode not in self._changed
        else:
            try:
                record = json.loads(data)
            except ValueError:
                record = None  # unreadable: made again
            same = isinstance(record, dict) and record.get(output) == self.made[kode][output]
        return self._read(f"{kode}/{name}") if same else None

    def recording(self, finish: Callable[[Path], None] | None) -> Callable[[Path], None]:
        """``finish``, then each module's keys written beside its outputs."""

        def record(folder: Path) -> None:
            if finish is not None:
                finish(folder)
            for kode, keys in self.made.items():
                if (folder / "modul" / kode).is_dir():
                    (folder / "modul" / kode / RECORD).write_text(json.dumps(keys, sort_keys=True) + "\n")

        return record
