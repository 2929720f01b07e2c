"""Packages for the training centres' learning platforms: SCORM 1.2 and IMS Common
Cartridge 1.1 (a module's pages, offline, with the SCORM runtime calls) and Moodle
XML (the evaluation items as a question bank, facilitator edition only).

Each package is one more output of the edition stage: it reads a module as an
edition reads it (:mod:`kesos_modul.edisi`), never the raw chapter files.
"""

from __future__ import annotations


class PaketError(Exception):
    """A package cannot be made; the message is for the writer, in Indonesian."""
