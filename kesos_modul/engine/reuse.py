"""Built module folders and pages kept by their content, so a build costs what changed.

A module's built folder (``modul/<kode>/`` of a site: its pages, images,
book and packages) is a function of what the engine reads to make it:

- the staged files of that folder, byte for byte (they already hold whatever
  the module's pages name of the rest of the curriculum: other modules'
  titles, registry entries, the edition);
- the pages outside it that those files link to: whether each exists (a link
  to a missing page is left as written), and for a link with an anchor the
  target's bytes (a strict build checks the anchor);
- everything that shapes every page: the staged configuration with the
  navigation, the theme's own folder, the engine's packages and this
  toolkit's engine code, and the site address a release gives the pages.

:func:`keys` sums each folder's reads into a key; :class:`Store` keeps built
folders under their key in the curriculum's build folder (``build/cache/``),
so ``build`` and ``release`` build only the folders whose key is new. A key
that cannot be computed (an unreadable file) means no reuse, never a stale page.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import posixpath
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path
from urllib.parse import unquote

import kesos_modul

UNIT = re.compile(r"modul/[^/]+/")  # the folders kept: one per module
ENGINE = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "pygments")
# Every Markdown file a page may link to: a path ending in ".md" (where a "#" after
# it means the link has an anchor), from the character after the last of _ENDS
# before it. It over-reads on purpose (any such text, link or not): a path read
# that is no link only makes a key stricter.
_MD_END = re.compile(r"""\.md(?=[#\s"'<>()\[\]`|]|$)""")
_ENDS = " \t\n\r\"'<>()[]`|"
STAMP = ".kesos-kunci"  # in every built module folder: its key, then its files
PAGE = "halaman.html"  # a kept page of its own
KEEP_DAYS = 30  # a kept folder no build used for this long is removed


def base_key(config: bytes, theme_dirs: Iterable[Path], site_url: str | None, strict: bool) -> str:
    """What shapes every page: the staged configuration's bytes, the theme
    folders, the engine's packages, this toolkit, and the site's address; and
    whether the build was strict (a page kept from a lenient build may hold a
    broken link that a strict one refuses)."""
    digest = hashlib.sha256(config)
    for dist in ENGINE:
        digest.update(f"\n{dist} {importlib.metadata.version(dist)}".encode())
    digest.update(f"\nkesos-modul {kesos_modul.__version__}\n{site_url or ''}\n{strict}\n".encode())
    # the engine adapters turn the staged folder into a site: their code is read too
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    for folder in theme_dirs:
        add_tree(digest, folder)
    return digest.hexdigest()


def add_tree(digest: hashlib._Hash, folder: Path) -> None:
    """Add every file of ``folder`` (its path and its bytes, in a fixed order) to ``digest``."""
    for base, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            path = Path(base, name)
            digest.update(f"\n{path.relative_to(folder).as_posix()}\0".encode() + path.read_bytes())


def unit_of(rel: str) -> str | None:
    """What a docs path is kept as: the module folder it lies in (``modul/kode/``),
    or itself if it is another page (``kompetensi.md``); None for other files,
    which the engine copies each time."""
    found = UNIT.match(rel)
    return found.group(0) if found else rel if rel.endswith(".md") else None


def _inside(target: str, unit: str) -> bool:
    return target.startswith(unit) if unit.endswith("/") else target == unit


def keys(docs_dir: Path, base: str) -> dict[str, str]:
    """The key of every module folder and other page of the staged ``docs_dir`` (see :func:`unit_of`)."""
    files: dict[str, bytes] = {}
    for folder, _, names in os.walk(docs_dir):
        for name in names:
            path = os.path.join(folder, name)
            files[os.path.relpath(path, docs_dir).replace(os.sep, "/")] = Path(path).read_bytes()
    digests = {rel: hashlib.sha256(data).hexdigest() for rel, data in files.items()}
    units: dict[str, list[str]] = {}
    for rel in sorted(files):
        unit = unit_of(rel)
        if unit is not None:
            units.setdefault(unit, []).append(rel)
    found = {}
    for unit, rels in units.items():
        digest = hashlib.sha256(base.encode())
        for rel in rels:
            digest.update(f"\n{rel}\0{digests[rel]}".encode())
        for target, anchored in sorted(_links(files, rels)):
            if not _inside(target, unit):
                digest.update(
                    f"\n> {target}\0{digests.get(target, '-') if anchored else target in files}".encode()
                )
        found[unit] = digest.hexdigest()
    return found


def _links(files: Mapping[str, bytes], rels: Iterable[str]) -> set[tuple[str, bool]]:
    """The Markdown files the pages ``rels`` may link to, each with whether a link has an anchor."""
    found = set()
    for rel in rels:
        if not rel.endswith(".md"):
            continue
        text = files[rel].decode("utf-8", errors="replace")
        here = posixpath.dirname(rel)
        for match in _MD_END.finditer(text):
            end = match.end()
            start = max(text.rfind(c, 0, end) for c in _ENDS) + 1
            path = unquote(text[start:end])
            target = path.lstrip("/") if path.startswith("/") else posixpath.join(here, path)
            found.add((posixpath.normpath(target), text.startswith("#", end)))
    return found


class Store:
    """Built module folders by key, in ``folder`` (``build/cache/situs``).

    Every kept folder, and every module folder of a built site, holds a file
    :data:`STAMP` with its key and its files, written last. ``earlier`` reads a
    file of the site the previous release published (a path such as
    ``modul/kode/.kesos-kunci``); a folder published there under the same key
    is kept from it, so a release on a machine without this cache (a fresh CI
    runner) still builds only what changed.
    """

    def __init__(self, folder: Path, earlier: Callable[[str], bytes | None] | None = None) -> None:
        self.folder = folder
        self.earlier = earlier
        self.restored: list[str] = []  # what the last build copied from here (see unit_of)
        self._planned: dict[str, str] = {}

    def plan(self, docs_dir: Path, base: str, leave_out: Collection[str]) -> list[str]:
        """Before a build: the key of every module folder and page of ``docs_dir``
        but ``leave_out`` (not built in this run, so neither copied nor kept), and
        which of them are kept here: those the build leaves to :meth:`settle`."""
        self._planned = {u: k for u, k in keys(docs_dir, base).items() if u not in leave_out}
        self.restored = sorted(u for u, k in self._planned.items() if self.find(u, k))
        return self.restored

    def settle(self, site_dir: Path, dest: Callable[[str], str]) -> None:
        """After the build into ``site_dir``: copy in what was kept, keep what was
        built (a page of its own at ``dest(page)``), and prune."""
        for unit, key in self._planned.items():
            if not unit.endswith("/"):
                page = site_dir / dest(unit)
                (self.restore_page if unit in self.restored else self.keep_page)(key, page)
            elif unit in self.restored:
                self.restore(key, site_dir / unit)
            else:
                self.keep(key, site_dir / unit)
        self.prune()

    def modules(self) -> list[str]:
        """The module folders the last build copied from here."""
        return [unit for unit in self.restored if unit.endswith("/")]

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def find(self, unit: str, key: str) -> bool:
        """Whether the folder ``unit`` built under ``key`` is kept (here, or by the previous release)."""
        if (self._path(key) / STAMP).is_file():
            return True
        read = self.earlier if unit.endswith("/") else None  # a page of its own has no key file on the site
        published = read(unit + STAMP) if read is not None else None
        if read is None or published is None:
            return False
        found, _, listed = published.decode("utf-8", "replace").partition("\n")
        if found != key:
            return False
        files = {}
        for name in listed.splitlines():
            data = read(unit + name) if ".." not in name.split("/") and not name.startswith("/") else None
            if data is None:
                return False
            files[name] = data
        with tempfile.TemporaryDirectory(prefix="kesos-rilis-lalu-") as tmp:
            for name, data in [*files.items(), (STAMP, published)]:
                (Path(tmp) / name).parent.mkdir(parents=True, exist_ok=True)
                (Path(tmp) / name).write_bytes(data)
            self._add(key, Path(tmp))
        return True

    def restore(self, key: str, dest: Path) -> None:
        """Copy the folder kept under ``key`` to ``dest`` (which must not exist)."""
        source = self._path(key)
        shutil.copytree(source, dest)
        os.utime(source / STAMP)  # used: kept for another KEEP_DAYS

    def keep(self, key: str, built: Path) -> None:
        """Seal the built folder with its key and its files, and keep a copy under ``key``."""
        listed = sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file())
        (built / STAMP).write_text("\n".join([key, *listed]) + "\n", encoding="utf-8")
        if not (self._path(key) / STAMP).is_file():
            self._add(key, built)

    def restore_page(self, key: str, dest: Path) -> None:
        """Copy the page kept under ``key`` (:meth:`keep_page`) to ``dest``."""
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self._path(key) / PAGE, dest)
        os.utime(self._path(key) / STAMP)

    def keep_page(self, key: str, built: Path) -> None:
        """Keep a copy of one built page (a page outside the module folders) under ``key``."""
        if (self._path(key) / STAMP).is_file() or not built.is_file():
            return
        with tempfile.TemporaryDirectory(prefix="kesos-halaman-") as tmp:
            shutil.copyfile(built, Path(tmp) / PAGE)
            (Path(tmp) / STAMP).write_text(f"{key}\n{PAGE}\n", encoding="utf-8")
            self._add(key, Path(tmp))

    def _add(self, key: str, sealed: Path) -> None:
        """Copy a sealed folder in; written aside first, so a build stopped halfway leaves no half folder."""
        target = self._path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".baru-", dir=target.parent))
        try:
            shutil.copytree(sealed, tmp / "isi")
            shutil.rmtree(target, ignore_errors=True)  # an incomplete one of an earlier run
            os.rename(tmp / "isi", target)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def prune(self, days: float = KEEP_DAYS) -> None:
        """Remove kept folders no build has used for ``days``, and what runs
        stopped halfway left (a day old: another run may still be writing)."""
        now = time.time()
        for shard in self.folder.glob("??"):
            for entry in shard.iterdir():
                stamp = entry if entry.name.startswith(".baru-") else entry / STAMP
                age = now - stamp.stat().st_mtime if stamp.exists() else float("inf")
                if age > (86400 if stamp is entry else days * 86400):
                    shutil.rmtree(entry, ignore_errors=True)
