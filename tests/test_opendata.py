"""Open data in every built version: katalog.json against its schema, JSON-LD on
module pages, and the CASE package of competency units and module alignments."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

import pytest

from kesos_modul.opendata import duration
from kesos_modul.schema import validator
from tests.conftest import TODAY, run
from tests.test_build import pagefind_text


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from tests.conftest import REPO

    root = tmp_path_factory.mktemp("kurikulum")
    for name in ("modules", "program", "registri"):
        shutil.copytree(REPO / name, root / name)
    result = run("build", "--root", str(root), "--today", TODAY, "--versi", "2026.11.24")
    assert result.exit_code == 0, result.output
    return root / "site"


def test_katalog_matches_its_schema(site: Path) -> None:
    data = json.loads((site / "katalog.json").read_text(encoding="utf-8"))
    errors = list(validator("katalog").iter_errors(data))
    assert errors == []
    assert data["versi"] == "2026.11.24" and len(data["modul"]) == 4
    m = next(m for m in data["modul"] if m["kode"] == "dukungan-psikososial-bencana")
    assert m["jp"] == {"teori": 2, "praktik": 2, "praktik_lapangan": 1, "total": 5, "menit": 225}
    assert m["ranah"] == [{"kode": "korban-bencana", "nama": "Korban Bencana", "status": "terkonfirmasi"}]
    assert [u["kode"] for u in m["unit_kompetensi"]] == [
        "O.842340.026.01",
        "O.842340.045.01",
        "O.842340.048.01",
    ]
    assert (site / m["url"] / "index.html").exists()
    peran = {p["kode"]: p for p in m["sasaran"]["peran"]}
    assert peran["tagana"]["status"] == "terkonfirmasi" and "keterangan" not in peran["tagana"]
    assert peran["tim-reaksi-cepat"]["status"] == "belum-terkonfirmasi"
    assert "Belum terkonfirmasi" in peran["tim-reaksi-cepat"]["keterangan"]
    assert data["program"][0]["jp"]["total"] == 20
    assert (site / "skema/katalog.schema.json").exists() and (site / "skema/modul.schema.json").exists()


def test_module_pages_carry_learning_resource_json_ld(site: Path) -> None:
    html = (site / "modul/dukungan-psikososial-bencana/index.html").read_text(encoding="utf-8")
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block)
    assert data["@type"] == "LearningResource" and data["inLanguage"] == "id"
    assert data["timeRequired"] == "PT3H45M" and data["version"] == "1.1.0"
    assert data["datePublished"] == "2026-10-05"
    targets = {a["targetName"]: a["targetDescription"] for a in data["educationalAlignment"]}
    assert targets["Memberi Layanan Tanggap Darurat"].startswith(
        "Unit kompetensi O.842340.026.01. Belum terkonfirmasi"
    )
    assert data["about"] == [
        {
            "@type": "DefinedTerm",
            "name": "Korban Bencana",
            "termCode": "korban-bencana",
            "description": "UU 11/2009 Pasal 5 ayat (2) huruf f",
        }
    ]
    assert len(targets) == 3 and all(a["alignmentType"] == "teaches" for a in data["educationalAlignment"])
    assert "LearningResource" not in pagefind_text(site)  # data for machines, not a search result


def test_case_package(site: Path) -> None:
    data = json.loads((site / "case.json").read_text(encoding="utf-8"))
    items = {i["humanCodingScheme"]: i for i in data["CFItems"] if "humanCodingScheme" in i}
    assert (
        "O.842340.030.01" in items
        and items["O.842340.026.01"]["fullStatement"] == "Memberi Layanan Tanggap Darurat"
    )
    for entry in [data["CFDocument"], *data["CFItems"], *data["CFAssociations"]]:
        uuid.UUID(entry["identifier"])
    pairs = {
        (a["originNodeURI"]["title"], a["destinationNodeURI"]["identifier"]) for a in data["CFAssociations"]
    }
    assert ("Dukungan Psikososial bagi Korban Bencana", items["O.842340.026.01"]["identifier"]) in pairs
    assert len(data["CFAssociations"]) == 3 + 2 + 3 + 3  # one per module and unit it covers


def test_iso_durations() -> None:
    assert (
        duration(225) == "PT3H45M"
        and duration(45) == "PT45M"
        and duration(900) == "PT15H"
        and duration(0) == "PT0M"
    )


def test_unconfirmed_entries_and_units_without_a_code_say_so_in_open_data(site: Path) -> None:
    """A unit whose official code is not known has no code in katalog.json, on the
    CFItem or in the JSON-LD; what is unconfirmed is said in words, not only by a flag."""
    data = json.loads((site / "katalog.json").read_text(encoding="utf-8"))
    m = next(m for m in data["modul"] if m["kode"] == "penanganan-anak-korban-kekerasan")
    unit = m["unit_kompetensi"][0]
    assert unit["kode"] == "PS12.GEN.01" and unit["kode_resmi"] is None
    assert unit["status"] == "belum-terkonfirmasi" and unit["status_standar"] == "terkonfirmasi"
    assert "Kode resmi belum ada" in unit["keterangan"] and "Belum terkonfirmasi" in unit["keterangan"]
    sakti = next(p for p in m["sasaran"]["peran"] if p["kode"] == "sakti-peksos")
    assert sakti["status"] == "belum-terkonfirmasi" and "belum ditemukan" in sakti["keterangan"]

    case = json.loads((site / "case.json").read_text(encoding="utf-8"))
    item = next(i for i in case["CFItems"] if i["fullStatement"] == "Melakukan Asesmen Kebutuhan Klien")
    assert "humanCodingScheme" not in item  # the local id is not the standard's code
    assert "Kode resmi belum ada" in item["notes"] and "Belum terkonfirmasi" in item["notes"]

    html = (site / "modul/penanganan-anak-korban-kekerasan/index.html").read_text(encoding="utf-8")
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    alignment = json.loads(block)["educationalAlignment"][0]
    assert alignment["targetName"] == "Melakukan Asesmen Kebutuhan Klien"
    assert "PS12" not in alignment["targetDescription"]
    assert "kode resmi belum ada" in alignment["targetDescription"]
    assert "Belum terkonfirmasi" in alignment["targetDescription"]
