"""Property: whatever a writer's editor does to a file, ``validate`` answers with
findings, never with an internal error, and quickly.

The sample modules' YAML and Markdown are mutated at the byte level (flips,
truncation, insertions) and at the YAML token level (a token deleted, repeated,
or a bracket, quote, tag, anchor, tab or non-ASCII text put at a token boundary).
CI runs ``KESOS_FUZZ_EXAMPLES`` examples (default 1000); a longer run:

    KESOS_FUZZ_EXAMPLES=20000 .venv/bin/python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import os
import time
from datetime import date

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kesos_modul.findings import Finding
from kesos_modul.sources import FolderSource
from kesos_modul.validation import validate
from tests.conftest import REPO

EXAMPLES = int(os.environ.get("KESOS_FUZZ_EXAMPLES", "1000"))
SECONDS = 5.0
SAMPLE = FolderSource(REPO)
FILES = {path: SAMPLE.read(path) for path in SAMPLE.files()}
YAML_FILES = sorted(p for p in FILES if p.endswith(".yaml"))
CHAPTERS = sorted(p for p in FILES if p.endswith(".md"))
SNIPPETS = [
    b"{", b"}", b"[", b"]", b'"', b"'", b": ", b"- ", b"? ", b"#", b"|", b">", b"\t", b"\n", b"\r",
    b"!penting ", b"!!binary ", b"!!python/object:os.system ", b"&a ", b"*a", b"<<: *a", b"%YAML 1.2\n",
    b"---\n", b"...\n", b"\x00", b"\xff", b"\xef\xbb\xbf", "é—“”".encode(), "🙂".encode(), b"1.10",
    b"no", b"~", b"2026-02-30", b"0x1F", b".inf", b"{{ 7*7 }}", b"<script>", b"\\", b"%",
]  # fmt: skip


class MemorySource:
    """The sample curriculum with one file replaced, read from memory."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self._files = files

    def files(self) -> list[str]:
        return sorted(self._files)

    def read(self, path: str) -> bytes:
        return self._files[path]

    def size(self, path: str) -> int:
        return len(self._files[path])

    def problems(self) -> list[Finding]:
        return []


def _token_starts(data: bytes) -> list[int]:
    """Byte offsets where YAML tokens begin (empty when the text does not scan)."""
    text = data.decode("utf-8")
    try:
        marks = [t.start_mark.index for t in yaml.scan(text, Loader=yaml.SafeLoader)]
    except yaml.YAMLError:
        return []
    return sorted({len(text[:i].encode("utf-8")) for i in marks})


TOKENS = {
    path: _token_starts(FILES[path]) if path.endswith(".yaml") else [] for path in YAML_FILES + CHAPTERS
}


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    # YAML three times in four: it is where a typo can break the parser
    path = draw(st.sampled_from(YAML_FILES if draw(st.integers(0, 3)) else CHAPTERS))
    data = bytearray(FILES[path])
    for _ in range(draw(st.integers(1, 3))):
        starts = TOKENS[path]
        kind = draw(
            st.sampled_from(["flip", "truncate", "insert", "token-delete", "token-repeat", "token-insert"])
        )
        if kind.startswith("token") and len(starts) > 2:
            i = draw(st.integers(0, len(starts) - 2))
            a, b = starts[i], starts[i + 1]
            if kind == "token-delete":
                data[a:b] = b""
            elif kind == "token-repeat":
                data[a:a] = data[a:b]
            else:
                data[a:a] = draw(st.sampled_from(SNIPPETS))
            continue
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "truncate":
            del data[at:]
        else:
            data[at:at] = draw(st.sampled_from(SNIPPETS))
    return path, bytes(data)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated())
def test_validate_never_fails_internally(case: tuple[str, bytes]) -> None:
    path, data = case
    started = time.perf_counter()
    _, findings = validate(MemorySource({**FILES, path: data}), date(2026, 11, 24))
    assert time.perf_counter() - started < SECONDS
    for f in findings:
        assert f.file and f.code.startswith("KM") and f.message
