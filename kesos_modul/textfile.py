"""Reading a text file of the curriculum (YAML or Markdown) as text.

UTF-8 only, with or without a BOM; CRLF line ends become LF. Invisible control
characters are refused with their place, since neither an editor nor a review
shows them.
"""

from __future__ import annotations

import codecs
import re

from kesos_modul.findings import Code, E, Finding, Location, declare, finding

declare(
    Code("KM003", "bukan-utf8", E, "Berkas tidak tersimpan sebagai UTF-8."),
    Code(
        "KM012",
        "karakter-kontrol",
        E,
        "Berkas memuat karakter kontrol tak terlihat (misalnya NUL), juga bila ditulis sebagai escape YAML "
        "(\\x0b, \\uFFFE); hanya tab dan akhir baris yang diizinkan.",
    ),
)


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
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if raw.translate(None, _CONTROL_BYTES) == raw:  # no control byte: nothing to search
        return text, []
    found = _control_characters(file, text)
    return (None, found) if found else (text, [])


# C0 control characters other than tab, line feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# What a text may not hold however it is written (a YAML escape too): those, and what
# XML 1.0 forbids besides (surrogates, U+FFFE, U+FFFF), which breaks a package's manifest.
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# The same as bytes: in UTF-8 these bytes are never part of another character.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
MAX_REPORTED = 5


def _control_characters(file: str, text: str) -> list[Finding]:
    """Control characters are invisible in an editor and in a review: refuse them, with their place."""
    found = []
    for match in _CONTROL.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        code = ord(match.group())
        found.append(
            finding(
                "KM012",
                Location(file, line, column),
                f"karakter kontrol U+{code:04X}{' (NUL)' if code == 0 else ''} tidak boleh ada di berkas",
                "hapus karakter tak terlihat itu (sering terbawa saat menyalin dari PDF atau pengolah kata); "
                "di editor, tampilkan karakter tersembunyi untuk menemukannya",
            )
        )
        if len(found) == MAX_REPORTED:
            break
    return found
