"""Small, safe edits to a writer's YAML file: set a field, add a list item.

The file is edited as text at the positions the parser reports, so comments,
key order, quoting and line endings elsewhere stay exactly as the writer left
them. Every edit is also applied to a copy of the data; before anything is
written the edited text is parsed again and must give exactly that data, so an
edit either does what it says or writes nothing.
"""

from __future__ import annotations

import codecs
import copy
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml

from kesos_modul import yamldoc


class EditError(Exception):
    """An edit that cannot be done safely; the message is for the writer."""


class YamlEdit:
    """Edits to one YAML file, written together by :meth:`write`."""

    def __init__(self, path: Path, rel: str) -> None:
        self.path, self.rel = path, rel
        self.raw = path.read_bytes()
        doc, problems = yamldoc.parse(rel, self.raw)
        if doc is None or problems or not isinstance(doc.data, dict):
            raise EditError(f"{rel} belum dapat dibaca; jalankan 'kesos-modul validate' dan perbaiki dulu")
        self.doc = doc
        self.data = doc.data
        self.expected = copy.deepcopy(doc.data)
        self._edits: list[tuple[int, int, str]] = []

    def set(self, path: tuple[str | int, ...], key: str, value: Any, after: tuple[str, ...] = ()) -> None:
        """Set ``key`` in the mapping at ``path`` to ``value`` (text, a mapping, or a list of mappings).

        A new key goes after the first of ``after`` that exists, else after the last key.
        """
        mapping = self._block(path, yaml.MappingNode, ".".join(map(str, path)) or "berkas")
        text = self.doc.text
        pairs = {k.value: (k, v) for k, v in mapping.value}
        indent = mapping.value[0][0].start_mark.column if mapping.value else 0
        if key in pairs:
            key_node, old = pairs[key]
            if isinstance(old, yaml.ScalarNode) and old.style not in ("|", ">") and isinstance(value, str):
                self._edits.append((old.start_mark.index, old.end_mark.index, scalar(value)))
            else:
                start = key_node.start_mark.index
                self._edits.append((start, _end_of(text, old), f"{key}:{_render(value, indent + 2)}"))
        else:
            anchor = next((pairs[a][1] for a in after if a in pairs), mapping.value[-1][1])
            at = _end_of(text, anchor)
            self._edits.append((at, at, f"{' ' * indent}{key}:{_render(value, indent + 2)}"))
        _walk(self.expected, path)[key] = copy.deepcopy(value)

    def add(self, path: tuple[str | int, ...], item: dict[str, Any], first: bool = False) -> None:
        """Add ``item`` (a mapping) to the block list at ``path``: at the end, or ``first``."""
        where = ".".join(map(str, path))
        items = self._block(path, yaml.SequenceNode, where)
        if not items.value:
            raise EditError(f"{where} di {self.rel} kosong; tulis butir pertamanya dengan tangan")
        text = self.doc.text
        head = items.value[0]
        line_start = text.rfind("\n", 0, head.start_mark.index) + 1
        dash = text.index("-", line_start)
        entry = _item(item, dash - line_start)
        at = line_start if first else _end_of(text, items.value[-1])
        self._edits.append((at, at, entry))
        target = _walk(self.expected, path)
        target.insert(0 if first else len(target), copy.deepcopy(item))

    def write(self) -> None:
        """Apply every edit, check the result gives the intended data, and write atomically."""
        edited = self.doc.text
        for start, end, replacement in sorted(self._edits, reverse=True):  # from the end: offsets hold
            edited = edited[:start] + replacement + edited[end:]
        check, problems = yamldoc.parse(self.rel, edited.encode("utf-8"))
        if check is None or problems or check.data != self.expected:
            raise EditError(f"{self.rel} tidak dapat diubah dengan aman; ubah dengan tangan")
        _write(self.path, edited, self.raw)

    def _block(self, path: tuple[str | int, ...], kind: type, where: str) -> Any:
        node, _ = self.doc.node(*path)
        if path and self.doc.node(*path[:-1])[0] is node:  # the path stopped early: absent
            node = None
        if not isinstance(node, kind):
            raise EditError(f"{where} di {self.rel} tidak ada atau bukan {_KIND[kind]}")
        if node.flow_style:
            raise EditError(
                f"{where} di {self.rel} ditulis dalam satu baris ({_FLOW[kind]}); "
                "tulis sebagai blok bertingkat dulu"
            )
        return node


_KIND = {yaml.MappingNode: "pemetaan", yaml.SequenceNode: "daftar"}
_FLOW = {yaml.MappingNode: "{ }", yaml.SequenceNode: "[ ]"}


def _walk(data: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def _end_of(text: str, node: yaml.Node) -> int:
    """The start of the line after ``node``'s last line (its value, however deep)."""
    while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    end = node.end_mark.index
    if end > 0 and text[end - 1] == "\n":  # block scalars end after their line break
        return end
    newline = text.find("\n", end)
    return len(text) if newline < 0 else newline + 1


def _render(value: Any, indent: int) -> str:
    """What follows ``key:`` for ``value``, ending with a line break."""
    if isinstance(value, dict):
        pad = " " * indent
        return "\n" + "".join(f"{pad}{k}:{_render(v, indent + 2)}" for k, v in value.items())
    if isinstance(value, list):
        return "\n" + "".join(_item(item, indent) for item in value)
    return f" {scalar(value)}\n"


def _item(item: dict[str, Any], indent: int) -> str:
    lines = _render(item, indent + 2).lstrip("\n")
    return " " * indent + "- " + lines[indent + 2 :]


def scalar(value: Any) -> str:
    """``value`` as a YAML scalar: plain when YAML reads it back unchanged, else quoted.

    Numbers-and-dots such as versions are always quoted, as the schema asks, so a
    later hand edit from 1.2.0 to 1.10 cannot turn into the number 1.1.
    """
    if isinstance(value, str) and re.fullmatch(r"[0-9.]+", value):
        return json.dumps(value)
    doc, problems = yamldoc.parse("-", f"x: {value}\n".encode())
    if doc is not None and not problems and doc.data == {"x": value} and not doc.written_as("x"):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _write(path: Path, text: str, original: bytes) -> None:
    """Write atomically, keeping the original's BOM and line endings."""
    if b"\r\n" in original:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    if original.startswith(codecs.BOM_UTF8):
        data = codecs.BOM_UTF8 + data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
