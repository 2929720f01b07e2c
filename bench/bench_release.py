"""Time of ``kesos-modul release`` with 1 and with 20 earlier releases, side by side.

A release builds only its own version and commits it next to the earlier ones
with mike, so its cost should not grow with the number of earlier releases.

    python bench/bench_release.py --modules 30
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_validate import timed
from generate import generate


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--modules", type=int, default=30)
    parser.add_argument("--earlier", type=int, default=20)
    parser.add_argument("--samples", type=int, default=3)
    args = parser.parse_args()
    kesos = [sys.executable, "-m", "kesos_modul", "release"]
    with tempfile.TemporaryDirectory() as tmp:
        root = generate(Path(tmp) / "kurikulum", args.modules)
        (root / ".gitignore").write_text("site/\nbuild/\n", encoding="utf-8")
        git(root, "init", "-q", "-b", "main")
        git(root, "config", "user.name", "Bench")
        git(root, "config", "user.email", "bench@contoh.id")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "awal")
        day = date(2026, 1, 1)
        times: dict[int, float] = {}
        total = args.earlier + args.samples
        for count in range(total):
            name = (day + timedelta(days=count)).strftime("%Y.%m.%d")
            seconds, _, code = timed([*kesos, name, "--root", str(root), "--today", "2026-12-31"])
            if code != 0:
                raise SystemExit(f"rilis {name} gagal")
            times[count] = seconds  # ``count`` earlier releases existed
        few = [times[c] for c in range(1, 1 + args.samples)]
        many = [times[c] for c in range(args.earlier, args.earlier + args.samples)]
        print(f"{args.modules} modul, waktu satu rilis (median dari {args.samples}):")
        print(
            f"  dengan 1–{args.samples} rilis sebelumnya:   {statistics.median(few):.2f} s  ({', '.join(f'{t:.2f}' for t in few)})"
        )
        print(
            f"  dengan {args.earlier}–{args.earlier + args.samples - 1} rilis sebelumnya: {statistics.median(many):.2f} s  "
            f"({', '.join(f'{t:.2f}' for t in many)})"
        )
        print(f"  rasio: {statistics.median(many) / statistics.median(few):.2f}")


if __name__ == "__main__":
    main()
