"""Save-to-rebuilt-page time of ``kesos-modul serve`` on a generated curriculum.

Starts the preview server, then repeatedly appends a new word to one chapter and
polls the module's page until the word is served.

    python bench/bench_serve.py --modules 300 --repeat 5
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def wait_for(url: str, word: str, limit: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if word in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.02)
    raise SystemExit(f"'{word}' tidak muncul di {url} dalam {limit} detik")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--modules", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--port", type=int, default=8931)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = generate(Path(tmp) / "kurikulum", args.modules)
        url = f"http://127.0.0.1:{args.port}/"
        started = time.perf_counter()
        server = subprocess.Popen(
            [sys.executable, "-m", "kesos_modul", "serve", "--root", str(root), "--port", str(args.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for(url, "Kurikulum", 300)
            print(f"{args.modules} modul: pratinjau siap dalam {time.perf_counter() - started:.1f} detik")
            kode = f"modul-{args.modules // 2:04d}"
            chapter = root / "modules" / kode / "03-bab.md"
            times = []
            for i in range(args.repeat):
                word = f"penandauji{i}x{int(time.time())}"
                with chapter.open("a", encoding="utf-8") as f:
                    f.write(f"\n{word}\n")
                times.append(wait_for(f"{url}modul/{kode}/", word, 30))
                time.sleep(0.5)
            print(
                "simpan → halaman baru: "
                + ", ".join(f"{t:.2f}" for t in times)
                + f" detik (median {statistics.median(times):.2f}, maks {max(times):.2f})"
            )
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
