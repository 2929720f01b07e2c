"""The CLI end to end: exit codes, scoping, and no traceback on broken input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, TODAY, edit, keep_approved, run, validate_json

M1 = "modules/dukungan-psikososial-bencana"


def test_validate_the_repository_samples_is_clean() -> None:
    result = run("validate", str(REPO), "--today", TODAY)
    assert result.exit_code == 0, result.stdout
    assert "tidak ada masalah" in result.stdout
    assert "4 modul, 1 program" in result.stdout


def test_errors_exit_1_and_warnings_exit_0(curriculum: Path) -> None:
    code, findings = validate_json(curriculum, "--today", "2030-01-01")
    assert code == 0 and findings and {f["severity"] for f in findings} == {"warning"}
    edit(curriculum / M1 / "modul.yaml", "ranah: [kebencanaan]", "ranah: [bencana-alam]")
    keep_approved(curriculum)
    code, findings = validate_json(curriculum)
    assert code == 1 and [f["code"] for f in findings] == ["KM301"]


def test_usage_problems_exit_2(tmp_path: Path) -> None:
    assert run("validate", str(tmp_path / "tidak-ada")).exit_code == 2
    result = run("validate", str(tmp_path))
    assert result.exit_code == 2 and "modules/" in result.stderr
    assert run("validate", str(REPO), "--format", "xml").exit_code == 2


def test_path_inside_curriculum_scopes_the_findings(curriculum: Path) -> None:
    edit(curriculum / M1 / "modul.yaml", "ranah: [kebencanaan]", "ranah: [bencana-alam]")
    other = curriculum / "modules/rehabilitasi-sosial-disabilitas"
    code, findings = validate_json(other)
    assert code == 0 and findings == []
    code, findings = validate_json(curriculum / M1)
    assert code == 1 and findings[0]["file"] == f"{M1}/modul.yaml"


def test_github_format_end_to_end(curriculum: Path) -> None:
    edit(curriculum / M1 / "modul.yaml", 'versi: "1.1.0"\nstatus', "versi: 1.10\nstatus")
    result = run("validate", str(curriculum), "--format", "github", "--today", TODAY)
    assert result.exit_code == 1
    assert result.stdout.startswith(
        f"::error file={M1}/modul.yaml,line=4,col=8,title=KM005 angka-bukan-teks::"
    )


def test_broken_input_never_prints_a_traceback(curriculum: Path) -> None:
    meta = curriculum / M1 / "modul.yaml"
    garbage = [
        b"\x00\x01\x02",
        b"- just\n- a list\n",
        b"kode: [unclosed\n",
        b"kode: !!binary aGVsbG8=\n",
        b"? [complex, key]\n: value\n",
        b"kode: 1\njudul: 2\nversi: 3\nstatus: 4\nriwayat: 5\nmateri_pokok: {}\n",
        meta.read_bytes().replace(b"materi_pokok:", b"materi_pokok: 7\nx:"),
    ]
    for data in garbage:
        meta.write_bytes(data)
        proc = subprocess.run(
            [sys.executable, "-m", "kesos_modul", "validate", str(curriculum)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == 1, (data, proc.stdout, proc.stderr)
        assert "Traceback" not in proc.stderr + proc.stdout
        assert f"{M1}/modul.yaml:" in proc.stdout


def test_rules_command_lists_every_code() -> None:
    result = run("rules", "--format", "markdown")
    assert result.exit_code == 0
    assert "| KM005 | `angka-bukan-teks` | galat |" in result.stdout


def test_a_broken_module_is_not_also_reported_as_missing_from_its_program(curriculum: Path) -> None:
    edit(curriculum / M1 / "modul.yaml", "status: disahkan\n", "status: disahkan\nstatus: draf\n")
    code, findings = validate_json(curriculum)
    assert code == 1 and [f["code"] for f in findings] == ["KM002"]


def test_every_command_is_found_where_the_command_table_says() -> None:
    from kesos_modul import cli as package

    for module in sorted(set(package.COMMANDS.values())):
        __import__(f"kesos_modul.cli.{module}")
    assert sorted(package.cli.commands) == sorted(package.COMMANDS)
    for name, module in package.COMMANDS.items():
        assert package.cli.commands[name].callback.__module__ == f"kesos_modul.cli.{module}"


def test_validate_imports_nothing_it_does_not_need() -> None:
    """Writers run validate most: it starts without the site, review, report or templating stages."""
    probe = (
        "import sys\n"
        "from kesos_modul.cli import main\n"
        f"sys.argv = ['kesos-modul', 'validate', {str(REPO)!r}, '--today', {TODAY!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "heavy = ['rich', 'jsonschema', 'kesos_modul.review', 'kesos_modul.render', 'kesos_modul.cli.situs']\n"
        "print(code, [m for m in heavy if m in sys.modules])\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.splitlines()[-1] == "0 []", out.stdout + out.stderr


@pytest.mark.parametrize("command", [["paket", "--format", "scorm12"], ["pdf"]])
def test_an_output_that_is_a_file_is_refused_and_left_alone(curriculum: Path, command: list[str]) -> None:
    existing = curriculum.parent / "catatan.txt"
    existing.write_text("milik penulis\n", encoding="utf-8")
    for output in (existing, existing / "paket"):
        result = run(*command, "--root", str(curriculum), "--output", str(output))
        assert result.exit_code == 2, result.output
        assert f"{existing} adalah berkas, bukan folder; pilih folder lain" in result.stderr
        assert "galat internal" not in result.output + result.stderr
    assert existing.read_text(encoding="utf-8") == "milik penulis\n"
