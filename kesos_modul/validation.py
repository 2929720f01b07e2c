"""Validation as one stage: load the source, then run every domain rule."""

from __future__ import annotations

from datetime import date

from kesos_modul import rules
from kesos_modul.findings import Finding
from kesos_modul.loading import load
from kesos_modul.model import Kurikulum
from kesos_modul.sources import Source


def validate(source: Source, today: date | None = None) -> tuple[Kurikulum, list[Finding]]:
    """All findings for a curriculum, sorted by file, line, column and code."""
    kurikulum, found = load(source)
    found.extend(rules.run(kurikulum, rules.Context(today or date.today())))
    return kurikulum, sorted(set(found))
