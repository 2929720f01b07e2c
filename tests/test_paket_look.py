"""What a trainee sees of a package page in a learning platform, on a phone and a
laptop, light and dark: a heading, no Markdown left unrendered, nothing wider than
the screen, no console errors under the page's own Content-Security-Policy. A
screenshot of each page type is kept (CI artefact ``artefak/tangkapan-layar/``)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from kesos_modul.loading import load
from kesos_modul.paket import buat
from kesos_modul.sources import FolderSource
from tests.browsing import open_page, serving
from tests.conftest import REPO
from tests.test_look import RAW_MARKDOWN, SCREENSHOTS

M1 = "dukungan-psikososial-bencana"
PAGES = {
    "ringkasan": "index",
    "bab": "02-pertolongan-pertama-psikologis",
    "latihan": "latihan",
    "penutup": "penutup",
}


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    kurikulum = load(FolderSource(REPO))[0]
    package = buat.modul(kurikulum, REPO, kurikulum.modul_by_kode()[M1], "scorm12", "peserta")
    folder = tmp_path_factory.mktemp("paket")
    zipfile.ZipFile(io.BytesIO(package.data)).extractall(folder)
    return folder


@pytest.mark.parametrize(
    ("width", "height", "scheme"),
    [(390, 844, "light"), (1366, 900, "light"), (390, 844, "dark"), (1366, 900, "dark")],
)
def test_every_package_page_type_looks_right(
    browser, unpacked: Path, width: int, height: int, scheme: str
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = open_page(browser, width, height, scheme)
    try:
        with serving(unpacked) as url:
            for name, file in PAGES.items():
                page.goto(f"{url}{M1}/{file}.html", wait_until="networkidle")
                assert page.locator("main h1").first.is_visible(), name
                raw = [m.group(0) for m in RAW_MARKDOWN.finditer(page.locator("main").inner_text())]
                assert raw == [], (name, raw[:3])
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 0, f"{name}: the page is {overflow}px wider than the screen"
                if name == "ringkasan":  # JP columns right-aligned, as on the site, without inline style
                    cell = page.locator("td.rata-right").first
                    assert cell.evaluate("c => getComputedStyle(c).textAlign") == "right"
                page.screenshot(path=str(SCREENSHOTS / f"paket-{name}-{width}x{height}-{scheme}.png"))
        assert page.console_errors == []
    finally:
        page.context.close()
