"""Releases on real git repositories: three in a row, the versioned branch, and
every refusal leaving the repository exactly as it was."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from kesos_modul.loading import load
from kesos_modul.pengesahan import sidik
from kesos_modul.sources import GitSource
from tests.conftest import REPO, TODAY, commit_all, edit, git, run

M1 = "modules/dukungan-psikososial-bencana"


def release(root: Path, name: str, *extra: str):
    return run("release", name, "--root", str(root), "--today", TODAY, *extra)


def git_bytes(root: Path, spec: str) -> bytes:
    return subprocess.run(["git", "show", spec], cwd=root, check=True, capture_output=True).stdout


def state(root: Path) -> tuple[str, str, str]:
    """Tags, the deploy branch's tip (if any) and HEAD: what a refused release must not change."""
    branch = git(root, "rev-parse", "--verify", "-q", "gh-pages") if "gh-pages" in git(root, "branch") else ""
    return git(root, "tag"), branch, git(root, "rev-parse", "HEAD")


def change_and_bump(root: Path, text: str) -> None:
    with (root / M1 / "01-konsep-bencana.md").open("a", encoding="utf-8") as f:
        f.write(f"\n{text}\n")
    args = ("--root", str(root), "--today", TODAY)
    assert run("bump", "dukungan-psikososial-bencana", "patch", "-m", text, *args).exit_code == 0
    # the new version of an approved module is approved again before it is released
    approved = run("sahkan", "dukungan-psikososial-bencana", "--oleh", "Drs. Bambang Suryadi, M.Si.", *args)
    assert approved.exit_code == 0, approved.output
    commit_all(root, text)


@pytest.fixture
def repo(curriculum: Path) -> Path:
    commit_all(curriculum, "kurikulum awal")
    return curriculum


