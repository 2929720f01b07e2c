"""Reading YAML without losing anything the writer wrote.

PyYAML's loaders silently keep the last of two duplicate keys, read
``versi: 1.10`` as the float 1.1 and ``no`` as False, and expand aliases without
limit. We read plain data from libyaml's parse events ourselves
(:mod:`kesos_modul.yamlread`), so every hazard becomes a finding with a line and
column; the node tree, with every value's position, is composed only when a
later finding needs a place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import yaml

from kesos_modul.findings import Code, E, Finding, Location, declare, finding
from kesos_modul.textfile import decode
from kesos_modul.yamlerrors import syntax_finding
from kesos_modul.yamlread import CONSTRUCT, BaseLoader, NotPlain, Reader, implicit_tag

# The codes this stage reports (the catalogue gathers them from every stage).
declare(
    Code(
        "KM001",
        "yaml-tidak-valid",
        E,
        "Berkas YAML tidak dapat dibaca (sintaks salah, struktur tidak tertutup, lebih dari satu dokumen).",
    ),
    Code(
        "KM002",
        "kunci-ganda",
        E,
        "Kunci yang sama ditulis dua kali dalam satu pemetaan; YAML biasa diam-diam membuang yang pertama.",
    ),
    Code("KM004", "tab-indentasi", E, "Indentasi memakai karakter tab; YAML hanya menerima spasi."),
    Code(
        "KM007",
        "alias-yaml",
        E,
        "Anchor (&) dan alias (*) YAML tidak diizinkan: sulit ditelaah dan dapat membengkak tanpa batas.",
    ),
    Code("KM008", "berkas-terlalu-besar", E, "Berkas melebihi batas ukuran untuk metadata atau bab."),
    Code("KM009", "terlalu-bersarang", E, "Struktur YAML bersarang terlalu dalam."),
)


# Untagged scalars get a tag of our own, so an explicit ``!!str 1.10`` stays text.
_UNTAGGED = "tag:kesos-modul,2026:untagged"
_TAGS = {
    yaml.ScalarNode: _UNTAGGED,
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}


class _Loader(BaseLoader):
    """Composes nodes (for positions) without resolving plain scalars."""

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        return _TAGS[kind]


MAX_YAML_BYTES = 512 * 1024


@dataclass
class YamlDoc:
    """Plain data from one YAML file, and the node tree it came from.

    Positions are looked up only when a finding needs one: the text is composed
    again then, so loading a valid file keeps nothing but its data and text.
    """

    file: str
    data: Any
    text: str = field(default="", repr=False)
    # Top-level keys whose value YAML could not read faithfully (a duplicate key,
    # an unsupported tag, nesting too deep inside it): their data is not to be trusted.
    rusak: frozenset[str] = frozenset()

    @cached_property
    def root(self) -> yaml.Node | None:
        return yaml.compose(self.text, Loader=_Loader)

    def node(self, *path: str | int) -> tuple[yaml.Node | None, yaml.Node | None]:
        """The deepest node along ``path``, and the key node when the last step is a key."""
        node, key_node = self.root, None
        for step in path:
            if isinstance(node, yaml.MappingNode) and isinstance(step, str):
                match = next(((k, v) for k, v in node.value if getattr(k, "value", None) == step), None)
                if match is None:
                    break
                key_node, node = match
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                key_node, node = None, node.value[step]
            else:
                break
        return node, key_node

    def loc(self, *path: str | int, key: bool = False) -> Location:
        """Where the value (or, with ``key``, the key) at ``path`` was written.

        Falls back to the nearest enclosing value that exists.
        """
        node, key_node = self.node(*path)
        target = key_node if key and key_node is not None else node
        if target is None:
            return Location(self.file, 1, 1)
        return Location(self.file, target.start_mark.line + 1, target.start_mark.column + 1)

    def written_as(self, *path: str | int) -> tuple[str, str] | None:
        """``(type, text)`` when the value at ``path`` is an unquoted scalar that
        YAML reads as a number or boolean; None otherwise."""
        node, _ = self.node(*path)
        if not isinstance(node, yaml.ScalarNode) or node.style or node.tag != _UNTAGGED:
            return None
        kind = implicit_tag(node.value).rsplit(":", 1)[1]
        return (kind, node.value) if kind in CONSTRUCT else None


def parse(file: str, raw: bytes) -> tuple[YamlDoc | None, list[Finding]]:
    """Parse one YAML file. Returns no document when it cannot be read safely."""
    if len(raw) > MAX_YAML_BYTES:
        return None, [
            finding(
                "KM008",
                Location(file, 1, 1),
                f"berkas YAML berukuran {len(raw) // 1024} KB, melebihi batas {MAX_YAML_BYTES // 1024} KB",
                "metadata modul biasanya beberapa KB; pindahkan teks panjang ke berkas bab",
            )
        ]
    text, problems = decode(file, raw)
    if text is None:
        return None, problems
    problems = _tab_indents(file, text) + _anchors(file, text)
    if problems:
        return None, problems
    reader = Reader(file, text)
    try:
        data = reader.document()
    except (yaml.YAMLError, NotPlain):
        return None, [_unreadable(file, text)]
    return YamlDoc(file, data, text, frozenset(reader.rusak)), reader.problems


def _unreadable(file: str, text: str) -> Finding:
    """What is wrong with a text that is no single YAML document, in the words of
    composing it (which also names a second document)."""
    try:
        yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return syntax_finding(file, exc)
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml always marks its errors
        return finding("KM001", Location(file, 1, 1), f"YAML tidak valid: {exc}")
    raise AssertionError("composed a text its events could not be read from")  # pragma: no cover


def _tab_indents(file: str, text: str) -> list[Finding]:
    if "\t" not in text:
        return []
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            found.append(
                finding(
                    "KM004",
                    Location(file, number, indent.index("\t") + 1),
                    "indentasi memakai tab",
                    "ganti tab dengan spasi (dua spasi per tingkat); atur editor agar menyisipkan spasi",
                )
            )
    return found


def _anchors(file: str, text: str) -> list[Finding]:
    """Aliases are refused before composing, so an alias bomb is never expanded."""
    if "&" not in text and "*" not in text:
        return []
    found = []
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
                mark = token.start_mark
                kind = "anchor" if isinstance(token, yaml.AnchorToken) else "alias"
                found.append(
                    finding(
                        "KM007",
                        Location(file, mark.line + 1, mark.column + 1),
                        f"{kind} YAML '{token.value}' tidak diizinkan",
                        "tulis nilainya secara lengkap di setiap tempat; bila isinya teks, "
                        "beri tanda kutip agar & dan * tidak dibaca sebagai anchor/alias",
                    )
                )
    except yaml.MarkedYAMLError as exc:
        return [syntax_finding(file, exc)]
    return found
