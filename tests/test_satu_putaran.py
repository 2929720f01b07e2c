"""Validation in one round: a module with a schema or YAML error is still checked by
every rule that does not read its broken fields, is counted in the summary, and
never reaches a page."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kesos_modul import rules, schema
from kesos_modul.book import BookError, write_books
from kesos_modul.loading import KUNCI_FILE
from kesos_modul.preview import Preview
from kesos_modul.render import Options
from kesos_modul.sources import FolderSource
from kesos_modul.validation import validate
from tests.conftest import TODAY, edit, keep_approved, line_of, run, validate_json

M1 = "modules/dukungan-psikososial-bencana"
META = f"{M1}/modul.yaml"
PAGE = "modul/dukungan-psikososial-bencana/index.md"
WRONG_RANAH = ("ranah: [kebencanaan]", "ranah: [kebencanan]")


def codes(findings: list[dict]) -> list[str]:
    return sorted(f["code"] for f in findings)


def test_unquoted_version_and_a_wrong_domain_are_reported_together(curriculum: Path) -> None:
    edit(curriculum / META, 'versi: "1.1.0"\nstatus', "versi: 1.10\nstatus")
    edit(curriculum / META, *WRONG_RANAH)
    keep_approved(curriculum)  # the edits are about reading, not approval
    exit_code, findings = validate_json(curriculum)
    assert exit_code == 1
    # KM604 (history against version) reads the broken versi, so it is not guessed at
    assert codes(findings) == ["KM005", "KM301"]
    km301 = next(f for f in findings if f["code"] == "KM301")
    assert km301["file"] == META and km301["line"] == line_of(curriculum / META, "ranah: [kebencanan]")


def test_a_missing_required_field_and_an_unknown_unit_are_reported_together(curriculum: Path) -> None:
    edit(curriculum / META, "penerbit: Pusat", "# penerbit: Pusat")
    edit(curriculum / META, "O.842340.048.01]", "O.842340.099.01]")
    keep_approved(curriculum)  # the edits are about reading, not approval
    exit_code, findings = validate_json(curriculum)
    assert exit_code == 1 and codes(findings) == ["KM101", "KM304"]
    assert "O.842340.099.01" in next(f for f in findings if f["code"] == "KM304")["message"]


def test_a_broken_materi_pokok_gives_no_false_hours_or_chapter_findings(curriculum: Path) -> None:
    edit(
        curriculum / META,
        "jp: {teori: 1, praktik: 0, praktik_lapangan: 0}\n    metode: [ceramah interaktif, curah",
        "jp: satu\n    metode: [ceramah interaktif, curah",
    )
    edit(curriculum / META, *WRONG_RANAH)
    keep_approved(curriculum)  # the edits are about reading, not approval
    _, findings = validate_json(curriculum)
    # no KM401 (JP sum), no KM403, no KM204 (every chapter an orphan of an empty list)
    assert set(codes(findings)) == {"KM103", "KM301"}


def test_a_broken_module_jp_gives_no_false_jp_finding_but_the_domain_is_still_checked(
    curriculum: Path,
) -> None:
    edit(curriculum / META, "jp: {teori: 2, praktik: 2", "jp: {teori: dua, praktik: 2")
    edit(curriculum / META, *WRONG_RANAH)
    keep_approved(curriculum)  # the edits are about reading, not approval
    _, findings = validate_json(curriculum)
    # neither KM401 (module) nor KM402 (the programme that sums this module's JP)
    assert codes(findings) == ["KM103", "KM301"]


def test_a_duplicate_key_marks_its_field_and_the_rest_is_checked(curriculum: Path) -> None:
    edit(curriculum / META, "status: disahkan\n", "status: disahkan\nstatus: draf\n")
    edit(curriculum / META, "tanggal_disahkan: 2026-10-05\n", "")  # KM603 reads status: not guessed
    edit(curriculum / META, *WRONG_RANAH)
    _, findings = validate_json(curriculum)
    assert codes(findings) == ["KM002", "KM301"]


def test_a_broken_answer_key_file_skips_only_the_rules_about_keys(curriculum: Path) -> None:
    edit(curriculum / M1 / KUNCI_FILE, "evaluasi: ev-3", "evaluasi: 3")
    edit(curriculum / META, *WRONG_RANAH)
    _, findings = validate_json(curriculum)
    # no KM503 for every evaluation item because the keys could not be read
    assert codes(findings) == ["KM005", "KM301"]


def test_the_summary_counts_a_module_read_in_part(curriculum: Path) -> None:
    edit(curriculum / META, 'versi: "1.1.0"\nstatus', "versi: 1.10\nstatus")
    keep_approved(curriculum)  # the edits are about reading, not approval
    result = run("validate", str(curriculum), "--today", TODAY)
    assert result.exit_code == 1
    assert "Diperiksa: 4 modul, 1 program — 1 galat, 0 peringatan." in result.stdout
    assert (
        "1 modul hanya terbaca sebagian; aturan yang memakai bagian yang rusak belum memeriksanya: "
        "dukungan-psikososial-bencana (kolom versi)" in result.stdout
    )
    as_json = run("validate", str(curriculum), "--format", "json", "--today", TODAY)
    assert [f["code"] for f in json.loads(as_json.output)] == ["KM005"]  # still just the findings
    github = run("validate", str(curriculum), "--format", "github", "--today", TODAY)
    notice = github.stdout.splitlines()[-1]
    assert notice.startswith("::notice title=kesos-modul validate::Diperiksa: 4 modul, 1 program")
    assert "terbaca sebagian" in notice


def test_a_module_with_a_yaml_syntax_error_is_counted_as_unreadable(curriculum: Path) -> None:
    edit(curriculum / META, "\njudul: Dukungan Psikososial", "\njudul: [Dukungan Psikososial")
    result = run("validate", str(curriculum), "--today", TODAY)
    assert result.exit_code == 1
    assert "Diperiksa: 4 modul, 1 program" in result.stdout
    assert "1 modul tidak terbaca sama sekali: dukungan-psikososial-bencana" in result.stdout


def test_a_broken_answer_key_file_is_named_in_the_summary(curriculum: Path) -> None:
    (curriculum / M1 / KUNCI_FILE).write_text("kunci: [\n", encoding="utf-8")
    result = run("validate", str(curriculum), "--today", TODAY)
    assert f"dukungan-psikososial-bencana ({KUNCI_FILE})" in result.stdout


def test_a_clean_curriculum_has_a_one_line_summary(curriculum: Path) -> None:
    result = run("validate", str(curriculum), "--today", TODAY)
    assert result.stdout.splitlines() == ["Diperiksa: 4 modul, 1 program — tidak ada masalah."]


def test_build_refuses_a_module_read_in_part_and_still_reports_its_other_problems(curriculum: Path) -> None:
    edit(curriculum / META, 'versi: "1.1.0"\nstatus', "versi: 1.10\nstatus")
    edit(curriculum / META, *WRONG_RANAH)
    result = run("build", "--root", str(curriculum), "--today", TODAY)
    assert result.exit_code == 1
    assert "KM005" in result.stdout and "KM301" in result.stdout
    assert "Situs tidak dibangun" in result.stdout
    assert not (curriculum / "site").exists()


def test_the_preview_checks_a_module_read_in_part_but_never_renders_it(curriculum: Path) -> None:
    edit(curriculum / META, 'versi: "1.1.0"\nstatus', "versi: 1.10\nstatus")
    edit(curriculum / META, *WRONG_RANAH)
    keep_approved(curriculum)  # the edits are about reading, not approval
    preview = Preview(curriculum, Options(drafts=True), curriculum / "build/pratinjau", date(2026, 11, 24))
    assert {f.code for f in preview.findings if f.file == META} == {"KM005", "KM301"}
    assert not any(p.startswith("modul/dukungan-psikososial-bencana/") for p in preview.site.pages)
    assert not (preview.staged.docs_dir / PAGE).exists()
    assert "dukungan-psikososial-bencana" not in json.dumps(preview.site.files["katalog.json"])
    # a save elsewhere in the module re-checks it, and still does not show it
    with (curriculum / M1 / "01-konsep-bencana.md").open("a", encoding="utf-8") as f:
        f.write("\nKalimat baru.\n")
    # (the new sentence changed an approved module's content: KM607 says so, in the same round)
    assert {f.code for f in preview.refresh()} == {"KM005", "KM301", "KM607"}
    assert not (preview.staged.docs_dir / PAGE).exists()


def test_no_book_is_printed_from_a_module_read_in_part(curriculum: Path, tmp_path: Path) -> None:
    edit(curriculum / META, 'versi: "1.1.0"\nstatus', "versi: 1.10\nstatus")
    kurikulum, _ = validate(FolderSource(curriculum))
    assert [m.rusak for m in kurikulum.modul if m.folder == M1] == [frozenset({"versi"})]
    with pytest.raises(BookError):
        write_books(kurikulum, curriculum, ["dukungan-psikososial-bencana"], "peserta", tmp_path / "buku")
    assert not (tmp_path / "buku").exists()


@pytest.mark.parametrize("r", rules.RULES, ids=[r.check.__name__ for r in rules.RULES])
def test_every_field_a_rule_reads_is_a_field_of_the_format(r: rules.Rule) -> None:
    fields = set(schema._contents("modul")["properties"]) | {KUNCI_FILE}
    assert r.reads is None or r.reads <= fields, r.reads - fields


def test_a_rule_that_declares_nothing_never_sees_a_module_read_in_part() -> None:
    undeclared = rules.Rule(("KM000",), lambda kur, ctx: [])
    assert rules.can_check(undeclared, frozenset())
    assert not rules.can_check(undeclared, frozenset({"judul"}))
    reads_jp = rules.Rule(("KM000",), lambda kur, ctx: [], frozenset({"jp"}))
    assert rules.can_check(reads_jp, frozenset({"judul"}))
    assert not rules.can_check(reads_jp, frozenset({"jp", "judul"}))
