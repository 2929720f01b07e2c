"""GitHub Actions workflow commands: one annotation per finding."""

from __future__ import annotations

from typing import TextIO

from kesos_modul.findings import Finding


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def write(findings: list[Finding], stream: TextIO) -> None:
    for f in findings:
        props = [f"file={_escape_property(f.file)}"]
        if f.line:
            props.append(f"line={f.line}")
        if f.column:
            props.append(f"col={f.column}")
        props.append(f"title={_escape_property(f'{f.code} {f.name}')}")
        body = f.message + (f"\nsaran: {f.hint}" if f.hint else "")
        stream.write(f"::{f.severity.value} {','.join(props)}::{_escape_data(body)}\n")


def write_summary(lines: list[str], stream: TextIO) -> None:
    """The run's summary as one notice, shown with the annotations."""
    body = "\n".join(line.strip() for line in lines)
    stream.write(f"::notice title={_escape_property('kesos-modul validate')}::{_escape_data(body)}\n")
