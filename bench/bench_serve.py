"""How soon ``kesos-modul serve`` shows a writer something, on a generated curriculum.

A writer was revising one module (sent back to review, one chapter just
saved), then starts the preview. Measured from starting the command:

- home: the home page is served;
- edited: the chapter being revised is served;
- asked: the chapter of the module written to longest ago, asked for right
  after the home page, is served;
- all: the overview page of every module is served (the whole site is built);
- restart: after stopping, a second ``serve`` serves the home page;
- early home, early all: from nothing, a ``serve`` stopped (its terminal
  closed) as soon as the home page answers, then a second ``serve``: its home
  page, and the overview page of every module;

and save → page: appending a new word to the chapter until the chapter's page
serves it, after the whole site is built, several saves per run.

Each side is a source tree of kesos-modul (``--side NAME=PATH``, e.g. the code
before and after a change); runs alternate A B A B on fresh copies of the same
curriculum, and the report gives medians with their ranges per side, and the
ratio of the last side to the first (median of the per-round ratios, with range).

    python bench/bench_serve.py --modules 300 --rounds 2 --side sebelum=/tmp/old --side sesudah=.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

MEASURES = ("home", "edited", "asked", "all", "restart", "early_home", "early_all", "save")


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except OSError:
        return 0, ""


def wait_for(url: str, word: str, started: float, limit: float = 600) -> float:
    """Seconds from ``started`` until ``url`` answers 200 with ``word`` in it."""
    while time.perf_counter() - started < limit:
        status, text = fetch(url)
        if status == 200 and word in text:
            return time.perf_counter() - started
        time.sleep(0.02)
    raise SystemExit(f"'{word}' tidak muncul di {url} dalam {limit} detik")


def kesos(tree: Path, *args: str) -> subprocess.Popen:
    # from /tmp with the side's tree first on the path: the side's code, not an installed one
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.Popen(
        [sys.executable, "-m", "kesos_modul", *args],
        cwd=tempfile.gettempdir(),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def one_run(
    tree: Path, template: Path, work: Path, modules: int, saves: int, port: int
) -> dict[str, list[float]]:
    root = work / "kurikulum"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(template, root, symlinks=True)
    kode = f"modul-{modules // 2:04d}"
    chapter = root / "modules" / kode / "03-bab.md"
    with chapter.open("a", encoding="utf-8") as f:
        f.write("\nKalimat yang baru saja ditulis.\n")
    url = f"http://127.0.0.1:{port}/"
    page = f"{url}modul/{kode}/03-bab/"
    oldest = f"{url}modul/modul-0001/03-bab/"
    found: dict[str, list[float]] = {m: [] for m in MEASURES}
    started = time.perf_counter()
    server = kesos(tree, "serve", "--root", str(root), "--port", str(port))
    try:
        found["home"].append(wait_for(url, "Kurikulum", started))
        found["edited"].append(wait_for(page, "Kalimat yang baru saja ditulis.", started))
        found["asked"].append(wait_for(oldest, "Kurikulum", started))
        for n in range(1, modules + 1):  # every module's overview (a page asked for is built next)
            wait_for(f"{url}modul/modul-{n:04d}/", "Kurikulum", started)
        found["all"].append(time.perf_counter() - started)
        for i in range(saves):
            word = f"penandauji{i}x{time.time_ns()}"
            with chapter.open("a", encoding="utf-8") as f:
                f.write(f"\n{word}\n")
            found["save"].append(wait_for(page, word, time.perf_counter(), 60))
            time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=30)
    time.sleep(1)  # the port is free again
    started = time.perf_counter()
    server = kesos(tree, "serve", "--root", str(root), "--port", str(port))
    try:
        found["restart"].append(wait_for(url, "Kurikulum", started))
    finally:
        server.terminate()
        server.wait(timeout=30)
    time.sleep(1)
    shutil.rmtree(root / "build")
    server = kesos(tree, "serve", "--root", str(root), "--port", str(port))
    try:
        wait_for(url, "Kurikulum", time.perf_counter())
    finally:
        server.terminate()  # stopped early
        server.wait(timeout=30)
    time.sleep(1)
    started = time.perf_counter()
    server = kesos(tree, "serve", "--root", str(root), "--port", str(port))
    try:
        found["early_home"].append(wait_for(url, "Kurikulum", started))
        for n in range(1, modules + 1):
            wait_for(f"{url}modul/modul-{n:04d}/", "Kurikulum", started)
        found["early_all"].append(time.perf_counter() - started)
    finally:
        server.terminate()
        server.wait(timeout=30)
    time.sleep(1)
    return found


def summary(values: list[float]) -> str:
    return f"median {statistics.median(values):.2f} s ({min(values):.2f}–{max(values):.2f}, n={len(values)})"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--modules", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2, help="runs per side, alternating")
    parser.add_argument("--saves", type=int, default=5, help="saves per run")
    parser.add_argument("--port", type=int, default=8931)
    parser.add_argument("--side", action="append", default=[], help="NAME=PATH of a kesos-modul tree")
    args = parser.parse_args()
    here = Path(__file__).resolve().parent.parent
    sides = [(s.split("=", 1)[0], Path(s.split("=", 1)[1]).resolve()) for s in args.side] or [("ini", here)]
    with tempfile.TemporaryDirectory() as tmp:
        template = generate(Path(tmp) / "asal", args.modules)
        # the writer sends the module back to review before revising it
        kode = f"modul-{args.modules // 2:04d}"
        telaah = kesos(
            sides[-1][1],
            "telaah",
            kode,
            "--penelaah",
            "Penelaah Uji",
            "--instansi",
            "Balai Uji",
            "--root",
            str(template),
        )
        if telaah.wait() != 0:
            raise SystemExit("kesos-modul telaah gagal")
        results: dict[str, dict[str, list[float]]] = {name: {m: [] for m in MEASURES} for name, _ in sides}
        per_round: list[dict[str, dict[str, float]]] = []
        for r in range(args.rounds):
            medians = {}
            for name, tree in sides:
                found = one_run(tree, template, Path(tmp), args.modules, args.saves, args.port)
                print(
                    f"putaran {r + 1}, {name}: "
                    + ", ".join(f"{m} {statistics.median(v):.2f}" for m, v in found.items()),
                    flush=True,
                )
                for m, v in found.items():
                    results[name][m] += v
                medians[name] = {m: statistics.median(v) for m, v in found.items()}
            per_round.append(medians)
    print(f"\n{args.modules} modul, {args.rounds} putaran per sisi, bergantian:")
    labels = {
        "home": "mulai → beranda",
        "edited": "mulai → bab yang sedang direvisi",
        "asked": "mulai → bab modul yang paling lama tidak diubah, diminta sesudah beranda",
        "all": "mulai → seluruh situs (ringkasan setiap modul)",
        "restart": "mulai kedua kali → beranda",
        "early_home": "sesudah pratinjau dihentikan dini: mulai lagi → beranda",
        "early_all": "sesudah pratinjau dihentikan dini: mulai lagi → seluruh situs",
        "save": "simpan → halaman baru",
    }
    for m in MEASURES:
        print(f"{labels[m]}:")
        for name, _ in sides:
            print(f"  {name}: {summary(results[name][m])}")
        if len(sides) > 1:
            first, last = sides[0][0], sides[-1][0]
            ratios = [rm[last][m] / rm[first][m] for rm in per_round]
            print(
                f"  rasio {last}/{first}: median {statistics.median(ratios):.3f} ({min(ratios):.3f}–{max(ratios):.3f})"
            )


if __name__ == "__main__":
    main()
