"""``kesos-modul new`` makes a module that validates, and never overwrites one."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import TODAY, run, validate_json


def test_new_module_validates_clean(curriculum: Path) -> None:
    result = run(
        "new",
        "pendampingan-lansia",
        "--root",
        str(curriculum),
        "--ranah",
        "ketelantaran",
        "--pilar",
        "rehabilitasi-sosial",
        "--peran",
        "tksm",
        "--today",
        TODAY,
    )
    assert result.exit_code == 0, result.output
    folder = curriculum / "modules/pendampingan-lansia"
    meta = (folder / "modul.yaml").read_text(encoding="utf-8")
    assert meta.startswith("# yaml-language-server: $schema=")
    schema_ref = meta.splitlines()[0].split("$schema=")[1]
    assert schema_ref.endswith("schema/modul.schema.json")
    assert "kategori: [tenaga-kesejahteraan-sosial]" in meta
    assert (folder / "01-materi-pokok-pertama.md").exists()
    assert (folder / "kunci-jawaban.yaml").exists()
    code, findings = validate_json(curriculum)
    assert (code, findings) == (0, [])


def test_new_refuses_an_existing_module(curriculum: Path) -> None:
    meta = curriculum / "modules/dukungan-psikososial-bencana/modul.yaml"
    before = meta.read_bytes()
    result = run(
        "new",
        "dukungan-psikososial-bencana",
        "--root",
        str(curriculum),
        "--ranah",
        "korban-bencana",
        "--pilar",
        "perlindungan-sosial",
        "--kategori",
        "relawan-sosial",
    )
    assert result.exit_code == 2 and "sudah ada" in result.stderr
    assert meta.read_bytes() == before


def test_new_refuses_unknown_codes_before_writing(curriculum: Path) -> None:
    result = run(
        "new",
        "modul-baru",
        "--root",
        str(curriculum),
        "--ranah",
        "bencana-alam",
        "--pilar",
        "perlindungan-sosial",
        "--kategori",
        "relawan-sosial",
    )
    assert result.exit_code == 2 and "ranah 'bencana-alam' tidak dikenal" in result.stderr
    assert not (curriculum / "modules/modul-baru").exists()
    result = run(
        "new", "Modul Baru", "--root", str(curriculum), "--ranah", "kemiskinan", "--pilar", "jaminan-sosial"
    )
    assert result.exit_code == 2 and "tidak sah" in result.stderr
