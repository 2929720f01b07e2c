"""Placeholder texts: what ``kesos-modul new`` writes for the writer to replace.

The templates in ``templates/new`` mark each placeholder with the ``contoh``
filter (``{{ "Tuliskan …" | contoh }}``). The scaffold writes the text as it
stands; the rule that catches placeholders left in a module reads the same
marks from the same templates, so there is no second list to fall out of step.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from jinja2 import Environment, nodes

from kesos_modul.resources import project_dir

FILTER = "contoh"


def render(text: str) -> str:
    """The ``contoh`` filter: a placeholder is written as it stands."""
    return text


@cache
def placeholders() -> tuple[str, ...]:
    """Every text the templates mark as a placeholder, longest first."""
    env = Environment(autoescape=False)
    found: set[str] = set()
    for path in sorted((project_dir("templates") / "new").glob("*.j2")):
        tree = env.parse(path.read_text(encoding="utf-8"))
        for node in tree.find_all(nodes.Filter):
            if (
                node.name == FILTER
                and isinstance(node.node, nodes.Const)
                and isinstance(node.node.value, str)
            ):
                found.add(node.node.value)
    return tuple(sorted(found, key=lambda t: (-len(t), t)))


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


@cache
def _pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """One search for every placeholder at once (longest first), and each one's folded form."""
    folded = {_fold(p): p for p in placeholders()}
    return re.compile("|".join(re.escape(f) for f in folded)), folded


@cache
def _gates() -> tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]:
    """The folded placeholders grouped by a word of theirs that most of them share
    (most begin with "tuliskan"), each with its other words.

    A text holds a placeholder only if its casefolded text holds every word of
    it (folding changes nothing but whitespace), so a gate word the text lacks
    rules out its whole group with one substring test."""
    folded = list(_pattern()[1])
    shared = Counter(w for f in folded for w in set(f.split()))
    groups: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for f in folded:
        gate, *rest = sorted(set(f.split()), key=lambda w: (-shared[w], -len(w), w))
        groups.setdefault(gate, []).append((f, tuple(rest)))
    return tuple((gate, tuple(group)) for gate, group in groups.items())


def anywhere(text: str) -> bool:
    """Whether a whole file holds a placeholder, before looking line by line: plain
    substring tests of the placeholders' words first, since most files hold none."""
    lower = text.casefold()
    # A word the text lacks is searched through to its end, and several placeholders
    # share their words ("pertama", "mampu"): each word is searched for once.
    seen: dict[str, bool] = {}

    def has(word: str) -> bool:
        found = seen.get(word)
        if found is None:
            found = seen[word] = word in lower
        return found

    candidates = [f for gate, group in _gates() if has(gate) for f, rest in group if all(map(has, rest))]
    if not candidates:
        return False
    folded = _fold(text)
    return any(f in folded for f in candidates)


def within(text: str) -> str | None:
    """The placeholder ``text`` still holds (case and spacing aside), if any.

    Every line of every chapter is searched, so this is one compiled pattern,
    not a loop over the placeholders."""
    pattern, folded = _pattern()
    found = pattern.search(_fold(text))
    return folded[found.group()] if found else None
