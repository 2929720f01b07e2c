"""A JSON list of findings; the keys are a stable interface for other tools."""

from __future__ import annotations

import json
from typing import TextIO

from kesos_modul.findings import Finding


def as_dict(f: Finding) -> dict[str, object]:
    return {
        "file": f.file,
        "line": f.line,
        "column": f.column,
        "code": f.code,
        "name": f.name,
        "severity": f.severity.value,
        "message": f.message,
        "hint": f.hint,
    }


def write(findings: list[Finding], stream: TextIO) -> None:
    json.dump([as_dict(f) for f in findings], stream, ensure_ascii=False, indent=2)
    stream.write("\n")
