"""``kesos-modul diff --format markdown``: one pull-request comment, readable on a phone.

No tables (lists instead), new and removed modules folded in ``<details>``.
Everything a writer wrote is escaped: a title or a field holding Markdown, HTML
or an @mention renders as the text it is and cannot close a block, inject
markup or notify anyone.
"""

from __future__ import annotations

import html
import re
from typing import TextIO

from kesos_modul.output.telaah_baris import (
    Gaya,
    Line,
    chapter_lines,
    content_lines,
    field_lines,
    key_lines,
    one_line,
    overview,
    program_lines,
    summary,
)
from kesos_modul.review import ModulTelaah, Telaah

MARKER = "<!-- kesos-modul:telaah -->"  # lets a workflow find and update its own comment

_SPECIAL = re.compile(r"([\\`*_\[\]|~#!])")
_LIST_START = re.compile(r"^([-+*]|\d+[.)])(?=\s|$)")


def _no_mention(text: str) -> str:
    """``@nama`` would notify a GitHub user: a zero-width space after the @ keeps it text."""
    return text.replace("@", "@&#8203;")


def text(value: str) -> str:
    """A writer's text as Markdown that renders as exactly that text, on one line."""
    escaped = html.escape(one_line(value), quote=False)
    return _no_mention(_SPECIAL.sub(r"\\\1", escaped))


def code(value: str) -> str:
    """A code span that holds any text: its fence is longer than any run of backticks in it."""
    value = one_line(value)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", value)), default=0) + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def _in_html(value: str) -> str:
    """Text inside an HTML block (``<summary>``), where Markdown is not read."""
    return _no_mention(html.escape(one_line(value)))


MD = Gaya(text, code, lambda words: f"~~{words}~~", lambda words: f"**{words}**")


def _bullets(lines: list[Line]) -> list[str]:
    # A line that begins like a list marker (+ x, 1. x) would open a nested list.
    return ["  " * depth + "- " + _LIST_START.sub(r"\\\1", line) for depth, line in lines]


def _details(summary_html: str, body: list[str]) -> list[str]:
    while body and not body[-1]:
        body = body[:-1]
    return [f"<details><summary>{summary_html}</summary>", "", *body, "", "</details>", ""]


def _module(m: ModulTelaah) -> list[str]:
    title = f"<b>{_in_html(m.judul)}</b> (<code>{_in_html(m.kode)}</code>)"
    if m.perubahan != "diubah":
        kind = "modul baru" if m.perubahan == "ditambah" else "modul dihapus"
        return _details(f"{title}: isi {kind}", _bullets(content_lines(m, MD)))
    body: list[str] = []
    if m.kolom:
        body += ["**Metadata**", "", *_bullets([x for k in m.kolom for x in field_lines(k, MD)]), ""]
    if m.kunci:
        body += ["**Kunci jawaban** (isinya tidak ditampilkan)", "", *_bullets(key_lines(m, MD)), ""]
    if m.bab:
        body += ["**Bab**", "", *_bullets([x for b in m.bab for x in chapter_lines(b, MD)]), ""]
    if not body:
        body = ["Isi berkas berubah tanpa perubahan kolom atau bab (misalnya spasi atau komentar YAML)."]
    return _details(f"{title}: rincian perubahan", body)


def write_markdown(t: Telaah, base: str, head: str, stream: TextIO) -> None:
    out = [MARKER, f"### Telaah kurikulum: {code(base)} → {code(head)}", "", f"**{summary(t)}**", ""]
    if t.modul:
        out += [f"- **{text(m.judul)}** ({code(m.kode)}): {overview(m, MD)}" for m in t.modul] + [""]
    for m in t.modul:
        out += _module(m)
    if t.program:
        out += ["**Program**", "", *_bullets([x for p in t.program for x in program_lines(p, MD)]), ""]
    stream.write("\n".join(out).rstrip() + "\n")
