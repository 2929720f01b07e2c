"""``kesos-modul new`` makes a module that validates, and never overwrites one."""

from __future__ import annotations

from pathlib import Path

from kesos_modul import teks_contoh
from tests.conftest import TODAY, edit, line_of, run, validate_json

NEW = "modules/pendampingan-lansia"


def _new(curriculum: Path) -> None:
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
    assert "KM212 peringatan: pendahuluan.latar_belakang: teks contoh" in result.output


def _placeholder_lines(folder: Path) -> set[tuple[str, int]]:
    """Every line of the new module that holds a placeholder the templates mark."""
    out = set()
    for path in folder.iterdir():
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            if any(p in line for p in teks_contoh.placeholders()):
                out.add((f"{NEW}/{path.name}", number))
    return out


def test_new_module_validates_with_placeholder_warnings_only(curriculum: Path) -> None:
    _new(curriculum)
    folder = curriculum / "modules/pendampingan-lansia"
    meta = (folder / "modul.yaml").read_text(encoding="utf-8")
    assert meta.startswith("# yaml-language-server: $schema=")
    schema_ref = meta.splitlines()[0].split("$schema=")[1]
    assert schema_ref.endswith("schema/modul.schema.json")
    assert "kategori: [tenaga-kesejahteraan-sosial]" in meta
    assert (folder / "01-materi-pokok-pertama.md").exists()
    assert (folder / "kunci-jawaban.yaml").exists()
    code, findings = validate_json(curriculum)
    assert code == 0
    assert {f["code"] for f in findings} == {"KM212"}
    assert {(f["file"], f["line"]) for f in findings} == _placeholder_lines(folder)
    assert {"modul.yaml", "kunci-jawaban.yaml", "01-materi-pokok-pertama.md"} == {
        f["file"].rsplit("/", 1)[1] for f in findings
    }


def test_placeholders_left_in_review_are_errors_at_their_lines(curriculum: Path) -> None:
    _new(curriculum)
    folder = curriculum / NEW
    edit(folder / "modul.yaml", "status: draf", "status: telaah")
    code, findings = validate_json(curriculum)
    assert code == 1
    assert {f["code"] for f in findings} == {"KM213"}
    assert {(f["file"], f["line"]) for f in findings} == _placeholder_lines(folder)
    chapter = folder / "01-materi-pokok-pertama.md"
    assert (f"{NEW}/01-materi-pokok-pertama.md", line_of(chapter, "Tuliskan uraian materi")) in {
        (f["file"], f["line"]) for f in findings
    }
    # replacing the text clears it; the rest stay
    edit(chapter, "Tuliskan uraian materi di sini.", "Lanjut usia terlantar perlu pendampingan.")
    _, after = validate_json(curriculum)
    assert len(after) == len(findings) - 1


def test_every_placeholder_the_templates_mark_is_written_by_the_scaffold(curriculum: Path) -> None:
    _new(curriculum)
    written = "".join(p.read_text(encoding="utf-8") for p in (curriculum / NEW).iterdir())
    assert len(teks_contoh.placeholders()) >= 10
    for placeholder in teks_contoh.placeholders():
        assert placeholder in written, placeholder


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
