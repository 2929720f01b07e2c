"""The compiled pre-check and jsonschema agree, and schema findings point at the value."""

from __future__ import annotations

import copy
from pathlib import Path

import fastjsonschema
import pytest

from kesos_modul import schema
from kesos_modul.sources import FolderSource
from kesos_modul.validation import validate
from kesos_modul.yamldoc import parse
from tests.conftest import REPO, edit

SAMPLE = REPO / "modules/dukungan-psikososial-bencana/modul.yaml"


def _data() -> dict:
    doc, found = parse("m.yaml", SAMPLE.read_bytes())
    assert found == []
    return doc.data


MUTATIONS = {
    "valid": lambda d: None,
    "missing required": lambda d: d.pop("penerbit"),
    "empty ranah": lambda d: d.__setitem__("ranah", []),
    "duplicate pilar": lambda d: d.__setitem__("pilar", ["jaminan-sosial", "jaminan-sosial"]),
    "empty sasaran.kategori": lambda d: d["sasaran"].__setitem__("kategori", []),
    "extra key": lambda d: d.__setitem__("judull", "x"),
    "bad version": lambda d: d.__setitem__("versi", "1.0"),
    "bad status": lambda d: d.__setitem__("status", "final"),
    "negative JP": lambda d: d["jp"].__setitem__("teori", -1),
    "JP as text": lambda d: d["jp"].__setitem__("teori", "2"),
    "bad chapter name": lambda d: d["materi_pokok"][0].__setitem__("bab", "Bab 1.docx"),
    "bad date": lambda d: d.__setitem__("tanggal_disahkan", "5 Oktober 2026"),
    "riwayat entry without summary": lambda d: d["riwayat"][0].pop("ringkasan"),
    "no evaluation": lambda d: d.__setitem__("evaluasi", []),
    "glossary entry extra key": lambda d: d["glosarium"][0].__setitem__("sumber", "x"),
    "not a mapping": lambda d: d.clear(),
}


@pytest.mark.parametrize("name", MUTATIONS)
def test_fast_check_agrees_with_jsonschema(name: str) -> None:
    data = copy.deepcopy(_data())
    MUTATIONS[name](data)
    full = schema.validator("modul").is_valid(data)
    fast = schema._fast("modul")
    try:
        fast(data)
        fast_valid = True
    except fastjsonschema.JsonSchemaException:
        fast_valid = False
    assert fast_valid == full
    assert full == (name == "valid")


def test_unknown_key_points_at_the_key_with_a_suggestion() -> None:
    raw = SAMPLE.read_bytes().replace(b"rangkuman: >-", b"rangkuman_modul: >-")
    doc, _ = parse("m.yaml", raw)
    km102 = next(f for f in schema.check(doc, "modul") if f.code == "KM102")
    line = next(i for i, t in enumerate(raw.decode().split("\n"), 1) if t.startswith("rangkuman_modul"))
    assert km102.line == line and "rangkuman" in km102.hint


def test_the_hint_for_an_unquoted_version_passes_the_schema_too(curriculum: Path) -> None:
    """`versi: 1.10` is read as 1.1; the hint quotes it in the form a version needs
    (three parts), so following it does not lead straight to the next finding."""
    meta = curriculum / "modules/dukungan-psikososial-bencana/modul.yaml"
    edit(meta, 'versi: "1.1.0"\nstatus', "versi: 1.10\nstatus")
    _, findings = validate(FolderSource(curriculum))
    km005 = next(f for f in findings if f.code == "KM005")
    assert km005.hint.endswith('versi: "1.10.0"'), km005.hint
    edit(meta, "versi: 1.10\nstatus", 'versi: "1.10.0"\nstatus')  # the hint, followed
    _, findings = validate(FolderSource(curriculum))
    # no format finding about it any more (KM0xx: YAML, KM1xx: schema)
    assert [f for f in findings if f.code[:3] in ("KM0", "KM1") and "versi" in f.message] == []


def test_a_unit_without_an_official_code_is_written_with_an_id(curriculum: Path) -> None:
    """A unit whose standard has no known code is written with a local ``id``, which
    modules name like a code; it is not checked against the standard's code shapes."""
    units = curriculum / "registri/unit-kompetensi.yaml"
    edit(units, "  - kode: O.842340.048.01\n", "  - id: mengoptimalkan-kerja-relawan\n")
    edit(
        curriculum / "modules/dukungan-psikososial-bencana/modul.yaml",
        "O.842340.048.01]",
        "mengoptimalkan-kerja-relawan]",
    )
    _, findings = validate(FolderSource(curriculum))
    assert findings == []
    edit(units, "  - id: mengoptimalkan-kerja-relawan\n    judul:", "  - judul:")  # neither kode nor id
    _, findings = validate(FolderSource(curriculum))
    km101 = [f for f in findings if f.code == "KM101" and f.file == "registri/unit-kompetensi.yaml"]
    assert len(km101) == 1 and "'kode' atau 'id'" in km101[0].message
