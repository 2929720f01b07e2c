"""Benchmark ``kesos-modul build`` against plain ``mkdocs build`` of the same chapter files.

Three sides, each a whole process, on the same generated curriculum:

A. ``kesos-modul build``: every validation rule, then a summary page, a page per
   chapter, an exercise and a closing page per module, the pages about the whole
   curriculum (ranah, pilar, programmes, glossary, competence matrix), open data,
   ``mkdocs build`` of all that, and the Pagefind index.
B. ``mkdocs build``, Material's default configuration (``language: id`` and
   ``font: false`` added): the chapter files and images in a docs folder, the
   navigation derived from the folders, the theme's built-in search index.
C. ``mkdocs build``, configured as a careful user would: the same, plus
   ``navigation.prune``, a navigation written by hand from the same folders
   (modules grouped by ranah, chapters by their titles), and the Markdown
   extensions the chapters are written for (the project's ``mkdocs.yml``: tables,
   admonitions, attribute lists), so its chapter pages show what A's show.

B and C index for search too (the search plugin's index is work comparable to
Pagefind's); the Pagefind pass over A's site is also timed on its own. Rounds
alternate A B C A B C; the report gives each side's median and range, and the
median ratio of A to each side with its range.

    python bench/bench_build.py                            # 100 synthetic modules, 6 chapters
    python bench/bench_build.py --modules 100 400 --rounds 3
    python bench/bench_build.py --contoh --modules 100     # the 4 samples cloned to 100 modules
    python bench/bench_build.py --satu-ranah               # every module in one ranah
    python bench/bench_build.py --contoh --sebelum /tmp/kesos-b  # and A0: A with another checkout's code

With ``--sebelum PATH`` a fourth side A0 runs ``kesos-modul build`` with the code of
the checkout at PATH on the same curriculum, cold as A (its build folder removed),
in the same rounds (A0 A B C), and the report adds the ratio A/A0. Both kesos-modul
sides run with ``python -P``, so neither picks up the code of the working folder.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_validate import timed
from generate import clone_samples, generate

from kesos_modul.loading import load
from kesos_modul.sources import FolderSource

SIDES = {
    "A": "kesos-modul build",
    "B": "mkdocs build (bawaan Material)",
    "C": "mkdocs build (pengguna cermat)",
}
LEGEND = {
    "A": "validasi, ringkasan + bab + latihan + penutup per modul, halaman ranah/pilar/"
    "glosarium/matriks, data terbuka, mkdocs build, indeks Pagefind",
    "B": "berkas bab + gambar, konfigurasi bawaan Material + language: id + font: false, "
    "navigasi dari folder, indeks pencarian bawaan tema",
    "C": "sama dengan B, plus navigation.prune, navigasi tulisan tangan (modul per ranah, "
    "bab dengan judulnya) dan ekstensi Markdown yang dipakai bab (seperti mkdocs.yml proyek)",
}
BASE = {"site_name": "Kurikulum", "theme": {"name": "material", "language": "id", "font": False}}
H1 = re.compile(r"^#[ \t]+(.+)$", re.M)


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def plain_docs(root: Path, target: Path) -> Path:
    """The same chapters and images as a plain MkDocs docs folder."""
    docs = target / "docs"
    for folder in sorted((root / "modules").iterdir()):
        shutil.copytree(folder, docs / folder.name, ignore=shutil.ignore_patterns("*.yaml"))
    (docs / "index.md").write_text("# Kurikulum\n", encoding="utf-8")
    return docs


def careful_nav(root: Path, docs: Path) -> list[Any]:
    """The navigation a careful user writes from the folders: modules grouped by
    the ranah they address first, each module's chapters in order, by title."""
    kurikulum, _ = load(FolderSource(root))
    reg = kurikulum.registri
    groups: dict[str, list[Any]] = {}
    for m in kurikulum.modul:
        kode = reg.ranah_kode(m.ranah[0]) or m.ranah[0]
        name = reg.ranah[kode].nama if kode in reg.ranah else kode
        folder = Path(m.folder).name
        chapters = []
        for mp in m.materi_pokok:
            found = H1.search((docs / folder / mp.bab).read_text(encoding="utf-8"))
            chapters.append({found.group(1).strip() if found else mp.judul: f"{folder}/{mp.bab}"})
        groups.setdefault(name, []).append({m.judul: chapters})
    return [{"Beranda": "index.md"}, *({name: items} for name, items in groups.items())]