def test_three_releases_keep_earlier_ones_byte_identical(repo: Path) -> None:
    assert release(repo, "2026.11.01").exit_code == 0
    first_tree = git(repo, "rev-parse", "gh-pages:2026.11.01")
    first_files = git(repo, "ls-tree", "-r", "gh-pages", "2026.11.01")
    change_and_bump(repo, "Kalimat pertama yang ditambahkan.")
    second = release(repo, "2026.11.15")
    assert second.exit_code == 0, second.output
    assert "1 diubah" in second.output
    change_and_bump(repo, "Kalimat kedua yang ditambahkan.")
    # the work folder is kept between releases; what lies in it that is not part
    # of the curriculum (a file left there by hand) is never published
    docs = repo / "build" / "rilis" / "docs"
    (docs / "bocor.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (docs / "modul" / "dukungan-psikososial-bencana" / "tersisa.md").write_text("# Sisa\n", encoding="utf-8")
    assert release(repo, "2026.11.29").exit_code == 0
    published = git(repo, "ls-tree", "-r", "--name-only", "gh-pages", "2026.11.29")
    assert "bocor" not in published and "tersisa" not in published

    versions = json.loads(git(repo, "show", "gh-pages:versions.json"))
    assert [v["version"] for v in versions] == ["2026.11.29", "2026.11.15", "2026.11.01"]
    assert versions[0]["aliases"] == ["terbaru"] and versions[1]["aliases"] == versions[2]["aliases"] == []
    assert git(repo, "rev-parse", "gh-pages:2026.11.01") == first_tree
    assert git(repo, "ls-tree", "-r", "gh-pages", "2026.11.01") == first_files
    assert git(repo, "tag").split() == ["rilis/2026.11.01", "rilis/2026.11.15", "rilis/2026.11.29"]
    # the alias and the default point at the newest release
    assert git(repo, "cat-file", "-p", "gh-pages:terbaru") == "2026.11.29"
    assert "terbaru" in git(repo, "show", "gh-pages:index.html")
    # the release record: the commit tagged, every module with who wrote, reviewed and
    # approved it, and the digest of the approved content, on the site and as a PDF
    record = git(repo, "show", "gh-pages:2026.11.29/catatan-rilis/index.html")
    commit = git(repo, "rev-list", "-n", "1", "rilis/2026.11.29").strip()
    assert commit in record and "2026.11.15" in record
    kurikulum = load(GitSource(repo, "rilis/2026.11.29"))[0].modul_by_kode()
    changed = kurikulum["dukungan-psikososial-bencana"]
    assert "1.1.1 → 1.1.2" in record and sidik(changed) in record
    assert changed.riwayat[0].pengesahan.sidik == sidik(changed)
    assert "Rina Widyastuti" in record and "Dr. Siti Nurhaliza" in record and "Drs. Bambang Suryadi" in record
    assert record.count("Tidak berubah") == 3 and "Sedang ditelaah" in record
    pdf = repo / "catatan.pdf"
    pdf.write_bytes(git_bytes(repo, "gh-pages:2026.11.29/catatan-rilis.pdf"))
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)
    assert "Catatan Rilis 2026.11.29" in text and "1.1.1 → 1.1.2" in text
    assert sidik(changed)[:32] in text.replace(" ", "") and "Drs. Bambang Suryadi" in text
    changes = git(repo, "show", "gh-pages:2026.11.29/perubahan/index.html")
    assert "1.1.1" in changes and "1.1.2" in changes and "Kalimat kedua yang ditambahkan." in changes
    page = git(repo, "show", "gh-pages:2026.11.29/modul/dukungan-psikososial-bencana/index.html")
    assert "Terakhir diubah" in page and "Penulis Uji" in page
    assert 'href="dukungan-psikososial-bencana.pdf"' in page

    # an unchanged module's book is carried over byte for byte; a changed one is typeset anew
    def book(release: str, kode: str) -> str:
        return git(repo, "rev-parse", f"gh-pages:{release}/modul/{kode}/{kode}.pdf")

    assert book("2026.11.29", "penanganan-anak-korban-kekerasan") == book(
        "2026.11.01", "penanganan-anak-korban-kekerasan"
    )
    assert book("2026.11.29", "dukungan-psikososial-bencana") != book(
        "2026.11.15", "dukungan-psikososial-bencana"
    )
    assert "dukungan-psikososial-bencana.pdf" in git(
        repo, "ls-tree", "-r", "--name-only", "gh-pages", "2026.11.29/modul/dukungan-psikososial-bencana"
    )

    # the learning-platform packages: published beside each module and programme, the
    # same bytes while a module is unchanged, new ones when it changes
    def package(release: str, kode: str, ending: str = "-scorm12.zip") -> str:
        return git(repo, "rev-parse", f"gh-pages:{release}/modul/{kode}/{kode}{ending}")

    for ending in ("-scorm12.zip", "-cc11.imscc"):
        unchanged = "penanganan-anak-korban-kekerasan"
        assert package("2026.11.29", unchanged, ending) == package("2026.11.01", unchanged, ending)
        assert package("2026.11.29", M1.split("/")[1], ending) != package(
            "2026.11.15", M1.split("/")[1], ending
        )
    assert 'href="dukungan-psikososial-bencana-scorm12.zip"' in page
    assert 'href="dukungan-psikososial-bencana-cc11.imscc"' in page
    program = git(repo, "show", "gh-pages:2026.11.29/program/penguatan-kompetensi-sdm-kesos/index.html")
    assert 'href="../penguatan-kompetensi-sdm-kesos-scorm12.zip"' in program
    listed = git(repo, "ls-tree", "-r", "--name-only", "gh-pages", "2026.11.29/program")
    assert "penguatan-kompetensi-sdm-kesos-cc11.imscc" in listed
    assert "moodle" not in git(
        repo, "ls-tree", "-r", "--name-only", "gh-pages", "2026.11.29"
    )  # answers: never


def test_unbumped_change_is_refused_and_changes_nothing(repo: Path) -> None:
    assert release(repo, "2026.11.01").exit_code == 0
    with (repo / M1 / "01-konsep-bencana.md").open("a", encoding="utf-8") as f:
        f.write("\nPerubahan tanpa menaikkan versi.\n")
    commit_all(repo, "ubah tanpa bump")
    before = state(repo)
    result = release(repo, "2026.11.15")
    assert result.exit_code == 1
    assert "KM606" in result.output and "kesos-modul bump dukungan-psikososial-bencana" in result.output
    assert state(repo) == before


