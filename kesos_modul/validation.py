"""Validation as one stage: load the source, then run every domain rule."""

from __future__ import annotations

from datetime import date

from kesos_modul import rules
from kesos_modul.findings import CODES, Code, Finding
from kesos_modul.loading import load
from kesos_modul.model import Kurikulum
from kesos_modul.sources import Source


def catalogue() -> list[Code]:
    """Every code the validator can report, in code order: gathered from the
    stages and rules that declare them (importing them above declared them all)."""
    return sorted(CODES.values(), key=lambda c: c.code)


def validate(
    source: Source, today: date | None = None, earlier: Kurikulum | None = None, base_name: str = ""
) -> tuple[Kurikulum, list[Finding]]:
    """All findings for a curriculum, sorted by file, line, column and code.

    With ``earlier`` (the curriculum at an earlier revision, ``base_name``), rules
    about change run too: a module whose content changed must have a higher version.
    """
    kurikulum, found = load(source)
    found.extend(rules.run(kurikulum, rules.Context(today or date.today(), earlier, base_name)))
    return kurikulum, sorted(set(found))
