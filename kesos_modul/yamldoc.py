"""Reading YAML without losing anything the writer wrote.

PyYAML's loaders silently keep the last of two duplicate keys, read
``versi: 1.10`` as the float 1.1 and ``no`` as False, and expand aliases without
limit. We compose the node tree with libyaml (fast, with positions), then turn
it into plain data ourselves, so every hazard becomes a finding with a line and
column, and every value keeps the position it came from.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from typing import Any

import yaml

from kesos_modul.findings import Finding, Location, finding

try:  # libyaml ships inside PyYAML's wheels; fall back to pure Python elsewhere
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

MAX_YAML_BYTES = 512 * 1024
MAX_DEPTH = 40

Path = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


@dataclass
class YamlDoc:
    """Plain data from one YAML file, with the position of every value and key."""

    file: str
    data: Any
    marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    # Unquoted scalars that YAML resolved to something other than text:
    # path -> (resolved tag, the text as written).
    resolved: dict[Path, tuple[str, str]] = field(default_factory=dict)

    def loc(self, *path: str | int, key: bool = False) -> Location:
        """Where the value (or, with ``key``, the key) at ``path`` was written.

        Falls back to the nearest enclosing value that has a position.
        """
        p: Path = tuple(path)
        if key and p in self.key_marks:
            line, col = self.key_marks[p]
            return Location(self.file, line, col)
        while True:
            if p in self.marks:
                line, col = self.marks[p]
                return Location(self.file, line, col)
            if not p:
                return Location(self.file, 1, 1)
            p = p[:-1]


def decode(file: str, raw: bytes) -> tuple[str | None, list[Finding]]:
    """Bytes to text: accept a UTF-8 BOM and CRLF line ends, reject anything not UTF-8."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            finding(
                "KM003",
                Location(file, line, column),
                f"berkas bukan UTF-8: byte 0x{raw[exc.start]:02x} pada posisi byte {exc.start} "
                "tidak dapat dibaca",
                "simpan ulang berkas sebagai UTF-8 (di editor: Save with Encoding → UTF-8)",
            )
        ]
    return text.replace("\r\n", "\n"), []


def parse(file: str, raw: bytes) -> tuple[YamlDoc | None, list[Finding]]:
    """Parse one YAML file. Returns no document when it cannot be read safely."""
    if len(raw) > MAX_YAML_BYTES:
        return None, [
            finding(
                "KM008",
                Location(file, 1, 1),
                f"berkas YAML berukuran {len(raw) // 1024} KB, melebihi batas "
                f"{MAX_YAML_BYTES // 1024} KB",
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
        return None, [_syntax_finding(file, exc)]
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml always marks its errors
        return None, [finding("KM001", Location(file, 1, 1), f"YAML tidak valid: {exc}")]
    doc = YamlDoc(file, None)
    if node is None:
        return doc, []
    builder = _Builder(doc)
    doc.data = builder.build(node, (), 0)
    return doc, builder.problems


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
        return [_syntax_finding(file, exc)]
    return found


def _syntax_finding(file: str, exc: yaml.MarkedYAMLError) -> Finding:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or ""
    if "maximum nesting depth" in problem:
        return finding(
            "KM009",
            Location(file, line, column),
            "struktur YAML bersarang terlalu dalam",
            "metadata modul hanya perlu beberapa tingkat; periksa kurung [ ] dan { } yang berlebih",
        )
    if "another document" in problem:
        message = "berkas berisi lebih dari satu dokumen YAML (ada pemisah ---)"
        hint = "satu berkas hanya boleh berisi satu dokumen; hapus baris --- di tengah berkas"
    else:
        context = f"{exc.context}, " if exc.context else ""
        message = f"YAML tidak valid: {context}{problem}".rstrip(", ")
        hint = (
            "periksa tanda kutip, kurung [ ] { } yang belum ditutup, dan titik dua setelah "
            "setiap kunci di sekitar baris ini"
        )
    return finding("KM001", Location(file, line, column), message, hint)


class _Builder:
    """Turns a composed node tree into plain data, recording positions and hazards."""

    def __init__(self, doc: YamlDoc) -> None:
        self.doc = doc
        self.problems: list[Finding] = []

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        mark = node.start_mark
        self.doc.marks[path] = (mark.line + 1, mark.column + 1)
        if depth > MAX_DEPTH:
            self.problems.append(
                finding("KM009", self.doc.loc(*path), "struktur YAML bersarang terlalu dalam")
            )
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            # Keys are names: always their text as written (``no:`` is the key "no").
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else None
            line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if key is None:
                self.problems.append(
                    finding(
                        "KM001",
                        Location(self.doc.file, line, col),
                        "kunci pemetaan harus berupa teks sederhana",
                        "tulis kunci sebagai kata, misalnya judul:",
                    )
                )
                continue
            if key in result:
                first = self.doc.key_marks[(*path, key)][0]
                self.problems.append(
                    finding(
                        "KM002",
                        Location(self.doc.file, line, col),
                        f"kunci '{key}' ditulis dua kali (pertama di baris {first})",
                        "hapus salah satu atau gabungkan isinya; keduanya tidak akan dipakai diam-diam",
                    )
                )
                continue
            self.doc.key_marks[(*path, key)] = (line, col)
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: Path) -> Any:
        tag = node.tag
        if tag == _STR or node.style:  # quoted or block scalars are always text
            return node.value
        if tag.endswith(":null"):
            return None
        if tag.endswith(":timestamp"):
            return node.value  # dates stay as written; rules check them
        if tag.endswith((":int", ":float", ":bool")):
            self.doc.resolved[path] = (tag.rsplit(":", 1)[1], node.value)
            method = {
                "int": _CONSTRUCTOR.construct_yaml_int,
                "float": _CONSTRUCTOR.construct_yaml_float,
                "bool": _CONSTRUCTOR.construct_yaml_bool,
            }[tag.rsplit(":", 1)[1]]
            return method(node)
        self.problems.append(
            finding(
                "KM001",
                self.doc.loc(*path),
                f"tag YAML '{tag}' tidak didukung",
                "hapus tag (kata yang diawali !) dan tulis nilainya sebagai teks biasa",
            )
        )
        return node.value
