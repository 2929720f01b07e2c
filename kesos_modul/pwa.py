"""Reading without signal: a web app manifest and a service worker in every built
site (``build`` and each released version), after the engine and the search index.

The worker (``templates/pwa/sw.js``) is generated with Workbox's ``injectManifest``
(npm ``workbox-build``, run by ``pwa_workbox.mjs``): Workbox lists the shell to
precache, with a revision per file, and copies its runtime into the site, so
nothing is loaded from another host. kesos-modul adds what Workbox cannot know:
the edition, the version and a fingerprint of its modules (in every cache name),
the site's own top-level entries (the worker touches nothing else under its
scope), and for every module ``modul/<kode>/luring.json``: the files a trainee's
"Simpan untuk dibaca tanpa sinyal" stores, their size and a fingerprint that
tells a later release whether the saved copy must be downloaded again. The preview and the ``--offline`` copy
(opened from disk, where no service worker runs) have none of this.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kesos_modul.engine import BuildError
from kesos_modul.resources import project_dir

MANIFEST = "manifest.webmanifest"
OFFLINE_PAGE = "tanpa-sinyal/"
SAVED_PAGE = "tersimpan/"
LIST = "luring.json"
SHELL_BUDGET = 300 * 1024  # bytes, compressed: what a first visit may cost a trainee's data plan
THEME_COLOUR = "#00695c"  # --md-primary-fg-color (templates/site/assets/kesos.css)
# The shell a first visit precaches: the theme, our own assets, the pages a
# trainee without signal needs first. Source maps, the theme's unused search
# (lunr), Pagefind's index (search needs a connection) and the app icons (the
# browser fetches those itself when the site is installed) stay out.
SHELL = (
    "index.html",
    "modul/index.html",
    "cari/index.html",
    f"{OFFLINE_PAGE}index.html",
    f"{SAVED_PAGE}index.html",
    "assets/stylesheets/*.min.css",
    "assets/javascripts/bundle.*.min.js",
    "assets/kesos*.{css,js}",
    "assets/images/favicon.png",
    MANIFEST,
)
# Material's fingerprinted files: their name changes with their content, no revision needed.
FINGERPRINTED = r"\.[0-9a-f]{8}\.min\.(css|js)$"
NOT_SAVED = (".zip", ".imscc")  # a module's learning-platform packages are for a centre, not for reading
NOT_OURS = ("pagefind",)  # never handled by the worker: search says it needs a connection
RUNTIME = ("workbox-sw.js", "workbox-core.prod.js", "workbox-precaching.prod.js",
           "workbox-routing.prod.js", "workbox-strategies.prod.js")  # fmt: skip


@dataclass(frozen=True)
class Worker:
    """What a built site's worker keeps: the shell, compressed (as it travels), and its files."""

    shell_bytes: int
    shell_files: int


