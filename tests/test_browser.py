"""The trainee site in a real browser: Debian's Chromium driven by Playwright."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, TODAY, run
from tests.test_safety import plant_markup

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ANSWER = "Peserta mendekat dengan tenang dan memperkenalkan diri"  # module 1's answer key for ev-2
AXE = REPO / "node_modules/axe-core/axe.min.js"

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError(f"Chromium not found at {CHROMIUM}: .ci/run installs Debian's chromium")
    pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)

playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("kurikulum")
    for name in ("modules", "program", "registri"):
        shutil.copytree(REPO / name, root / name)
    result = run("build", "--root", str(root), "--today", TODAY)
    assert result.exit_code == 0, result.output
    with _serving(root / "site") as url:
        yield url


@contextlib.contextmanager
def _serving(folder: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM)
        yield chromium
        chromium.close()


def heading(page) -> str:
    return page.locator("h1").first.inner_text().rstrip("¶").strip()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    # a request cut short because the test navigated away is no error of the site
    page.on(
        "requestfailed",
        lambda r: (
            page.console_errors.append(f"failed: {r.url} {r.failure}")
            if "ERR_ABORTED" not in (r.failure or "")
            else None
        ),
    )
    yield page
    context.close()


def test_home_page_opens_without_errors(page, site_url: str) -> None:
    page.goto(site_url, wait_until="networkidle")
    assert page.locator("html").get_attribute("lang") == "id"
    assert heading(page) == "Kurikulum Pelatihan SDM Kesejahteraan Sosial"
    assert page.console_errors == []


def test_reach_a_module_through_its_domain_index(page, site_url: str) -> None:
    page.goto(site_url)
    page.locator("article").get_by_role("link", name="Korban Bencana", exact=True).click()
    page.wait_for_url("**/ranah/korban-bencana/")
    page.locator("article").get_by_role("link", name="Dukungan Psikososial bagi Korban Bencana").click()
    page.wait_for_url("**/modul/dukungan-psikososial-bencana/")
    assert heading(page) == "Dukungan Psikososial bagi Korban Bencana"
    assert page.get_by_text("Bab III. Prinsip Pertolongan Pertama Psikologis").first.is_visible()
    assert page.console_errors == []


def test_search_finds_a_chapter_word_and_lands_on_it(page, site_url: str) -> None:
    page.goto(site_url)
    page.click("input.md-search__input")
    page.locator("input.md-search__input").press_sequentially("diversi")
    page.wait_for_selector(".md-search-result__item")
    meta = page.locator(".md-search-result__meta").inner_text()
    assert "ditemukan" in meta
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_url("**/modul/penanganan-anak-korban-kekerasan/**")
    assert "diversi" in page.locator("article").inner_text().lower()
    assert page.console_errors == []


def test_navigation_works_on_a_phone(browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url)
    assert page.locator("label.md-header__button[for='__drawer']").is_visible()
    page.locator("label.md-header__button[for='__drawer']").click()
    link = page.locator(".md-sidebar--primary").get_by_role("link", name="Matriks kompetensi")
    link.wait_for(state="visible")
    link.click()
    page.wait_for_url("**/kompetensi/")
    assert heading(page) == "Matriks kompetensi"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page scrolls sideways on a phone ({width}px)"
    context.close()


def test_no_answer_key_text_in_the_trainee_edition(page, site_url: str) -> None:
    page.goto(site_url + "modul/dukungan-psikososial-bencana/")
    assert ANSWER not in page.locator("body").inner_text()
    index = page.evaluate("async () => (await fetch('../../search/search_index.json')).text()")
    assert "dukungan psikososial" in index.lower()
    assert ANSWER not in index
    assert "Kunci jawaban" not in index


def test_offline_copy_works_from_disk_with_search(page, tmp_path: Path) -> None:
    root = tmp_path / "kurikulum"
    for name in ("modules", "program", "registri"):
        shutil.copytree(REPO / name, root / name)
    result = run("build", "--root", str(root), "--offline", "--output", str(tmp_path / "salinan"), "--today", TODAY)
    assert result.exit_code == 0, result.output
    page.goto((tmp_path / "salinan" / "index.html").as_uri())
    page.locator("article").get_by_role("link", name="Korban Bencana", exact=True).click()
    assert page.url.endswith("/ranah/korban-bencana.html")
    page.click("input.md-search__input")
    page.locator("input.md-search__input").press_sequentially("diversi")
    page.wait_for_selector(".md-search-result__item")
    page.locator(".md-search-result__item a").first.click()
    assert "/modul/penanganan-anak-korban-kekerasan/index.html" in page.url
    assert page.console_errors == []


def test_version_selector_switches_releases_and_old_ones_show_the_banner(browser, tmp_path: Path) -> None:
    import subprocess
    import tarfile

    from tests.conftest import commit_all

    root = tmp_path / "kurikulum"
    for name in ("modules", "program", "registri"):
        shutil.copytree(REPO / name, root / name)
    commit_all(root, "awal")
    assert run("release", "2026.11.01", "--root", str(root), "--today", TODAY).exit_code == 0
    assert run("release", "2026.11.15", "--root", str(root), "--today", TODAY).exit_code == 0
    archive = tmp_path / "situs.tar"
    subprocess.run(["git", "archive", "-o", str(archive), "gh-pages"], cwd=root, check=True)
    served = tmp_path / "situs"
    with tarfile.open(archive) as tar:
        tar.extractall(served, filter="tar")
    handler = functools.partial(_QuietHandler, directory=str(served))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        context = browser.new_context()
        page = context.new_page()
        page.goto(url)
        page.wait_for_url("**/terbaru/")
        page.wait_for_load_state("networkidle")
        assert not page.locator(".md-banner").is_visible()
        if AXE.exists():  # the version selector keeps the page accessible
            page.locator(".md-version__current").wait_for()
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
            serious = [(v["id"], v["nodes"][0]["target"], v["nodes"][0]["any"][0]["message"] if v["nodes"][0]["any"] else "")
                       for v in result["violations"] if v["impact"] in ("serious", "critical")]  # fmt: skip
            assert serious == []
        page.locator(".md-version").hover()  # the selector opens on hover or focus
        page.locator(".md-version__link", has_text="2026.11.01").click()
        page.wait_for_url("**/2026.11.01/**")
        banner = page.locator(".md-banner")
        banner.wait_for(state="visible")
        assert "versi lama" in banner.inner_text()
        banner.get_by_role("link").click()
        page.wait_for_url("**/terbaru/**")
        context.close()
    finally:
        server.shutdown()


@pytest.mark.parametrize("path", ["", "modul/dukungan-psikososial-bencana/", "kompetensi/"])
def test_no_serious_accessibility_violations(page, site_url: str, path: str) -> None:
    if not AXE.exists():
        if os.environ.get("CI"):
            raise AssertionError("axe-core missing: .ci/run runs npm install")
        pytest.skip("axe-core is not installed (npm install)")
    page.goto(site_url + path, wait_until="networkidle")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        (v["id"], v["impact"], v["nodes"][0]["target"])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_practice_question_gives_feedback_without_a_server_round_trip(page, site_url: str) -> None:
    page.goto(site_url + "modul/dukungan-psikososial-bencana/")
    question = page.locator("#latihan-lat-1")
    question.scroll_into_view_if_needed()
    question.get_by_role("button", name="Memintanya berhenti bercerita", exact=False).click()
    feedback = question.locator(".latihan__umpan")
    assert feedback.inner_text().startswith("Belum tepat.")
    right = question.get_by_role("button", name="Mendengarkan dengan tenang", exact=False)
    right.click()
    assert feedback.inner_text().startswith("Tepat.") and right.get_attribute("aria-pressed") == "true"
    assert ANSWER not in page.locator("body").inner_text()  # evaluasi keys stay out
    # feedback that already says "Tepat." is not told twice
    second = page.locator("#latihan-lat-2")
    second.get_by_role("button", name="Anak, lansia", exact=False).click()
    assert second.locator(".latihan__umpan").inner_text().startswith("Tepat. Kelompok ini")
    assert page.console_errors == []


def test_markup_written_in_metadata_never_runs_in_the_browser(page, tmp_path: Path) -> None:
    """<script> in a module's title and chapter titles is shown as text and never runs."""
    root = tmp_path / "kurikulum"
    for name in ("modules", "program", "registri"):
        shutil.copytree(REPO / name, root / name)
    plant_markup(root)
    assert run("build", "--root", str(root), "--today", TODAY).exit_code == 0
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with _serving(root / "site") as url:
        for path in ("", "modul/dukungan-psikososial-bencana/", "glosarium/"):
            page.goto(url + path, wait_until="networkidle")
            assert page.evaluate("window.__kesos_xss") is None, path
        page.goto(url + "modul/dukungan-psikososial-bencana/", wait_until="networkidle")
        assert "<script>" in heading(page) and "<script>" in page.title()
        assert "</b><img" in page.locator("[id='01-konsep-bencana']").inner_text()
    assert dialogs == [] and page.console_errors == []


