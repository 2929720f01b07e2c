"""What an approval (*pengesahan*) binds: the digest of a module's content, and
which approval, if any, covers the content as it is now.

The digest (*sidik*) covers everything a trainee reads or a facilitator uses:
the metadata, the answer keys, every chapter and every image. It leaves out
only the fields that record the life cycle itself (status, dates, reviewers,
approver, and the approval records), so approving a module, or sending it back
to review, never changes the digest it is bound to.

An approval stays valid while the digest matches. After a change it is valid
again only when the module is approved again, or when a reviewer marks a
*patch* version as an editorial change (``perbaikan_redaksional``): wording,
spelling, a broken link. A minor or major version always needs a new approval.
"""

from __future__ import annotations

import hashlib
import json
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kesos_modul.bahasa import tanggal
from kesos_modul.diff import version_key
from kesos_modul.model import Modul, Persetujuan, Riwayat

# Top-level fields of modul.yaml that record the life cycle, not the content.
LIFECYCLE = frozenset({"status", "tanggal_disahkan", "tanggal_telaah_berikutnya", "penelaah", "pengesah"})
# Fields of a riwayat entry that record an approval, not the content.
RECORDS = frozenset({"pengesahan", "perbaikan_redaksional"})


# Digests already computed, by module object and history entry (0: as written): the
# model is immutable, and every page of a module shows its approval (and the preview
# re-renders every module's approval, katalog.json, on each save).
_KNOWN: dict[tuple[int, int], tuple[weakref.ref[Modul], str]] = {}


def sidik(m: Modul) -> str:
    """The SHA-256 digest of a module's content (hex): what an approval is bound to."""
    return _known(m, 0, lambda: _digest(m))


def _known(m: Modul, i: int, compute: Callable[[], str]) -> str:
    key = (id(m), i)
    known = _KNOWN.get(key)
    if known is not None and known[0]() is m:
        return known[1]
    value = compute()
    _KNOWN[key] = (weakref.ref(m, lambda _: _KNOWN.pop(key, None)), value)
    return value


def _digest(m: Modul, data: Any = None) -> str:
    """The digest of ``m``'s content, its metadata being ``data`` (by default, as written)."""
    digest = hashlib.sha256()
    digest.update(_part(_content(m.doc.data if data is None else data)))
    digest.update(_rest(m))
    return digest.hexdigest()


