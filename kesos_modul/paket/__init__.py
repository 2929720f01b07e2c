"""Packages for the training centres' learning platforms: SCORM 1.2 and IMS Common
Cartridge 1.1 (a module's pages, offline, with the SCORM runtime calls) and Moodle
XML (the evaluation items as a question bank, facilitator edition only).

Each package is one more output of the edition stage: it reads a module as an
edition reads it (:mod:`kesos_modul.edisi`), never the raw chapter files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kesos_modul.model import JP
from kesos_modul.paket.halaman import Halaman, ModulPaket
from kesos_modul.rujukan import Rujukan


class PaketError(Exception):
    """A package cannot be made; the message is for the writer, in Indonesian."""


@dataclass(frozen=True)
class Isi:
    """What one package holds: a module, or a programme's modules in its order."""

    ident: str  # the module's or the programme's code
    judul: str
    deskripsi: str
    versi: str  # the module's version; for a programme, its modules' versions joined
    jp: JP
    moduls: tuple[ModulPaket, ...]
    program: bool
    rujukan: tuple[Rujukan, ...]  # what the modules map to (ranah, pilar, units), each once

    def pages(self) -> list[Halaman]:
        return [h for mp in self.moduls for h in mp.halaman]


def identifier(*parts: str) -> str:
    """An XML identifier (an NCName) from codes and file names: stable across builds."""
    return "-".join(re.sub(r"[^A-Za-z0-9_.-]", "_", p) for p in parts)


def learning_time(jp: JP) -> str:
    """Lesson hours as an ISO 8601 duration (1 JP = 45 minutes), for LOM's typical learning time."""
    hours, minutes = divmod(jp.menit, 60)
    return f"PT{hours}H{minutes}M" if minutes else f"PT{hours}H"
