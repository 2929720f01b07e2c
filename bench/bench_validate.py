"""Benchmark ``kesos-modul validate`` on a generated curriculum, as a whole process.

Side by side with what a team would use instead: check-jsonschema on the same
metadata files (schema only, no domain rules, no chapters), when it is installed.

    python bench/bench_validate.py                 # 300 and 1000 modules
    python bench/bench_validate.py --modules 300 --repeat 5
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
from generate import REPO, generate


def timed(cmd: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak memory in MB and exit code of one run of ``cmd``."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def measure(cmd: list[str], repeat: int) -> tuple[float, float, float, int]:
    runs = [timed(cmd) for _ in range(repeat)]
    times = [r[0] for r in runs]
    return min(times), statistics.median(times), max(r[1] for r in runs), runs[-1][2]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--modules", type=int, nargs="+", default=[300, 1000])
    parser.add_argument("--chapters", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    kesos = [sys.executable, "-m", "kesos_modul", "validate"]
    checker = shutil.which("check-jsonschema")
    print(f"{'modul':>6} {'alat':<44} {'min (s)':>8} {'median (s)':>10} {'memori (MB)':>12} {'keluar':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.modules:
            root = generate(Path(tmp) / f"kurikulum-{n}", n, args.chapters)
            rows = [("kesos-modul validate", [*kesos, str(root)])]
            if checker:
                metadata = sorted(str(p) for p in root.glob("modules/*/modul.yaml"))
                schema = str(REPO / "schema" / "modul.schema.json")
                rows.append(
                    (
                        "check-jsonschema (hanya skema modul.yaml)",
                        [checker, "--schemafile", schema, *metadata],
                    )
                )
            for label, cmd in rows:
                best, median, memory, code = measure(cmd, args.repeat)
                print(f"{n:>6} {label:<44} {best:>8.2f} {median:>10.2f} {memory:>12.0f} {code:>6}")
    if not checker:
        print("check-jsonschema tidak terpasang: pip install -e '.[dev]' untuk perbandingan")


if __name__ == "__main__":
    main()
