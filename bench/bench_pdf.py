"""Typesetting module books: one process (as before) against one process per core.

Both sides do the same job: the trainee edition's book of the same generated
modules, written to the same place. Runs alternate A B A B; the report gives the
median time of each side and the median ratio B/A with its range.

    python bench/bench_pdf.py --modules 20 --repeat 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

from kesos_modul.book import typeset
from kesos_modul.loading import load
from kesos_modul.sources import FolderSource


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--modules", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory() as tmp:
        root = generate(Path(tmp) / "kurikulum", args.modules)
        kurikulum, _ = load(FolderSource(root))
        jobs = [(m, Path(tmp) / "buku" / f"{m.kode}.pdf") for m in kurikulum.modul]
        times: dict[int, list[float]] = {1: [], cores: []}
        for _ in range(args.repeat):
            for workers in (1, cores):
                start = time.perf_counter()
                typeset(jobs, kurikulum.registri, root, "peserta", workers=workers)
                times[workers].append(time.perf_counter() - start)
    ratios = [b / a for a, b in zip(times[1], times[cores], strict=True)]
    print(f"{args.modules} buku edisi peserta, {cores} inti, {args.repeat} kali bergantian A B")
    print(f"  A satu proses:           median {statistics.median(times[1]):6.2f} s")
    print(f"  B satu proses per inti:  median {statistics.median(times[cores]):6.2f} s")
    print(
        f"  rasio B/A: median {statistics.median(ratios):.2f} (rentang {min(ratios):.2f}-{max(ratios):.2f})"
    )


if __name__ == "__main__":
    main()
