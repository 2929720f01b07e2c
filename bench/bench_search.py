"""Benchmark the first search a trainee makes: Pagefind (what kesos-modul builds)
against the theme's own search (Material's lunr index), on the same pages.

Both sides are the same staged pages of a generated curriculum, built by the
same engine: side A is ``kesos-modul build`` (no theme search; Pagefind indexes
the built pages), side B is that staged folder built again with Material's
``search`` plugin added. In Chromium, each side makes a fresh visit: it opens a
module page, then runs one search for the same word through its own search box.
Counted: the bytes of every response, gzip-compressed as a host sends them
(the whole visit, and the part only search needs), and the time from typing to
the first result. The sides
alternate A B A B; the median of each, and the ratio, are reported.

    python bench/bench_search.py --modules 400 --repeat 3
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generate import generate

from tests.browsing import CHROMIUM, serving

QUERY = "pendampingan"


def build_both(root: Path, out: Path) -> tuple[Path, Path]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    pagefind = out / "pagefind-site"
    subprocess.run(
        [sys.executable, "-m", "kesos_modul", "build", "--root", str(root), "--output", str(pagefind)],
        check=True, env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    staged = root / "build" / "peserta" / "mkdocs.yml"
    config = yaml.safe_load(staged.read_text(encoding="utf-8"))
    config["plugins"] = ["search"]
    theme_config = staged.with_name("mkdocs-tema.yml")
    theme_config.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    lunr = out / "lunr-site"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(theme_config), "-d", str(lunr)],
        check=True,
        env=env,
    )
    return pagefind, lunr


def is_search(url: str) -> bool:
    """A request that only search makes: Pagefind's files, or the theme's index and worker."""
    return "/pagefind/" in url or "search_index.json" in url or "/workers/search" in url


def visit(browser, url: str, module_page: str, pagefind: bool) -> tuple[int, int, float]:
    """A fresh visit: open a module page, search once. Returns the gzip bytes of
    every response, of the search's own, and the seconds from typing to a result."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    bodies: list[tuple[str, int]] = []
    page.on("response", lambda r: bodies.append((r.url, len(gzip.compress(r.body())))) if r.ok else None)
    page.goto(url + module_page, wait_until="networkidle")
    if pagefind:
        page.locator("a.kesos-cari-tombol").click()
        box = page.locator(".pagefind-ui__search-input")
        box.click()
        started = time.perf_counter()
        box.press_sequentially(QUERY)
        page.wait_for_selector(".pagefind-ui__result-title:not(.pagefind-ui__loading)", timeout=60_000)
    else:
        page.click("label.md-header__button[for='__search']")  # on a phone the box opens from the header
        page.click("input.md-search__input")
        started = time.perf_counter()
        page.locator("input.md-search__input").press_sequentially(QUERY)
        page.wait_for_selector(".md-search-result__item", timeout=120_000)
    seconds = time.perf_counter() - started
    page.wait_for_load_state("networkidle")
    context.close()
    return sum(n for _, n in bodies), sum(n for u, n in bodies if is_search(u)), seconds


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--modules", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        root = generate(Path(tmp) / "kurikulum", args.modules)
        pagefind_site, lunr_site = build_both(root, Path(tmp))
        module_page = next(
            iter(sorted(p.parent.name for p in (pagefind_site / "modul").glob("*/index.html")))
        )
        browser = p.chromium.launch(executable_path=CHROMIUM)
        runs: dict[str, list[tuple[int, int, float]]] = {"A": [], "B": []}
        with serving(pagefind_site) as url_a, serving(lunr_site) as url_b:
            for _ in range(args.repeat):  # A B A B
                runs["A"].append(visit(browser, url_a, f"modul/{module_page}/", True))
                runs["B"].append(visit(browser, url_b, f"modul/{module_page}/", False))
        browser.close()
    print(f"{args.modules} modul, kata '{QUERY}', {args.repeat} kali bergantian A B A B")
    print(f"{'sisi':<44} {'kunjungan (gzip)':>17} {'pencarian (gzip)':>17} {'detik ketik→hasil':>18}")
    medians = {}
    for side, label in (
        ("A", "A: Pagefind (kesos-modul build)"),
        ("B", "B: pencarian tema (indeks lunr Material)"),
    ):
        raw = statistics.median(r[0] for r in runs[side])
        packed = statistics.median(r[1] for r in runs[side])
        seconds = statistics.median(r[2] for r in runs[side])
        medians[side] = (raw, packed, seconds)
        print(f"{label:<44} {raw:>17,.0f} {packed:>17,.0f} {seconds:>18.2f}")
    ratios = [a[2] / b[2] for a, b in zip(runs["A"], runs["B"], strict=True)]
    print(
        f"rasio A/B: bita pencarian {medians['A'][1] / medians['B'][1]:.3f}; waktu median {statistics.median(ratios):.2f} "
        f"(rentang {min(ratios):.2f}–{max(ratios):.2f})"
    )


if __name__ == "__main__":
    main()
