"""The compiled pre-check and jsonschema agree, and schema findings point at the value."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import fastjsonschema
import pytest
import yaml

from kesos_modul import schema
from kesos_modul.findings import Finding
from kesos_modul.sources import FolderSource
from kesos_modul.validation import validate
from kesos_modul.yamldoc import parse
from tests.conftest import REPO, edit, keep_approved, line_of

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


def _sample(path: str) -> dict:
    doc, found = parse(path, (REPO / path).read_bytes())
    assert found == []
    return doc.data


def _fast_valid(name: str, data: object) -> bool:
    try:
        schema._fast(name)(data)
        return True
    except fastjsonschema.JsonSchemaException:
        return False


# Parts that other schema files define ($ref to another file): the compiled check writes them out.
OTHER_FILES = {
    "registry kode": (
        "registri-sdm",
        "registri/sdm.yaml",
        lambda d: d["kategori"][0].__setitem__("kode", "A B"),
    ),
    "registry status": (
        "registri-unit-kompetensi",
        "registri/unit-kompetensi.yaml",
        lambda d: d["unit"][0].__setitem__("status", "pasti"),
    ),
    "programme JP": (
        "program",
        "program/penguatan-kompetensi-sdm-kesos.yaml",
        lambda d: d["jp"].__setitem__("teori", -1),
    ),
}


@pytest.mark.parametrize("case", OTHER_FILES)
def test_fast_check_agrees_with_jsonschema_across_schema_files(case: str) -> None:
    name, path, mutate = OTHER_FILES[case]
    data = _sample(path)
    assert _fast_valid(name, data) and schema.validator(name).is_valid(data)
    mutate(data)
    assert not schema.validator(name).is_valid(data)
    assert not _fast_valid(name, data)


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


# --- Every KM103 says what to write, with examples taken from the schema itself ---

SAMPLES = {
    "modul": SAMPLE,
    "kunci-jawaban": REPO / "modules/dukungan-psikososial-bencana/kunci-jawaban.yaml",
    "program": REPO / "program/penguatan-kompetensi-sdm-kesos.yaml",
    "registri-ranah": REPO / "registri/ranah.yaml",
    "registri-sdm": REPO / "registri/sdm.yaml",
    "registri-unit-kompetensi": REPO / "registri/unit-kompetensi.yaml",
}


def _pointer(document: dict, pointer: str) -> dict:
    node = document
    for part in filter(None, pointer.split("/")):
        node = node[part]
    return node


def _resolve(name: str, node: dict) -> tuple[str, dict, list[str]]:
    """Follow ``$ref``s; also the descriptions met on the way (a property's and its definition's)."""
    descriptions = [node.get("description", "")]
    while "$ref" in node:
        target, _, pointer = node["$ref"].partition("#")
        name = target.removesuffix(".schema.json") or name
        node = _pointer(schema._contents(name), pointer)
        descriptions.append(node.get("description", ""))
    return name, node, [d for d in descriptions if d]


def _nodes(name: str, node: dict, data, path: tuple):
    """Every property and item of a schema, with the sample's value there (None when absent)."""
    name, node, descriptions = _resolve(name, node)
    yield path, node, data, descriptions
    for key, sub in node.get("properties", {}).items():
        if isinstance(data, dict):
            yield from _nodes(name, sub, data.get(key), (*path, key))
    if isinstance(node.get("items"), dict) and isinstance(data, list) and data:
        yield from _nodes(name, node["items"], data[0], (*path, 0))


def _wrong_values(node: dict, current) -> list:
    """A wrong value of each kind the node's keywords reject."""
    out: list = []
    types = node.get("type")
    types = [types] if isinstance(types, str) else list(types or [])
    if "string" in types:
        out += [{"salah": "nilai"}, ["dua", "butir"]]
    if "integer" in types:
        out += [1.5, "dua"]
    if "array" in types:
        out.append("satu teks")
    if "object" in types:
        out.append(12)
    if "boolean" in types:
        out.append("ya")
    if "enum" in node:
        out += [str(node["enum"][0])[:-1], "lain"]
    if "pattern" in node:
        out += ["Tidak Sah!", "Nilai Dengan Spasi"]
    if "minLength" in node:
        out.append("")
    if "maxLength" in node:
        out.append("a" * (node["maxLength"] + 1))
    if "minItems" in node:
        out.append([])
    if "minimum" in node:
        out.append(node["minimum"] - 1)
    if node.get("uniqueItems") and isinstance(current, list) and current:
        out.append([*current, current[0]])
    if "not" in node:
        out += node["not"].get("enum", [])
    return out


