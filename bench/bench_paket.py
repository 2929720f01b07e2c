"""Time ``kesos-modul paket`` on a generated curriculum, as a whole process.

Each round makes every module's package in each format (``--format scorm12`` and
``--format cc11``, alternating S C S C), from a cold start: read, validate, render
the pages, write the manifests and the zips. It reports the median and range per
format, the packages' total and median size.

There is no second side: no tool a centre would otherwise use makes SCORM or
Common Cartridge packages from these sources (the alternative is copying each
module into the platform by hand), so there is nothing doing the same job to
compare with.

    python bench/bench_paket.py                  # 100 modules, 3 rounds
    python bench/bench_paket.py --modules 300 --rounds 5
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

FORMATS = ("scorm12", "cc11")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-paket-"))
    try:
        root = generate(work / "kurikulum", args.modules)
        times: dict[str, list[float]] = {f: [] for f in FORMATS}
        sizes: dict[str, list[int]] = {}
        for _ in range(args.rounds):
            for fmt in FORMATS:
                out = work / f"paket-{fmt}"
                shutil.rmtree(out, ignore_errors=True)
                command = [
                    sys.executable,
                    "-m",
                    "kesos_modul",
                    "paket",
                    "--root",
                    str(root),
                    "--format",
                    fmt,
                    "-o",
                    str(out),
                ]
                start = time.perf_counter()
                subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
                times[fmt].append(time.perf_counter() - start)
                sizes[fmt] = [p.stat().st_size for p in out.iterdir()]
        print(f"kesos-modul paket, {args.modules} modul, {args.rounds} putaran (S C S C, proses dingin):")
        for fmt in FORMATS:
            t, s = times[fmt], sizes[fmt]
            print(
                f"  --format {fmt}: median {statistics.median(t):.2f} s ({min(t):.2f}–{max(t):.2f}), "
                f"{len(s)} paket, jumlah {sum(s) / 1e6:.1f} MB, median {statistics.median(s) / 1024:.0f} KB per paket"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
