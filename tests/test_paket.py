"""What a training centre's learning platform reads in a package, checked file by file:
the manifest names exactly the files the zip holds, identifiers are unique and
stable, the bytes depend only on the content, the XML is namespaced as the
specifications require, the pages need nothing from outside the package, and a
trainee package never carries a facilitator's note or an answer key."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from kesos_modul.loading import load
from kesos_modul.paket import buat
from kesos_modul.paket.cc11 import CP as CC_CP
from kesos_modul.paket.cc11 import LOM
from kesos_modul.paket.scorm12 import ADLCP, IMSMD
from kesos_modul.paket.scorm12 import CP as SCORM_CP
from kesos_modul.sources import FolderSource
from tests.conftest import REPO, edit, run

M1 = "dukungan-psikososial-bencana"
PROGRAM = "penguatan-kompetensi-sdm-kesos"
SECRET_KEY = "RAHASIA-KUNCI-7731"
SECRET_NOTE = "RAHASIA-CATATAN-4410"
NAMESPACE = {"scorm12": SCORM_CP, "cc11": CC_CP}


def curriculum_of(root: Path):
    return load(FolderSource(root))[0]


def packages(root: Path, fmt: str, edisi: str = "peserta") -> dict[str, bytes]:
    """Every module's package and the programme's, by file name."""
    kurikulum = curriculum_of(root)
    made = [buat.modul(kurikulum, root, m, fmt, edisi) for m in kurikulum.modul]
    made += [buat.program(kurikulum, root, p, fmt, edisi) for p in kurikulum.program]
    return {p.nama: p.data for p in made}


def files(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def manifest(data: bytes, fmt: str) -> ET.Element:
    root = ET.fromstring(files(data)["imsmanifest.xml"])
    assert root.tag == f"{{{NAMESPACE[fmt]}}}manifest"
    return root


@pytest.mark.parametrize("fmt", ["scorm12", "cc11"])
def test_the_manifest_names_exactly_the_files_in_the_package(fmt: str) -> None:
    ns = {"c": NAMESPACE[fmt]}
    for name, data in packages(REPO, fmt).items():
        content = files(data)
        assert next(iter(content)) == "imsmanifest.xml", name  # first, at the root
        root = manifest(data, fmt)
        named = {f.get("href") for f in root.iterfind(".//c:resource/c:file", ns)}
        assert named == set(content) - {"imsmanifest.xml"}, name
        ids = [e.get("identifier") for e in root.iter() if e.get("identifier")]
        assert len(ids) == len(set(ids)), f"{name}: identifiers repeat"
        resources = {r.get("identifier"): r for r in root.iterfind(".//c:resource", ns)}
        for item in root.iterfind(".//c:item[@identifierref]", ns):
            resource = resources[item.get("identifierref")]
            assert resource.get("href") in content, name
            for dependency in resource.iterfind("c:dependency", ns):
                assert dependency.get("identifierref") in resources, name


def test_a_module_is_one_organisation_with_a_sco_per_page_and_a_programme_an_item_per_module() -> None:
    ns = {"c": SCORM_CP, "md": IMSMD}
    made = packages(REPO, "scorm12")
    root = manifest(made[f"{M1}-scorm12.zip"], "scorm12")
    assert root.findtext("c:metadata/c:schema", namespaces=ns) == "ADL SCORM"
    assert root.findtext("c:metadata/c:schemaversion", namespaces=ns) == "1.2"
    (organization,) = root.iterfind("c:organizations/c:organization", ns)
    assert organization.findtext("c:title", namespaces=ns) == "Dukungan Psikososial bagi Korban Bencana"
    titles = [i.findtext("c:title", namespaces=ns) for i in organization.iterfind("c:item", ns)]
    assert titles[0] == "Ringkasan dan pendahuluan" and titles[1].startswith("Bab II.")
    assert titles[-2:] == ["Latihan mandiri", "Bab VII. Penutup"]
    scos = root.iterfind(f".//c:resource[@{{{ADLCP}}}scormtype='sco']", ns)
    assert len(list(scos)) == len(titles)
    # 5 JP of 45 minutes, and what the module maps to
    assert root.findtext(".//md:typicallearningtime/md:datetime", namespaces=ns) == "PT3H45M"
    keywords = {k.findtext("md:langstring", namespaces=ns) for k in root.iterfind(".//md:keyword", ns)}
    assert {"Korban Bencana", "Rehabilitasi Sosial", "Memberi Layanan Tanggap Darurat"} <= keywords

    program = manifest(made[f"{PROGRAM}-scorm12.zip"], "scorm12")
    (organization,) = program.iterfind("c:organizations/c:organization", ns)
    modules = [i.findtext("c:title", namespaces=ns) for i in organization.iterfind("c:item", ns)]
    assert len(modules) == 4 and modules[0] == "Dukungan Psikososial bagi Korban Bencana"
    assert all(i.get("identifierref") is None for i in organization.iterfind("c:item", ns))
    assert program.findtext(".//md:typicallearningtime/md:datetime", namespaces=ns) == "PT15H"  # 20 JP


def test_a_cartridge_is_a_course_with_a_section_per_module() -> None:
    ns = {"c": CC_CP, "lom": LOM}
    root = manifest(packages(REPO, "cc11")[f"{PROGRAM}-cc11.imscc"], "cc11")
    assert root.findtext("c:metadata/c:schemaversion", namespaces=ns) == "1.1.0"
    (organization,) = root.iterfind("c:organizations/c:organization", ns)
    assert organization.get("structure") == "rooted-hierarchy"
    (course,) = organization.iterfind("c:item", ns)
    sections = list(course.iterfind("c:item", ns))
    assert [s.findtext("c:title", namespaces=ns) for s in sections][1].startswith("Pendampingan Penyaluran")
    assert all(len(list(s.iterfind("c:item[@identifierref]", ns))) >= 6 for s in sections)


def test_the_same_content_gives_the_same_bytes_and_a_change_changes_only_its_module(curriculum: Path) -> None:
    first = packages(curriculum, "scorm12")
    assert packages(curriculum, "scorm12") == first
    edit(curriculum / "modules" / M1 / "01-konsep-bencana.md", "# Konsep Bencana", "# Konsep Bencana Alam")
    again = packages(curriculum, "scorm12")
    changed = {name for name in first if first[name] != again[name]}
    assert changed == {f"{M1}-scorm12.zip", f"{PROGRAM}-scorm12.zip"}


@pytest.mark.parametrize("fmt", ["scorm12", "cc11"])
def test_pages_need_nothing_from_outside_the_package(curriculum: Path, fmt: str) -> None:
    chapter = curriculum / "modules" / M1 / "01-konsep-bencana.md"
    with chapter.open("a", encoding="utf-8") as f:
        f.write(
            "\nLihat [situs](../../../mkdocs.yml), [berkas](/etc/passwd), [bab lain](02-pertolongan-pertama-psikologis.md)"
            " dan [modul lain](../rehabilitasi-sosial-disabilitas/01-paradigma-berbasis-hak.md).\n"
        )
    for name, data in packages(curriculum, fmt).items():
        content = files(data)
        for path, body in content.items():
            if not path.endswith(".html"):
                continue
            html = body.decode("utf-8")
            folder = path.rpartition("/")[0]
            for attribute, target in re.findall(r'\b(href|src)="([^"]*)"', html):
                if target == "data:,":  # the empty icon: no request at all
                    continue
                if target.startswith(("#", "https://", "http://")) and attribute == "href":
                    assert not target.startswith("http") or 'rel="noopener' in html, (name, path)
                    continue
                address = Path(folder, target.partition("#")[0]).as_posix()
                resolved = re.sub(r"[^/]+/\.\./", "", address)
                assert resolved in content, (name, path, target)
                if fmt == "scorm12" and attribute == "href" and resolved.endswith(".html"):
                    assert resolved == path, f"{path}: a SCO links to another SCO ({target})"
    page = files(packages(curriculum, fmt)[f"{M1}{buat.FORMATS[fmt]}"])[
        f"{M1}/01-konsep-bencana.html"
    ].decode()
    assert "<span>situs</span>" in page and "<span>berkas</span>" in page
    other = "../rehabilitasi-sosial-disabilitas/01-paradigma-berbasis-hak.html"
    program = files(packages(curriculum, fmt)[f"{PROGRAM}{buat.FORMATS[fmt]}"])[
        f"{M1}/01-konsep-bencana.html"
    ]
    assert (other in program.decode()) is (fmt == "cc11")  # a cartridge's pages link each other


def test_a_trainee_package_never_carries_a_note_or_an_answer(curriculum: Path) -> None:
    module = curriculum / "modules" / M1
    edit(module / "kunci-jawaban.yaml", "pembahasan: Sulit tidur", f"pembahasan: {SECRET_KEY} Sulit tidur")
    with (module / "01-konsep-bencana.md").open("a", encoding="utf-8") as f:
        f.write(f'\n!!! fasilitator "Catatan fasilitator"\n    {SECRET_NOTE}\n\nTeks sesudah catatan.\n')
    for fmt in ("scorm12", "cc11"):
        for name, data in packages(curriculum, fmt).items():
            for path, body in files(data).items():
                text = body.decode("utf-8", "replace")
                assert SECRET_KEY not in text and SECRET_NOTE not in text, (name, path)
                assert "Kunci jawaban" not in text, (name, path)
        facilitator = files(packages(curriculum, fmt, "fasilitator")[f"{M1}-fasilitator{buat.FORMATS[fmt]}"])
        everything = b"".join(facilitator.values()).decode("utf-8")
        assert SECRET_KEY in everything and SECRET_NOTE in everything


def test_markup_in_a_field_stays_text_in_every_file(curriculum: Path) -> None:
    module = curriculum / "modules" / M1 / "modul.yaml"
    edit(
        module,
        "judul: Dukungan Psikososial bagi Korban Bencana",
        'judul: "Dukungan <script>alert(1)</script> Bencana"',
    )
    data = packages(curriculum, "scorm12")[f"{M1}-scorm12.zip"]
    for path, body in files(data).items():
        assert b"<script>alert" not in body, path
    title = manifest(data, "scorm12").find(f".//{{{SCORM_CP}}}organization/{{{SCORM_CP}}}title")
    assert (
        title is not None and title.text == "Dukungan <script>alert(1)</script> Bencana"
    )  # as text, once parsed


def test_the_command_writes_packages_and_refuses_what_it_cannot_make(
    curriculum: Path, tmp_path: Path
) -> None:
    out = tmp_path / "keluar"
    result = run("paket", "--root", str(curriculum), "--format", "scorm12", "-o", str(out), M1)
    assert result.exit_code == 0, result.output
    assert (out / f"{M1}-scorm12.zip").is_file() and "dibuat:" in result.output
    result = run("paket", "--root", str(curriculum), "--format", "cc11", "--program", PROGRAM, "-o", str(out))
    assert result.exit_code == 0 and (out / f"{PROGRAM}-cc11.imscc").is_file(), result.output
    result = run("paket", "--root", str(curriculum), "--format", "cc11", "--program", "tidak-ada")
    assert result.exit_code != 0 and "program tidak dikenal" in result.output
    result = run(
        "paket", "--root", str(curriculum), "--format", "cc11", "-o", str(curriculum / "modules" / "x")
    )
    assert result.exit_code != 0 and "di dalam kurikulum" in result.output
    edit(curriculum / "modules" / M1 / "modul.yaml", "jp: {teori: 2", "jp: {teori: dua")
    result = run("paket", "--root", str(curriculum), "--format", "scorm12", "-o", str(out), M1)
    assert result.exit_code == 1 and "Paket tidak dibuat" in result.output and "modul.yaml" in result.output
    # another module is not held back by this one's error
    other = next(m.kode for m in curriculum_of(curriculum).modul if m.kode != M1)
    result = run("paket", "--root", str(curriculum), "--format", "scorm12", "-o", str(out), other)
    assert result.exit_code == 0 and (out / f"{other}-scorm12.zip").is_file(), result.output


def test_the_question_bank_comes_only_from_the_facilitator_edition(curriculum: Path, tmp_path: Path) -> None:
    out = tmp_path / "keluar"
    result = run("paket", "--root", str(curriculum), "--format", "moodle-xml", "-o", str(out), M1)
    assert result.exit_code == 1 and "edisi fasilitator" in result.output and not out.exists()
    result = run(
        "paket",
        "--root",
        str(curriculum),
        "--format",
        "moodle-xml",
        "--edisi",
        "fasilitator",
        "-o",
        str(out),
        M1,
    )
    assert result.exit_code == 0, result.output
    assert ET.parse(out / f"{M1}-fasilitator-moodle.xml").getroot().tag == "quiz"
    result = run(
        "paket", "--root", str(curriculum), "--format", "moodle-xml", "--edisi", "fasilitator",
        "--program", PROGRAM, "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    quiz = ET.parse(out / f"{PROGRAM}-fasilitator-moodle.xml").getroot()
    kurikulum = curriculum_of(curriculum)
    items = sum(len(kurikulum.modul_by_kode()[k].evaluasi) for _, k in kurikulum.program[0].susunan)
    assert len([q for q in quiz if q.get("type") != "category"]) == items
    modules = {c.findtext("category/text").split("/")[2] for c in quiz if c.get("type") == "category"}
    assert len(modules) == 4


@pytest.mark.parametrize("fmt", ["scorm12", "cc11", "moodle-xml"])
def test_a_control_character_in_a_value_never_makes_the_xml_ill_formed(fmt: str) -> None:
    # the reader refuses one written as an escape (KM012, tests/test_rules.py); should one reach
    # a package anyway, its XML stays well-formed: what XML 1.0 forbids is left out
    kurikulum = curriculum_of(REPO)
    m = kurikulum.modul_by_kode()[M1]
    odd = dataclasses.replace(m, judul="Dukungan\x0b Psikososial\ufffe bagi Korban\x1f Bencana")
    data = buat.modul(kurikulum, REPO, odd, fmt, "fasilitator" if fmt == "moodle-xml" else "peserta").data
    documents = {"kuis.xml": data} if fmt == "moodle-xml" else files(data)
    for name, content in documents.items():
        if name.endswith(".xml"):
            ET.fromstring(content)  # raises on an ill-formed document
    if fmt != "moodle-xml":
        assert "Dukungan Psikososial bagi Korban Bencana" in documents["imsmanifest.xml"].decode("utf-8")
