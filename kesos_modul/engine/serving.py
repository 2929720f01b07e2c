"""The live preview on MkDocs' development server: what is built first, what
is built in the background, and what is kept for the next run."""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kesos_modul.engine import BuildError, Staged, kept, reuse
from kesos_modul.engine.backlog import Backlog
from kesos_modul.engine.watch import watch_changes
from kesos_modul.resources import project_dir

if TYPE_CHECKING:
    from kesos_modul.engine.material import Material

FILL_BATCH = 8  # folders per background build: small, so a save never waits long for one


def serve(
    engine: Material,
    staged: Staged,
    host: str,
    port: int,
    watch: list[Path],
    on_save: Callable[[], Staged],
    on_built: Callable[[float], None] = lambda seconds: None,
    *,
    later: Sequence[str] = (),
    keep: Path | None = None,
    complete: Callable[[], Staged] | None = None,
    on_error: Callable[[list[str]], None] = lambda messages: None,
) -> None:
    """Serve the staged folder with live reload until interrupted.

    Uses MkDocs' development server as a library: it watches the writers'
    sources (``watch``), calls ``on_save`` to stage what changed, rebuilds
    only the pages whose text changed, then calls ``on_built`` with the seconds it all took.

    The server answers as soon as everything but the folders ``later`` is
    built; those are built afterwards, a few at a time and in that order,
    between saves. A page of one of them asked for before it is built gets
    an Indonesian "being prepared" page that reloads itself, and its folder
    is built next. ``complete``, if given, is called first in the background
    to stage what ``later`` holds. With ``keep`` the built site stays in that
    folder between runs (:mod:`kesos_modul.engine.kept`), so the next start
    builds only what changed. ``on_error`` hears why a build in the background failed.
    """
    from mkdocs.livereload import LiveReloadServer

    with contextlib.ExitStack() as stack:
        if keep is None:
            keep = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kesos-pratinjau-")))
        site_dir = keep
        url = f"http://{host}:{port}/"
        config = staged.config_file.read_bytes()
        custom = (engine._parse(staged).get("theme") or {}).get("custom_dir")
        key = reuse.base_key(config, [Path(custom)] if custom else [], url, strict=False)
        built_from = kept.unseal(site_dir, key)
        backlog = Backlog(later)
        engine.build(staged, site_dir, dirty=built_from is not None, serve_url=url, exclude=backlog.pending())
        engine._remove_built(staged, built_from.files if built_from else [], site_dir)
        lock = threading.Lock()
        latest = [staged]
        stopping, drifted, sealed = threading.Event(), threading.Event(), threading.Event()
        broken = threading.Event()  # a build did not finish: what is built is not known
        owed: set[str] = set()  # module folders a build that failed did not finish

        def rebuild() -> None:
            started = time.perf_counter()
            with lock:
                # a run stopped halfway through this build must not leave a kept site
                kept.unseal(site_dir, key)
                broken.set()
                latest[0] = on_save()
                if latest[0].config_file.read_bytes() != config:
                    drifted.set()  # pages built before this save keep the old navigation
                engine._remove_built(latest[0], latest[0].changed, site_dir)
                owed.update(f for f in map(reuse.unit_of, latest[0].changed) if f and f.endswith("/"))
                # A save builds the module folders it changed (and those a failed build
                # owes): no other module's pages can have changed, and MkDocs then
                # looks at a few files instead of every page of the curriculum.
                others = [f for f in _module_folders(latest[0].docs_dir) if f not in owed]
                exclude = sorted({*backlog.pending(), *others})
                engine.build(latest[0], site_dir, dirty=True, serve_url=url, exclude=exclude)
                owed.clear()
                broken.clear()
                if sealed.is_set() and not drifted.is_set():
                    kept.seal(site_dir, key, staged.docs_dir)
            on_built(time.perf_counter() - started)

        def fill() -> None:
            with lock:
                if complete is not None:
                    latest[0] = complete()
                    engine._remove_built(latest[0], built_from.files if built_from else [], site_dir)
                if built_from is not None:  # of the kept site, only what changed since is built again
                    touched = set(map(reuse.unit_of, [*staged.changed, *latest[0].changed]))
                    backlog.done(f for f in later if f not in built_from.unbuilt and f not in touched)
            while backlog and not stopping.is_set():
                with lock:
                    batch = backlog.next(FILL_BATCH)
                    rest = [f for f in backlog.pending() if f not in batch]
                    try:
                        engine.build(latest[0], site_dir, dirty=True, serve_url=url, exclude=rest)
                    except BuildError as exc:
                        broken.set()
                        owed.update(backlog.pending())
                        backlog.done(backlog.pending())  # a plain 404 from now on, not "being prepared"
                        on_error(exc.messages)
                        return
                    backlog.done(batch)
                time.sleep(0.01)  # a save waiting for the lock goes first
            with lock:
                if not stopping.is_set() and not drifted.is_set():
                    kept.seal(site_dir, key, staged.docs_dir)
                    sealed.set()

        server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(site_dir))
        server.build_delay = 0.02  # a save is one event; no need to wait for more
        preparing = (project_dir("templates") / "pratinjau" / "disiapkan.html").read_bytes()

        def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
            folder = backlog.holding(environ.get("PATH_INFO", "/"))
            if folder is None:
                return server.serve_request(environ, start_response)
            backlog.ask(folder)
            headers = [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")]
            start_response("503 Service Unavailable", [*headers, ("Retry-After", "1")])
            return [preparing]

        server.set_app(app)
        watch_changes(server, watch)
        filler = threading.Thread(target=fill, name="kesos-pratinjau-isi", daemon=True)
        filler.start()
        previous = signal.signal(signal.SIGTERM, _interrupt)  # closing a terminal: as Ctrl+C
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
            stopping.set()
            server.shutdown()
            filler.join()
            with lock:
                # stopped before every folder was built: keep what was, so the next
                # run builds only the rest and what changed meanwhile
                if not sealed.is_set() and not drifted.is_set() and not broken.is_set():
                    kept.seal(site_dir, key, staged.docs_dir, backlog.pending())


def _module_folders(docs_dir: Path) -> list[str]:
    """Every module folder of the staged ``docs_dir`` (``modul/kode/``)."""
    try:
        return [f"modul/{e.name}/" for e in os.scandir(docs_dir / "modul") if e.is_dir()]
    except OSError:
        return []


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt
