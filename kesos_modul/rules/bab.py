"""KM207-KM211: a chapter follows its materi pokok: its title, a section per sub materi,
and Latihan and Rangkuman at its end.

Headings are compared after :func:`normal`: case, runs of whitespace, trailing
punctuation and an attribute list (``{#id}``) do not count, everything else does.
The sub materi are published (the table of materi pokok in the module's
introduction and in the book), so the chapter's sections must read the same,
not merely something alike.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from functools import cache

from kesos_modul.findings import Code, E, Finding, Location, W, finding
from kesos_modul.markdown import headings
from kesos_modul.model import Kurikulum, MateriPokok, Modul
from kesos_modul.rules import Context, rule

_ATTRIBUTES = re.compile(r"\s*\{[^{}]*\}\s*$")
LATIHAN, RANGKUMAN = "Latihan", "Rangkuman"
_CONTENT = {LATIHAN: "soal latihan untuk peserta", RANGKUMAN: "ringkasan isi bab dalam beberapa kalimat"}


@cache  # the same headings (Latihan, Rangkuman, a module's sub materi) are compared many times
def normal(heading: str) -> str:
    """A heading as compared: without ``{#id}``, case, extra whitespace and trailing punctuation."""
    return " ".join(_ATTRIBUTES.sub("", heading).split()).casefold().rstrip(" .:;,!?")


@rule(
    Code(
        "KM207",
        "judul-bab",
        E,
        "Bab tidak diawali satu judul tingkat satu (# …), atau punya judul # kedua; "
        "galat karena halaman yang terbit membuang atau salah menempatkan bagian itu.",
    ),
    Code(
        "KM208",
        "judul-bab-beda",
        W,
        "Judul # bab tidak sama dengan judul materi pokoknya; peringatan karena halaman "
        "yang terbit tetap memakai judul dari modul.yaml.",
    ),
    Code(
        "KM209",
        "latihan-rangkuman-tidak-ada",
        E,
        "Bab tanpa bagian ## Latihan atau ## Rangkuman (Perka LAN 5/2009: setiap bab "
        "memuat latihan dan rangkuman).",
    ),
    Code(
        "KM210",
        "urutan-akhir-bab",
        W,
        "## Latihan lalu ## Rangkuman bukan bagian terakhir bab; peringatan karena "
        "isinya tetap terbit lengkap, hanya urutannya.",
    ),
    Code(
        "KM211",
        "sub-materi-tanpa-bagian",
        E,
        "Sub materi pokok tanpa bagian ## yang sama judulnya di babnya; galat karena "
        "daftar sub materi terbit di tabel materi pokok.",
    ),
    reads=("materi_pokok",),
    per_module=True,
)
def chapter_outline(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    for m in kur.modul:
        for mp in m.materi_pokok:
            bab = m.bab.get(mp.bab)
            if bab is None or bab.teks is None:
                continue  # missing (KM203) or unreadable (KM003): reported there
            found = list(headings(bab.teks))
            yield from _title(m, mp, bab.berkas, found)
            sections = [(line, text) for line, level, text in found if level == 2]
            yield from _closing(bab.berkas, found, sections)
            yield from _sub_materi(m, mp, bab.berkas, sections)


def _title(m: Modul, mp: MateriPokok, berkas: str, found: list[tuple[int, int, str]]) -> Iterator[Finding]:
    if not found or found[0][1] != 1:
        line = found[0][0] if found else 1
        yield finding(
            "KM207",
            Location(berkas, line, 1),
            "bab tidak diawali judul tingkat satu (# …)",
            f"tulis sebagai judul pertama bab: # {mp.judul}",
        )
    else:
        line, _, text = found[0]
        if normal(text) != normal(mp.judul):
            # looked up only now: a position means composing the YAML again
            where_mp = f"{m.metadata_file} baris {mp.letak.of('judul').line}"
            yield finding(
                "KM208",
                Location(berkas, line, 1),
                f"judul bab '{text}' tidak sama dengan judul materi pokoknya '{mp.judul}' ({where_mp})",
                f"ganti baris {line} menjadi: # {mp.judul}  (atau ubah judul materi pokok di {where_mp})",
            )
    for line, level, text in found[1:]:
        if level == 1:
            yield finding(
                "KM207",
                Location(berkas, line, 1),
                f"judul tingkat satu kedua di bab: '# {text}'",
                f"satu bab hanya punya satu judul #; jadikan bagian: ## {text}",
            )


def _closing(
    berkas: str, found: list[tuple[int, int, str]], sections: list[tuple[int, str]]
) -> Iterator[Finding]:
    names = [normal(text) for _, text in sections]
    for wanted in (LATIHAN, RANGKUMAN):
        if normal(wanted) in names:
            continue
        other = next(((line, lvl) for line, lvl, t in found if normal(t) == normal(wanted)), None)
        if other:
            yield finding(
                "KM209",
                Location(berkas, other[0], 1),
                f"bagian {wanted} ditulis sebagai judul tingkat {other[1]}, bukan ## {wanted}",
                f"ganti baris {other[0]} menjadi: ## {wanted}",
            )
        else:
            yield finding(
                "KM209",
                Location(berkas, 1, 1),
                f"bab tidak punya bagian ## {wanted}",
                f"tambahkan di akhir bab baris '## {wanted}' dengan {_CONTENT[wanted]} di bawahnya; "
                f"bab ditutup ## {LATIHAN}, lalu ## {RANGKUMAN}",
            )
    if normal(LATIHAN) not in names or normal(RANGKUMAN) not in names:
        return
    latihan, rangkuman = names.index(normal(LATIHAN)), names.index(normal(RANGKUMAN))
    if rangkuman < latihan:
        yield finding(
            "KM210",
            Location(berkas, sections[rangkuman][0], 1),
            f"## {RANGKUMAN} ditulis sebelum ## {LATIHAN}",
            f"pindahkan bagian ## {RANGKUMAN} ke akhir bab, setelah ## {LATIHAN}",
        )
        return
    for line, text in sections[latihan + 1 :]:
        if normal(text) not in (normal(LATIHAN), normal(RANGKUMAN)):
            yield finding(
                "KM210",
                Location(berkas, line, 1),
                f"bagian '## {text}' ditulis setelah ## {LATIHAN}",
                f"pindahkan '## {text}' ke sebelum ## {LATIHAN}: ## {LATIHAN} lalu ## {RANGKUMAN} menutup bab",
            )


def _sub_materi(m: Modul, mp: MateriPokok, berkas: str, sections: list[tuple[int, str]]) -> Iterator[Finding]:
    names = {normal(text): line for line, text in sections}
    closing = {normal(LATIHAN), normal(RANGKUMAN)}
    wanted = {normal(s) for s in mp.sub_materi}
    # a section that is not a sub materi (nor Latihan or Rangkuman) may be one renamed
    spare = {n: line for n, line in names.items() if n not in wanted and n not in closing}
    shown = "; ".join(f"'## {text}'" for _, text in sections) or "belum ada"
    for i, sub in enumerate(mp.sub_materi):
        if normal(sub) in names:
            continue
        where_mp = f"{m.metadata_file} baris {mp.letak.of('sub_materi', i).line}"
        close = difflib.get_close_matches(normal(sub), list(spare), n=1, cutoff=0.6)
        if close:
            line = spare[close[0]]
            hint = f"ganti baris {line} menjadi: ## {sub}  (atau samakan sub_materi di {where_mp})"
        else:
            line = 1
            hint = f"tambahkan bagian: ## {sub}  (sebelum ## {LATIHAN})"
        yield finding(
            "KM211",
            Location(berkas, line, 1),
            f"sub materi '{sub}' ({where_mp}) tidak punya bagian ## yang sama judulnya",
            f"{hint}; bagian ## di bab ini: {shown}",
        )
