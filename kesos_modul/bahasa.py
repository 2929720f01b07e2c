"""Indonesian as readers see it: labels of the format's values, dates, numbers.

Every output (site, book, report) takes its words from here, so a label is
changed in one place.
"""

from __future__ import annotations

from datetime import date

from kesos_modul.model import parse_date

BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
STATUS_LABEL = {"draf": "Draf", "telaah": "Sedang ditelaah", "disahkan": "Disahkan", "usang": "Usang"}
JENIS_LABEL = {
    "pilihan-ganda": "pilihan ganda",
    "benar-salah": "benar/salah",
    "esai": "esai",
    "praktik": "praktik",
}


def tanggal(value: str | date | None) -> str:
    """``2026-10-05`` -> ``5 Oktober 2026``; a missing or impossible date -> ``—``."""
    day = value if isinstance(value, date) else parse_date(value)
    return f"{day.day} {BULAN[day.month - 1]} {day.year}" if day else "—"


def roman(number: int) -> str:
    """Chapter numbers as a government module writes them: Bab I, II, III …"""
    values = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in values:
        while number >= value:
            out += letters
            number -= value
    return out


def angka(value: float | int) -> str:
    """A number with the Indonesian decimal comma: 15.0 -> ``15,0``."""
    return f"{value}".replace(".", ",")
