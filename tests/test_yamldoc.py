"""YAML hazards are caught with a position, never swallowed or crashed on."""

from __future__ import annotations

import time

from kesos_modul import schema
from kesos_modul.yamldoc import parse


def codes(findings) -> list[str]:
    return [f.code for f in findings]


def test_bom_and_crlf_are_accepted_with_right_lines() -> None:
    raw = "\ufeffkode: contoh\r\njudul: Café dan é\r\nranah: [kemiskinan]\r\n".encode()
    doc, found = parse("m.yaml", raw)
    assert found == []
    assert doc.data == {"kode": "contoh", "judul": "Café dan é", "ranah": ["kemiskinan"]}
    assert doc.loc("ranah").line == 3


def test_version_1_10_is_never_read_as_1_1() -> None:
    doc, found = parse("m.yaml", b'versi: 1.10\nlain: "1.10"\n')
    assert found == []
    assert doc.data["lain"] == "1.10"
    assert doc.written_as("versi") == ("float", "1.10")
    problems = schema.check(doc, "modul")
    km005 = [f for f in problems if f.code == "KM005"]
    assert len(km005) == 1
    assert (km005[0].line, km005[0].column) == (1, 8)
    assert "1.1" in km005[0].message and '"1.10.0"' in km005[0].hint  # quoted, and in a version's form


def test_yaml11_boolean_where_text_belongs() -> None:
    doc, _ = parse("m.yaml", b"judul: no\nstatus: on\n")
    found = [f for f in schema.check(doc, "modul") if f.code == "KM006"]
    assert [(f.line, f.message.split(":")[0]) for f in found] == [(1, "judul"), (2, "status")]


def test_keys_are_text_as_written() -> None:
    doc, found = parse("m.yaml", b"no: 1\non: 2\n")
    assert found == [] and list(doc.data) == ["no", "on"]


def test_duplicate_key_is_an_error_not_a_silent_overwrite() -> None:
    doc, found = parse("m.yaml", b"judul: Pertama\nversi: '1.0.0'\njudul: Kedua\n")
    assert codes(found) == ["KM002"]
    assert found[0].line == 3 and "baris 1" in found[0].message
    assert doc.data["judul"] == "Pertama"


def test_duplicate_key_in_nested_mapping() -> None:
    _, found = parse("m.yaml", b"jp:\n  teori: 1\n  teori: 2\n")
    assert codes(found) == ["KM002"] and found[0].line == 3


def test_tab_indentation() -> None:
    doc, found = parse("m.yaml", b"sasaran:\n\tkategori: []\n")
    assert doc is None
    assert codes(found) == ["KM004"] and (found[0].line, found[0].column) == (2, 1)


def test_alias_bomb_is_refused_without_expanding() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 12)]
    start = time.perf_counter()
    doc, found = parse("bomb.yaml", "\n".join(lines).encode())
    assert time.perf_counter() - start < 2
    assert doc is None and set(codes(found)) == {"KM007"}


def test_unterminated_quote_points_at_its_start() -> None:
    _, found = parse("m.yaml", b'kode: x\njudul: "Dukungan\nversi: 1\n')
    assert codes(found) == ["KM001"]
    assert found[0].line == 2 and "tidak ditutup" in found[0].message


def test_unterminated_flow_sequence() -> None:
    _, found = parse("m.yaml", b"ranah: [kemiskinan, kecacatan\npilar: []\n")
    assert codes(found) == ["KM001"] and "baris 1" in found[0].message


def test_two_documents() -> None:
    _, found = parse("m.yaml", b"a: 1\n---\nb: 2\n")
    assert codes(found) == ["KM001"] and "lebih dari satu dokumen" in found[0].message


def test_not_utf8_names_the_byte_position() -> None:
    _, found = parse("m.yaml", b"kode: x\njudul: caf\xe9\n")
    assert codes(found) == ["KM003"]
    assert (found[0].line, found[0].column) == (2, 11) and "posisi byte 18" in found[0].message


def test_utf16_file_is_rejected_as_not_utf8() -> None:
    _, found = parse("m.yaml", "kode: x\n".encode("utf-16"))
    assert codes(found) == ["KM003"]


def test_huge_file_neither_hangs_nor_crashes() -> None:
    start = time.perf_counter()
    _, found = parse("big.yaml", b"a: " + b"x" * 20_000_000 + b"\n")
    assert codes(found) == ["KM008"]
    assert time.perf_counter() - start < 1


def test_deep_nesting_is_refused() -> None:
    _, found = parse("deep.yaml", b"a: " + b"[" * 200_000 + b"]" * 200_000)
    assert codes(found) == ["KM009"]
    _, found = parse("deep.yaml", b"a: " + b"[" * 60 + b"]" * 60)
    assert codes(found) == ["KM009"]


def test_unsupported_tag() -> None:
    _, found = parse("m.yaml", b"a: !!python/object:os.system x\n")
    assert codes(found) == ["KM001"] and "tag" in found[0].message


def test_empty_file_is_no_data() -> None:
    doc, found = parse("m.yaml", b"# hanya komentar\n")
    assert found == [] and doc.data is None
