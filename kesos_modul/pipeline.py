"""The one publishing pipeline: source -> model -> validation -> edition -> pages
-> staged folder -> engine -> search index -> site.

``build``, ``serve`` and ``release`` each run these stages through a
:class:`Pipeline` with their own options; none of them assembles the stages itself.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from kesos_modul import pwa, search
from kesos_modul.engine import BuildError, Engine, Staged
from kesos_modul.engine.reuse import Store
from kesos_modul.findings import Finding, Severity
from kesos_modul.model import Kurikulum
from kesos_modul.render import Options, Site, render
from kesos_modul.site import build, check_output, mark, stage
from kesos_modul.sources import FolderSource
from kesos_modul.validation import validate

# Broken links and missing images stay errors, but stop a build only when it is
# strict, so a writer can still look at a site while a link is being fixed.
TOLERATED_UNLESS_STRICT = frozenset({"KM701", "KM702"})
# Whether an approval holds (its record, its signature, a bumped version): it stops
# what trainees read, never the writer's own view, which shows what they wrote, with a
# notice on the module's pages that its approval does not hold (_draf.md.j2).
APPROVAL = frozenset({"KM603", "KM604", "KM606", "KM607", "KM608", "KM609", "KM610"})


def blocking(findings: list[Finding], strict: bool, drafts: bool = False) -> list[Finding]:
    """The findings that stop a build (``drafts``: a writer's build, see :data:`APPROVAL`)."""
    return [
        f
        for f in findings
        if f.severity is Severity.ERROR
        and (strict or f.code not in TOLERATED_UNLESS_STRICT)
        and not (drafts and f.code in APPROVAL)
    ]


@dataclass
class Pipeline:
    """The stages for one curriculum folder, one edition and one staging folder."""

    root: Path
    options: Options
    build_dir: Path
    offline: bool = False
    versioned: bool = False  # a release: the version selector, and strict engine warnings
    pwa: bool = False  # reading without signal: a service worker and web app manifest (kesos_modul/pwa.py)
    source: FolderSource = field(init=False)
    worker: pwa.Worker | None = field(init=False, default=None)  # what the last build's worker keeps
    reused: list[str] = field(init=False, default_factory=list)  # module folders the last build copied

    def __post_init__(self) -> None:
        self.source = FolderSource(self.root)

    def check(
        self, today: date | None = None, earlier: Kurikulum | None = None, base_name: str = ""
    ) -> tuple[Kurikulum, list[Finding]]:
        """Source -> model -> validation (with ``earlier``, the rules about change too)."""
        return validate(self.source, today, earlier, base_name)

    def pages(
        self, kurikulum: Kurikulum, options: Options | None = None, only: Collection[str] | None = None
    ) -> Site:
        """Edition -> pages (of the modules, with ``only``, those source folders')."""
        return render(kurikulum, replace(options or self.options, cari=not self.offline, pwa=self.pwa), only)

    def stage(self, site: Site, previous: Staged | None = None, pending: Sequence[str] = ()) -> Staged:
        """Pages -> the staged folder every engine reads (only what changed is rewritten)."""
        return stage(
            site, self.source, self.root, self.build_dir, self.options.edisi, previous,
            offline=self.offline, versioned=self.versioned, pending=pending, pwa=self.pwa,
        )  # fmt: skip

    def build(
        self, site: Site, staged: Staged, output: Path, strict: bool, engine: Engine | None = None
    ) -> list[str]:
        """Staged folder -> engine -> search index -> the site in ``output``, atomically."""
        store = self.store()
        warnings = build(staged, output, strict, engine, finish=self.finish(site), store=store)
        self.reused = store.modules() if store else []
        return warnings

    def store(self, earlier: Callable[[str], bytes | None] | None = None) -> Store | None:
        """Built module folders kept by their key, in the curriculum's ``build/cache/situs``
        (none where that folder holds something kesos-modul did not make); ``earlier``
        reads the previous release's published files (:class:`Store`)."""
        folder = self.root / "build" / "cache" / "situs"
        try:
            check_output(folder, "folder simpanan")
        except BuildError:
            return None
        folder.mkdir(parents=True, exist_ok=True)
        mark(folder)
        return Store(folder, earlier)

    def finish(self, site: Site, options: Options | None = None) -> Callable[[Path], None] | None:
        """What runs on the built pages before they are published: the search index
        (not in the offline copy, which keeps the theme's search), then the service
        worker, which lists what the pages and the index became."""
        if self.offline:
            return None
        options = options or self.options

        def finish(folder: Path) -> None:
            search.index(folder, site.records)
            if self.pwa:
                self.worker = pwa.write(folder, options.edisi, options.versi, site.moduls)

        return finish