def web_manifest(site_name: str, edisi: str) -> str:
    """The web app manifest (``manifest.webmanifest``): installable on a phone's home screen."""
    short = "Modul Kesos" if edisi == "peserta" else "Modul Kesos (fasilitator)"
    data = {
        "name": site_name if edisi == "peserta" else f"{site_name} (edisi fasilitator)",
        "short_name": short,
        "description": "Modul pelatihan SDM kesejahteraan sosial, dapat dibaca tanpa sinyal.",
        "lang": "id",
        "dir": "ltr",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [
            {"src": "assets/ikon-192.png", "sizes": "192x192", "type": "image/png"},
            {"src": "assets/ikon-512.png", "sizes": "512x512", "type": "image/png"},
            {"src": "assets/ikon.svg", "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def module_list(site_dir: Path, kode: str, about: Mapping[str, str]) -> dict[str, object]:
    """What saving module ``kode`` stores: its pages (as their addresses), images and
    book, their size, and a fingerprint of their bytes. Nothing in it names the
    release (the worker knows its own), so an unchanged module's list is the
    same bytes in every release."""
    folder = site_dir / "modul" / kode
    digest = hashlib.sha256()
    files, size = [], 0
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(site_dir).as_posix()
        if path.name == LIST or path.suffix in NOT_SAVED or path.name.startswith("."):
            continue
        data = path.read_bytes()
        digest.update(rel.encode() + b"\0" + hashlib.sha256(data).digest())
        size += len(data)
        files.append(rel.removesuffix("index.html"))
    return {
        **about,
        "kode": kode,
        "ukuran": size,
        "sidik": digest.hexdigest()[:20],
        "berkas": files,
    }


def write(site_dir: Path, edisi: str, versi: str, moduls: Mapping[str, Mapping[str, str]]) -> Worker:
    """Write every module's list and the service worker into the built ``site_dir``."""
    modules = hashlib.sha256()  # which modules this build has, and their bytes
    for kode, about in moduls.items():
        if (site_dir / "modul" / kode).is_dir():
            data = module_list(site_dir, kode, about)
            (site_dir / "modul" / kode / LIST).write_text(
                json.dumps(data, ensure_ascii=False), encoding="utf-8"
            )
            modules.update(f"{kode}\0{data['sidik']}\0".encode())
    node_modules = _node_modules()
    workbox = "workbox-v" + json.loads((node_modules / "workbox-sw" / "package.json").read_text())["version"]
    isi = sorted(p.name for p in site_dir.iterdir() if p.name not in NOT_OURS and not p.name.startswith("."))
    config = {
        "edisi": edisi,
        "versi": versi,
        # what cache names carry: a build whose modules changed is a new one to the
        # trainee's browser even under the same name (every `build` is "pratinjau");
        # only the characters a name's parts may hold (sw.js splits names on "|")
        "bangunan": re.sub(r"[^0-9A-Za-z._-]", "-", versi) + "." + modules.hexdigest()[:10],
        "isi": [*isi, workbox],
        "workbox": workbox,
        "luring": OFFLINE_PAGE,
    }
    source = (project_dir("templates") / "pwa" / "sw.js").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="kesos-sw-") as tmp:
        src = Path(tmp) / "sw.js"
        src.write_text(
            source.replace("self.__KESOS__", json.dumps(config, ensure_ascii=False)), encoding="utf-8"
        )
        _workbox(node_modules, site_dir, src, workbox)
    return shell(site_dir)


def shell(site_dir: Path) -> Worker:
    """What a first visit to the built ``site_dir`` caches: the worker, Workbox's
    runtime and the precached files, each gzip-compressed as a host sends it."""
    sw = site_dir / "sw.js"
    files = [sw, *sorted(next(site_dir.glob("workbox-v*")).iterdir())]
    files += [site_dir / entry["url"] for entry in _precached(sw)]
    return Worker(sum(len(gzip.compress(p.read_bytes())) for p in files), len(files))


def _node_modules() -> Path:
    folder = project_dir("node_modules")
    if shutil.which("node") is None or not (folder / "workbox-build" / "package.json").is_file():
        raise BuildError(
            [
                "pekerja layanan untuk membaca tanpa sinyal tidak dapat dibuat: Node.js atau workbox-build "
                f"belum terpasang; jalankan npm install --no-audit --no-fund di {folder.parent}"
            ]
        )
    return folder


def _workbox(node_modules: Path, site_dir: Path, src: Path, workbox: str) -> None:
    script = Path(__file__).with_name("pwa_workbox.mjs")
    settings = {
        "nodeModules": str(node_modules),
        "siteDir": str(site_dir),
        "swSrc": str(src),
        "folder": workbox,
        "keep": list(RUNTIME),
        "globPatterns": list(SHELL),
        "fingerprinted": FINGERPRINTED,
    }
    done = subprocess.run(
        ["node", str(script), json.dumps(settings)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["tanpa keterangan"]
        raise BuildError([f"Workbox tidak dapat membuat pekerja layanan (sw.js): {detail[0]}"])


def _precached(sw: Path) -> list[dict[str, str]]:
    """The precache manifest Workbox injected into ``sw.js``."""
    text = sw.read_text(encoding="utf-8")
    start = text.index("precacheAndRoute(") + len("precacheAndRoute(")
    return json.JSONDecoder().raw_decode(text, start)[0]
