"""Links and images are found where a reader sees them, not inside code."""

from __future__ import annotations

from kesos_modul.markdown import is_local, links

CHAPTER = """# Judul

Lihat [bab dua](02-bab.md) dan ![bagan](gambar/a.svg "Bagan alur").
Kode `[bukan](kode.md)` tidak dihitung.

```markdown
[bukan juga](blok.md)
```

!!! fasilitator "Catatan"
    Buka [modul lain](../lain/01-bab.md#bagian).

[rujukan]: <../lain/02 bab.md>
Situs [luar](https://kemensos.go.id) dan [jangkar](#bagian).
"""


def test_links_outside_code_with_positions() -> None:
    found = [(t.target, t.line, t.column, t.gambar) for t in links(CHAPTER)]
    assert found == [
        ("02-bab.md", 3, 7, False),
        ("gambar/a.svg", 3, 32, True),
        ("../lain/01-bab.md#bagian", 11, 10, False),
        ("../lain/02 bab.md", 13, 12, False),
        ("https://kemensos.go.id", 14, 7, False),
        ("#bagian", 14, 42, False),
    ]


def test_only_repository_files_are_local() -> None:
    assert is_local("02-bab.md") and is_local("../lain/01.md#x") and is_local("gambar/a.png")
    for target in ("https://kemensos.go.id", "mailto:a@b.id", "#bagian", "//cdn.example/x.js", ""):
        assert not is_local(target)
