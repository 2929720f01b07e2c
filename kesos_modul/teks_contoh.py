"""Placeholder texts: what ``kesos-modul new`` writes for the writer to replace.

The templates in ``templates/new`` mark each placeholder with the ``contoh``
filter (``{{ "Tuliskan …" | contoh }}``). The scaffold writes the text as it
stands; the rule that catches placeholders left in a module reads the same
marks from the same templates, so there is no second list to fall out of step.
"""

from __future__ import annotations

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


def within(text: str) -> str | None:
    """The placeholder ``text`` still holds (case and spacing aside), if any."""
    folded = _fold(text)
    return next((p for p in placeholders() if _fold(p) in folded), None)
