"""``kesos-modul bump``: raise a module's version and record why, touching nothing else.

Only the version line and the new history entry change (see :mod:`kesos_modul.yamledit`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kesos_modul.diff import version_key
from kesos_modul.yamledit import EditError, YamlEdit


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
    try:
        edit = YamlEdit(path, rel)
        versi = edit.data.get("versi")
        try:
            new = next_version(versi, part)
        except (TypeError, ValueError, AttributeError) as exc:
            raise BumpError(f"versi '{versi}' di {rel} bukan versi MAYOR.MINOR.PATCH") from exc
        edit.set((), "versi", new)
        edit.add(
            ("riwayat",), {"versi": new, "tanggal": today.isoformat(), "ringkasan": ringkasan}, first=True
        )
        edit.write()
    except EditError as exc:
        raise BumpError(str(exc)) from exc
    return new
