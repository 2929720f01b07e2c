"""KM212/KM213: text left from ``kesos-modul new`` that the writer has not replaced.

While a module is a draft, a placeholder is a reminder (a warning, so a fresh
scaffold validates); from review on it would reach reviewers and trainees as
content, so it is an error. The placeholders are the ones the scaffold's
templates mark (:mod:`kesos_modul.teks_contoh`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kesos_modul import teks_contoh
from kesos_modul.findings import Code, E, Finding, Location, W, finding
from kesos_modul.markdown import prose_lines
from kesos_modul.model import Kurikulum, Modul
from kesos_modul.rules import Context, rule


@rule(
    Code(
        "KM212",
        "teks-contoh",
        W,
        "Teks contoh dari kesos-modul new belum diganti; peringatan selama status draf.",
    ),
    Code(
        "KM213",
        "teks-contoh-belum-diganti",
        E,
        "Teks contoh dari kesos-modul new masih ada padahal status modul telaah, disahkan atau usang.",
    ),
    reads=("status",),
    per_module=True,
)
def placeholders_left(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    for m in kur.modul:
        code, hint = _severity(m)
        for doc in (m.doc, m.kunci_doc):
            if doc is None or not teks_contoh.anywhere(doc.text):
                continue
            for path, value in _strings(doc.data, ()):
                if placeholder := teks_contoh.within(value):
                    yield finding(
                        code,
                        doc.loc(*path),
                        f"{_field(path)}: teks contoh '{placeholder}' belum diganti",
                        hint,
                    )
        for _, bab in sorted(m.bab.items()):
            if bab.teks is None or not teks_contoh.anywhere(bab.teks):
                continue
            for number, (line, prose) in enumerate(prose_lines(bab.teks), 1):
                if prose and (placeholder := teks_contoh.within(line)):
                    yield finding(
                        code,
                        Location(bab.berkas, number, 1),
                        f"teks contoh '{placeholder}' belum diganti",
                        hint,
                    )


def _severity(m: Modul) -> tuple[str, str]:
    if m.status == "draf":
        return (
            "KM212",
            "ganti dengan isi modul yang sebenarnya; mulai status telaah teks contoh menjadi galat",
        )
    return (
        "KM213",
        f"ganti dengan isi modul yang sebenarnya sebelum modul berstatus {m.status}, "
        "atau kembalikan status ke draf selama masih ditulis",
    )


def _strings(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*path, i))


def _field(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
