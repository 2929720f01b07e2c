"""What the browser tests share (a pytest plugin, ``-p tests.browsing`` in
pyproject.toml, so each fixture runs once per session): the published sample site, served as a host serves it, and Debian's
Chromium driven by Playwright.

The site is what trainees get: two releases published with mike on the deploy
branch (``/terbaru/`` the newest, ``/2026.11.01/`` an old one with its banner),
served from a checkout of that branch, with the root ``404.html`` for any
address that does not exist, as GitHub Pages does.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import shutil
import subprocess
import tarfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, TODAY, commit_all, run

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = REPO / "node_modules/axe-core/axe.min.js"
OLD, NEW = "2026.11.01", "2026.11.15"


def sample(root: Path) -> Path:
    for name in ("modules", "program", "registri"):
        shutil.copytree(REPO / name, root / name)
    return root


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    handler = functools.partial(_Host, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@functools.lru_cache(maxsize=4096)
def _compressed(path: Path) -> bytes:
    """Compressed once, as a host that keeps .gz beside its files (the server must
    not take the CPU the measured browser needs)."""
    return gzip.compress(path.read_bytes(), 9)


class _Host(http.server.SimpleHTTPRequestHandler):
    """A static host as trainees meet one (GitHub Pages, nginx): text files sent
    gzip-compressed to a browser that accepts it, the root 404.html for what is missing."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        compressible = path.suffix in {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}
        if not (path.is_file() and compressible and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        body = _compressed(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of the deploy branch's root, with two releases on it."""
    root = sample(tmp_path_factory.mktemp("terbit") / "kurikulum")
    commit_all(root, "awal")
    for name in (OLD, NEW):
        result = run("release", name, "--root", str(root), "--today", TODAY)
        assert result.exit_code == 0, result.output
    archive = root.parent / "situs.tar"
    subprocess.run(["git", "archive", "-o", str(archive), "gh-pages"], cwd=root, check=True)
    served = root.parent / "situs"
    with tarfile.open(archive) as tar:
        tar.extractall(served, filter="tar")
    with serving(served) as url:
        yield url


@pytest.fixture(scope="session")
def site_url(published: str) -> str:
    """The newest release, where a trainee lands."""
    return published + "terbaru/"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            raise RuntimeError(f"Chromium not found at {CHROMIUM}: .ci/run installs Debian's chromium")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM)
        yield chromium
        chromium.close()


def open_page(browser, width: int = 1280, height: int = 900, scheme: str = "light", **options):
    """A page in a fresh context that records console errors and failed requests."""
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme, **options)
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
    return page


@pytest.fixture
def page(browser):
    page = open_page(browser)
    yield page
    page.context.close()


@pytest.fixture
def phone(browser):
    page = open_page(browser, 390, 844, is_mobile=True, has_touch=True)
    yield page
    page.context.close()


def heading(page) -> str:
    return page.locator("h1").first.inner_text().rstrip("¶").strip()


SEARCHED = """({q, stalled}) => {
    const message = (document.querySelector('.pagefind-ui__message') || {}).textContent || '';
    const titles = document.querySelectorAll('.pagefind-ui__result-title');
    return (stalled && document.querySelector('.kesos-cari__lambat')) || message.includes(q)
        && (/tidak ditemukan|Tidak ada hasil/.test(message)
            || (titles.length > 0 && !document.querySelector('.pagefind-ui__loading')));
}"""


def type_query(page, site_url: str, query: str) -> None:
    """Open the search page of ``site_url`` and type ``query`` into its box, key by key."""
    page.goto(site_url + "cari/")
    box = page.locator(".pagefind-ui__search-input")
    box.click()
    box.press_sequentially(query)


def search(page, site_url: str, query: str) -> list[str]:
    """Search through the search page as a trainee does: type, wait for results
    (when the page says the search stalled, tap "Cari lagi" once, as a trainee would);
    returns the result titles shown."""
    type_query(page, site_url, query)
    # the message names the query once the search ran; the titles arrive a moment later
    try:
        page.wait_for_function(SEARCHED, arg={"q": query, "stalled": True})
        if page.locator(".kesos-cari__lambat").count():
            page.get_by_role("link", name="Cari lagi").click()
            page.wait_for_url("**/cari/?q=*")
            page.wait_for_function(SEARCHED, arg={"q": query, "stalled": False})
    except Exception as exc:  # a search that never finishes: say what the page shows and fetched
        shown = page.locator("#kotak-cari").inner_text()
        fetched = page.evaluate(
            "() => performance.getEntriesByType('resource')"
            ".map(e => `${e.name.split('/').slice(-2).join('/')} ${Math.round(e.duration)} ms`)"
        )
        raise AssertionError(
            f"search for {query!r} did not finish: shows {shown!r}; console {page.console_errors}; "
            f"fetched {fetched}"
        ) from exc
    return page.locator(".pagefind-ui__result-title").all_inner_texts()


def axe_serious(page) -> list[tuple[str, str]]:
    if not AXE.exists():
        if os.environ.get("CI"):
            raise AssertionError("axe-core missing: .ci/run runs npm install")
        pytest.skip("axe-core is not installed (npm install)")
    # mike's version selector arrives after the page loads, and kesos.js then names it
    # after what it shows: check the page as it settles, not halfway through
    page.wait_for_function(
        "() => [...document.querySelectorAll('.md-version__current')]"
        ".every(b => (b.getAttribute('aria-label') || '').startsWith('Pilih versi:'))"
    )
    # run by the test's own channel, which the page's policy does not govern: an added
    # <script> is an inline script the policy refuses, as it refuses any it does not name
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        (v["id"], str(v["nodes"][0]["target"]))
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
