"""``kesos-modul bump`` raises the version and records why, and changes nothing else."""

from __future__ import annotations

from pathlib import Path

from kesos_modul.yamldoc import parse
from tests.conftest import TODAY, run, validate_json

M1 = "modules/dukungan-psikososial-bencana"


def test_bump_changes_only_the_version_and_adds_history(curriculum: Path) -> None:
    meta = curriculum / M1 / "modul.yaml"
    before = meta.read_text(encoding="utf-8")
    result = run(
        "bump",
        "dukungan-psikososial-bencana",
        "minor",
        "-m",
        "Bab rujukan diperbarui: kontak layanan",
        "--root",
        str(curriculum),
        "--today",
        TODAY,
    )
    assert result.exit_code == 0, result.output
    assert "versi 1.2.0" in result.output
    after = meta.read_text(encoding="utf-8")
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    removed = [line for line in before.splitlines() if line not in after.splitlines()]
    assert removed == ['versi: "1.1.0"']
    assert added == [
        'versi: "1.2.0"',
        '  - versi: "1.2.0"',
        "    tanggal: 2026-11-24",
        '    ringkasan: "Bab rujukan diperbarui: kontak layanan"',
    ]
    # comments and key order survive
    assert after.startswith("# yaml-language-server: $schema=../../schema/modul.schema.json\n")
    doc, _ = parse("m", after.encode())
    assert list(doc.data)[:5] == ["kode", "judul", "versi", "status", "tanggal_disahkan"]
    assert doc.data["riwayat"][1]["versi"] == "1.1.0"
    # the file stays valid, and a version raised alone leaves the approval as it was
    assert validate_json(curriculum) == (0, [])
    # what the new version changes is what voids it
    with (curriculum / M1 / "01-konsep-bencana.md").open("a", encoding="utf-8") as f:
        f.write("\nKalimat versi baru.\n")
    code, findings = validate_json(curriculum)
    assert (code, [f["code"] for f in findings]) == (1, ["KM607"])
    assert "isi modul berubah sesudah versi 1.1.0 disahkan" in findings[0]["message"]


def test_bump_keeps_windows_line_endings_and_bom(curriculum: Path) -> None:
    meta = curriculum / M1 / "modul.yaml"
    meta.write_bytes(b"\xef\xbb\xbf" + meta.read_bytes().replace(b"\n", b"\r\n"))
    result = run(
        "bump",
        "dukungan-psikososial-bencana",
        "major",
        "-m",
        "Struktur baru",
        "--root",
        str(curriculum),
        "--today",
        TODAY,
    )
    assert result.exit_code == 0, result.output
    raw = meta.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\n" not in raw.replace(b"\r\n", b"")
    assert b'versi: "2.0.0"\r\n' in raw and b"    ringkasan: Struktur baru\r\n" in raw


def test_bump_refuses_a_broken_file_and_writes_nothing(curriculum: Path) -> None:
    meta = curriculum / M1 / "modul.yaml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace("status: disahkan", "status: disahkan\nstatus: draf"),
        encoding="utf-8",
    )
    before = meta.read_bytes()
    result = run(
        "bump", "dukungan-psikososial-bencana", "patch", "-m", "Perbaikan", "--root", str(curriculum)
    )
    assert result.exit_code == 1 and "kesos-modul validate" in result.stderr
    assert meta.read_bytes() == before
    assert run("bump", "tidak-ada", "patch", "-m", "x", "--root", str(curriculum)).exit_code == 2
