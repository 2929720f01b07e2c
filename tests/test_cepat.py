"""The shortcuts that keep validate fast find exactly what the plain way finds, and a\nlarge curriculum read on two cores is read exactly as on one."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import weakref
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kesos_modul import forked, markdown, pengesahan, teks_contoh
from kesos_modul.loading import load
from kesos_modul.sources import FolderSource
from kesos_modul.validation import validate
from tests.conftest import REPO, edit

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


@settings(max_examples=500, deadline=None)
@given(st.one_of(CHAPTERS, st.text()))
def test_a_chapter_is_digested_as_json_writes_it_so_approvals_stay_valid(text: str) -> None:
    # every recorded approval holds the digest of json.dumps([name, text]): the faster
    # escaping must write the very same text, or each approval would stop holding (KM607)
    written = b"[" + pengesahan.json_text("01-bab.md") + b", " + pengesahan.json_text(text) + b"]"
    assert written == json.dumps(["01-bab.md", text], sort_keys=True, ensure_ascii=False).encode("utf-8")


def test_the_second_half_is_worked_on_in_another_process() -> None:
    # in a fresh interpreter: this test process may carry other tests' threads (the
    # browser tests' web server), and forked never forks beside other threads
    code = (
        "import os\nfrom kesos_modul import forked\n"
        "first, second = forked.halves(lambda part: {os.getpid() for _ in part}, list(range(100)))\n"
        "print(first == {os.getpid()} and bool(second) and os.getpid() not in second)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True", done.stderr


def test_a_half_the_child_cannot_do_is_done_here() -> None:
    parent = os.getpid()

    def work(part: list[int]) -> list[int]:
        if os.getpid() != parent:
            raise RuntimeError("in the child")
        return [n * 2 for n in part]

    assert forked.halves(work, list(range(100))) == (
        [n * 2 for n in range(50)],
        [n * 2 for n in range(50, 100)],
    )


def test_a_large_curriculum_read_on_two_cores_gives_the_same_findings(tmp_path: Path, monkeypatch) -> None:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(REPO / "bench"))
    root = generate(tmp_path / "kurikulum", forked.MINIMUM + 6)
    # problems in both halves: a YAML error, a missing field, a chapter that is no UTF-8, a wrong heading
    (root / "modules/modul-0002/modul.yaml").write_text("kode: [modul-0002\n", encoding="utf-8")
    edit(root / "modules/modul-0003/modul.yaml", "penerbit:", "penerbit_lama:")
    (root / f"modules/modul-{forked.MINIMUM + 2:04d}/03-bab.md").write_bytes(b"# Judul\n\xff\n")
    edit(root / f"modules/modul-{forked.MINIMUM + 4:04d}/01-bab.md", "## Latihan", "### Latihan")

    both, found = validate(FolderSource(root))
    monkeypatch.setattr(forked, "MINIMUM", 10**9)
    alone, found_alone = validate(FolderSource(root))
    assert found == found_alone
    assert {f.code for f in found} >= {"KM001", "KM101", "KM003", "KM209"}
    assert [m.folder for m in both.modul] == [m.folder for m in alone.modul]
    assert [m.doc.data for m in both.modul] == [m.doc.data for m in alone.modul]
    assert [m.rusak for m in both.modul] == [m.rusak for m in alone.modul]


class _Cycle:
    """An object that refers to itself: only the cyclic garbage collector frees it."""

    def __init__(self) -> None:
        self.itself = self


def test_a_long_running_preview_still_frees_what_it_no_longer_uses() -> None:
    # loading freezes what is alive (so the collector does not rescan the curriculum);
    # the next load must let it be collected again, or serve would keep every cycle forever
    made = _Cycle()
    gone = weakref.ref(made)
    load(FolderSource(REPO))
    del made
    load(FolderSource(REPO))
    gc.collect()
    assert gone() is None
