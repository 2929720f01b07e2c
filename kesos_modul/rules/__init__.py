"""Domain rules: small functions over the model, each declared with the codes it emits.

Each rule takes the whole :class:`~kesos_modul.model.Kurikulum` (so cross-module
rules need no special casing) and yields findings. A rule is one place: its
codes (code, name, severity, summary) sit on its decorator, its messages and
hints in its body; the catalogue, the ``rules`` command and the README table
are gathered from them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from kesos_modul.findings import Code, Finding, declare
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


def rule(*codes: Code | str) -> Callable[[Check], Check]:
    """Register a check with the codes it emits: a :class:`Code` declares it here,
    a plain code refers to one another rule declared."""
    declare(*(c for c in codes if isinstance(c, Code)))
    names = tuple(c.code if isinstance(c, Code) else c for c in codes)

    def register(check: Check) -> Check:
        RULES.append(Rule(names, check))
        return check

    return register


def run(kurikulum: Kurikulum, context: Context) -> list[Finding]:
    found: list[Finding] = []
    for r in RULES:
        for f in r.check(kurikulum, context):
            if f.code not in r.codes:  # a rule reports only what it declared
                raise ValueError(f"{r.check.__name__} emitted {f.code}, not among {r.codes}")
            found.append(f)
    return found


# Importing the rule modules registers their rules.
from kesos_modul.rules import bab, contoh, evaluasi, jp, keamanan, pemetaan, siklus, struktur, tautan  # noqa: E402

__all__ = [
    "RULES",
    "Context",
    "Rule",
    "bab",
    "contoh",
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
