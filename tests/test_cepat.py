"""The shortcuts that keep validate fast find exactly what the plain way finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kesos_modul import markdown, teks_contoh

# Lines a chapter is made of, including the ones that look alike: headings with and
# without space, fences, links, images, placeholders across line breaks, tabs, \r.
PIECES = [
    "# Judul",
    "## Latihan",
    "   ### Bagian ##",
    "####### bukan judul",
    "#tanpa-spasi",
    "##\tTab",
    "## Rangkuman {#r}\r",
    "```",
    "~~~",
    "    ```",
    "`kode` dan [tautan](a.md)",
    "![gambar](gambar/a.svg) lalu [lain](<b c.md> 'judul')",
    "[ref]: rujukan.md",
    "Tuliskan",
    "rangkuman bab ini.",
    "TULISKAN   RANGKUMAN\tBAB INI.",
    "Nama Instansi",
    "",
    "teks biasa",
]
CHAPTERS = st.lists(st.sampled_from(PIECES), max_size=25).map("\n".join)


def _headings_line_by_line(text: str) -> list[tuple[int, int, str]]:
    return [
        (number, len(match.group(1)), match.group(2))
        for number, (line, prose) in enumerate(markdown.prose_lines(text), 1)
        if prose and (match := markdown.HEADING.match(line))
    ]


@settings(max_examples=300, deadline=None)
@given(CHAPTERS)
def test_headings_are_those_found_line_by_line(text: str) -> None:
    assert list(markdown.headings(text)) == _headings_line_by_line(text)


@settings(max_examples=300, deadline=None)
@given(CHAPTERS)
def test_link_positions_are_line_and_column_of_the_text(text: str) -> None:
    masked = markdown.without_code(text)
    position = markdown.positions(masked)
    for link in markdown.links(text):
        offset = sum(len(line) + 1 for line in masked.split("\n")[: link.line - 1]) + link.column - 1
        assert position(offset) == (link.line, link.column)
        # an inline link or image is found at its [ or ![, a reference definition at its target
        assert masked[offset] in "![" or masked.startswith((link.target, f"<{link.target}>"), offset)


@settings(max_examples=300, deadline=None)
@given(CHAPTERS)
def test_placeholder_search_agrees_with_folding_the_whole_text(text: str) -> None:
    folded = teks_contoh._fold(text)
    assert teks_contoh.anywhere(text) == any(p in folded for p in teks_contoh._pattern()[1])
