"""Formats of ``kesos-modul report``: terminal tables (rich), Markdown, JSON."""

from __future__ import annotations

import json
from typing import Any, TextIO

from kesos_modul.bahasa import tanggal
from kesos_modul.model import Entri, Modul, Program
from kesos_modul.report import ASN_MINIMUM_JP, Laporan


def sections(r: Laporan) -> list[tuple[str, list[str], list[list[str]]]]:
    """Each section: title, column names, rows (as text)."""

    def modul_rows(items: tuple[Modul, ...]) -> list[list[str]]:
        return [[m.kode, m.judul, m.versi, m.status, tanggal(m.tanggal_telaah_berikutnya)] for m in items]

    def entry_rows(items: tuple[Entri, ...]) -> list[list[str]]:
        return [[e.kode, e.nama, e.status] for e in items]

    def program_rows(items: tuple[Program, ...]) -> list[list[str]]:
        return [[p.kode, p.judul, str(p.jp.total)] for p in items]

    modul_cols = ["Kode", "Judul", "Versi", "Status", "Telaah berikutnya"]
    return [
        ("Tanggal telaah sudah lewat", modul_cols, modul_rows(r.telaah_lewat)),
        (
            f"Telaah jatuh tempo sampai {tanggal(r.sampai)}",
            modul_cols,
            modul_rows(r.telaah_segera),
        ),
        ("Modul draf", modul_cols, modul_rows(r.draf)),
        ("Modul menunggu telaah", modul_cols, modul_rows(r.menunggu_telaah)),
        ("Modul direvisi sesudah disahkan: telaah, lalu sahkan lagi", modul_cols, modul_rows(r.direvisi)),
        ("Modul tanpa unit kompetensi", modul_cols, modul_rows(r.tanpa_unit)),
        (
            "Unit kompetensi yang belum dicakup modul",
            ["Kode", "Judul", "Status registri"],
            entry_rows(r.unit_tak_tercakup),
        ),
        ("Ranah tanpa modul", ["Kode", "Ranah", "Status registri"], entry_rows(r.ranah_kosong)),
        (f"Program di bawah {ASN_MINIMUM_JP} JP", ["Kode", "Program", "JP"], program_rows(r.program_kurang)),
    ]


def write_text(r: Laporan, stream: TextIO) -> None:
    # rich is imported here: the CLI module that defines `report` also defines `validate`
    from rich.console import Console
    from rich.table import Table

    console = Console(file=stream, width=120, highlight=False)
    console.print(f"Laporan kurikulum, {r.tanggal.isoformat()}: {r.perhatian} hal perlu perhatian")
    for title, columns, rows in sections(r):
        if not rows:
            console.print(f"\n{title}: tidak ada")
            continue
        table = Table(title=title, title_justify="left")
        for column in columns:
            table.add_column(column)
        for row in rows:
            table.add_row(*row)
        console.print()
        console.print(table)


def write_markdown(r: Laporan, stream: TextIO) -> None:
    out = [
        f"## Laporan kurikulum, {r.tanggal.isoformat()}",
        "",
        f"**{r.perhatian} hal perlu perhatian.**",
        "",
    ]
    for title, columns, rows in sections(r):
        out.append(f"### {title}")
        out.append("")
        if not rows:
            out += ["Tidak ada.", ""]
            continue
        out.append("| " + " | ".join(columns) + " |")
        out.append("|" + "---|" * len(columns))
        out += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
        out.append("")
    stream.write("\n".join(out))


def as_dict(r: Laporan) -> dict[str, Any]:
    def modul(m: Modul) -> dict[str, Any]:
        return {"kode": m.kode, "judul": m.judul, "versi": m.versi, "status": m.status,
                "tanggal_telaah_berikutnya": m.tanggal_telaah_berikutnya}  # fmt: skip

    return {
        "tanggal": r.tanggal.isoformat(),
        "sampai": r.sampai.isoformat(),
        "telaah_lewat": [modul(m) for m in r.telaah_lewat],
        "telaah_segera": [modul(m) for m in r.telaah_segera],
        "draf": [modul(m) for m in r.draf],
        "menunggu_telaah": [modul(m) for m in r.menunggu_telaah],
        "direvisi": [modul(m) for m in r.direvisi],
        "tanpa_unit": [modul(m) for m in r.tanpa_unit],
        "unit_tak_tercakup": [{"kode": u.kode, "judul": u.nama} for u in r.unit_tak_tercakup],
        "ranah_kosong": [{"kode": e.kode, "nama": e.nama} for e in r.ranah_kosong],
        "program_kurang": [{"kode": p.kode, "judul": p.judul, "jp": p.jp.total} for p in r.program_kurang],
    }


def write_json(r: Laporan, stream: TextIO) -> None:
    json.dump(as_dict(r), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


FORMATS = {"text": write_text, "markdown": write_markdown, "json": write_json}
