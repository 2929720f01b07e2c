"""``file:line:col: CODE severity: message`` with the hint indented below."""

from __future__ import annotations

import posixpath
from typing import TextIO

from kesos_modul.findings import Finding, Severity
from kesos_modul.loading import KUNCI_FILE
from kesos_modul.validation import Ringkasan


def position(f: Finding) -> str:
    where = f.file
    if f.line:
        where += f":{f.line}"
        if f.column:
            where += f":{f.column}"
    return where


def write(findings: list[Finding], stream: TextIO) -> None:
    for f in findings:
        stream.write(f"{position(f)}: {f.code} {f.severity.label}: {f.message}\n")
        if f.hint:
            stream.write(f"    saran: {f.hint}\n")


def summary(r: Ringkasan, findings: list[Finding]) -> list[str]:
    """The closing lines of ``validate``: everything it counted, what it could not
    read (and so has not checked yet), and how much it found."""
    errors = sum(f.severity is Severity.ERROR for f in findings)
    status = "tidak ada masalah" if not findings else f"{errors} galat, {len(findings) - errors} peringatan"
    lines = [f"Diperiksa: {r.modul} modul, {r.program} program — {status}."]
    if r.sebagian:
        parts = "; ".join(f"{posixpath.basename(m.folder)} ({_broken(m.rusak)})" for m in r.sebagian)
        lines.append(
            f"  {len(r.sebagian)} modul hanya terbaca sebagian; aturan yang memakai bagian yang rusak "
            f"belum memeriksanya: {parts}"
        )
    if r.tidak_terbaca:
        names = ", ".join(posixpath.basename(f) for f in r.tidak_terbaca)
        lines.append(f"  {len(r.tidak_terbaca)} modul tidak terbaca sama sekali: {names}")
    if r.program_tidak_terbaca:
        names = ", ".join(r.program_tidak_terbaca)
        lines.append(f"  {len(r.program_tidak_terbaca)} program tidak terbaca karena galatnya: {names}")
    if r.sebagian or r.tidak_terbaca or r.program_tidak_terbaca:
        lines.append("  Perbaiki galat di bagian itu, lalu jalankan validate lagi: temuan lain dapat muncul.")
    return lines


def _broken(rusak: frozenset[str]) -> str:
    fields = sorted(k for k in rusak if k != KUNCI_FILE)
    parts = ["kolom " + ", ".join(fields)] if fields else []
    return "; ".join(parts + ([KUNCI_FILE] if KUNCI_FILE in rusak else []))
