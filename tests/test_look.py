"""What a trainee sees on every page type, on a phone and a laptop, light and dark.

Each page is checked as a person would look at it: a heading, no Markdown left
unrendered in the text, nothing wider than the screen, every table either fitting
or saying that it scrolls, no console errors under the Content-Security-Policy.
A screenshot of each is kept (CI artefact ``artefak/tangkapan-layar/``) for a
person to look at.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.browsing import OLD, heading, open_page
from tests.conftest import REPO

M1 = "modul/dukungan-psikososial-bencana/"
# page type -> address under the newest release ("/" = the deploy branch's root)
PAGE_TYPES = {
    "beranda": "",
    "daftar-modul": "modul/",
    "modul": M1,
    "bab": M1 + "02-pertolongan-pertama-psikologis/",
    "latihan": M1 + "latihan/",
    "penutup": M1 + "penutup/",
    "cetak": M1 + "cetak/",
    "ranah": "ranah/korban-bencana/",
    "pilar-indeks": "pilar/",
    "pilar": "pilar/rehabilitasi-sosial/",
    "kompetensi": "kompetensi/",
    "program": "program/penguatan-kompetensi-sdm-kesos/",
    "glosarium": "glosarium/",
    "cari": "cari/?q=pemberdayaan",
    "perubahan": "perubahan/",
    "catatan-rilis": "catatan-rilis/",
    "tentang": "tentang/",
    "tersimpan": "tersimpan/",
    "tanpa-sinyal": "tanpa-sinyal/",
    "versi-lama": f"/{OLD}/{M1}",
    "404": "/tidak-ada/",
}
MODULE_PAGES = ("modul", "bab", "latihan", "penutup")
# What Markdown looks like when it was not rendered: table rows and rules, bold, links, headings.
RAW_MARKDOWN = re.compile(r"^\s*\|.*\|\s*$|\|-{3}|\*\*\S|\]\(|^#{1,6} ", re.M)
SCREENSHOTS = Path(os.environ.get("KESOS_SCREENSHOTS", REPO / "artefak" / "tangkapan-layar"))

# Every table fits its column, or scrolls and says so (assets/kesos.js) where a person sees it.
TABLES = """() => [...document.querySelectorAll('.md-typeset__scrollwrap')].filter(wrap => {
    const table = wrap.querySelector('table');
    const wide = wrap.scrollWidth > wrap.clientWidth + 1 || table.scrollWidth > table.clientWidth + 1;
    const cue = wrap.previousElementSibling;
    return wide && !(cue && cue.classList.contains('kesos-geser') && cue.offsetHeight > 0);
}).map(wrap => wrap.innerText.slice(0, 60))"""


@pytest.mark.parametrize(
    ("width", "height", "scheme"),
    [(390, 844, "light"), (1366, 900, "light"), (390, 844, "dark"), (1366, 900, "dark")],
)
def test_every_page_type_looks_right(browser, published: str, width: int, height: int, scheme: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = open_page(browser, width, height, scheme)
    try:
        for name, path in PAGE_TYPES.items():
            url = published + path[1:] if path.startswith("/") else published + "terbaru/" + path
            before = len(page.console_errors)
            page.goto(url, wait_until="networkidle")
            if name == "404":  # the browser logs the status of a missing page; that is the point
                del page.console_errors[before:]
            if name == "cari":
                page.wait_for_selector(".pagefind-ui__result")
            assert heading(page), name
            text = page.locator("article, body").first.inner_text()
            raw = [m.group(0) for m in RAW_MARKDOWN.finditer(text)]
            assert raw == [], (name, raw[:3])
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{name}: the page is {overflow}px wider than the screen"
            assert page.evaluate(TABLES) == [], f"{name}: a table is cut off without a cue"
            if name == "versi-lama":
                assert page.locator(".md-banner").is_visible()
            if name in MODULE_PAGES:  # its own navigation: where it is, and the pages around it
                assert page.locator(".kesos-jejak a").first.is_visible(), name
                assert page.locator(".kesos-langkah a").count() >= 1, name
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}x{height}-{scheme}.png"))
            if name == "bab":  # the module's pages, opened
                page.locator(".kesos-isi summary").click()
                page.locator(".kesos-isi [aria-current=page]").wait_for()
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 0, f"the module's open list is {overflow}px wider than the screen"
                page.screenshot(path=str(SCREENSHOTS / f"bab-isi-modul-{width}x{height}-{scheme}.png"))
        assert page.console_errors == []
    finally:
        page.context.close()


def test_the_site_title_stays_readable_on_a_phone_beside_the_version_selector(browser, site_url: str) -> None:
    page = open_page(browser, 390, 844)
    page.goto(site_url, wait_until="networkidle")
    page.locator(".md-version__current").wait_for()
    title = page.locator(".md-header__topic .md-ellipsis").first
    box = title.bounding_box()
    assert box and box["width"] >= 100, box  # two lines of the name, not "Kuriku…"
    page.context.close()


def test_the_reviewers_change_page_looks_right(browser, tmp_path: Path) -> None:
    """The page a reviewer reads in a writer's build: the words struck and marked, as text,
    on a phone and a laptop, light and dark."""
    from tests.browsing import sample, serving
    from tests.conftest import TODAY, commit_all, edit, git, run

    root = sample(tmp_path / "kurikulum")
    commit_all(root, "awal")
    git(root, "tag", "-a", "rilis/2026.11.01", "-m", "rilis")
    chapter = root / "modules/dukungan-psikososial-bencana/02-pertolongan-pertama-psikologis.md"
    text = chapter.read_text(encoding="utf-8")
    long_line = max(text.splitlines(), key=len)
    words = long_line.split()
    edit(chapter, long_line, " ".join([*words[:12], "dengan **sangat** hati-hati", *words[14:]]))
    built = run(
        "build", "--drafts", "--output", str(tmp_path / "draf"), "--root", str(root), "--today", TODAY
    )
    assert built.exit_code == 0, built.output
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with serving(tmp_path / "draf") as url:
        for width, height, scheme in ((390, 844, "light"), (1366, 900, "dark")):
            page = open_page(browser, width, height, scheme)
            try:
                page.goto(url + "modul/dukungan-psikososial-bencana/perubahan/", wait_until="networkidle")
                assert heading(page) == "Perubahan sejak rilis 2026.11.01"
                assert page.locator("article del").count() >= 1 and page.locator("article ins").count() >= 1
                assert "**" in page.locator("article ins").all_inner_texts()[-1]  # what was written, as text
                assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
                page.screenshot(path=str(SCREENSHOTS / f"perubahan-modul-{width}x{height}-{scheme}.png"))
                assert page.console_errors == []
            finally:
                page.context.close()
