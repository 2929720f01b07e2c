"""Reading YAML without losing anything the writer wrote.

PyYAML's loaders silently keep the last of two duplicate keys, read
``versi: 1.10`` as the float 1.1 and ``no`` as False, and expand aliases without
limit. We compose the node tree with libyaml (fast, with positions), then turn
it into plain data ourselves, so every hazard becomes a finding with a line and
column, and every value keeps the position it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import yaml

from kesos_modul.findings import Code, E, Finding, Location, declare, finding
from kesos_modul.textfile import decode
from kesos_modul.yamlerrors import syntax_finding

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


# libyaml (inside PyYAML's wheels) parses; the pure-Python parser is the fallback.
_BaseLoader: type = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
# Untagged scalars get a tag of our own, so an explicit ``!!str 1.10`` stays text.
_UNTAGGED = "tag:kesos-modul,2026:untagged"
_TAGS = {
    yaml.ScalarNode: _UNTAGGED,
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}


class _Loader(_BaseLoader):
    """Composes nodes without resolving plain scalars: :class:`_Builder`
    resolves values (never keys) itself, which is faster and is exactly what the
    hazard checks need."""

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        return _TAGS[kind]


# PyYAML's YAML 1.1 implicit types (int, float, bool, null, timestamp), by first character.
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers

MAX_YAML_BYTES = 512 * 1024
MAX_DEPTH = 40

_YAML_TAG = "tag:yaml.org,2002:"
_STR = _YAML_TAG + "str"
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


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
        kind = _implicit_tag(node.value).rsplit(":", 1)[1]
        return (kind, node.value) if kind in _CONSTRUCT else None


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
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [syntax_finding(file, exc)]
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml always marks its errors
        return None, [finding("KM001", Location(file, 1, 1), f"YAML tidak valid: {exc}")]
    if node is None:
        return YamlDoc(file, None, text), []
    builder = _Builder(file)
    data = builder.build(node, 0)
    return YamlDoc(file, data, text, frozenset(builder.rusak)), builder.problems


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


class _Builder:
    """Turns a composed node tree into plain data, collecting hazards."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Finding] = []
        self.rusak: set[str] = set()  # top-level keys with a problem inside
        self._top: str | None = None  # the top-level key being built

    def _problem(self, found: Finding) -> None:
        self.problems.append(found)
        if self._top is not None:
            self.rusak.add(self._top)

    def _where(self, node: yaml.Node) -> Location:
        return Location(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: yaml.Node, depth: int) -> Any:
        if _is_text(node) and depth <= MAX_DEPTH:  # most values: nothing to resolve or check
            return node.value
        if depth > MAX_DEPTH:
            self._problem(finding("KM009", self._where(node), "struktur YAML bersarang terlalu dalam"))
            return None
        if not isinstance(node, yaml.ScalarNode) and node.tag != _TAGS[type(node)]:
            self._unsupported_tag(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, depth)
        if isinstance(node, yaml.SequenceNode):
            deeper = depth + 1
            return [
                item.value if _is_text(item) and deeper <= MAX_DEPTH else self.build(item, deeper)
                for item in node.value
            ]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if depth == 0:  # a key that is no text is no field: nothing to mark
                self._top = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(
                    finding(
                        "KM001",
                        self._where(key_node),
                        "kunci pemetaan harus berupa teks sederhana",
                        "tulis kunci sebagai kata, misalnya judul:",
                    )
                )
                continue
            # Keys are names: always their text as written (``no:`` is the key "no").
            key = key_node.value
            if key in result:
                self._problem(
                    finding(
                        "KM002",
                        self._where(key_node),
                        f"kunci '{key}' ditulis dua kali (pertama di baris {first_line[key]})",
                        "hapus salah satu atau gabungkan isinya; keduanya tidak akan dipakai diam-diam",
                    )
                )
                continue
            first_line[key] = key_node.start_mark.line + 1
            if _is_text(value_node) and depth < MAX_DEPTH:
                result[key] = value_node.value
            else:
                result[key] = self.build(value_node, depth + 1)
        if depth == 0:
            self._top = None
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag == _STR or (tag == _UNTAGGED and node.style):  # quoted or block scalars are text
            return node.value
        if tag == _UNTAGGED:
            value = node.value
            if value.isascii() and value.isdigit() and (value[0] != "0" or value == "0"):
                return int(value)  # a plain decimal (jp: 2), as YAML reads it, without its regexps
            tag = _implicit_tag(value)
            if tag == _STR:
                return node.value
        if tag == _YAML_TAG + "null":
            return None
        if tag == _YAML_TAG + "timestamp":
            return node.value  # dates stay as written; rules check them
        construct = _CONSTRUCT.get(tag.removeprefix(_YAML_TAG))
        if construct is not None:
            try:
                return construct(yaml.ScalarNode(tag, node.value))
            except (ValueError, yaml.YAMLError):  # an explicit !!int on text that is no number
                pass
        self._unsupported_tag(node)
        return node.value

    def _unsupported_tag(self, node: yaml.Node) -> None:
        self._problem(
            finding(
                "KM001",
                self._where(node),
                f"tag YAML '{node.tag}' tidak didukung",
                "hapus tag (kata yang diawali !) dan tulis nilainya sebagai teks biasa; "
                "bila ! memang bagian dari teks, tulis seluruh teks dalam tanda kutip",
            )
        )


# The first characters with which a plain scalar may be read as something else than
# text (a None key would mean: any first character).
_MAYBE_TYPED = frozenset(_IMPLICIT)


def _is_text(node: yaml.Node) -> bool:
    """A scalar that is text as written: untagged, and quoted, a block, or plain with
    a first character no implicit type starts with. :meth:`_Builder._scalar` would
    return its value unchanged; this decides it without the calls."""
    return (
        node.__class__ is yaml.ScalarNode
        and node.tag == _UNTAGGED
        and (bool(node.style) or (None not in _MAYBE_TYPED and node.value[:1] not in _MAYBE_TYPED))
    )


def _implicit_tag(value: str) -> str:
    """The type YAML 1.1 gives an unquoted scalar (as PyYAML's SafeLoader would)."""
    for tag, regexp in (*_IMPLICIT.get(value[:1], ()), *_IMPLICIT.get(None, ())):
        if regexp.match(value):
            return tag
    return _STR


_CONSTRUCT = {
    "int": _CONSTRUCTOR.construct_yaml_int,
    "float": _CONSTRUCTOR.construct_yaml_float,
    "bool": _CONSTRUCTOR.construct_yaml_bool,
}
