"""``file:line:col: CODE severity: message`` with the hint indented below."""

from __future__ import annotations

from typing import TextIO

from kesos_modul.findings import Finding


def position(f: Finding) -> str:
    where = f.file
    if f.line:
        where += f":{f.line}"
        if f.column:
            where += f":{f.column}"
    return where


def write(findings: list[Finding], stream: TextIO) -> None:
    for f in findings:
        stream.write(f"{position(f)}: {f.code} {f.severity.label}: {f.message}\n")
        if f.hint:
            stream.write(f"    saran: {f.hint}\n")