PAGE_TYPES = {
    "beranda": "",
    "modul": "modul/dukungan-psikososial-bencana/",
    "ranah-indeks": "ranah/",
    "ranah": "ranah/korban-bencana/",
    "pilar": "pilar/rehabilitasi-sosial/",
    "kompetensi": "kompetensi/",
    "program": "program/penguatan-kompetensi-sdm-kesos/",
    "glosarium": "glosarium/",
    "tentang": "tentang/",
}
# What Markdown looks like when it was not rendered: table rows and rules, bold, links, headings.
RAW_MARKDOWN = re.compile(r"^\s*\|.*\|\s*$|\|-{3}|\*\*\S|\]\(|^#{1,6} ", re.M)
SCREENSHOTS = Path(os.environ.get("KESOS_SCREENSHOTS", REPO / "artefak" / "tangkapan-layar"))


@pytest.mark.parametrize(
    ("width", "height", "scheme"), [(390, 844, "light"), (1366, 900, "light"), (390, 844, "dark")]
)
def test_every_page_type_renders_under_the_security_policy(
    browser, site_url: str, width, height, scheme
) -> None:
    """Every page type at a phone's and a laptop's size, light and dark: a heading, no
    Markdown left unrendered in the text, no console errors (the Content-Security-Policy blocks nothing the site needs), and a
    screenshot kept for review (CI artefact, artefak/tangkapan-layar/)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        for name, path in PAGE_TYPES.items():
            page.goto(site_url + path, wait_until="networkidle")
            assert heading(page), name
            text = page.locator("article").inner_text()
            raw = [m.group(0) for m in RAW_MARKDOWN.finditer(text)]
            assert raw == [], (name, raw[:3])
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}x{height}-{scheme}.png"), full_page=False)
    finally:
        context.close()
    assert errors == []
