"""What a reader gets stays the same through a restructuring: the text of every
page of the sample site (both editions), the text of a printed book (both
editions) and ``katalog.json``, compared with golden copies in ``tests/golden``.

After an intended change of what is shown, write the copies again and read the diff:

    KESOS_GOLDEN_UPDATE=1 .venv/bin/python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import os
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kesos_modul.book import book_html
from kesos_modul.loading import load
from kesos_modul.sources import FolderSource
from tests.conftest import REPO, TODAY, run

GOLDEN = Path(__file__).parent / "golden"
UPDATE = bool(os.environ.get("KESOS_GOLDEN_UPDATE"))


class _Text(HTMLParser):
    """The text a reader sees inside ``<article>`` (or the whole body), one block per line."""

    BLOCKS = frozenset(
        {"p", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "div", "section", "br"}
    )

    def __init__(self, only_article: bool) -> None:
        super().__init__()
        self.depth = 0 if only_article else 1
        self.only_article = only_article
        self.skip = 0
        self.hidden: list[str] = []  # open elements inside a ``hidden`` one, which nobody sees
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.hidden or any(name == "hidden" for name, _ in attrs):
            self.hidden.append(tag)
            return
        if tag == "article" and self.only_article:
            self.depth += 1
        if tag in ("script", "style"):
            self.skip += 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.hidden:
            self.hidden.pop()
            return
        if tag == "article" and self.only_article:
            self.depth -= 1
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if self.depth > 0 and not self.skip and not self.hidden:
            self.parts.append(data)

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line) + "\n"


def visible_text(html: str, only_article: bool = True) -> str:
    parser = _Text(only_article)
    parser.feed(html)
    return parser.text()


def compare(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from its golden copy (KESOS_GOLDEN_UPDATE=1 to accept)"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("kurikulum")
    for name in ("modules", "program", "registri"):
        shutil.copytree(REPO / name, root / name)
    return root


@pytest.mark.parametrize("edisi", ["peserta", "fasilitator"])
def test_site_text_is_unchanged(sample: Path, edisi: str) -> None:
    out = sample / f"site-{edisi}"
    result = run("build", "--root", str(sample), "--today", TODAY, "--edisi", edisi, "--output", str(out))
    assert result.exit_code == 0, result.output
    sections = []
    for page in sorted(out.rglob("index.html")):
        sections.append(f"== {page.relative_to(out).as_posix()} ==\n")
        sections.append(visible_text(page.read_text(encoding="utf-8")))
    compare(f"situs-{edisi}.txt", "".join(sections))
    if edisi == "peserta":
        compare("katalog.json", (out / "katalog.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("edisi", ["peserta", "fasilitator"])
def test_book_text_is_unchanged(sample: Path, edisi: str) -> None:
    kurikulum, _ = load(FolderSource(sample))
    m = kurikulum.modul_by_kode()["dukungan-psikososial-bencana"]
    compare(f"buku-{edisi}.txt", visible_text(book_html(m, edisi, kurikulum.registri), only_article=False))
