"""Staging and output: rendered pages -> a staged folder -> (an engine) -> the site, atomically.

Writes the rendered pages into a staging folder (``build/<edisi>/docs``) with a
complete engine configuration beside it (``build/<edisi>/mkdocs.yml``: the
project's ``mkdocs.yml`` plus the generated navigation), which any engine of
:mod:`kesos_modul.engine` builds. A build goes to a temporary folder that
replaces the output only when it succeeded, and only an output kesos-modul made.
"""

from __future__ import annotations

import glob
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

from kesos_modul.engine import BuildError, Engine, Staged, sanitise
from kesos_modul.engine.material import Material
from kesos_modul.engine.reuse import Store
from kesos_modul.pwa import THEME_COLOUR
from kesos_modul.render import Site
from kesos_modul.resources import project_dir
from kesos_modul.sources import Source

PATH_KEYS = ("custom_dir",)
# The Content-Security-Policy of every page (templates/overrides/main.html); a built page's
# 'unsafe-inline' for scripts becomes the hashes of its own inline scripts (engine/policy.py).
CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "frame-src 'none'; base-uri 'self'; form-action 'none'"
)
SHIM = "assets/javascripts/iframe-worker-shim.js"  # the name must contain "iframe-worker"
# What the templates write needs these, whatever a curriculum's own mkdocs.yml lists.
MARKDOWN = ("attr_list", "md_in_html")
# Our own scripts, listed even when a curriculum's mkdocs.yml was copied before one existed
SCRIPTS = ("assets/kesos.js", "assets/kesos-latihan.js")


def find_shim(root: Path) -> Path | None:
    """The iframe-worker shim (npm) that lets search work from file://, if installed."""
    for base in (root, project_dir("node_modules").parent):
        candidate = base / "node_modules" / "iframe-worker" / "shim" / "index.js"
        if candidate.exists():
            return candidate
    return None


def stage(
    site: Site,
    source: Source,
    root: Path,
    build_dir: Path,
    edisi: str,
    previous: Staged | None = None,
    offline: bool = False,
    versioned: bool = False,
    pending: Sequence[str] = (),
    pwa: bool = False,
) -> Staged:
    """Write pages, assets and the engine configuration into ``build_dir``.

    Only files whose content changed are rewritten, and files no longer part of
    the site are removed, so an engine watching the folder rebuilds only what changed.
    ``pending``: folders whose pages are not rendered yet; what is staged there
    stays, and each of their pages (``site.later``) not staged yet gets an empty
    stand-in, so links from the pages already built lead to it.
    """
    if previous is None:
        check_output(build_dir, "folder kerja")
    docs = build_dir / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    mark(build_dir)
    changed: list[str] = []
    wanted: set[str] = set()
    known = previous.written if previous else {}
    written: dict[str, bytes] = {}
    pages = {rel: sanitise.wrap(text) if rel.endswith(".md") else text for rel, text in site.pages.items()}
    for rel, text in {**pages, **site.files}.items():
        wanted.add(rel)
        data = written[rel] = text.encode("utf-8")
        if known.get(rel) != data and write_if_changed(docs / rel, data):
            changed.append(rel)
    assets = dict(site.assets)
    shim = find_shim(root) if offline else None
    if shim is not None:
        assets[SHIM] = str(shim)
    for rel, src in assets.items():
        wanted.add(rel)
        data = Path(src).read_bytes() if os.path.isabs(src) else source.read(src)
        if write_if_changed(docs / rel, data):
            changed.append(rel)
    stale = set(known) - wanted if previous else None
    for path in sorted(docs.rglob("*"), reverse=True) if stale is None else [docs / rel for rel in stale]:
        rel = path.relative_to(docs).as_posix()
        if any(rel.startswith(folder) for folder in pending):
            continue
        if path.is_file() and rel not in wanted:
            path.unlink()
            changed.append(rel)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    for rel in site.later:
        if any(rel.startswith(folder) for folder in pending) and not (docs / rel).exists():
            write_if_changed(docs / rel, b"")
    config_file = build_dir / "mkdocs.yml"
    config = engine_config(
        root, site.nav, edisi, offline=offline, shim=shim is not None, versioned=versioned, pwa=pwa
    )
    if previous is None or previous.config != config or not config_file.is_file():
        # (the navigation of a large curriculum is thousands of lines: not written again on every save)
        text = yaml.dump(
            config, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True, sort_keys=False
        )
        write_if_changed(config_file, text.encode("utf-8"))
    return Staged(config_file, docs, changed, written, config)