def test_one_release_at_a_time_says_who_holds_the_repository(repo: Path) -> None:
    """A second release while one runs is refused, naming the first; a holder that is
    killed (SIGKILL: nothing of it runs again) leaves no lock behind."""
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path; from kesos_modul import lock\n"
         "with lock.exclusive(Path(sys.argv[1]), 'rilis 2026.10.01'):\n"
         "    print('memegang', flush=True); time.sleep(120)",
         str(repo / ".git" / "kesos-rilis.kunci")],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "memegang"
        before = state(repo)
        result = release(repo, "2026.11.01")
        assert result.exit_code == 1, result.output
        assert (
            f"rilis lain sedang berjalan di repositori ini: rilis 2026.10.01 (proses {holder.pid}"
            in result.output
        )
        assert state(repo) == before
    finally:
        holder.kill()
        holder.wait()
    result = release(repo, "2026.11.01")
    assert result.exit_code == 0, result.output


def test_a_release_makes_the_root_pages_an_interrupted_first_release_did_not(
    repo: Path, tmp_path: Path
) -> None:
    """A first release stopped after mike committed its version, before the root's pages:
    the next release makes them (before, only a first release ever did)."""
    assert release(repo, "2026.11.01").exit_code == 0
    pages = tmp_path / "situs"
    git(repo, "worktree", "add", "-q", str(pages), "gh-pages")
    git(pages, "rm", "-q", "index.html", "404.html")
    git(pages, "commit", "-q", "-m", "seolah rilis pertama terhenti")
    git(repo, "worktree", "remove", str(pages))
    assert "index.html" not in git(repo, "ls-tree", "--name-only", "gh-pages")
    change_and_bump(repo, "Kalimat rilis kedua.")
    result = release(repo, "2026.11.15")
    assert result.exit_code == 0, result.output
    root = git(repo, "ls-tree", "--name-only", "gh-pages").split()
    assert "index.html" in root and "404.html" in root
    assert "terbaru/" in git_bytes(repo, "gh-pages:index.html").decode("utf-8")


def test_dirty_tree_is_refused(repo: Path) -> None:
    (repo / M1 / "01-konsep-bencana.md").write_text("# diubah\n", encoding="utf-8")
    before = state(repo)
    result = release(repo, "2026.11.01")
    assert result.exit_code == 1 and "belum di-commit" in result.output
    assert state(repo) == before


def test_invalid_curriculum_is_refused(repo: Path) -> None:
    edit(repo / M1 / "modul.yaml", "ranah: [kebencanaan]", "ranah: [bencana-alam]")
    commit_all(repo, "ranah salah")
    before = state(repo)
    result = release(repo, "2026.11.01")
    assert result.exit_code == 1 and "KM301" in result.output
    assert state(repo) == before


def test_existing_or_older_or_malformed_version_is_refused(repo: Path) -> None:
    assert release(repo, "2026.11.15").exit_code == 0
    before = state(repo)
    for name, reason in (
        ("2026.11.15", "sudah ada"),
        ("2026.11.01", "lebih baru"),
        ("v2", "skema"),
        ("2026.02.30", "skema"),
    ):
        result = release(repo, name)
        assert result.exit_code == 1 and reason in result.output, (name, result.output)
        assert state(repo) == before
    assert release(repo, "2026.11.15.1").exit_code == 0  # a second release on the same day


