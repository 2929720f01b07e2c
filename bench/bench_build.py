"""Benchmark ``kesos-modul build`` against a plain ``mkdocs build`` of the same chapters.

The plain build is what a team would do without this toolkit: the chapter files
in a docs folder and Material for MkDocs' default configuration (navigation
derived from the folders, not grouped or pruned). Both run as whole processes,
side by side, on the same generated curriculum.

    python bench/bench_build.py                  # 100 and 400 modules, 6 chapters each
    python bench/bench_build.py --modules 100 --repeat 1
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_validate import measure
from generate import generate

PLAIN_CONFIG = "site_name: Kurikulum\ntheme:\n  name: material\n"


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def plain_docs(root: Path, target: Path) -> Path:
    """The same chapters and images in a plain MkDocs project."""
    docs = target / "docs"
    for folder in sorted((root / "modules").iterdir()):
        shutil.copytree(folder, docs / folder.name, ignore=shutil.ignore_patterns("*.yaml"))
    (docs / "index.md").write_text("# Kurikulum\n", encoding="utf-8")
    (target / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    return target / "mkdocs.yml"


def best(cmd: list[str], repeat: int) -> tuple[float, float]:
    fastest, _, memory, code = measure(cmd, repeat)
    if code != 0:
        raise SystemExit(f"gagal: {' '.join(cmd)}")
    return fastest, memory


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--modules", type=int, nargs="+", default=[100, 400])
    parser.add_argument("--chapters", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q"]
    kesos = [sys.executable, "-m", "kesos_modul", "build"]
    results = {}
    print(
        f"{'modul':>6} {'alat':<26} {'waktu (s)':>9} {'memori (MB)':>11} {'situs (MB)':>10} {'halaman':>8}"
        f" {'KB/halaman bab':>17}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.modules:
            root = generate(Path(tmp) / f"k{n}", n, args.chapters)
            site = Path(tmp) / f"site-k{n}"
            t_k, m_k = best([*kesos, "--root", str(root), "--output", str(site)], args.repeat)
            config = plain_docs(root, Path(tmp) / f"plain{n}")
            plain_site = Path(tmp) / f"site-plain{n}"
            t_p, m_p = best([*mkdocs, "-f", str(config), "-d", str(plain_site)], args.repeat)
            pages_k = sum(1 for _ in site.rglob("*.html"))
            pages_p = sum(1 for _ in plain_site.rglob("*.html"))
            # the cost of one page: one chapter's page in both
            per_k = statistics.median(p.stat().st_size for p in site.glob("modul/*/[0-9]*/index.html")) / 1e3
            per_p = statistics.median(p.stat().st_size for p in plain_site.glob("modul-*/*/index.html")) / 1e3
            for label, seconds, memory, folder, pages, per_page in (
                ("kesos-modul build", t_k, m_k, site, pages_k, per_k),
                ("mkdocs build (polos)", t_p, m_p, plain_site, pages_p, per_p),
            ):
                print(
                    f"{n:>6} {label:<26} {seconds:>9.2f} {memory:>11.0f} {size_mb(folder):>10.1f} {pages:>8}"
                    f" {per_page:>17.0f}"
                )
            print(f"{n:>6} {'rasio kesos/polos':<26} {t_k / t_p:>9.2f}")
            results[n] = (t_k, size_mb(site))
    if len(results) >= 2:
        small, large = min(results), max(results)
        print(
            f"pertumbuhan {small}→{large} modul ({large / small:.1f}×): waktu {results[large][0] / results[small][0]:.2f}×, "
            f"ukuran situs {results[large][1] / results[small][1]:.2f}×"
        )


if __name__ == "__main__":
    main()
