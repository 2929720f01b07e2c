"""Validation as one stage: load the source, then run every domain rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kesos_modul import rules
from kesos_modul.findings import CODES, Code, Finding
from kesos_modul.loading import is_program_file, load, module_folders
from kesos_modul.model import Kurikulum, Modul
from kesos_modul.sources import Source


def catalogue() -> list[Code]:
    """Every code the validator can report, in code order: gathered from the
    stages and rules that declare them (importing them above declared them all)."""
    return sorted(CODES.values(), key=lambda c: c.code)


def validate(
    source: Source, today: date | None = None, earlier: Kurikulum | None = None, base_name: str = ""
) -> tuple[Kurikulum, list[Finding]]:
    """All findings for a curriculum, sorted by file, line, column and code.

    With ``earlier`` (the curriculum at an earlier revision, ``base_name``), rules
    about change run too: a module whose content changed must have a higher version.
    """
    kurikulum, found = load(source)
    # a module read in part at the base revision is no basis for comparing its content
    base = earlier.utuh() if earlier else None
    found.extend(rules.run(kurikulum, rules.Context(today or date.today(), base, base_name)))
    return kurikulum, sorted(set(found))


@dataclass(frozen=True)
class Ringkasan:
    """What one run read. Every module folder and programme file counts, read or not."""

    modul: int  # folders in modules/
    sebagian: tuple[Modul, ...]  # modules read in part (see Modul.rusak)
    tidak_terbaca: tuple[str, ...]  # module folders with nothing to check: no modul.yaml, or unreadable
    program: int  # programme files
    program_tidak_terbaca: tuple[str, ...]  # programme files left out for their errors


def ringkasan(kurikulum: Kurikulum) -> Ringkasan:
    folders = module_folders(kurikulum.files)
    read = {m.folder for m in kurikulum.modul}
    programs = sorted(p for p in kurikulum.files if is_program_file(p))
    loaded = {p.doc.file for p in kurikulum.program}
    return Ringkasan(
        modul=len(folders),
        sebagian=tuple(m for m in kurikulum.modul if m.rusak),
        tidak_terbaca=tuple(sorted(f for f in folders if f not in read)),
        program=len(programs),
        program_tidak_terbaca=tuple(p for p in programs if p not in loaded),
    )