def _set(data, path: tuple, value):
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


@pytest.mark.parametrize("name", SAMPLES)
def test_every_km103_has_a_hint_that_says_what_to_write(name: str) -> None:
    sample, found = parse(SAMPLES[name].name, SAMPLES[name].read_bytes())
    assert found == []
    checked = 0
    for path, node, current, descriptions in _nodes(name, schema._contents(name), sample.data, ()):
        if not path:
            continue
        for wrong in _wrong_values(node, current):
            data = copy.deepcopy(sample.data)
            _set(data, path, wrong)
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
            doc, problems = parse(f"salinan-{SAMPLES[name].name}", text.encode("utf-8"))
            assert doc is not None and problems == []
            for f in schema.check(doc, name):
                if f.code != "KM103":
                    continue
                checked += 1
                where = f"{path} = {wrong!r}: {f.message} / {f.hint!r}"
                assert f.hint.strip(), where
                assert f.hint.strip() not in descriptions, where
                assert not any(sign in f.hint for sign in ("^", "$", "[a-z", "\\.")), where  # no regex
    assert checked >= 10


def _examples(node, found: list) -> list:
    if isinstance(node, dict):
        if "examples" in node:
            found.append(node)
        for value in node.values():
            _examples(value, found)
    elif isinstance(node, list):
        for value in node:
            _examples(value, found)
    return found


@pytest.mark.parametrize("name", schema.SCHEMAS)
def test_every_example_in_the_schema_passes_its_own_schema(name: str) -> None:
    nodes = _examples(schema._contents(name), [])
    if '"pattern"' in json.dumps(schema._contents(name)):  # a pattern's hint needs an example
        assert nodes
    for node in nodes:
        own = schema.validator(name).evolve(schema={**schema._contents(name), **node})
        for example in node["examples"]:
            assert list(own.iter_errors(example)) == [], (name, example)


def _km103(curriculum: Path, old: str, new: str) -> Finding:
    meta = curriculum / "modules/dukungan-psikososial-bencana/modul.yaml"
    edit(meta, old, new)
    _, findings = validate(FolderSource(curriculum))
    [km103] = [f for f in findings if f.code == "KM103"]
    assert km103.line == line_of(meta, new.strip().splitlines()[0])
    return km103


def test_fractional_jp_hint_gives_the_whole_numbers_around_it(curriculum: Path) -> None:
    hint = _km103(curriculum, "jp: {teori: 2, praktik: 2", "jp: {teori: 1.5, praktik: 2").hint
    assert "1 JP = 45 menit" in hint and "teori: 1 atau teori: 2" in hint


def test_jp_as_one_number_shows_the_mapping(curriculum: Path) -> None:
    hint = _km103(curriculum, "jp: {teori: 2, praktik: 2, praktik_lapangan: 1}", "jp: 12").hint
    assert hint.endswith("jp: {teori: 8, praktik: 4, praktik_lapangan: 0}"), hint


def test_enum_typo_suggests_the_choice(curriculum: Path) -> None:
    hint = _km103(curriculum, "status: disahkan", "status: disahkn").hint
    assert hint.startswith("mungkin maksudnya 'disahkan'? tulis status: disahkan;"), hint
    assert "draf, telaah, disahkan, usang" in hint


def test_pattern_hint_repairs_the_value_instead_of_showing_the_regex(curriculum: Path) -> None:
    hint = _km103(curriculum, "- id: kelompok-rentan", "- id: Kelompok Rentan").hint
    assert (
        "mungkin maksudnya: id: kelompok-rentan" in hint
        and "contoh bentuk yang sah: id: reaksi-stres" in hint
    )
    assert "^" not in hint and "[a-z" not in hint


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
    keep_approved(curriculum)  # the module names the unit anew: its approver approves that
    _, findings = validate(FolderSource(curriculum))
    assert findings == []
    edit(units, "  - id: mengoptimalkan-kerja-relawan\n    judul:", "  - judul:")  # neither kode nor id
    _, findings = validate(FolderSource(curriculum))
    km101 = [f for f in findings if f.code == "KM101" and f.file == "registri/unit-kompetensi.yaml"]
    assert len(km101) == 1 and "'kode' atau 'id'" in km101[0].message
