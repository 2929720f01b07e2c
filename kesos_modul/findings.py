"""Findings: what validation reports, and the codes they carry.

A finding is plain data. Each code is declared (:func:`declare`) by the stage
or rule that checks it; stages create findings through :func:`finding`, which
stamps the severity declared for the code, so a code has one severity
everywhere. Only the output formats decide how a finding is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        """The Indonesian word shown to writers."""
        return {"error": "galat", "warning": "peringatan"}[self.value]


@dataclass(frozen=True)
class Location:
    """A place in the curriculum: a repository-relative file, 1-based line and column."""

    file: str
    line: int | None = None
    column: int | None = None


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    severity: Severity
    summary: str


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    hint: str = ""

    @property
    def name(self) -> str:
        return CODES[self.code].name


E, W = Severity.ERROR, Severity.WARNING

# Every code, declared by the stage or rule that reports it (see :func:`declare`).
# The catalogue is gathered from them: :func:`kesos_modul.validation.catalogue`.
CODES: dict[str, Code] = {}


def declare(*codes: Code) -> tuple[Code, ...]:
    """Declare codes where they are checked. Never renumber or reuse a code."""
    for c in codes:
        if CODES.get(c.code, c) != c:
            raise ValueError(f"{c.code} is declared twice, differently")
        CODES[c.code] = c
    return codes


def finding(code: str, where: Location, message: str, hint: str = "") -> Finding:
    """Make a finding with the catalogue's severity for ``code``."""
    return Finding(
        file=where.file,
        line=where.line or 0,
        column=where.column or 0,
        code=code,
        severity=CODES[code].severity,
        message=message,
        hint=hint,
    )


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
