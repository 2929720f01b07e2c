"""Time of ``kesos-modul release`` on a large curriculum: the first release, then
releases in which one module changed, as a team would make them.

The curriculum is generated (every module approved). The first release typesets
every module's book and builds the whole site. Each later release follows one
change as a writer makes it: one chapter of one module edited, ``kesos-modul bump``
(minor), ``kesos-modul sahkan`` (the changed content is approved again), commit,
release. Such a release must reuse the book of every other module byte for byte;
the benchmark checks that on the deploy branch. ``--earlier`` adds releases in
between, to show that a release does not get slower as releases pile up.
``--profil`` runs every release under cProfile and says where its time went.
``--banding DIR`` alternates the releases with one module changed between this
tree (A) and another checkout of kesos-modul (B, such as the previous commit),
A B A B, and reports each side's median and the median ratio A/B with its range.
Each side releases its own copy of the same curriculum (its first release
included), with the same changes in the same order.

    python bench/bench_release.py --modules 300 --changed 3
    python bench/bench_release.py --modules 30 --changed 3 --earlier 20
    python bench/bench_release.py --modules 300 --changed 1 --profil /tmp/profil
    python bench/bench_release.py --modules 300 --changed 4 --banding /tmp/kesos-lama
"""

from __future__ import annotations

import argparse
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

TODAY = "2026-12-31"
HERE = Path(__file__).resolve().parent.parent  # the checkout this benchmark belongs to (side A)
BRANCH = "gh-pages"
# Where a release spends its time: (label, file ending, function), by cumulative time.
STAGES = (
    ("pemeriksaan (muat, validasi, rilis sebelumnya)", "kesos_modul/release.py", "check"),
    ("buku PDF (WeasyPrint, satu proses per inti)", "kesos_modul/book.py", "typeset"),
    ("PDF catatan rilis", "kesos_modul/catatan.py", "write_pdf"),
    ("riwayat git per modul", "kesos_modul/history.py", "last_changes"),
    ("render halaman", "kesos_modul/pipeline.py", "pages"),
    ("staging", "kesos_modul/pipeline.py", "stage"),
    ("mkdocs build ketat", "kesos_modul/engine/material.py", "build"),
    ("indeks Pagefind", "kesos_modul/search.py", "index"),
    ("mike: build + commit ke gh-pages", "kesos_modul/engine/material.py", "publish"),
    ("versi bawaan (rilis pertama)", "kesos_modul/engine/material.py", "set_default"),
    ("tag rilis", "kesos_modul/history.py", "tag_release"),
    ("seluruh rilis", "kesos_modul/release.py", "deploy"),
)


def run(root: Path, *args: str) -> None:
    subprocess.run(args, cwd=root, check=True, capture_output=True)


def kesos(root: Path, tree: Path, *args: str) -> None:
    cmd = [sys.executable, "-m", "kesos_modul", *args, "--root", str(root), "--today", TODAY]
    subprocess.run(
        cmd, cwd=root, env={**os.environ, "PYTHONPATH": str(tree)}, check=True, capture_output=True
    )


def change_one_module(root: Path, kode: str, number: int, tree: Path) -> None:
    """What a writer does: edit a chapter, bump the version, have it approved again, commit."""
    chapter = root / "modules" / kode / "02-bab.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(
        text + f"\nParagraf tambahan revisi {number}: pendampingan dilakukan bersama keluarga.\n",
        encoding="utf-8",
    )
    kesos(root, tree, "bump", kode, "minor", "-m", f"Revisi {number}: menambah paragraf di Bab III")
    kesos(root, tree, "sahkan", kode, "--oleh", "Pejabat Contoh")
    run(root, "git", "add", "-A")
    run(root, "git", "commit", "-q", "-m", f"Revisi {number} modul {kode}")


