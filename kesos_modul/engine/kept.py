"""The preview's built site, kept between runs of ``kesos-modul serve``.

MkDocs' dirty build rebuilds a page only when its staged file is newer than
the built page; what else shapes every page (the configuration with the
navigation, the theme's templates, the engine itself, the preview's address)
is summed up in a key (:func:`kesos_modul.engine.reuse.base_key`).
A kept site is used again only when its key is the same. Its stamp is removed
when a build starts and written when a build has finished; a run stopped
before it built every folder says which it had not built (``unbuilt``), so the
next run builds those and keeps the rest.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

STAMP = ".kesos-pratinjau"


@dataclass(frozen=True)
class Kept:
    files: list[str]  # the staged files the kept site was built from
    unbuilt: frozenset[str]  # folders (``modul/kode/``) its run did not build


def unseal(site_dir: Path, wanted: str) -> Kept | None:
    """What a kept site was built from, if its key is ``wanted`` (else None:
    build afresh). The site is no longer complete until :func:`seal`."""
    stamp = site_dir / STAMP
    try:
        data = json.loads(stamp.read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError, UnicodeDecodeError, ValueError):
        return None
    stamp.unlink()
    if not isinstance(data, dict) or data.get("kunci") != wanted:
        return None
    return Kept(list(data.get("berkas") or []), frozenset(data.get("belum") or []))


def seal(site_dir: Path, key: str, docs_dir: Path, unbuilt: Iterable[str] = ()) -> None:
    """Record that ``site_dir`` is the build of ``docs_dir`` under ``key``, but for the folders ``unbuilt``."""
    files = sorted(
        os.path.relpath(os.path.join(folder, name), docs_dir).replace(os.sep, "/")
        for folder, _, names in os.walk(docs_dir)
        for name in names
    )
    stamp = {"kunci": key, "berkas": files, "belum": sorted(unbuilt)}
    (site_dir / STAMP).write_text(json.dumps(stamp, indent=0) + "\n", encoding="utf-8")
