"""KM804, KM805: which files of a module folder are published beside its page.

Only images are published: a browser opens an HTML file or a script as a page
of the site, with the site's rights, so those are findings, never copied. An
SVG is an image that can carry script, so it is read with ``defusedxml`` (no
entity expansion, no external entities) and refused when it holds a script,
an event handler, a foreign object, or a reference to another file or host.
"""

from __future__ import annotations

import posixpath

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from kesos_modul.findings import Code, E, Finding, Location, W, declare, finding

# The codes this stage reports (the catalogue gathers them from every stage).
declare(
    Code(
        "KM804",
        "berkas-tidak-diterbitkan",
        W,
        "Berkas di folder modul yang bukan bab atau gambar; tidak diterbitkan.",
    ),
    Code(
        "KM805",
        "svg-tidak-aman",
        E,
        "Gambar SVG yang memuat skrip, atribut on…, foreignObject, rujukan ke berkas atau host lain, atau tidak dapat dibaca.",
    ),
)


IMAGES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"})
_SVG_ACTIVE = frozenset({"script", "foreignobject", "iframe", "object", "embed", "handler", "listener"})
_REFERENCES = frozenset({"href", "src", "action", "formaction"})


def check(path: str, data: bytes | None) -> list[Finding]:
    """Findings for one file of a module folder that is neither metadata nor a chapter.

    ``data`` is read only for SVG files (None for others).
    """
    extension = posixpath.splitext(path)[1].lower()
    if extension not in IMAGES:
        return [
            finding(
                "KM804",
                Location(path, None, None),
                f"berkas {posixpath.basename(path)} bukan gambar, sehingga tidak diterbitkan",
                "folder modul hanya memuat modul.yaml, kunci-jawaban.yaml, bab .md dan gambar "
                "(" + ", ".join(sorted(IMAGES)) + "); simpan berkas lain di luar modules/",
            )
        ]
    if extension == ".svg" and data is not None:
        return _svg(path, data)
    return []


def _svg(path: str, data: bytes) -> list[Finding]:
    try:
        root = SafeET.fromstring(data)
    except DefusedXmlException:
        return [_svg_finding(path, "gambar SVG memuat deklarasi entitas XML (<!ENTITY …>)")]
    except (SafeET.ParseError, ValueError):
        return [_svg_finding(path, "gambar SVG bukan XML yang sah")]
    found = []
    for element in root.iter():
        tag = _local(element.tag).lower() if isinstance(element.tag, str) else ""
        if tag in _SVG_ACTIVE:
            found.append(_svg_finding(path, f"gambar SVG memuat elemen <{_local(element.tag)}>"))
        for name, value in element.attrib.items():
            local = _local(name).lower()
            if local.startswith("on"):
                found.append(_svg_finding(path, f"gambar SVG memuat atribut {local}"))
            elif local in _REFERENCES and not value.strip().startswith("#"):
                found.append(_svg_finding(path, f'gambar SVG merujuk ke luar gambar: {local}="{value[:60]}"'))
    return found


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _svg_finding(path: str, message: str) -> Finding:
    return finding(
        "KM805",
        Location(path, None, None),
        message + "; gambar ini tidak diterbitkan",
        "ekspor ulang gambar sebagai SVG biasa (tanpa skrip, tautan atau rujukan ke berkas lain), atau sebagai PNG",
    )