def test_push_sends_the_branch_and_the_tag(repo: Path, tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(repo, "remote", "add", "origin", str(remote))
    git(remote, "config", "receive.unpackLimit", "1")  # each push stays one pack: what it sent
    result = release(repo, "2026.11.01", "--push")
    assert result.exit_code == 0, result.output
    assert "gh-pages" in git(remote, "branch") and "rilis/2026.11.01" in git(remote, "tag")
    # the next release sends what the remote lacks and nothing more: not the unchanged
    # pages, books and packages again because they now sit in another version's folder
    had = git(remote, "rev-parse", "gh-pages").strip()
    packs = set((remote / "objects" / "pack").glob("*.idx"))
    change_and_bump(repo, "Satu kalimat baru.")
    result = release(repo, "2026.11.15", "--push")
    assert result.exit_code == 0, result.output
    (pack,) = set((remote / "objects" / "pack").glob("*.idx")) - packs
    sent = len(
        subprocess.run(["git", "show-index"], stdin=pack.open("rb"), capture_output=True).stdout.splitlines()
    )
    lacking = git(
        repo, "rev-list", "--objects", "gh-pages", "rilis/2026.11.15", "--not", had, "rilis/2026.11.01"
    )
    published = git(repo, "ls-tree", "-r", "--name-only", "gh-pages", "2026.11.15").splitlines()
    # (the remote stores a pack with the delta bases it lacked: a few objects more than were sent)
    assert len(lacking.splitlines()) <= sent <= len(lacking.splitlines()) + 8
    assert sent < len(published) / 2  # git's default way sent 333 here


def test_a_draft_module_does_not_block_a_release(repo: Path) -> None:
    """The trainee edition leaves drafts out, so 'Apa yang berubah' may not link to them."""
    edit(repo / "modules/rehabilitasi-sosial-disabilitas/modul.yaml", "status: telaah", "status: draf")
    commit_all(repo, "modul rehabilitasi kembali menjadi draf")
    result = release(repo, "2026.11.01")
    assert result.exit_code == 0, result.output
    changes = git(repo, "show", "gh-pages:2026.11.01/perubahan/index.html")
    assert "rehabilitasi-sosial-disabilitas" not in changes
    assert "dukungan-psikososial-bencana" in changes


def test_release_only_from_the_main_branch(repo: Path) -> None:
    git(repo, "switch", "-q", "-c", "fitur-baru")
    before = state(repo)
    result = release(repo, "2026.11.01")
    assert result.exit_code == 1 and "hanya dibuat dari cabang main" in result.output
    assert state(repo) == before
    assert release(repo, "2026.11.01", "--main-branch", "fitur-baru").exit_code == 0


def test_uncommitted_change_to_any_tracked_file_is_refused(repo: Path) -> None:
    (repo / ".gitignore").write_text("site/\n", encoding="utf-8")  # tracked, outside modules/
    before = state(repo)
    result = release(repo, "2026.11.01")
    assert result.exit_code == 1 and ".gitignore" in result.output
    assert state(repo) == before


def test_a_failure_after_mike_committed_says_what_changed_and_how_to_finish(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kesos_modul.engine import PublishError
    from kesos_modul.engine.material import Material

    def failing_set_default(self, repo: Path, branch: str, alias: str) -> None:
        raise PublishError("mike gagal", detail="error: something English")

    monkeypatch.setattr(Material, "set_default", failing_set_default)
    result = release(repo, "2026.11.01")
    assert result.exit_code == 1
    assert "Tidak ada yang diubah" not in result.output
    assert "versi 2026.11.01 sudah disimpan di cabang gh-pages" in result.output
    assert "halaman akar cabang itu (index.html, 404.html) belum lengkap" in result.output
    assert "tag rilis/2026.11.01 belum dibuat" in result.output
    assert "kesos-modul release 2026.11.01 --selesaikan" in result.output
    assert "kesos-modul release 2026.11.01 --batalkan" in result.output
    assert "something English" not in result.output


def test_engine_errors_reach_the_writer_in_indonesian_with_a_hint() -> None:
    from kesos_modul.engine.material import _explain

    strict = "WARNING -  Doc file 'perubahan.md' contains a link 'modul/x/index.md'\nAborted with 1 warnings in strict mode!"
    assert _explain(strict).startswith("mesin situs menemukan tautan") and "saran:" in _explain(strict)
    assert "identitas git" in _explain("error: error getting config 'user.name'")
    assert "--debug" in _explain("Traceback: KeyError")
