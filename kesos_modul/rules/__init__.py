"""Domain rules: small functions over the model, registered with the codes they emit.

Each rule takes the whole :class:`~kesos_modul.model.Kurikulum` (so cross-module
rules need no special casing) and yields findings. Codes, names and severities
live in :data:`kesos_modul.findings.CATALOGUE`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from kesos_modul.findings import Finding
from kesos_modul.model import Kurikulum


@dataclass(frozen=True)
class Context:
    today: date
    # The curriculum at a base revision (the last release), for rules about change.
    base: Kurikulum | None = None
    base_name: str = ""


Check = Callable[[Kurikulum, Context], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    codes: tuple[str, ...]
    check: Check


RULES: list[Rule] = []


def rule(*codes: str) -> Callable[[Check], Check]:
    """Register a check that may emit ``codes``."""

    def register(check: Check) -> Check:
        RULES.append(Rule(codes, check))
        return check

    return register


def run(kurikulum: Kurikulum, context: Context) -> list[Finding]:
    found: list[Finding] = []
    for r in RULES:
        found.extend(r.check(kurikulum, context))
    return found


# Importing the rule modules registers their rules.
from kesos_modul.rules import evaluasi, jp, keamanan, pemetaan, siklus, struktur, tautan  # noqa: E402

__all__ = [
    "RULES",
    "Context",
    "Rule",
    "evaluasi",
    "jp",
    "keamanan",
    "pemetaan",
    "rule",
    "run",
    "siklus",
    "struktur",
    "tautan",
]
