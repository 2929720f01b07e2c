"""Benchmark ``kesos-modul validate`` on a generated curriculum, as a whole process.

Side by side with what a team would use instead: check-jsonschema on the same
metadata files (schema only, no domain rules, no chapters), when it is installed.

    python bench/bench_validate.py                 # 300 and 1000 modules
    python bench/bench_validate.py --modules 300 --repeat 5

With ``--compare TREE`` (a checkout of an earlier kesos-modul, e.g. from
``git archive``) the earlier code and this one run alternately on the same
curriculum, A B A B, ``--repeat`` pairs; each pair gives a ratio (this / earlier)
of wall time. Memory is the peak of the main process and of the forked child
(proportional set size, so pages the two share count once), sampled while it runs.

    python bench/bench_validate.py --compare /tmp/old --modules 300 1000 --repeat 7

With ``--bertanda-tangan`` the curriculum is a git repository with a signer
registry and every approval signed (a throwaway SSH key, one signed tag per
module), and this code runs twice per round: once with its kept verdicts removed
first (every signature verified again, as in a fresh clone) and once with them
kept. The earlier code reads the same files and does not verify signatures: the
ratio is what verifying costs.

    python bench/bench_validate.py --compare /tmp/old --modules 300 --repeat 5 --bertanda-tangan
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
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import REPO, generate

SAMPLE_SECONDS = 0.01


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """Wall seconds, peak memory in MB and exit code of one run of ``cmd``."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def measure(cmd: list[str], repeat: int) -> tuple[float, float, float, int]:
    runs = [timed(cmd) for _ in range(repeat)]
    times = [r[0] for r in runs]
    return min(times), statistics.median(times), max(r[1] for r in runs), runs[-1][2]


def _pss_mb(pid: int) -> float:
    """Proportional set size of a process in MB (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as listed:
            return [int(c) for c in listed.read().split()]
    except OSError:
        return []


def sampled(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float, float, int]:
    """Wall seconds, CPU seconds (with children), peak PSS in MB of the main process
    and of its children together, and the exit code of one run of ``cmd``."""
    before = os.times()
    start = time.perf_counter()
    # from another folder: python -m puts the working folder first on sys.path
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=tempfile.gettempdir()
    )
    main = child = 0.0
    while proc.poll() is None:
        main = max(main, _pss_mb(proc.pid))
        child = max(child, sum(_pss_mb(c) for c in _children(proc.pid)))
        time.sleep(SAMPLE_SECONDS)
    elapsed = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return elapsed, cpu, main, child, proc.returncode


def compare(
    trees: dict[str, Path],
    root: Path,
    n: int,
    pairs: int,
    before: dict[str, Callable[[], None]] | None = None,
) -> None:
    """The sides alternately on ``root``, and the median ratio of each later side to the first.
    ``before``: what to do before a side's every run (by label)."""
    runs: dict[str, list[tuple[float, float, float, float, int]]] = {label: [] for label in trees}
    for _ in range(pairs):
        for label, tree in trees.items():
            if before and label in before:
                before[label]()
            env = {**os.environ, "PYTHONPATH": str(tree)}
            cmd = [sys.executable, "-m", "kesos_modul", "validate", str(root)]
            runs[label].append(sampled(cmd, env))
    for label, measured in runs.items():
        wall = [r[0] for r in measured]
        print(
            f"{n:>6} {label:<34} {statistics.median(wall):>9.2f} {min(wall):>6.2f}-{max(wall):<6.2f}"
            f" {statistics.median(r[1] for r in measured):>8.2f}"
            f" {max(r[2] for r in measured):>10.0f} {max(r[3] for r in measured):>10.0f}"
            f" {measured[-1][4]:>6}"
        )
    first = runs[next(iter(trees))]
    for label in list(trees)[1:]:
        ratios = [b[0] / a[0] for a, b in zip(first, runs[label], strict=True)]
        cpu = [b[1] / a[1] for a, b in zip(first, runs[label], strict=True)]
        print(
            f"{n:>6} rasio waktu ({label} / pertama), {pairs} pasang: median {statistics.median(ratios):.2f}"
            f" ({min(ratios):.2f}-{max(ratios):.2f}); rasio CPU median {statistics.median(cpu):.2f}"
            f" ({min(cpu):.2f}-{max(cpu):.2f})"
        )


def signed(root: Path, keys: Path) -> Path:
    """Make ``root`` a git repository whose approvals are all signed; returns where the verdicts are kept."""
    from kesos_modul import tanda_tangan
    from kesos_modul.loading import load
    from kesos_modul.pengesahan import berlaku, sidik
    from kesos_modul.sources import FolderSource

    keys.mkdir()
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(keys / "k")], check=True)
    public = (keys / "k.pub").read_text().strip()
    (root / "registri" / "penandatangan.yaml").write_text(
        "penandatangan:\n  - kode: pejabat\n    nama: Pejabat Contoh\n    jabatan: Kepala Pusat\n"
        f"    instansi: Kementerian Sosial\n    peran: [pengesah]\n    kunci: {public}\n"
        "    berlaku_mulai: 2000-01-01\n",
        encoding="utf-8",
    )

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    for key, value in (("user.name", "Bench"), ("user.email", "b@contoh.id"), ("gpg.format", "ssh"),
                       ("user.signingkey", str(keys / "k.pub"))):  # fmt: skip
        git("config", key, value)
    git("add", "-A")
    git("commit", "-q", "-m", "kurikulum")
    for m in load(FolderSource(root))[0].modul:
        valid = berlaku(m)
        if valid is not None:
            p = valid.pengesahan
            statement = tanda_tangan.Pernyataan(
                "pengesah", m.kode, valid.versi, sidik(m), "pejabat", p.oleh, p.tanggal
            )
            tanda_tangan.sign(root, statement)
    return root / ".git" / tanda_tangan.CACHE


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--modules", type=int, nargs="+", default=[300, 1000])
    parser.add_argument("--chapters", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--compare", type=Path, metavar="TREE", help="kode kesos-modul sebelumnya")
    parser.add_argument(
        "--bertanda-tangan", action="store_true", help="pengesahan ditandatangani (lihat atas)"
    )
    args = parser.parse_args()

    if args.compare:
        print(f"beban awal: {os.getloadavg()[0]:.2f}")
        trees = {f"sebelumnya ({args.compare})": args.compare.resolve(), "kode ini": REPO}
        print(
            f"{'modul':>6} {'sisi':<34} {'median (s)':>9} {'rentang':>13} {'CPU (s)':>8}"
            f" {'PSS utama':>10} {'PSS anak':>10} {'keluar':>6}"
        )
        with tempfile.TemporaryDirectory() as tmp:
            for n in args.modules:
                root = generate(Path(tmp) / f"kurikulum-{n}", n, args.chapters)
                before = None
                if args.bertanda_tangan:
                    cache = signed(root, Path(tmp) / f"kunci-{n}")
                    trees = {
                        f"sebelumnya ({args.compare})": args.compare.resolve(),
                        "kode ini, memeriksa semua tanda tangan": REPO,
                        "kode ini, putusan tersimpan": REPO,
                    }
                    before = {
                        "kode ini, memeriksa semua tanda tangan": lambda c=cache: c.unlink(missing_ok=True)
                    }
                compare(trees, root, n, args.repeat, before)
        print(f"beban akhir: {os.getloadavg()[0]:.2f}")
        return

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
