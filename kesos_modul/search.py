"""Search: a Pagefind index of a built site, after the engine, for any engine.

Pagefind reads the built HTML (``<html lang="id">``), so it stems Indonesian
(*memberdayakan*, *berdaya* and *pemberdayaan* find the same pages) and writes
an index split into chunks that a browser loads per query, into ``pagefind/``
beside the pages. Each edition and each published version is indexed from its
own pages, so the trainee edition's index holds nothing the trainee pages do not.
Glossary entries are records of their own, so a hit on a term shows that term.
Pagefind fetches its chunks, which browsers refuse from ``file://``: the
offline copy keeps the theme's own search instead.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from kesos_modul.engine import BuildError

FOLDER = "pagefind"
# Parts of a page that are not what a trainee searches for: the module summary
# card (its table header would be every module's snippet) and heading anchors.
EXCLUDE = (".admonition.abstract", ".headerlink")


@dataclass(frozen=True)
class Record:
    """A search result that is not a page of its own: ``url`` is relative to the site's root."""

    url: str
    judul: str
    teks: str


def index(site_dir: Path, records: Iterable[Record] = ()) -> None:
    """Index the pages of ``site_dir`` and ``records`` into ``site_dir/pagefind``."""
    try:
        # in a thread of its own: the caller may already run an event loop (a test's browser)
        with ThreadPoolExecutor(max_workers=1) as thread:
            thread.submit(asyncio.run, _index(site_dir, list(records))).result()
    except Exception as exc:  # Pagefind runs as a separate program; whatever it says goes to the writer
        raise BuildError([f"indeks pencarian (Pagefind) tidak dapat dibuat: {exc}"]) from exc


class _Unthrottled:
    """``asyncio`` for Pagefind's Python API, whose reader sleeps 0.1 s before
    each answer of its program (pagefind 1.5): 5.5 s for a glossary of 55
    records. The reader waits for the answer anyway; this only drops the sleep."""

    def __getattr__(self, name: str) -> object:
        return getattr(asyncio, name)

    @staticmethod
    async def sleep(delay: float, result: object = None) -> object:
        return await asyncio.sleep(0, result)


class _Written(Exception):
    """The index is written and settled: leave the API's context without writing it again."""


async def _settled(folder: Path, quiet: float = 0.3) -> None:
    """Return once no file of ``folder`` has changed for ``quiet`` seconds.

    Pagefind answers "written" before its last writes reach the disk, and its API
    then ends the program, which can leave a file cut short (seen here, also
    with the API's own pauses: ``pagefind-ui.js`` at 96 KB of 117 KB)."""
    before: dict[str, tuple[int, int]] | None = None
    while True:
        now = {str(p): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}
        if now == before:
            return
        before = now
        await asyncio.sleep(quiet)


async def _index(site_dir: Path, records: list[Record]) -> None:
    import pagefind.service
    from pagefind.index import IndexConfig, PagefindIndex

    output = site_dir / FOLDER
    config = IndexConfig(output_path=str(output), exclude_selectors=list(EXCLUDE), force_language="id")
    try:
        async with PagefindIndex(config=config) as index:
            await index.add_directory(path=str(site_dir), glob="**/*.html")
            pagefind.service.asyncio = _Unthrottled()  # type: ignore[assignment]
            try:
                for record in records:
                    await index.add_custom_record(
                        url="/" + record.url.lstrip("/"),
                        content=record.teks,
                        language="id",
                        meta={"title": record.judul},
                    )
                await index.write_files()
            finally:
                pagefind.service.asyncio = asyncio  # type: ignore[assignment]
            await _settled(output)
            raise _Written
    except _Written:
        pass
