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
    assert m["ranah"] == [{"kode": "korban-bencana", "nama": "Korban Bencana"}]
    assert [u["kode"] for u in m["unit_kompetensi"]] == [
        "O.842340.026.01",
        "O.842340.045.01",
        "O.842340.048.01",
    ]
    assert (site / m["url"] / "index.html").exists()
    assert data["program"][0]["jp"]["total"] == 20
    assert (site / "skema/katalog.schema.json").exists() and (site / "skema/modul.schema.json").exists()


def test_module_pages_carry_learning_resource_json_ld(site: Path) -> None:
    html = (site / "modul/dukungan-psikososial-bencana/index.html").read_text(encoding="utf-8")
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block)
    assert data["@type"] == "LearningResource" and data["inLanguage"] == "id"
    assert data["timeRequired"] == "PT3H45M" and data["version"] == "1.1.0"
    assert data["datePublished"] == "2026-10-05"
    targets = {(a["targetName"], a["targetDescription"]) for a in data["educationalAlignment"]}
    assert ("Memberi Layanan Tanggap Darurat", "Unit kompetensi O.842340.026.01") in targets
    assert len(targets) == 3 and all(a["alignmentType"] == "teaches" for a in data["educationalAlignment"])
    assert "LearningResource" not in pagefind_text(site)  # data for machines, not a search result


def test_case_package(site: Path) -> None:
    data = json.loads((site / "case.json").read_text(encoding="utf-8"))
    items = {i["humanCodingScheme"]: i for i in data["CFItems"]}
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
