"""The preview server's incremental refresh: only the changed module is re-rendered,
and a save that breaks a module keeps its last good page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kesos_modul.preview import Preview
from kesos_modul.render import Options
from tests.conftest import edit, run

TODAY = date(2026, 11, 24)

M1 = "modules/dukungan-psikososial-bencana"
PAGE = "modul/dukungan-psikososial-bencana/index.md"
CHAPTER = "modul/dukungan-psikososial-bencana/03-layanan-dukungan-psikososial.md"


def _revise(curriculum: Path) -> None:
    """A writer revising an approved module first sends it back to review."""
    result = run("telaah", "dukungan-psikososial-bencana", "--penelaah", "Dr. Siti Nurhaliza, M.Kesos.",
                 "--root", str(curriculum), "--today", TODAY.isoformat())  # fmt: skip
    assert result.exit_code == 0, result.output


def test_saving_a_chapter_updates_only_that_module(curriculum: Path) -> None:
    _revise(curriculum)
    preview = Preview(curriculum, Options(), curriculum / "build/pratinjau", TODAY)
    with (curriculum / M1 / "03-layanan-dukungan-psikososial.md").open("a", encoding="utf-8") as f:
        f.write("\nKalimat baru dari penulis.\n")
    findings = preview.refresh()
    assert findings == []
    # the chapter's page only: the print page takes the chapter from it as built
    assert preview.staged.changed == [CHAPTER]
    assert "Kalimat baru dari penulis." in (preview.staged.docs_dir / CHAPTER).read_text(encoding="utf-8")


def test_invalid_save_keeps_the_last_good_page(curriculum: Path) -> None:
    _revise(curriculum)
    preview = Preview(curriculum, Options(), curriculum / "build/pratinjau", TODAY)
    good = (preview.staged.docs_dir / PAGE).read_text(encoding="utf-8")
    edit(curriculum / M1 / "modul.yaml", 'versi: "1.1.0"\nstatus', "versi: 1.10\nstatus")
    edit(
        curriculum / M1 / "modul.yaml", "judul: Dukungan Psikososial bagi Korban Bencana", "judul: Judul Baru"
    )
    findings = preview.refresh()
    assert [f.code for f in findings] == ["KM005"]
    assert (preview.staged.docs_dir / PAGE).read_text(encoding="utf-8") == good
    edit(curriculum / M1 / "modul.yaml", "versi: 1.10\nstatus", 'versi: "1.1.0"\nstatus')
    assert preview.refresh() == []
    assert "# Judul Baru" in (preview.staged.docs_dir / PAGE).read_text(encoding="utf-8")


def test_registry_change_rebuilds_everything(curriculum: Path) -> None:
    preview = Preview(curriculum, Options(), curriculum / "build/pratinjau", TODAY)
    edit(curriculum / "registri/ranah.yaml", "nama: Korban Bencana", "nama: Korban Bencana Alam dan Sosial")
    preview.refresh()
    assert "Korban Bencana Alam dan Sosial" in (preview.staged.docs_dir / PAGE).read_text(encoding="utf-8")


def test_an_approved_module_being_revised_shows_what_the_writer_wrote(curriculum: Path) -> None:
    """Editing an approved module is the first step of every revision: the writer's view shows
    the new text with a notice, while a view without drafts keeps the approved page."""
    writer = Preview(curriculum, Options(drafts=True), curriculum / "build/pratinjau", TODAY)
    trainee = Preview(curriculum, Options(), curriculum / "build/peserta", TODAY)
    approved = (trainee.staged.docs_dir / CHAPTER).read_text(encoding="utf-8")
    with (curriculum / M1 / "03-layanan-dukungan-psikososial.md").open("a", encoding="utf-8") as f:
        f.write("\nKalimat revisi yang sedang ditulis.\n")
    assert [f.code for f in writer.refresh()] == ["KM607"]  # the terminal still says so
    page = (writer.staged.docs_dir / CHAPTER).read_text(encoding="utf-8")
    assert "Kalimat revisi yang sedang ditulis." in page
    assert '!!! warning "Pengesahan tidak berlaku untuk isi ini"' in page
    assert "kesos-modul sahkan dukungan-psikososial-bencana" in page
    assert [f.code for f in trainee.refresh()] == ["KM607"]
    assert (trainee.staged.docs_dir / CHAPTER).read_text(encoding="utf-8") == approved

    args = ("--root", str(curriculum), "--today", TODAY.isoformat())
    drafts = run("build", "--drafts", "--output", str(curriculum / "situs-draf"), *args)
    assert drafts.exit_code == 0, drafts.output
    built = curriculum / "situs-draf/modul/dukungan-psikososial-bencana/03-layanan-dukungan-psikososial"
    html = (built / "index.html").read_text(encoding="utf-8")
    assert "Kalimat revisi yang sedang ditulis." in html and "Pengesahan tidak berlaku untuk isi ini" in html
    refused = run("build", "--output", str(curriculum / "situs"), *args)
    assert refused.exit_code == 1 and "KM607" in refused.output


def test_a_reviewer_reads_what_changed_since_the_last_release_on_a_page(curriculum: Path) -> None:
    """build --drafts (and serve) add a page per changed module: since the newest release, its
    changed sentences with the removed words struck and the added ones marked, as text."""
    from tests.conftest import commit_all, git

    commit_all(curriculum, "kurikulum")
    git(curriculum, "tag", "-a", "rilis/2026.11.01", "-m", "rilis")
    chapter = curriculum / "modules/penanganan-anak-korban-kekerasan/05-rujukan-dan-jejaring.md"
    edit(
        chapter,
        "Beberapa prinsip yang perlu dipegang",
        "Beberapa prinsip yang perlu <b>teguh</b> dipegang",
    )
    args = ("--root", str(curriculum), "--today", TODAY.isoformat())
    built = run("build", "--drafts", "--output", str(curriculum / "draf"), *args)
    assert built.exit_code == 0, built.output
    module = curriculum / "draf/modul/penanganan-anak-korban-kekerasan"
    page = (module / "perubahan/index.html").read_text(encoding="utf-8")
    assert "Perubahan sejak rilis 2026.11.01" in page
    assert "Beberapa prinsip yang perlu <ins>&lt;b&gt;teguh&lt;/b&gt;</ins> dipegang:" in page
    assert 'href="perubahan/"' in (module / "index.html").read_text(encoding="utf-8")
    unchanged = curriculum / "draf/modul/dukungan-psikososial-bencana"
    assert not (unchanged / "perubahan").exists()
    # a reviewer's page is never on the trainee site
    edit(chapter, "<b>teguh</b> ", "")
    assert run("build", "--output", str(curriculum / "peserta"), *args).exit_code == 0
    assert not (curriculum / "peserta/modul/penanganan-anak-korban-kekerasan/perubahan").exists()
