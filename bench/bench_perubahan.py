"""What one change costs: ``kesos-modul build`` after one chapter of one module was
edited, against the same build from nothing, and against another checkout of
kesos-modul (such as the commit before the build cache), A B A B.

Each side builds its own copy of the same generated curriculum as a whole
process (``python -m kesos_modul build``), with the code of its tree:

- **warm**: one chapter of one module edited since that side's last build (a
  different module each round; the same edit on both sides), then ``build``;
- **cold**: ``build/`` and the site removed first, so nothing is reused.

Both jobs make the same complete site (every page, the search index, the
service worker); the script checks that the warm site of each round has the
new sentence. It prints each side's median and range, the median ratio A/B with
its range, the warm/cold ratio of each side, the size of ``build/cache`` and the
load average before and after (the machine is shared).

    python bench/bench_perubahan.py --modules 12 48 --rounds 4 --banding /tmp/kesos-lama
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import approve, generate

HERE = Path(__file__).resolve().parent.parent


def build(root: Path, tree: Path) -> float:
    environ = {**os.environ, "PYTHONPATH": str(tree)}
    cmd = [sys.executable, "-m", "kesos_modul", "build", "--root", str(root)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=root, env=environ, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"build gagal ({tree}):\n{proc.stdout}\n{proc.stderr}")
    return seconds


def edit(root: Path, kode: str, number: int) -> str:
    sentence = f"Kalimat revisi nomor {number} tentang pendampingan keluarga."
    with (root / "modules" / kode / "02-bab.md").open("a", encoding="utf-8") as f:
        f.write(f"\n{sentence}\n")
    approve(root)  # as `kesos-modul sahkan` would: the changed module is approved again
    return sentence


def cold(root: Path, tree: Path) -> float:
    shutil.rmtree(root / "build", ignore_errors=True)
    shutil.rmtree(root / "site", ignore_errors=True)
    return build(root, tree)


def spread(values: list[float]) -> str:
    return f"median {statistics.median(values):.2f} s ({min(values):.2f}–{max(values):.2f})"


def ratio(a: list[float], b: list[float]) -> str:
    r = [x / y for x, y in zip(a, b, strict=True)]
    return f"{statistics.median(r):.2f} ({min(r):.2f}–{max(r):.2f})"


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6 if folder.exists() else 0.0


def bench(n: int, rounds: int, sides: dict[str, Path], work: Path) -> None:
    source = generate(work / "sumber", n)
    roots = {}
    for name in sides:
        roots[name] = work / name
        shutil.copytree(source, roots[name])
    times: dict[tuple[str, str], list[float]] = {(s, j): [] for s in sides for j in ("hangat", "dingin")}
    for name, tree in sides.items():
        build(roots[name], tree)  # the build before the first change (not counted)
    for number in range(rounds):
        kode = f"modul-{number % n + 1:04d}"
        for name, tree in sides.items():
            sentence = edit(roots[name], kode, number)
            times[name, "hangat"].append(build(roots[name], tree))
            page = roots[name] / "site" / "modul" / kode / "02-bab" / "index.html"
            if sentence not in page.read_text(encoding="utf-8"):
                raise SystemExit(f"{name}: kalimat baru tidak ada di {page}")
        for name, tree in sides.items():
            times[name, "dingin"].append(cold(roots[name], tree))
    print(f"\n{n} modul (6 bab), {rounds} putaran, A B A B:")
    for name, tree in sides.items():
        warm, full = times[name, "hangat"], times[name, "dingin"]
        print(f"  {name} ({tree}):")
        print(f"    satu bab berubah: {spread(warm)}")
        print(f"    dari nol:         {spread(full)}")
        print(f"    hangat/dingin:    {ratio(warm, full)}")
        print(f"    build/cache:      {size_mb(roots[name] / 'build' / 'cache'):.1f} MB")
    names = list(sides)
    if len(names) == 2:
        a, b = names
        print(f"  rasio {a}/{b}, satu bab berubah: {ratio(times[a, 'hangat'], times[b, 'hangat'])}")
        print(f"  rasio {a}/{b}, dari nol:         {ratio(times[a, 'dingin'], times[b, 'dingin'])}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--modules", type=int, nargs="+", default=[12, 48])
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--banding", type=Path, default=None, help="checkout kesos-modul lain (sisi B)")
    args = parser.parse_args()
    sides = {"A": HERE}
    if args.banding:
        sides["B"] = args.banding.resolve()
    print(f"beban sebelum: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for n in args.modules:
        with tempfile.TemporaryDirectory() as tmp:
            bench(n, args.rounds, sides, Path(tmp))
    print(f"\nbeban sesudah: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
