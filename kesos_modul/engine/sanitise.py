"""What a page shows of the curriculum, cleaned after the engine has built it.

A staged page's own content lies between :data:`BEGIN` and :data:`END`
(:func:`wrap`); the theme's header, navigation and scripts lie outside. After
the engine has turned the Markdown into HTML, :func:`clean_site` passes that
content of every page it built through the allow-list (:mod:`kesos_modul.allowlist`).

Safety therefore does not depend on how a check reads the Markdown source: what
a contributor writes reaches a trainee's browser only as what is on this list,
however it was written. ``validate`` still tells the writer, with a line, what
will be removed (KM801–KM803).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from pathlib import Path

from kesos_modul import allowlist
from kesos_modul.engine import policy
from kesos_modul.engine.reuse import unit_of

BEGIN = "<!-- kesos:isi -->"
END = "<!-- /kesos:isi -->"
_MARKER = re.compile(r"(<!-- /?kesos:[a-z]+(?: [^ <>]+)? -->)")


def wrap(page: str) -> str:
    """A staged Markdown page with its content between the markers (after its front matter)."""
    front, body = "", page
    if page.startswith("---\n"):
        end = page.find("\n---\n", 4)
        if end != -1:
            front, body = page[: end + 5], page[end + 5 :]
    return f"{front}{BEGIN}\n\n{body}\n\n{END}\n"


def clean(page: str) -> str:
    """A built page with its content (from the first :data:`BEGIN` to the last
    :data:`END`: our markers lie outside anything a writer wrote) sanitised."""
    start, end = page.find(BEGIN), page.rfind(END)
    if not 0 <= start < end:
        return page
    start += len(BEGIN)
    # between the engine's markers inside (a chapter's bounds, the print page's places),
    # each stretch on its own: an element a writer left open ends with its stretch,
    # and cannot take a marker into its text
    parts = _MARKER.split(page[start:end])
    cleaned = [part if index % 2 else allowlist.clean(part) for index, part in enumerate(parts)]
    return page[:start] + "".join(cleaned) + page[end:]


def clean_site(
    site_dir: Path, docs_dir: Path, left_out: Collection[str], dest: Callable[[str], str], seal: bool = True
) -> None:
    """Clean every page built into ``site_dir`` from ``docs_dir`` but those of
    the module folders and pages ``left_out`` (kept from an earlier build, already
    clean), and, with ``seal``, give each its page policy (:func:`policy.seal`)."""
    built = [dest(rel) for rel in _staged_pages(docs_dir) if unit_of(rel) not in left_out]
    for path in [site_dir / page for page in built] + [site_dir / "404.html"]:
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            done = clean(text)
            done = policy.seal(done) if seal else done
            if done != text:
                path.write_text(done, encoding="utf-8")


def _staged_pages(docs_dir: Path) -> list[str]:
    return [p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")]
