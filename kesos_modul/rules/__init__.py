"""Domain rules: small functions over the model, each declared with the codes it emits.

Each rule takes the whole :class:`~kesos_modul.model.Kurikulum` (so cross-module
rules need no special casing) and yields findings. A rule is one place: its
codes (code, name, severity, summary) sit on its decorator, its messages and
hints in its body; the catalogue, the ``rules`` command and the README table
are gathered from them.

A rule also declares the top-level fields of ``modul.yaml`` it reads
(``reads=("jp", "materi_pokok")``; the answer keys as ``KUNCI_FILE``). A module
read only in part is left out of the rules that read one of its broken fields,
so a broken field never produces a false finding, while every other rule still
checks it. A rule that declares nothing never sees a module read in part.

A rule whose findings about a module depend on that module alone (and the
registries) says so (``per_module=True``): the preview, after a save, runs it on
the saved module only, and every other rule on the whole curriculum. A test
holds each such rule to it: on every failing example, its findings per module
are the same either way.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from kesos_modul import forked
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
    # The module fields the check reads; None: not declared, so only whole modules.
    reads: frozenset[str] | None = None
    per_module: bool = False  # what it finds about a module depends on that module alone


RULES: list[Rule] = []


def rule(
    *codes: Code | str, reads: Iterable[str] | None = None, per_module: bool = False
) -> Callable[[Check], Check]:
    """Register a check with the codes it emits: a :class:`Code` declares it here,
    a plain code refers to one another rule declared. ``reads`` names the
    top-level fields of modul.yaml the check reads (``()``: none); ``per_module``:
    see the module's docstring."""
    declare(*(c for c in codes if isinstance(c, Code)))
    names = tuple(c.code if isinstance(c, Code) else c for c in codes)
    fields = None if reads is None else frozenset(reads)

    def register(check: Check) -> Check:
        RULES.append(Rule(names, check, fields, per_module))
        return check

    return register


def can_check(r: Rule, rusak: frozenset[str]) -> bool:
    """Whether rule ``r`` may look at a module whose fields ``rusak`` are broken."""
    return not rusak or (r.reads is not None and not (rusak & r.reads))


def run(kurikulum: Kurikulum, context: Context, only: Collection[str] | None = None) -> list[Finding]:
    """Every rule's findings. The rules are independent: on a large curriculum half
    of them run in a forked child (see :mod:`kesos_modul.forked`). With ``only``
    (module folders), rules that read one module at a time look at those modules
    only: what they find elsewhere is left out."""
    partial = any(m.rusak for m in kurikulum.modul)
    few = (
        kurikulum
        if only is None
        else replace(kurikulum, modul=tuple(m for m in kurikulum.modul if m.folder in only))
    )

    def check(rules: Sequence[Rule]) -> list[Finding]:
        found: list[Finding] = []
        for r in rules:
            view = few if r.per_module else kurikulum
            if partial:  # each rule sees the modules whose fields it reads are whole
                view = replace(view, modul=tuple(m for m in view.modul if can_check(r, m.rusak)))
            for f in r.check(view, context):
                if f.code not in r.codes:  # a rule reports only what it declared
                    raise ValueError(f"{r.check.__name__} emitted {f.code}, not among {r.codes}")
                found.append(f)
        return found

    first, second = forked.halves(check, RULES, len(kurikulum.modul) >= forked.MINIMUM and only is None)
    return first + second


# Importing the rule modules registers their rules.
from kesos_modul.rules import (  # noqa: E402
    bab,
    contoh,
    evaluasi,
    jp,
    keamanan,
    pemetaan,
    siklus,
    struktur,
    tanda_tangan,
    tautan,
)

__all__ = [
    "RULES",
    "Context",
    "Rule",
    "bab",
    "can_check",
    "contoh",
    "evaluasi",
    "jp",
    "keamanan",
    "pemetaan",
    "rule",
    "run",
    "siklus",
    "struktur",
    "tanda_tangan",
    "tautan",
]