def book_blobs(root: Path, version: str) -> dict[str, str]:
    """The git blob of every module book in ``version`` on the deploy branch."""
    out = subprocess.run(
        ["git", "ls-tree", "-r", f"{BRANCH}:{version}/modul"],
        cwd=root, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    blobs = {}
    for line in out.splitlines():
        meta, path = line.split("\t")
        if path.endswith(".pdf"):
            blobs[path.split("/")[0]] = meta.split()[2]
    return blobs


def added(root: Path, before: str) -> tuple[int, list[tuple[int, str]]]:
    """Bytes of the objects the deploy branch gained since commit ``before`` (git's
    uncompressed sizes: what a clone of the branch must fetch, before compression),
    and the largest new files."""
    listing = subprocess.run(
        ["git", "rev-list", "--objects", f"{before}..{BRANCH}"],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    ids = [line.split(" ", 1) for line in listing]
    sizes = subprocess.run(
        ["git", "cat-file", "--batch-check=%(objectsize)"],
        cwd=root, check=True, capture_output=True, text=True, input="\n".join(i[0] for i in ids) + "\n",
    ).stdout.split()  # fmt: skip
    files = sorted(((int(n), i[1]) for i, n in zip(ids, sizes, strict=True) if len(i) == 2), reverse=True)
    return sum(int(n) for n in sizes), files


def sent(root: Path, before: str) -> int:
    """Bytes of a pack of exactly the objects the deploy branch gained since ``before``,
    compressed as git sends them: about what ``kesos-modul release --push`` sends
    (without git's default sparse walk, which resends every unchanged file, 64 MB at
    300 modules; see kesos_modul.history.PUSH_OPTIONS)."""
    objects = subprocess.run(
        ["git", "rev-list", "--objects", f"{before}..{BRANCH}"], cwd=root, check=True, capture_output=True
    ).stdout
    pack = subprocess.run(
        ["git", "pack-objects", "--stdout", "-q"], cwd=root, input=objects, check=True, capture_output=True
    ).stdout
    return len(pack)


def head(root: Path) -> str:
    return subprocess.run(
        ["git", "rev-parse", BRANCH], cwd=root, check=True, capture_output=True, text=True
    ).stdout.strip()


def stages(profile: Path) -> list[tuple[str, float]]:
    """Cumulative seconds of each stage in a cProfile of one release."""
    stats = pstats.Stats(str(profile)).stats  # type: ignore[attr-defined]
    rows = []
    for label, ending, name in STAGES:
        total = sum(v[3] for (file, _, func), v in stats.items() if func == name and file.endswith(ending))
        rows.append((label, total))
    return rows


def release(root: Path, name: str, profile_dir: Path | None, tree: Path) -> float:
    """Seconds of one whole ``kesos-modul release`` process, with the code of ``tree``."""
    cmd = [sys.executable]
    if profile_dir is not None:
        cmd += ["-m", "cProfile", "-o", str(profile_dir / f"rilis-{name}.prof")]
    cmd += ["-m", "kesos_modul", "release", name, "--root", str(root), "--today", TODAY]
    # run in the curriculum: ``python -m`` puts the working folder first on the path,
    # so a run from a checkout would use that checkout's code whatever PYTHONPATH says
    environ = {**os.environ, "PYTHONPATH": str(tree)}
    start = time.perf_counter()
    code = subprocess.run(cmd, env=environ, cwd=root, capture_output=True, check=False).returncode
    seconds = time.perf_counter() - start
    if code != 0:
        raise SystemExit(f"rilis {name} gagal: {' '.join(cmd)}")
    if profile_dir is not None:
        print(f"  rilis {name} di bawah cProfile ({seconds:.1f} s):")
        for label, total in stages(profile_dir / f"rilis-{name}.prof"):
            print(f"    {label:<48} {total:7.2f} s")
    return seconds


def spread(times: list[float]) -> str:
    return f"median {statistics.median(times):.2f} s ({', '.join(f'{t:.2f}' for t in times)})"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--modules", type=int, default=300)
    parser.add_argument("--changed", type=int, default=3, help="rilis dengan satu modul berubah (diukur)")
    parser.add_argument("--earlier", type=int, default=0, help="rilis tambahan sebelum pengukuran kedua")
    parser.add_argument("--profil", type=Path, default=None, help="folder untuk berkas cProfile")
    parser.add_argument("--banding", type=Path, default=None, help="checkout kesos-modul lain (sisi B)")
    args = parser.parse_args()
    if args.profil:
        args.profil.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        template = generate(Path(tmp) / "asal", args.modules)
        (template / ".gitignore").write_text("site/\nbuild/\n", encoding="utf-8")
        run(template, "git", "init", "-q", "-b", "main")
        run(template, "git", "config", "user.name", "Bench")
        run(template, "git", "config", "user.email", "bench@contoh.id")
        run(template, "git", "add", "-A")
        run(template, "git", "commit", "-q", "-m", "awal")
        print(
            f"{args.modules} modul, enam bab per modul, semua disahkan; waktu proses utuh kesos-modul release"
        )
        # Each side releases its own copy of the curriculum with its own code: a side's
        # keys (its templates, its engine code) are not the other's, so releasing one
        # copy in turn would make each side build everything the other made.
        sides = [Side("A", HERE, Path(tmp) / "a", template, args)]
        if args.banding:
            sides.append(Side("B", args.banding.resolve(), Path(tmp) / "b", template, args))
        for side in sides:
            print(f"  rilis pertama {side.name} (semua buku PDF disusun): {side.first():.2f} s")
        if args.banding:
            times: dict[str, list[float]] = {"A": [], "B": []}
            for _ in range(args.changed):
                for side in sides:
                    times[side.name].append(side.one_change())
            ratios = [a / b for a, b in zip(times["A"], times["B"], strict=True)]
            print(f"  rilis dengan satu modul berubah, bergantian A B ({args.changed} kali):")
            for side in sides:
                print(f"    {side.name} {side.tree}: {spread(times[side.name])}")
            print(
                f"    rasio A/B: median {statistics.median(ratios):.2f} "
                f"(rentang {min(ratios):.2f}–{max(ratios):.2f})"
            )
            print(f"    buku {args.modules - 1} modul lain sama byte demi byte dengan rilis sebelumnya: ya")
            return
        side = sides[0]
        few = [side.one_change() for _ in range(args.changed)]
        print(f"  rilis dengan satu modul berubah: {spread(few)}")
        print(f"    buku {args.modules - 1} modul lain sama byte demi byte dengan rilis sebelumnya: ya")
        if args.earlier:
            for _ in range(args.earlier):
                side.one_change()
            many = [side.one_change() for _ in range(args.changed)]
            print(f"  sama, sesudah {args.earlier} rilis lagi: {spread(many)}")
            print(f"  rasio: {statistics.median(many) / statistics.median(few):.2f}")


class Side:
    """One checkout of kesos-modul releasing its own copy of the curriculum."""

    def __init__(self, name: str, tree: Path, root: Path, template: Path, args: argparse.Namespace) -> None:
        self.name, self.tree, self.root, self.args = name, tree, root, args
        shutil.copytree(template, root, symlinks=True)
        self.names = ((date(2026, 1, 1) + timedelta(days=d)).strftime("%Y.%m.%d") for d in range(1000))
        self.previous = ""
        self.number = 0

    def first(self) -> float:
        self.previous = next(self.names)
        return release(self.root, self.previous, self.args.profil, self.tree)

    def one_change(self) -> float:
        self.number += 1
        kode = f"modul-{self.number % self.args.modules + 1:04d}"
        change_one_module(self.root, kode, self.number, self.tree)
        name = next(self.names)
        tip = head(self.root)
        seconds = release(self.root, name, self.args.profil, self.tree)
        total, files = added(self.root, tip)
        biggest = ", ".join(f"{path} {size / 1024:.0f} KB" for size, path in files[:6])
        print(
            f"    rilis {name} ({self.name}): {seconds:.2f} s, gh-pages +{total / 1024:.0f} KB "
            f"(dikirim {sent(self.root, tip) / 1024:.0f} KB); terbesar: {biggest}"
        )
        before, after = book_blobs(self.root, self.previous), book_blobs(self.root, name)
        same = [k for k in before if k != kode and before[k] == after.get(k)]
        if len(same) != len(before) - 1 or before[kode] == after[kode]:
            raise SystemExit(f"rilis {name}: buku modul lain tidak dipakai ulang byte demi byte")
        self.previous = name
        return seconds


if __name__ == "__main__":
    main()
