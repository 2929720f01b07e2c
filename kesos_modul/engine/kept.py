"""The preview's built site, kept between runs of ``kesos-modul serve``.

MkDocs' dirty build rebuilds a page only when its staged file is newer than
the built page; what else shapes every page (the configuration with the
navigation, the theme's templates, the engine itself, the preview's address)
is summed up in a key (:func:`kesos_modul.engine.reuse.base_key`).
A kept site is used again only when its key is the same, and only if the run
that built it finished building it: the stamp is written last and removed
when a run starts.
"""

from __future__ import annotations

import os
from pathlib import Path

STAMP = ".kesos-pratinjau"


def unseal(site_dir: Path, wanted: str) -> list[str] | None:
    """The staged files a kept site was built from, if its key is ``wanted``
    (else None: build afresh). The site is no longer complete until :func:`seal`."""
    stamp = site_dir / STAMP
    try:
        found, _, files = stamp.read_text(encoding="utf-8").partition("\n")
    except (FileNotFoundError, NotADirectoryError, UnicodeDecodeError):
        return None
    stamp.unlink()
    return files.splitlines() if found == wanted else None


def seal(site_dir: Path, key: str, docs_dir: Path) -> None:
    """Record that ``site_dir`` is the complete build of ``docs_dir`` under ``key``."""
    files = sorted(
        os.path.relpath(os.path.join(folder, name), docs_dir).replace(os.sep, "/")
        for folder, _, names in os.walk(docs_dir)
        for name in names
    )
    (site_dir / STAMP).write_text("\n".join([key, *files]) + "\n", encoding="utf-8")
