"""libyaml's syntax errors as findings a writer understands: what is wrong, where
it was opened, and what to do."""

from __future__ import annotations

import yaml

from kesos_modul.findings import Finding, Location, finding


def syntax_finding(file: str, exc: yaml.MarkedYAMLError) -> Finding:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or ""
    if "maximum nesting depth" in problem:
        return finding(
            "KM009",
            Location(file, line, column),
            "struktur YAML bersarang terlalu dalam",
            "metadata modul hanya perlu beberapa tingkat; periksa kurung [ ] dan { } yang berlebih",
        )
    opened = exc.context_mark.line + 1 if exc.context_mark else line
    context = exc.context or ""
    for needle, (text, tip) in _SYNTAX_MESSAGES.items():
        if needle in problem and (needle != "found unexpected end of stream" or "quoted" in context):
            # our messages name brackets themselves, so no str.format here
            message, hint = text.replace("{opened}", str(opened)), tip
            break
    else:
        message = f"YAML tidak valid: {', '.join(p for p in (context, problem) if p)}"
        hint = (
            "periksa tanda kutip, kurung [ ] { } yang belum ditutup, dan titik dua setelah "
            "setiap kunci di sekitar baris ini"
        )
    if "end of stream" in problem and exc.context_mark:
        # the end of the file says little; point at where the quote was opened
        line, column = exc.context_mark.line + 1, exc.context_mark.column + 1
    return finding("KM001", Location(file, line, column), message, hint)


_SYNTAX_MESSAGES = {
    "another document": (
        "berkas berisi lebih dari satu dokumen YAML (ada pemisah ---)",
        "satu berkas hanya boleh berisi satu dokumen; hapus baris --- di tengah berkas",
    ),
    "found unexpected end of stream": (
        "tanda kutip yang dibuka di baris {opened} tidak ditutup",
        "tutup teks dengan tanda kutip yang sama dengan pembukanya",
    ),
    "expected ',' or ']'": (
        "daftar [ yang dibuka di baris {opened} tidak ditutup dengan ]",
        "tambahkan ] di akhir daftar, dan pisahkan butirnya dengan koma",
    ),
    "expected ',' or '}'": (
        "pemetaan { yang dibuka di baris {opened} tidak ditutup dengan }",
        "tambahkan } di akhir, dan pisahkan pasangannya dengan koma",
    ),
    "mapping values are not allowed": (
        "titik dua (:) tidak boleh ada di sini",
        "bila teks berisi titik dua, tulis seluruh teks dalam tanda kutip; bila ini kunci baru, "
        "periksa indentasinya",
    ),
    "could not find expected ':'": (
        "kunci tanpa titik dua (:)",
        "tulis kunci diikuti titik dua dan spasi, misalnya judul: ...",
    ),
    "cannot start any token": (
        "karakter ini tidak boleh mengawali nilai YAML (misalnya @ atau `)",
        "tulis nilainya dalam tanda kutip",
    ),
    "did not find expected key": (
        "indentasi tidak konsisten di dalam pemetaan yang dimulai di baris {opened}",
        "samakan jumlah spasi di awal baris untuk kunci-kunci yang setingkat",
    ),
    "did not find expected '-' indicator": (
        "indentasi daftar yang dimulai di baris {opened} tidak konsisten",
        "samakan jumlah spasi sebelum tanda - untuk butir yang setingkat",
    ),
}