def engine_config(
    root: Path,
    nav: list[Any],
    edisi: str,
    offline: bool = False,
    shim: bool = False,
    versioned: bool = False,
    pwa: bool = False,
) -> dict[str, Any]:
    """The curriculum's ``mkdocs.yml`` (or the bundled one), completed for a staged build.

    ``offline`` adds Material's offline plugin, so the site works when opened
    from disk; with the iframe-worker ``shim`` search works there too.
    ``versioned`` (releases) turns on Material's version selector, fed by mike's
    ``versions.json``, and fails the build on any warning.
    """
    base_file = root / "mkdocs.yml" if (root / "mkdocs.yml").exists() else project_dir("mkdocs.yml")
    if base_file.parent == root and not (
        base_file.is_file() and base_file.resolve().is_relative_to(root.resolve())
    ):
        raise BuildError([f"{base_file} bukan berkas biasa di dalam repositori; salin isinya ke mkdocs.yml"])
    config = yaml.safe_load(base_file.read_text(encoding="utf-8")) or {}
    theme = dict(config.get("theme") or {})
    for key in PATH_KEYS:
        if key in theme:
            path = (base_file.parent / theme[key]).resolve()
            # a curriculum that copied mkdocs.yml without templates/ uses ours
            theme[key] = str(path if path.exists() else project_dir(theme[key]))
    config["theme"] = theme
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    config["nav"] = nav
    extensions = list(config.get("markdown_extensions") or [])
    listed = {_plugin_name(e) for e in extensions}
    config["markdown_extensions"] = [*extensions, *(e for e in MARKDOWN if e not in listed)]
    config["extra"] = {
        **(config.get("extra") or {}),
        "edisi": edisi,
        "csp": CSP,
        "luring": offline,
        "pwa": pwa,
    }
    scripts = list(config.get("extra_javascript") or [])
    wanted = [*SCRIPTS, "assets/kesos-luring.js"] if pwa else SCRIPTS
    config["extra_javascript"] = [*scripts, *(s for s in wanted if s not in scripts)]
    if pwa:
        config["extra"]["warna_tema"] = THEME_COLOUR
    if versioned:
        config["extra"]["version"] = {"provider": "mike", "default": "terbaru", "alias": True}
        config["strict"] = True
    # Search: online, Pagefind over the built pages (kesos_modul.search); the
    # offline copy, opened from disk where Pagefind cannot load, the theme's own.
    plugins = [p for p in config.get("plugins") or [] if _plugin_name(p) not in ("search", "offline")]
    config["plugins"] = [*plugins, "search", "offline"] if offline else plugins
    if offline:
        config["use_directory_urls"] = False
        if shim:
            config["extra"]["polyfills"] = [SHIM]
    return config


def _plugin_name(plugin: Any) -> str:
    return next(iter(plugin)) if isinstance(plugin, dict) else str(plugin)


def write_if_changed(path: Path, data: bytes) -> bool:
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


MARKER = ".kesos-modul-situs"  # written last into every folder kesos-modul builds


def build(
    staged: Staged,
    output: Path,
    strict: bool,
    engine: Engine | None = None,
    finish: Callable[[Path], None] | None = None,
    store: Store | None = None,
) -> list[str]:
    """Build into ``output`` (with Material for MkDocs unless another ``engine`` is
    given, reusing the module folders kept in ``store``), then run ``finish`` on
    the built folder; the previous ``output`` is replaced only after both succeeded."""
    check_output(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(output)
    tmp = Path(tempfile.mkdtemp(prefix=f"{_temporary_prefix(output)}{os.getpid()}-", dir=output.parent))
    try:
        warnings = (engine or Material()).build(staged, tmp, strict=strict, store=store)
        if finish is not None:
            finish(tmp)
        mark(tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _replace(tmp, output)
    return warnings


def mark(folder: Path) -> None:
    """Mark ``folder`` as made by kesos-modul, so a later build may replace it."""
    (folder / MARKER).write_text("Dibuat oleh kesos-modul; boleh diganti oleh pembangunan berikutnya.\n")


def check_output(output: Path, what: str = "folder keluaran") -> None:
    """Refuse to replace anything kesos-modul did not build: nothing a writer has is lost."""
    if output.is_symlink() or (output.exists() and not output.is_dir()):
        raise BuildError([f"{what} {output} adalah berkas, bukan folder; pilih --output lain"])
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).is_file():
        raise BuildError(
            [
                f"{what} {output} berisi berkas yang tidak dibuat kesos-modul (tidak ada penanda {MARKER}); "
                "tidak ada yang diubah. Pilih --output lain, atau pindahkan isinya dulu bila memang boleh diganti"
            ]
        )


def _temporary_prefix(output: Path) -> str:
    return f".{output.name}.kesos-sementara-"


def _remove_leftovers(output: Path) -> None:
    """Remove the temporary folders of builds that were killed (their process is gone)."""
    prefix = _temporary_prefix(output)
    for path in output.parent.glob(f"{glob.escape(prefix)}*"):
        pid = path.name[len(prefix) :].split("-", 1)[0]
        if path.is_dir() and not path.is_symlink() and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # alive, but another user's
    return True


def _replace(new: Path, output: Path) -> None:
    old = None
    if output.exists():
        old = Path(tempfile.mkdtemp(prefix=f"{_temporary_prefix(output)}{os.getpid()}-", dir=output.parent))
        os.rename(output, old / "lama")
    new.rename(output)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
