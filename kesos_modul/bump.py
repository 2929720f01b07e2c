"""``kesos-modul bump``: raise a module's version and record why, touching nothing else.

The file is edited in place as text at the positions the parser reports, so
comments, key order, quoting and line endings stay exactly as the writer left
them. The result is parsed again and compared with the intended data before
anything is written.
"""

from __future__ import annotations

import codecs
import json
import os
import tempfile
from datetime import date
from pathlib import Path

import yaml

from kesos_modul import yamldoc
from kesos_modul.diff import version_key


class BumpError(Exception):
    """A bump that cannot be done safely; the message is for the writer."""


def next_version(versi: str, part: str) -> str:
    major, minor, patch = version_key(versi)
    if part == "major":
        return f"{major + 1}.0.0"
    if part == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def bump(path: Path, rel: str, part: str, ringkasan: str, today: date) -> str:
    """Raise the version in ``path`` and add the history entry; returns the new version."""
    ringkasan = " ".join(ringkasan.split())
    if len(ringkasan) < 3:
        raise BumpError("ringkasan perubahan (-m) terlalu pendek")
    raw = path.read_bytes()
    doc, problems = yamldoc.parse(rel, raw)
    if doc is None or problems or not isinstance(doc.data, dict):
        raise BumpError(f"{rel} belum dapat dibaca; jalankan 'kesos-modul validate' dan perbaiki dulu")
    versi = doc.data.get("versi")
    try:
        new = next_version(versi, part)
    except (TypeError, ValueError, AttributeError) as exc:
        raise BumpError(f"versi '{versi}' di {rel} bukan versi MAYOR.MINOR.PATCH") from exc
    riwayat = doc.data.get("riwayat")
    versi_node, _ = doc.node("versi")
    riwayat_node, _ = doc.node("riwayat")
    if not isinstance(riwayat, list) or not riwayat or not isinstance(riwayat_node, yaml.SequenceNode):
        raise BumpError(f"{rel} tidak memuat daftar riwayat")
    if riwayat_node.flow_style:
        raise BumpError(
            f"riwayat di {rel} ditulis dalam satu baris [ ]; tulis sebagai daftar bertanda - dulu"
        )

    text = doc.text
    first = riwayat_node.value[0]
    line_start = text.rfind("\n", 0, first.start_mark.index) + 1
    dash = text.index("-", line_start)
    indent, inner = " " * (dash - line_start), " " * first.start_mark.column
    entry = (
        f'{indent}- versi: "{new}"\n'
        f"{inner}tanggal: {today.isoformat()}\n"
        f"{inner}ringkasan: {_scalar(ringkasan)}\n"
    )
    edits = [
        (line_start, line_start, entry),
        (versi_node.start_mark.index, versi_node.end_mark.index, f'"{new}"'),
    ]
    edited = text
    for start, end, replacement in sorted(edits, reverse=True):  # from the end, so offsets hold
        edited = edited[:start] + replacement + edited[end:]

    expected = dict(
        doc.data,
        versi=new,
        riwayat=[{"versi": new, "tanggal": today.isoformat(), "ringkasan": ringkasan}, *riwayat],
    )
    check, problems = yamldoc.parse(rel, edited.encode("utf-8"))
    if check is None or problems or check.data != expected:
        raise BumpError(f"{rel} tidak dapat diubah dengan aman; ubah versi dan riwayat secara manual")
    _write(path, edited, raw)
    return new


def _scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain when YAML reads it back unchanged, else quoted."""
    doc, problems = yamldoc.parse("-", f"x: {value}\n".encode())
    if doc is not None and not problems and doc.data == {"x": value} and not doc.written_as("x"):
        return value
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
