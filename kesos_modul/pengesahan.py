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
from dataclasses import dataclass
from typing import Any

from kesos_modul.bahasa import tanggal
from kesos_modul.diff import version_key
from kesos_modul.model import Modul, Persetujuan, Riwayat

# Top-level fields of modul.yaml that record the life cycle, not the content.
LIFECYCLE = frozenset({"status", "tanggal_disahkan", "tanggal_telaah_berikutnya", "penelaah", "pengesah"})
# Fields of a riwayat entry that record an approval, not the content.
RECORDS = frozenset({"pengesahan", "perbaikan_redaksional"})


# Digests already computed, by module object: the model is immutable, and the
# preview re-renders every module's approval (katalog.json) on each save.
_KNOWN: dict[int, tuple[weakref.ref[Modul], str]] = {}


def sidik(m: Modul) -> str:
    """The SHA-256 digest of a module's content (hex): what an approval is bound to."""
    known = _KNOWN.get(id(m))
    if known is not None and known[0]() is m:
        return known[1]
    value, key = _digest(m), id(m)
    _KNOWN[key] = (weakref.ref(m, lambda _: _KNOWN.pop(key, None)), value)
    return value


def _digest(m: Modul) -> str:
    digest = hashlib.sha256()

    def part(value: Any) -> None:
        written(json.dumps(value, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8"))

    def written(raw: bytes) -> None:
        digest.update(raw)
        digest.update(b"\x1e")

    part(_content(m.doc.data))
    part(m.kunci_doc.data if m.kunci_doc else None)
    for name, bab in sorted(m.bab.items()):
        # what part([name, bab.teks]) writes, with the chapter's text escaped faster
        teks = b"null" if bab.teks is None else json_text(bab.teks)
        written(b"[" + json_text(name) + b", " + teks + b"]")
    part(sorted(m.aset.items()))
    return digest.hexdigest()


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

    ``current`` is the module's digest when the caller has it already.
    """
    current = current or sidik(m)
    top = m.riwayat[0] if m.riwayat else None
    if top is None:
        return None
    if top.pengesahan and top.pengesahan.sidik == current:
        return Berlaku(top.versi, top.pengesahan)
    mark = top.perbaikan_redaksional
    if mark is None or mark.sidik != current:
        return None
    approved = dasar_redaksional(m)
    if approved is None or approved.pengesahan is None:
        return None
    return Berlaku(approved.versi, approved.pengesahan, top.versi, mark)


def dasar_redaksional(m: Modul) -> Riwayat | None:
    """The approved entry an editorial patch at the top of the history may rest on:
    the newest approved entry below it, if it has the same major and minor version."""
    top = m.riwayat[0]
    for entry in m.riwayat[1:]:
        if entry.pengesahan is not None:
            return entry if version_key(entry.versi)[:2] == version_key(top.versi)[:2] else None
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
