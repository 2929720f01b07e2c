"""A change costs what it changes: ``build`` copies the module folders whose key is
kept in ``build/cache`` and builds the rest, and the site it makes is the site a
build from nothing makes, byte for byte, whatever kind of input changed."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

import kesos_modul
from kesos_modul.engine import reuse
from tests.conftest import REPO, TODAY, commit_all, edit, git, keep_approved, run

M1 = "modules/dukungan-psikososial-bencana"
# Pagefind writes its filter files in an order of its own: two builds of the same
# pages from nothing differ there (and so in the two files that name them).
UNSTABLE = ("pagefind/filter/", "pagefind/pagefind.", "pagefind/pagefind-entry.json")


def build(root: Path, output: Path) -> str:
    result = run("build", "--root", str(root), "--today", TODAY, "--output", str(output))
    assert result.exit_code == 0, result.output
    return result.output


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def assert_same_site(warm: Path, cold: Path) -> None:
    a, b = files(warm), files(cold)
    assert sorted(a) != [] and [p for p in a if not p.startswith(UNSTABLE)] == [
        p for p in b if not p.startswith(UNSTABLE)
    ], set(a) ^ set(b)
    different = [p for p in a if not p.startswith(UNSTABLE) and a[p] != b[p]]
    assert different == [], different
    assert sum(p.startswith(UNSTABLE) for p in a) == sum(p.startswith(UNSTABLE) for p in b)


def reused(output: str) -> int:
    """How many modules the build says it copied from build/cache."""
    marker = " modul tidak berubah, diambil dari build/cache"
    if marker not in output:
        return 0
    return int(output.split(marker)[0].rsplit("(", 1)[1])


def change_chapter(root: Path) -> None:
    edit(
        root / M1 / "01-konsep-bencana.md",
        "## Reaksi stres yang umum setelah bencana\n",
        "## Reaksi stres yang umum setelah bencana\n\nSatu kalimat baru dalam revisi ini.\n",
    )
    keep_approved(root)


def change_image(root: Path) -> None:
    image = next((root / M1 / "gambar").iterdir())
    image.write_bytes(image.read_bytes().replace(b"</svg>", b"<!-- baru --></svg>"))
    keep_approved(root)


def change_ranah(root: Path) -> None:
    edit(root / "registri" / "ranah.yaml", "nama: Kecacatan", "nama: Kecacatan dan Disabilitas")


def change_unit(root: Path) -> None:
    edit(
        root / "registri" / "unit-kompetensi.yaml",
        "judul: Rehabilitasi Sosial Penyandang Disabilitas",
        "judul: Rehabilitasi Sosial bagi Penyandang Disabilitas",
    )


def change_template(root: Path) -> None:
    edit(root / "templates" / "overrides" / "main.html", "Anda sedang membaca versi lama", "Ini versi lama")


def change_title(root: Path) -> None:
    edit(
        root / M1 / "modul.yaml",
        "judul: Dukungan Psikososial bagi Korban Bencana",
        "judul: Dukungan Psikososial",
    )
    keep_approved(root)


@pytest.mark.parametrize(
    "change, unchanged",
    [
        (change_chapter, 3),
        (change_image, 3),
        (change_unit, 3),  # one module names that competency unit
        (change_ranah, 0),  # a ranah's name is in the menu of every page
        (change_template, 0),
        (change_title, 3),
    ],
    ids=["bab", "gambar", "unit-kompetensi", "ranah", "templat", "judul-modul"],
)
def test_a_warm_build_is_the_cold_build_byte_for_byte(
    curriculum: Path, tmp_path: Path, change: Callable[[Path], None], unchanged: int
) -> None:
    shutil.copy(REPO / "mkdocs.yml", curriculum / "mkdocs.yml")
    shutil.copytree(REPO / "templates" / "overrides", curriculum / "templates" / "overrides")
    first = build(curriculum, tmp_path / "situs")
    assert reused(first) == 0
    assert reused(build(curriculum, tmp_path / "situs")) == 4  # nothing changed: nothing built again
    change(curriculum)
    warm = build(curriculum, tmp_path / "situs")
    assert reused(warm) == unchanged, warm
    shutil.move(curriculum / "build" / "cache", tmp_path / "simpanan")
    assert reused(build(curriculum, tmp_path / "dingin")) == 0
    assert_same_site(tmp_path / "situs", tmp_path / "dingin")


def test_a_new_toolkit_version_builds_everything_again(
    curriculum: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(curriculum, tmp_path / "situs")
    monkeypatch.setattr(kesos_modul, "__version__", "99.0.0")
    assert reused(build(curriculum, tmp_path / "situs")) == 0
    assert reused(build(curriculum, tmp_path / "situs")) == 4


def docs(tmp_path: Path, pages: dict[str, str]) -> Path:
    folder = tmp_path / "docs"
    for rel, text in pages.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    return folder


def test_a_key_reads_the_pages_its_links_lead_to_and_nothing_else(tmp_path: Path) -> None:
    folder = docs(
        tmp_path,
        {
            "modul/a/01-bab.md": "Lihat [bab b](../b/02-bab.md) dan [bagian](/modul/c/01-bab.md#tujuan).",
            "modul/b/02-bab.md": "# B",
            "modul/c/01-bab.md": "# C\n\n## Tujuan",
            "modul/d/01-bab.md": "# D",
            "index.md": "# Beranda",
        },
    )
    before = reuse.keys(folder, "k")
    # a module folder is kept whole; a page outside them on its own
    assert sorted(before) == ["index.md", "modul/a/", "modul/b/", "modul/c/", "modul/d/"]

    (folder / "modul/d/01-bab.md").write_text("# D baru", encoding="utf-8")  # not linked from a
    (folder / "modul/b/02-bab.md").write_text("# B baru", encoding="utf-8")  # linked, no anchor: exists still
    (folder / "index.md").write_text("# Beranda baru", encoding="utf-8")  # outside every module
    after = reuse.keys(folder, "k")
    assert after["modul/a/"] == before["modul/a/"]
    assert after["modul/d/"] != before["modul/d/"] and after["index.md"] != before["index.md"]

    (folder / "modul/c/01-bab.md").write_text("# C\n\n## Sasaran", encoding="utf-8")  # the anchor's page
    assert reuse.keys(folder, "k")["modul/a/"] != after["modul/a/"]
    after = reuse.keys(folder, "k")
    (folder / "modul/b/02-bab.md").unlink()  # the link's page is gone: the link is left as written
    assert reuse.keys(folder, "k")["modul/a/"] != after["modul/a/"]
    assert reuse.keys(folder, "other")["modul/d/"] != reuse.keys(folder, "k")["modul/d/"]


def test_a_kept_folder_is_complete_or_absent(tmp_path: Path) -> None:
    store = reuse.Store(tmp_path / "simpanan")
    built = docs(tmp_path, {"modul/a/index.html": "<p>a</p>", "modul/a/gambar/x.svg": "<svg/>"})
    key = "ab" * 32
    store.keep(key, built / "modul/a")
    assert store.find("modul/a/", key) and not store.find("modul/a/", "cd" * 32)
    store.restore(key, tmp_path / "situs" / "modul" / "a")
    assert files(tmp_path / "situs") == {
        "modul/a/index.html": b"<p>a</p>",
        "modul/a/gambar/x.svg": b"<svg/>",
        f"modul/a/{reuse.STAMP}": f"{key}\ngambar/x.svg\nindex.html\n".encode(),
    }
    (store.folder / "ab" / key / reuse.STAMP).unlink()  # as if the run stopped before the end
    assert not store.find("modul/a/", key)
    store.prune()
    assert not (store.folder / "ab" / key).exists()


def test_a_folder_the_previous_release_published_under_the_same_key_is_reused(tmp_path: Path) -> None:
    key = "ef" * 32
    site = {
        f"modul/a/{reuse.STAMP}": f"{key}\nindex.html\n".encode(),
        "modul/a/index.html": b"<p>a</p>",
        f"modul/b/{reuse.STAMP}": f"{key}\n../../rahasia\n".encode(),  # a listed file outside: refused
    }
    store = reuse.Store(tmp_path / "simpanan", earlier=site.get)
    assert not store.find("modul/a/", "00" * 32)  # published under another key
    assert store.find("modul/a/", key)
    store.earlier = None  # kept here now
    assert store.find("modul/a/", key)
    assert not reuse.Store(tmp_path / "lain", earlier=site.get).find("modul/b/", key)


def git_show(root: Path, spec: str) -> bytes:
    return subprocess.run(["git", "show", spec], cwd=root, check=True, capture_output=True).stdout


def published(root: Path, version: str) -> dict[str, str]:
    """Every file of ``version`` on the deploy branch, as its git blob."""
    listing = git(root, "ls-tree", "-r", f"gh-pages:{version}")
    return {line.split("\t")[1]: line.split()[2] for line in listing.splitlines()}


def test_a_release_on_a_fresh_runner_builds_only_the_changed_module_and_publishes_what_a_cold_one_would(
    curriculum: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.test_release import change_and_bump, release

    commit_all(curriculum, "kurikulum awal")
    assert release(curriculum, "2026.11.01").exit_code == 0
    change_and_bump(curriculum, "Kalimat yang ditambahkan dalam revisi.")
    shutil.rmtree(curriculum / "build" / "cache")  # a new CI runner: only the deploy branch is there
    before = git(curriculum, "rev-parse", "gh-pages").strip()
    second = release(curriculum, "2026.11.15")
    assert second.exit_code == 0, second.output
    assert "Halaman 3 modul yang tidak berubah dipakai ulang" in second.output
    first, warm = published(curriculum, "2026.11.01"), published(curriculum, "2026.11.15")
    for kode in (
        "penanganan-anak-korban-kekerasan",
        "pendampingan-bansos-covid19",
        "rehabilitasi-sosial-disabilitas",
    ):
        # an unchanged module is the same objects on the deploy branch: it adds no bytes
        assert git(curriculum, "rev-parse", f"gh-pages:2026.11.01/modul/{kode}") == git(
            curriculum, "rev-parse", f"gh-pages:2026.11.15/modul/{kode}"
        )
    assert (
        first["modul/dukungan-psikososial-bencana/index.html"]
        != warm["modul/dukungan-psikososial-bencana/index.html"]
    )

    # The same release again, built from nothing: the same files, byte for byte.
    git(curriculum, "branch", "-f", "gh-pages", before)
    git(curriculum, "tag", "-d", "rilis/2026.11.15")
    monkeypatch.setattr(reuse.Store, "find", lambda self, unit, key: False)
    cold = release(curriculum, "2026.11.15")
    assert cold.exit_code == 0 and "dipakai ulang" not in cold.output, cold.output
    again = published(curriculum, "2026.11.15")
    assert {p: b for p, b in warm.items() if not p.startswith(UNSTABLE)} == {
        p: b for p, b in again.items() if not p.startswith(UNSTABLE)
    }


def test_a_book_is_typeset_again_when_what_it_reads_changed_not_only_its_module(curriculum: Path) -> None:
    from tests.test_release import release

    commit_all(curriculum, "kurikulum awal")
    assert release(curriculum, "2026.11.01").exit_code == 0
    edit(curriculum / "registri" / "ranah.yaml", "nama: Kecacatan", "nama: Kecacatan dan Disabilitas")
    commit_all(curriculum, "nama ranah")
    second = release(curriculum, "2026.11.15")
    assert second.exit_code == 0, second.output
    first, now = published(curriculum, "2026.11.01"), published(curriculum, "2026.11.15")
    books = [p for p in now if p.endswith(".pdf") and p.startswith("modul/")]
    assert len(books) == 4
    # the one module in that ranah prints its name in its book; the other books are the same bytes
    again = [p for p in books if first[p] != now[p]]
    assert again == ["modul/rehabilitasi-sosial-disabilitas/rehabilitasi-sosial-disabilitas.pdf"]
    pdf = PdfReader(io.BytesIO(git_show(curriculum, f"gh-pages:2026.11.15/{again[0]}")))
    identity = next(
        page.extract_text() for page in pdf.pages if "Identitas Modul" in page.extract_text()[:40]
    )
    assert "Kecacatan dan Disabilitas" in identity
