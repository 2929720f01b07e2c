"""Each output format carries file, line, column, code, severity and message."""

from __future__ import annotations

import io
import json

from kesos_modul.findings import Location, finding
from kesos_modul.output import FORMATS

SAMPLE = [
    finding(
        "KM301", Location("modules/a/modul.yaml", 12, 9), "ranah 'x' tidak dikenal", "pilihan: kemiskinan"
    ),
    finding("KM602", Location("modules/b/modul.yaml", 5, 28), "telaah lewat, 100%\nbaris dua", ""),
]


def render(fmt: str) -> str:
    out = io.StringIO()
    FORMATS[fmt](SAMPLE, out)
    return out.getvalue()


def test_text_format_has_position_code_severity_and_hint() -> None:
    lines = render("text").splitlines()
    assert lines[0] == "modules/a/modul.yaml:12:9: KM301 galat: ranah 'x' tidak dikenal"
    assert lines[1] == "    saran: pilihan: kemiskinan"
    assert lines[2].startswith("modules/b/modul.yaml:5:28: KM602 peringatan:")


def test_json_format_is_a_list_with_the_documented_keys() -> None:
    data = json.loads(render("json"))
    assert isinstance(data, list) and len(data) == 2
    for item in data:
        assert {"file", "line", "column", "code", "severity", "message"} <= set(item)
    assert data[0]["severity"] == "error" and data[1]["severity"] == "warning"
    assert data[0]["line"] == 12 and data[0]["column"] == 9


def test_github_annotations_are_escaped() -> None:
    lines = render("github").splitlines()
    assert lines[0].startswith(
        "::error file=modules/a/modul.yaml,line=12,col=9,title=KM301 ranah-tidak-dikenal::"
    )
    assert "%0Asaran: pilihan: kemiskinan" in lines[0]
    assert lines[1].startswith("::warning file=modules/b/modul.yaml,line=5,col=28,")
    assert "100%25%0Abaris dua" in lines[1]
    assert len(lines) == 2
