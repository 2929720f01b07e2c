"""Formats of ``kesos-modul diff``: a pull-request comment (Markdown), JSON, text."""

from __future__ import annotations

import json
from typing import Any, TextIO

from kesos_modul.output.telaah_baris import (
    POLOS,
    chapter_lines,
    content_lines,
    counts,
    field_lines,
    key_lines,
    program_lines,
    summary,
    versions,
)
from kesos_modul.output.telaah_md import MARKER, write_markdown
from kesos_modul.review import Isi, ModulTelaah, Nama, Telaah

__all__ = ["FORMATS", "MARKER", "as_dict"]


def _names(names: tuple[Nama, ...]) -> list[dict[str, str | None]]:
    return [{"kode": n.kode, "nama": n.nama} for n in names]


def _content(m: ModulTelaah, isi: Isi) -> dict[str, Any]:
    modul = m.baru or m.lama
    assert modul is not None  # a module added has a new side, one removed an old side
    return {
        "ranah": _names(isi.ranah),
        "pilar": _names(isi.pilar),
        "sasaran": {"kategori": _names(isi.kategori), "peran": _names(isi.peran)},
        "unit_kompetensi": _names(isi.unit_kompetensi),
        "jp": modul.jp.as_dict(),
        "materi_pokok": [
            {"judul": mp.judul, "bab": mp.bab, "jp": mp.jp.as_dict(), "kata": isi.kata.get(mp.bab)}
            for mp in modul.materi_pokok
        ],
        "indikator": [{"id": i.id, "teks": i.teks} for i in modul.indikator],
        "evaluasi": [
            {"id": e.id, "jenis": e.jenis, "indikator": e.indikator, "soal": e.soal} for e in modul.evaluasi
        ],
        "kunci": isi.kunci,
    }


def _module(m: ModulTelaah) -> dict[str, Any]:
    return {
        "kode": m.kode,
        "judul": m.judul,
        "perubahan": m.perubahan,
        "versi": {"lama": m.lama.versi if m.lama else None, "baru": m.baru.versi if m.baru else None},
        "status": {"lama": m.lama.status if m.lama else None, "baru": m.baru.status if m.baru else None},
        "perlu_bump": m.perlu_bump,
        "riwayat_kurang": m.riwayat_kurang,
        "kolom": [
            {
                "kolom": k.kolom,
                "tempat": k.tempat,
                "perubahan": k.perubahan,
                "lama": k.lama,
                "baru": k.baru,
                "ditambah": list(k.ditambah),
                "dihapus": list(k.dihapus),
            }
            for k in m.kolom
        ],
        "kunci": {
            "ditambah": list(m.kunci.ditambah),
            "diubah": list(m.kunci.diubah),
            "dihapus": list(m.kunci.dihapus),
        },
        "bab": [
            {
                "berkas": b.berkas,
                "berkas_lama": b.berkas_lama,
                "perubahan": b.perubahan,
                "judul_ditambah": list(b.judul_ditambah),
                "judul_dihapus": list(b.judul_dihapus),
                "kata_ditambah": b.kata_ditambah,
                "kata_dihapus": b.kata_dihapus,
                "potongan": [[{kind: words} for kind, words in p.bagian] for p in b.potongan],
            }
            for b in m.bab
        ],
        "isi": _content(m, m.isi) if m.isi else None,
    }


def as_dict(t: Telaah, base: str, head: str) -> dict[str, Any]:
    """The stable JSON shape, documented in the README."""
    return {
        "base": base,
        "head": head,
        "ringkasan": counts(t),
        "modul": [_module(m) for m in t.modul],
        "program": [
            {
                "kode": p.kode,
                "judul": p.judul,
                "perubahan": p.perubahan,
                "modul_ditambah": list(p.modul_ditambah),
                "modul_dihapus": list(p.modul_dihapus),
                "jp": {"lama": p.jp_lama, "baru": p.jp_baru},
            }
            for p in t.program
        ],
    }


def write_json(t: Telaah, base: str, head: str, stream: TextIO) -> None:
    json.dump(as_dict(t, base, head), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def write_text(t: Telaah, base: str, head: str, stream: TextIO) -> None:
    out = [f"Telaah kurikulum: {base} → {head}", summary(t)]
    for m in t.modul:
        out.append(f"\n{m.kode}: {m.perubahan}, versi {versions(m, POLOS)}")
        lines = content_lines(m, POLOS) + [x for k in m.kolom for x in field_lines(k, POLOS)]
        if m.kunci:
            lines += [(0, "kunci jawaban (isinya tidak ditampilkan):")]
            lines += [(depth + 1, line) for depth, line in key_lines(m, POLOS)]
        lines += [x for b in m.bab for x in chapter_lines(b, POLOS)]
        out += ["  " * (depth + 1) + line for depth, line in lines]
    for p in t.program:
        out.append("\nprogram " + program_lines(p, POLOS)[0][1])
        out += ["  " * (depth + 1) + line for depth, line in program_lines(p, POLOS)[1:]]
    stream.write("\n".join(out) + "\n")


FORMATS = {"markdown": write_markdown, "json": write_json, "text": write_text}