def configs(root: Path, target: Path) -> dict[str, Path]:
    docs = plain_docs(root, target)
    careful = {**BASE, "theme": {**BASE["theme"], "features": ["navigation.prune"]}}
    project = yaml.safe_load(
        (Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text(encoding="utf-8")
    )
    careful["markdown_extensions"] = project["markdown_extensions"]
    careful["nav"] = careful_nav(root, docs)
    files = {}
    for side, config in (("B", BASE), ("C", careful)):
        files[side] = target / f"mkdocs-{side}.yml"
        files[side].write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return files


def pagefind_seconds(site: Path) -> float:
    """One Pagefind pass over the built site, as the build runs it (written over its index)."""
    from kesos_modul import search

    start = time.perf_counter()
    search.index(site)
    return time.perf_counter() - start


def chapter_kb(site: Path, pattern: str) -> float:
    pages = [p.stat().st_size for p in site.glob(pattern)]
    return statistics.median(pages) / 1e3 if pages else 0.0


def span(values: list[float]) -> str:
    return f"{statistics.median(values):7.2f} ({min(values):.2f}–{max(values):.2f})"


def bench(root: Path, work: Path, rounds: int, before: Path | None = None) -> dict[str, Any]:
    python = sys.executable
    files = configs(root, work / "polos")
    sides = {"A0": f"kesos-modul build, kode {before}", **SIDES} if before else SIDES
    sites = {side: work / f"situs-{side}" for side in sides}
    here = str(Path(__file__).resolve().parent.parent)
    code = {"A0": str(before), "A": here}
    build = [python, "-P", "-m", "kesos_modul", "build", "--root", str(root), "--output"]
    commands = {
        **({"A0": [*build, str(sites["A0"])]} if before else {}),
        "A": [*build, str(sites["A"])],
        **{
            side: [python, "-m", "mkdocs", "build", "-q", "-f", str(files[side]), "-d", str(sites[side])]
            for side in ("B", "C")
        },
    }
    times: dict[str, list[float]] = {side: [] for side in sides}
    memory: dict[str, float] = dict.fromkeys(sides, 0.0)
    pagefind: list[float] = []
    for _ in range(rounds):
        for side, cmd in commands.items():
            env = None
            if side in code:
                shutil.rmtree(root / "build", ignore_errors=True)  # every run stages from scratch
                env = {**os.environ, "PYTHONPATH": code[side]}
            seconds, mb, status = timed(cmd, env)
            if status != 0:
                raise SystemExit(f"gagal: {' '.join(cmd)}")
            times[side].append(seconds)
            memory[side] = max(memory[side], mb)
            if side == "A":
                pagefind.append(pagefind_seconds(sites["A"]))
    return {
        "times": times,
        "memory": memory,
        "pagefind": pagefind,
        "size": {side: size_mb(site) for side, site in sites.items()},
        "pages": {side: sum(1 for _ in site.rglob("*.html")) for side, site in sites.items()},
        "sides": sides,
        "kb": {
            **{side: chapter_kb(sites[side], "modul/*/[0-9]*/index.html") for side in code if side in sites},
            **{side: chapter_kb(sites[side], "*/[0-9]*/index.html") for side in ("B", "C")},
        },
    }


def report(n: int, result: dict[str, Any]) -> None:
    times = result["times"]
    print(
        f"{'modul':>6} {'sisi':<34} {'median (s) (rentang)':>22} {'memori MB':>9} {'situs MB':>9}"
        f" {'halaman':>8} {'KB/bab':>7}"
    )
    for side, label in result["sides"].items():
        print(
            f"{n:>6} {side + ' ' + label:<34} {span(times[side]):>22} {result['memory'][side]:>9.0f}"
            f" {result['size'][side]:>9.1f} {result['pages'][side]:>8} {result['kb'][side]:>7.0f}"
        )
    print(f"{n:>6} {'  Pagefind di situs A (terpisah)':<34} {span(result['pagefind']):>22}")
    for side in ("A0", "B", "C") if "A0" in times else ("B", "C"):
        ratios = [a / b for a, b in zip(times["A"], times[side], strict=True)]
        print(f"{n:>6} {'rasio A/' + side:<34} {span(ratios):>22}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--modules", type=int, nargs="+", default=[100])
    parser.add_argument("--chapters", type=int, default=6, help="bab per modul sintetis")
    parser.add_argument("--rounds", type=int, default=3, help="putaran A B C")
    parser.add_argument("--contoh", action="store_true", help="salin modul contoh di modules/ (5 bab)")
    parser.add_argument("--satu-ranah", action="store_true", help="semua modul di satu ranah")
    parser.add_argument("--sebelum", type=Path, help="checkout lain: sisi A0 memakai kodenya")
    args = parser.parse_args()
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    ranah = "kemiskinan" if args.satu_ranah else None
    kind = "salinan modul contoh" if args.contoh else f"modul sintetis, {args.chapters} bab"
    order = "A0 A B C" if args.sebelum else "A B C"
    print(f"{kind}{', semua di satu ranah' if ranah else ''}; {args.rounds} putaran {order} bergantian")
    print(f"  beban rata-rata di awal: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for side, label in SIDES.items():
        print(f"  {side} {label}: {LEGEND[side]}")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.modules:
            root = Path(tmp) / f"kurikulum-{n}"
            if args.contoh:
                clone_samples(root, n, ranah=ranah)
            else:
                generate(root, n, args.chapters, ranah=ranah)
            results[n] = bench(root, Path(tmp) / f"kerja-{n}", args.rounds, args.sebelum)
            report(n, results[n])
    print(f"beban rata-rata di akhir: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if len(results) >= 2:
        small, large = min(results), max(results)
        print(f"pertumbuhan {small}→{large} modul ({large / small:.1f}×):")
        for side, label in SIDES.items():
            big, little = results[large], results[small]
            t = statistics.median(big["times"][side]) / statistics.median(little["times"][side])
            s = big["size"][side] / little["size"][side]
            print(f"  {side} {label:<32} waktu {t:.2f}×, ukuran situs {s:.2f}×")


if __name__ == "__main__":
    main()
