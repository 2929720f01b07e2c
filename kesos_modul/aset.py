"""KM804–KM806: which files of a module folder are published beside its page.

Only images are published: a browser opens an HTML file or a script as a page
of the site, with the site's rights, so those are findings, never copied. An
SVG is an image that can carry script, so it is read with ``defusedxml`` (no
entity expansion, no external entities) and refused when it holds a script,
an event handler, a foreign object, or a reference to another file or host
(also from a stylesheet, or by animating a link). Other images are published
only when their bytes are what a browser reads as PNG, JPEG, GIF or WebP.
"""

from __future__ import annotations

import posixpath
import re

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
        "Gambar SVG yang memuat skrip, atribut on…, foreignObject, rujukan ke berkas atau host lain "
        "(juga lewat <style>, @import atau url()), animasi tautan, atau tidak dapat dibaca.",
    ),
    Code(
        "KM806",
        "bukan-gambar",
        E,
        "Berkas bernama gambar (.png, .jpg, .jpeg, .gif, .webp) yang isinya bukan gambar PNG, JPEG, GIF atau WebP.",
    ),
)


IMAGES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"})
_SVG_ACTIVE = frozenset({"script", "foreignobject", "iframe", "object", "embed", "handler", "listener"})
_REFERENCES = frozenset({"href", "src", "action", "formaction"})
_ANIMATIONS = frozenset({"set", "animate", "animatemotion", "animatetransform"})
# what a stylesheet may load: @import, or url() that is not a place in the image itself
_CSS_LOADS = re.compile(r"""@import|url\(\s*(?!['"]?\s*#)""", re.I)


def _is_raster(data: bytes) -> bool:
    """PNG, JPEG, GIF or WebP, by their first bytes (what a browser goes by, not the name)."""
    return data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")) or (
        data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    )


def check(path: str, data: bytes) -> list[Finding]:
    """Findings for one file of a module folder that is neither metadata nor a chapter.

    ``data``: the file's bytes.
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
    if extension == ".svg":
        return _svg(path, data)
    if not _is_raster(data):
        return [
            finding(
                "KM806",
                Location(path, None, None),
                f"berkas {posixpath.basename(path)} bernama gambar, tetapi isinya bukan gambar PNG, JPEG, "
                "GIF atau WebP; tidak diterbitkan",
                "simpan ulang gambarnya dari aplikasi gambar dalam salah satu format itu",
            )
        ]
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
        if tag == "style" and _CSS_LOADS.search(element.text or ""):
            found.append(
                _svg_finding(path, "gambar SVG memuat <style> yang memuat berkas lain (@import atau url())")
            )
        if tag in _ANIMATIONS and _local(element.get("attributeName", "")).lower() == "href":
            found.append(
                _svg_finding(path, f"gambar SVG menganimasikan tautan (<{_local(element.tag)}> pada href)")
            )
        for name, value in element.attrib.items():
            local = _local(name).lower()
            if local == "style" and _CSS_LOADS.search(value):
                found.append(
                    _svg_finding(path, "gambar SVG memuat atribut style yang memuat berkas lain (url())")
                )
            elif local.startswith("on"):
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
