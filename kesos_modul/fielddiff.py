"""Field by field: what changed between two versions of a YAML file's data.

Generic over the data, so a field added to the schema later is compared with no
code change. Lists of mappings are matched by an identity key, so inserting one
item does not show every later item as changed; lists of plain values give the
items added and removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Keys that identify an item of a list of mappings, in order of preference; the
# first one every item has, with distinct values, is used (else the position).
IDENTITAS = ("id", "bab", "versi", "istilah", "nama", "evaluasi", "kode")
_LABEL = 60  # characters of an item's name in a place


@dataclass(frozen=True)
class Kolom:
    """One place in the metadata that changed."""

    kolom: str  # the YAML path, items by identity: materi_pokok[bab=02-x.md].metode
    tempat: str  # the same place in words: materi_pokok "Prinsip …" › metode
    perubahan: str  # diubah | ditambah | dihapus | urutan
    lama: Any
    baru: Any
    ditambah: tuple[Any, ...] = ()  # items of a list of plain values
    dihapus: tuple[Any, ...] = ()


def changes(old: Any, new: Any) -> list[Kolom]:
    """Every place where ``new`` differs from ``old``, in the order of the new file."""
    out: list[Kolom] = []
    _compare(old, new, "", "", out)
    return out


def short(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def _compare(old: Any, new: Any, path: str, place: str, out: list[Kolom]) -> None:
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*new, *(k for k in old if k not in new)]:
            p, w = f"{path}.{key}" if path else str(key), f"{place} › {key}" if place else str(key)
            if key not in old:
                out.append(Kolom(p, w, "ditambah", None, new[key]))
            elif key not in new:
                out.append(Kolom(p, w, "dihapus", old[key], None))
            else:
                _compare(old[key], new[key], p, w, out)
    elif isinstance(old, list) and isinstance(new, list):
        if all(isinstance(x, dict) for x in old + new):
            _items(old, new, path, place, out)
        else:
            added = tuple(v for v in new if v not in old)
            removed = tuple(v for v in old if v not in new)
            out.append(
                Kolom(path, place, "diubah" if added or removed else "urutan", old, new, added, removed)
            )
    else:
        out.append(Kolom(path, place, "diubah", old, new))


def _items(old: list[dict], new: list[dict], path: str, place: str, out: list[Kolom]) -> None:
    key = next((k for k in IDENTITAS if _identity_of(k, old) and _identity_of(k, new)), None)
    before = {(x[key] if key else i): x for i, x in enumerate(old)}
    after = {(x[key] if key else i): x for i, x in enumerate(new)}

    def name(ident: Any, item: dict) -> str:
        return f'"{short(str(item.get("judul") or ident), _LABEL)}"' if key else f"ke-{ident + 1}"

    def where(ident: Any, item: dict) -> tuple[str, str]:
        return f"{path}[{key}={ident}]" if key else f"{path}[{ident}]", f"{place} {name(ident, item)}"

    for ident, item in after.items():
        p, w = where(ident, item)
        if ident in before:
            _compare(before[ident], item, p, w, out)
        else:
            out.append(Kolom(p, w, "ditambah", None, item))
    for ident, item in before.items():
        if ident not in after:
            out.append(Kolom(*where(ident, item), "dihapus", item, None))
    order_old = [name(i, after[i]) for i in before if i in after]
    order_new = [name(i, x) for i, x in after.items() if i in before]
    if key is not None and order_old != order_new:
        out.append(Kolom(path, place, "urutan", order_old, order_new))


def _identity_of(key: str, items: list[dict]) -> bool:
    """Whether ``key`` identifies every item of ``items``: present, a plain value, distinct."""
    values = [item.get(key) for item in items]
    plain = all(isinstance(v, str | int) and not isinstance(v, bool) for v in values)
    return plain and len(set(values)) == len(values)
