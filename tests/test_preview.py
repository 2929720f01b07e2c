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
