"""Time making one whole module readable without signal, on a generated curriculum
built with ``kesos-modul build`` and served on 127.0.0.1, in Debian's Chromium.

Both sides do the same job, from the same state (a fresh browser profile that
has opened the module's summary page once, so this version's worker runs):
afterwards every page, image and file of the module is in the trainee worker's
caches, which the script checks before it counts a round.

- **A "Simpan untuk dibaca tanpa sinyal"**: one tap; the worker downloads the
  files the module's ``luring.json`` lists. Timed from the tap until the page
  shows the saved state.
- **B opening every page**: what a trainee does without the button, and what a
  worker that only keeps opened pages offers: open each page of the module in
  turn (each with its images and scripts, as a browser loads a page), and open
  each other file (the PDF, when there is one). Timed from the first page to the
  last one loaded.

Rounds alternate A B A B. Reported: the median and range of each side, the
median ratio B/A and its range, the storage a saved module takes in the browser
(``navigator.storage.estimate()`` before and after), the module's size as
listed, and the shell a first visit precaches, compressed.

    python bench/bench_tanpa_sinyal.py                   # 100 modules, 5 rounds
    python bench/bench_tanpa_sinyal.py --modules 300 --rounds 7
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from kesos_modul import pwa  # noqa: E402

CACHED = """async (urls) => {
    const names = (await caches.keys()).filter((n) => n.startsWith("kesos|peserta|"));
    const keys = new Set();
    for (const name of names) {
        for (const r of await (await caches.open(name)).keys()) keys.add(r.url);
    }
    return urls.filter((u) => !keys.has(u));
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="bench-tanpa-sinyal-"))
    try:
        root = generate(work / "kurikulum", args.modules)
        site = work / "situs"
        command = [sys.executable, "-m", "kesos_modul", "build", "--root", str(root), "--output", str(site)]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=work)
        shell = pwa.shell(site)
        kode = sorted(p.name for p in (site / "modul").iterdir() if p.is_dir())[args.modules // 2]
        listed = json.loads((site / "modul" / kode / pwa.LIST).read_text(encoding="utf-8"))
        handler = functools.partial(_Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        urls = [base + path for path in listed["berkas"]]
        times: dict[str, list[float]] = {"A": [], "B": []}
        stored: list[int] = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium)
            for _ in range(args.rounds):
                for side in ("A", "B"):
                    context = browser.new_context(viewport={"width": 390, "height": 844})
                    page = context.new_page()
                    page.goto(f"{base}modul/{kode}/")
                    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
                    before = page.evaluate("async () => (await navigator.storage.estimate()).usage")
                    start = time.perf_counter()
                    if side == "A":
                        page.get_by_role("button", name="Simpan untuk dibaca tanpa sinyal").first.click()
                        page.locator(".kesos-simpan__keadaan--tersimpan").first.wait_for(timeout=60_000)
                    else:
                        for url in urls:
                            if url.endswith("/"):
                                page.goto(url)
                            else:
                                page.evaluate("async (u) => { await (await fetch(u)).arrayBuffer(); }", url)
                    times[side].append(time.perf_counter() - start)
                    missing = page.evaluate(CACHED, urls)
                    assert not missing, f"side {side} left {missing} uncached"
                    if side == "A":
                        after = page.evaluate("async () => (await navigator.storage.estimate()).usage")
                        stored.append(after - before)
                    context.close()
            browser.close()
        server.shutdown()
        ratios = [b / a for a, b in zip(times["A"], times["B"], strict=True)]
        print(
            f"Satu modul ({kode}, {len(urls)} berkas) dari {args.modules} modul, {args.rounds} putaran A B A B:"
        )
        for side, label in (("A", "Simpan untuk dibaca tanpa sinyal"), ("B", "membuka setiap halaman")):
            t = times[side]
            print(f"  {side} {label}: median {statistics.median(t):.2f} s ({min(t):.2f}–{max(t):.2f})")
        print(f"  rasio B/A: median {statistics.median(ratios):.1f} ({min(ratios):.1f}–{max(ratios):.1f})")
        print(
            f"  ukuran modul menurut luring.json: {listed['ukuran'] / 1024:.0f} KB; ruang penyimpanan "
            f"peramban sesudah disimpan: median {statistics.median(stored) / 1024:.0f} KB"
        )
        print(
            f"  kerangka yang di-cache pada kunjungan pertama: {shell.shell_bytes / 1024:.0f} KB terkompresi, "
            f"{shell.shell_files} berkas"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
