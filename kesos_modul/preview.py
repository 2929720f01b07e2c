"""The preview behind ``kesos-modul serve``: keep the last good model, re-render
only the modules that changed, and stage only the pages whose text changed."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from kesos_modul import edisi, rules
from kesos_modul.engine import Staged
from kesos_modul.engine.material import Material
from kesos_modul.findings import Finding
from kesos_modul.loading import load_modules
from kesos_modul.model import Modul
from kesos_modul.pipeline import Pipeline, blocking
from kesos_modul.render import Options, environment, render_aggregates, render_modul

WATCHED = ("modules", "program", "registri")


class Preview:
    """Sources -> staged pages, incrementally."""

    def __init__(
        self,
        root: Path,
        options: Options,
        build_dir: Path,
        today: date | None = None,
        first: int | None = None,
    ) -> None:
        """With ``first``, only that many modules, those written to last, are
        rendered now (and the curriculum's pages); :meth:`complete` renders the rest."""
        self.root = root
        self.options = options
        self.today = today
        self.pipeline = Pipeline(root, options, build_dir)
        self.source = self.pipeline.source
        self.snapshot = self._snapshot()
        self.kurikulum, self.findings = self.pipeline.check(today)
        order = self.module_folders()
        now = order if first is None else order[:first]
        self.deferred = order[len(now) :]
        self.site = self.pipeline.pages(self.kurikulum, only={_source_folder(f) for f in now})
        self.env = environment(self.kurikulum)
        self.staged: Staged = self.pipeline.stage(self.site, pending=self.deferred)

    def module_folders(self) -> list[str]:
        """The site folder of every module on the site (``modul/kode/``), the
        module whose sources were written to last first."""
        written: dict[str, int] = {}
        for path, (mtime, _) in self.snapshot.items():
            if path.startswith("modules/"):
                folder = "/".join(path.split("/")[:2])
                written[folder] = max(written.get(folder, 0), mtime)
        folders = [f"modul/{m.kode}/" for m in edisi.moduls(self.kurikulum, self.options.drafts)]
        return sorted(folders, key=lambda f: (-written.get(_source_folder(f), 0), f))

    def complete(self) -> Staged:
        """Render and stage the modules left for later (see ``first``)."""
        if self.deferred:
            self.deferred = []
            self.site = self.pipeline.pages(self.kurikulum)
            self.staged = self.pipeline.stage(self.site)
        return self.staged

    def _snapshot(self) -> dict[str, tuple[int, int]]:
        stamps = {}
        for top in WATCHED:
            for dirpath, _, filenames in os.walk(self.root / top):
                for name in filenames:
                    full = os.path.join(dirpath, name)
                    try:
                        stat = os.stat(full)
                    except FileNotFoundError:
                        continue
                    # size too: two saves within one clock tick can share an mtime
                    stamps[os.path.relpath(full, self.root)] = (stat.st_mtime_ns, stat.st_size)
        return stamps

    def refresh(self) -> list[Finding]:
        """Bring the staged pages up to date with the sources.

        Returns the findings that concern what changed. A module whose new
        version has errors keeps its last good version on the site; an approval
        that no longer holds is no such error in a preview with drafts (the writer
        sees what they wrote, see :data:`~kesos_modul.pipeline.APPROVAL`).
        """
        now = self._snapshot()
        changed = {p for p in now.keys() | self.snapshot.keys() if now.get(p) != self.snapshot.get(p)}
        self.snapshot = now
        if not changed:
            return []
        if any(not p.startswith("modules/") for p in changed):
            # registries or programs changed: everything may depend on them
            self.kurikulum, self.findings = self.pipeline.check(self.today)
            self.site = self.pipeline.pages(self.kurikulum)
            self.deferred = []
            self.env = environment(self.kurikulum)
        else:
            folders = {"/".join(p.split("/")[:2]) for p in changed}
            self.findings = self._reload(folders)
        self.staged = self.pipeline.stage(self.site, self.staged)
        return self.findings

    def _reload(self, folders: set[str]) -> list[Finding]:
        files, loaded = load_modules(self.source, folders)
        old = {m.folder: m for m in self.kurikulum.modul}
        candidate = dict(old)
        for folder, (modul, _) in loaded.items():
            if modul is None:
                candidate.pop(folder, None)
            else:
                candidate[folder] = modul
        trial = replace(self.kurikulum, modul=_sorted(candidate), files=frozenset(files))
        found = [f for _, problems in loaded.values() for f in problems]
        found += rules.run(trial, rules.Context(self.today or date.today()), only=folders)
        mine = sorted({f for f in found if _in_folders(f, folders)})
        for folder in folders:
            if blocking(
                [f for f in mine if _in_folders(f, {folder})], strict=True, drafts=self.options.drafts
            ):
                if folder in old:
                    candidate[folder] = old[folder]  # keep serving the last good page
                else:
                    candidate.pop(folder, None)
        self.kurikulum = replace(trial, modul=_sorted(candidate))
        env = self.env  # the registries did not change, so neither did the template environment
        moduls = edisi.moduls(self.kurikulum, self.options.drafts)
        for table in (self.site.pages, self.site.assets):
            for path in [p for p in table if p.startswith("modul/") and _source_folder(p) in folders]:
                del table[path]
        for m in moduls:
            if m.folder in folders:
                render_modul(env, edisi.baca(m, self.options.edisi), self.options, self.site)
        render_aggregates(env, self.kurikulum, moduls, self.options, self.site)
        return mine


FIRST = 2  # modules shown before the preview answers (serve): the ones most recently written to


def serve(
    preview: Preview,
    host: str,
    port: int,
    on_change: Callable[[list[Finding], float], None],
    on_error: Callable[[list[str]], None] = lambda messages: None,
) -> None:
    """Serve the preview with live reload until interrupted: each save re-renders
    what changed, and the engine rebuilds only the pages whose text changed.

    The home page, the curriculum's pages and the modules written to last are
    built first; the other modules follow in the background, most recently
    written first. The built site is kept in the build folder for the next run.
    """

    findings: list[Finding] = []

    def on_save() -> Staged:
        findings[:] = preview.refresh()
        return preview.staged

    watch = [preview.root / top for top in (*WATCHED, "mkdocs.yml") if (preview.root / top).exists()]
    Material().serve(
        preview.staged,
        host,
        port,
        watch,
        on_save,
        lambda seconds: on_change(list(findings), seconds),
        later=list(preview.deferred),
        complete=preview.complete,
        keep=preview.pipeline.build_dir / "site",
        on_error=on_error,
    )


def _source_folder(page: str) -> str:
    """``modul/<kode>/...`` (a page) -> ``modules/<kode>`` (its source folder)."""
    return "modules/" + page.split("/")[1]


def _sorted(moduls: dict[str, Modul]) -> tuple[Modul, ...]:
    return tuple(moduls[f] for f in sorted(moduls))


def _in_folders(f: Finding, folders: set[str]) -> bool:
    return any(f.file == folder or f.file.startswith(folder + "/") for folder in folders)