def _part(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8") + b"\x1e"


def _rest(m: Modul) -> bytes:
    """What the digest reads after the metadata: the answer keys, the chapters, the images."""
    parts = [_part(m.kunci_doc.data if m.kunci_doc else None)]
    for name, bab in sorted(m.bab.items()):
        # what _part([name, bab.teks]) writes, with the chapter's text escaped faster
        teks = b"null" if bab.teks is None else json_text(bab.teks)
        parts.append(b"[" + json_text(name) + b", " + teks + b"]\x1e")
    parts.append(_part(sorted(m.aset.items())))
    return b"".join(parts)


def sidik_versi(m: Modul, i: int) -> str:
    """The digest the content had when ``m.riwayat[i]`` was its newest entry, if nothing but
    the version and the history changed since: a version raised after an approval (``bump``)
    leaves the approved content as it was."""
    if i == 0:
        return sidik(m)
    data = m.doc.data
    if not isinstance(data, dict) or not isinstance(data.get("riwayat"), list):
        return ""
    as_of = {**data, "versi": m.riwayat[i].versi, "riwayat": data["riwayat"][i:]}
    return _known(m, i, lambda: _digest(m, as_of))


# What json.dumps escapes in text (ensure_ascii=False) by a short form; it writes
# any other control character as \u00XX.
_ESCAPES = (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"))
_CONTROL_BYTES = bytes(range(0x20))


def json_text(text: str) -> bytes:
    """``json.dumps(text, ensure_ascii=False)`` in UTF-8. Done by ``str.replace``
    (memchr-fast), not json's loop over every character, which took most of the
    digest's time: a text with any other control character (a chapter never has
    one, decoding refuses them) goes to json.dumps itself."""
    escaped = text
    for char, form in _ESCAPES:
        if char in escaped:
            escaped = escaped.replace(char, form)
    raw = f'"{escaped}"'.encode()
    if len(raw.translate(None, _CONTROL_BYTES)) != len(raw):
        return json.dumps(text, ensure_ascii=False).encode("utf-8")
    return raw


def _content(data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    out = {k: v for k, v in data.items() if k not in LIFECYCLE}
    riwayat = out.get("riwayat")
    if isinstance(riwayat, list):
        out["riwayat"] = [
            {k: v for k, v in r.items() if k not in RECORDS} if isinstance(r, dict) else r for r in riwayat
        ]
    return out


@dataclass(frozen=True)
class Berlaku:
    """The approval that covers a module's current content."""

    versi: str  # the version that was approved
    pengesahan: Persetujuan
    # the newest editorial mark, when the content shown is a patch of the approved version
    versi_redaksional: str | None = None
    redaksional: Persetujuan | None = None


def berlaku(m: Modul, current: str | None = None) -> Berlaku | None:
    """The approval of exactly this content, or None when there is none.

    The newest approval, or the newest editorial mark above it, holds when the
    content is what it covered. A version raised since, with nothing else changed,
    does not void it (:func:`sidik_versi`). ``current`` is the module's digest when
    the caller has it already.
    """
    for i, entry in enumerate(m.riwayat):
        record = entry.pengesahan or entry.perbaikan_redaksional
        if record is None:
            continue
        if record.sidik == ((current or sidik(m)) if i == 0 else sidik_versi(m, i)):
            if entry.pengesahan is not None:
                return Berlaku(entry.versi, entry.pengesahan)
            base = dasar_redaksional(m, i)
            if base is not None and base.pengesahan is not None:
                return Berlaku(base.versi, base.pengesahan, entry.versi, entry.perbaikan_redaksional)
        if entry.pengesahan is not None:
            return None  # an older approval never covers what a newer one did not
    return None


def dasar_redaksional(m: Modul, i: int = 0) -> Riwayat | None:
    """The approved entry an editorial patch (``m.riwayat[i]``, by default the top one) may rest
    on: the newest approved entry below it, if it has the same major and minor version."""
    patch = m.riwayat[i]
    for entry in m.riwayat[i + 1 :]:
        if entry.pengesahan is not None:
            return entry if version_key(entry.versi)[:2] == version_key(patch.versi)[:2] else None
    return None


def tercatat(m: Modul) -> Riwayat | None:
    """The newest history entry with an approval record, whatever content it covers."""
    return next((r for r in m.riwayat if r.pengesahan is not None), None)


def uraian(m: Modul) -> list[str]:
    """The approval of exactly the content shown, in the words every output uses."""
    valid = berlaku(m) if m.status == "disahkan" else None
    if valid is None:
        earlier = tercatat(m)
        lines = ["Belum disahkan."]
        if earlier is not None and earlier.pengesahan is not None:
            p = earlier.pengesahan
            lines.append(
                f"Versi {earlier.versi} disahkan {tanggal(p.tanggal)} oleh {p.oleh}; "
                f"isi versi {m.versi} belum disahkan."
            )
        return lines
    p = valid.pengesahan
    jabatan = (
        f" ({m.pengesah.jabatan}, {m.pengesah.instansi})" if m.pengesah and m.pengesah.nama == p.oleh else ""
    )
    lines = [
        f"Versi {valid.versi} disahkan {tanggal(p.tanggal)} oleh {p.oleh}{jabatan}; sidik {p.sidik[:12]}."
    ]
    if valid.redaksional is not None:
        r = valid.redaksional
        lines.append(
            f"Versi {valid.versi_redaksional}: perbaikan redaksional, diperiksa {r.oleh} pada "
            f"{tanggal(r.tanggal)}; sidik {r.sidik[:12]}."
        )
    return lines


def as_dict(m: Modul) -> dict[str, Any] | None:
    """The approval of exactly this content, for open data (None: not approved)."""
    valid = berlaku(m) if m.status == "disahkan" else None
    if valid is None:
        return None
    p, r = valid.pengesahan, valid.redaksional
    return {
        "versi": valid.versi,
        "oleh": p.oleh,
        "jabatan": m.pengesah.jabatan if m.pengesah and m.pengesah.nama == p.oleh else None,
        "tanggal": p.tanggal,
        "sidik": p.sidik,
        "perbaikan_redaksional": (
            {"versi": valid.versi_redaksional, "oleh": r.oleh, "tanggal": r.tanggal, "sidik": r.sidik}
            if r
            else None
        ),
    }
