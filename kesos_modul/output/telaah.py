"""Formats of ``kesos-modul diff``: a pull-request comment (Markdown), JSON, text."""

from __future__ import annotations

import json
from typing import Any, TextIO

from kesos_modul.diff import BabBerubah, Kolom, ModulTelaah, Telaah

MARKER = "<!-- kesos-modul:telaah -->"  # lets a workflow find and update its own comment


def as_dict(t: Telaah, base: str, head: str) -> dict[str, Any]:
    """The stable JSON shape, documented in the README."""
    return {
        "base": base,
        "head": head,
        "ringkasan": _counts(t),
        "modul": [
            {
                "kode": m.kode,
                "judul": m.judul,
                "perubahan": m.perubahan,
                "versi": {"lama": m.lama.versi if m.lama else None, "baru": m.baru.versi if m.baru else None},
                "status": {
                    "lama": m.lama.status if m.lama else None,
                    "baru": m.baru.status if m.baru else None,
                },
                "perlu_bump": m.perlu_bump,
                "riwayat_kurang": m.riwayat_kurang,
                "kolom": [{"kolom": k.kolom, "lama": k.lama, "baru": k.baru} for k in m.kolom],
                "bab": [
                    {
                        "berkas": b.berkas,
                        "berkas_lama": b.berkas_lama,
                        "perubahan": b.perubahan,
                        "judul_ditambah": list(b.judul_ditambah),
                        "judul_dihapus": list(b.judul_dihapus),
                        "kata_ditambah": b.kata_ditambah,
                        "kata_dihapus": b.kata_dihapus,
                    }
                    for b in m.bab
                ],
            }
            for m in t.modul
        ],
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


def _counts(t: Telaah) -> dict[str, int]:
    kinds = [m.perubahan for m in t.modul]
    return {
        "modul_ditambah": kinds.count("ditambah"),
        "modul_dihapus": kinds.count("dihapus"),
        "modul_diubah": kinds.count("diubah"),
        "program_berubah": len(t.program),
        "perlu_bump": sum(m.perlu_bump or m.riwayat_kurang for m in t.modul),
    }


def write_json(t: Telaah, base: str, head: str, stream: TextIO) -> None:
    json.dump(as_dict(t, base, head), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def _summary(t: Telaah) -> str:
    c = _counts(t)
    if not t:
        return "Tidak ada perubahan pada modul atau program."
    text = (
        f"{c['modul_diubah']} modul diubah, {c['modul_ditambah']} modul baru, {c['modul_dihapus']} modul dihapus; "
        f"{c['program_berubah']} program berubah."
    )
    if c["perlu_bump"]:
        text += f" ⚠️ {c['perlu_bump']} modul perlu dinaikkan versinya (kesos-modul bump)."
    return text


def _value(value: Any) -> str:
    if isinstance(value, dict) and "total" in value:
        return (
            f"{value['total']} JP (T {value['teori']}, P {value['praktik']}, PL {value['praktik_lapangan']})"
        )
    if value is None or value == []:
        return "—"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def _field_lines(k: Kolom) -> list[str]:
    if isinstance(k.lama, list) and isinstance(k.baru, list):
        added = [v for v in k.baru if v not in k.lama]
        removed = [v for v in k.lama if v not in k.baru]
        parts = [f"+ {v}" for v in added] + [f"− {v}" for v in removed]
        if not parts:  # same items, new order
            parts = ["urutan berubah"]
        return [f"`{k.kolom}`: " + "; ".join(parts)]
    return [f"`{k.kolom}`: {_value(k.lama)} → {_value(k.baru)}"]


def _chapter_row(b: BabBerubah) -> str:
    name = f"`{b.berkas_lama}` → `{b.berkas}`" if b.berkas_lama else f"`{b.berkas}`"
    heads = "; ".join([f"+ {h}" for h in b.judul_ditambah] + [f"− {h}" for h in b.judul_dihapus]) or "—"
    return f"| {name} | {b.perubahan} | {heads.replace('|', '/')} | +{b.kata_ditambah} / −{b.kata_dihapus} |"


def _versions(m: ModulTelaah) -> str:
    old, new = (m.lama.versi if m.lama else "—"), (m.baru.versi if m.baru else "—")
    text = new if old == new else f"{old} → {new}"
    if m.perlu_bump:
        text += " ⚠️ belum dinaikkan"
    elif m.riwayat_kurang:
        text += " ⚠️ riwayat belum dicatat"
    return text


def write_markdown(t: Telaah, base: str, head: str, stream: TextIO) -> None:
    out = [MARKER, f"### Telaah kurikulum: `{base}` → `{head}`", "", f"**{_summary(t)}**", ""]
    if t.modul:
        out += ["| Modul | Perubahan | Versi | Status | JP |", "|---|---|---|---|---|"]
        for m in t.modul:
            status = " → ".join(dict.fromkeys(x.status for x in (m.lama, m.baru) if x))
            jp = " → ".join(dict.fromkeys(str(x.jp.total) for x in (m.lama, m.baru) if x))
            out.append(f"| {m.judul} (`{m.kode}`) | {m.perubahan} | {_versions(m)} | {status} | {jp} |")
        out.append("")
    for m in t.modul:
        if m.perubahan != "diubah":
            continue
        out += [f"<details><summary><b>{m.judul}</b>: rincian perubahan</summary>", ""]
        if m.kolom:
            out += ["**Metadata**", ""] + [f"- {line}" for k in m.kolom for line in _field_lines(k)] + [""]
        if m.bab:
            out += ["**Bab**", "", "| Bab | Perubahan | Judul bagian | Kata |", "|---|---|---|---|"]
            out += [_chapter_row(b) for b in m.bab] + [""]
        out += ["</details>", ""]
    if t.program:
        out += ["**Program**", "", "| Program | Perubahan | Modul | JP |", "|---|---|---|---|"]
        for p in t.program:
            mods = (
                "; ".join([f"+ {k}" for k in p.modul_ditambah] + [f"− {k}" for k in p.modul_dihapus]) or "—"
            )
            jp = " → ".join(dict.fromkeys(str(x) for x in (p.jp_lama, p.jp_baru) if x is not None))
            out.append(f"| {p.judul} (`{p.kode}`) | {p.perubahan} | {mods} | {jp} |")
        out.append("")
    stream.write("\n".join(out).rstrip() + "\n")


def write_text(t: Telaah, base: str, head: str, stream: TextIO) -> None:
    out = [f"Telaah kurikulum: {base} → {head}", _summary(t)]
    for m in t.modul:
        out.append(f"\n{m.kode}: {m.perubahan}, versi {_versions(m)}")
        for k in m.kolom:
            out += [f"  {line.replace('`', '')}" for line in _field_lines(k)]
        for b in m.bab:
            name = f"{b.berkas_lama} → {b.berkas}" if b.berkas_lama else b.berkas
            out.append(f"  bab {name}: {b.perubahan}, +{b.kata_ditambah}/−{b.kata_dihapus} kata")
            out += [f"    + {h}" for h in b.judul_ditambah] + [f"    − {h}" for h in b.judul_dihapus]
    for p in t.program:
        out.append(f"\nprogram {p.kode}: {p.perubahan}, JP {p.jp_lama} → {p.jp_baru}")
        out += [f"  + {k}" for k in p.modul_ditambah] + [f"  − {k}" for k in p.modul_dihapus]
    stream.write("\n".join(out) + "\n")


FORMATS = {"markdown": write_markdown, "json": write_json, "text": write_text}
