"""A careless or hostile writer: nothing a writer has is lost, nothing outside the
curriculum is published, nothing written in a module runs in a trainee's browser,
and no typo becomes an internal error."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kesos_modul.sources import GitSource
from tests.conftest import REPO, TODAY, commit_all, edit, git, keep_approved, run, validate_json

M1 = "modules/dukungan-psikososial-bencana"
META = f"{M1}/modul.yaml"
CH1 = f"{M1}/01-konsep-bencana.md"
PASSWD_LINE = "root:x:0:0"


def build(root: Path, *extra: str):
    return run("build", "--root", str(root), "--today", TODAY, *extra)


def site_text(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*") if p.is_file())


# 1. and 8.: output folders ------------------------------------------------------------


def test_writers_folder_with_an_index_html_is_never_replaced(curriculum: Path, tmp_path: Path) -> None:
    laporan = tmp_path / "laporan"
    laporan.mkdir()
    (laporan / "index.html").write_text("<p>laporan saya</p>", encoding="utf-8")
    (laporan / "notulen-rapat.docx").write_bytes(b"PK rapat")
    result = build(curriculum, "--output", str(laporan))
    assert result.exit_code == 1 and "tidak dibuat kesos-modul" in result.output
    assert sorted(p.name for p in laporan.iterdir()) == ["index.html", "notulen-rapat.docx"]
    assert (laporan / "notulen-rapat.docx").read_bytes() == b"PK rapat"


def test_a_file_as_output_is_refused_cleanly(curriculum: Path) -> None:
    readme = curriculum / "README.md"
    readme.write_text("# Catatan\n", encoding="utf-8")
    result = build(curriculum, "--output", str(readme))
    assert result.exit_code == 1 and "berkas, bukan folder" in result.output
    assert "galat internal" not in result.output
    assert readme.read_text(encoding="utf-8") == "# Catatan\n"


def test_a_site_kesos_built_is_replaced_and_killed_builds_are_cleaned(curriculum: Path) -> None:
    site = curriculum / "site"
    assert build(curriculum).exit_code == 0
    assert (site / ".kesos-modul-situs").is_file()
    # what a build killed mid-way leaves behind (its process is long gone)
    leftover = curriculum / ".site.kesos-sementara-999999999-abcd"
    (leftover / "assets").mkdir(parents=True)
    (curriculum / "notulen.kesos-sementara-1").mkdir()  # a writer's folder that only looks alike
    assert build(curriculum).exit_code == 0
    assert not leftover.exists() and (curriculum / "notulen.kesos-sementara-1").is_dir()
    assert not [p for p in curriculum.iterdir() if p.name.startswith(".site.")]


# 2.: only the curriculum is read --------------------------------------------------------


def test_links_out_of_the_repository_are_findings_and_never_published(curriculum: Path) -> None:
    (curriculum / CH1).unlink()
    (curriculum / CH1).symlink_to("/etc/passwd")
    svg = curriculum / M1 / "gambar/alur-ldp.svg"
    svg.unlink()
    svg.symlink_to("/etc/passwd")
    (curriculum / "modules/modul-luar").symlink_to(REPO / "modules/dukungan-psikososial-bencana")
    exit_code, findings = validate_json(curriculum)
    found = {(f["code"], f["file"]) for f in findings}
    assert ("KM010", CH1) in found and ("KM010", f"{M1}/gambar/alur-ldp.svg") in found
    assert ("KM010", "modules/modul-luar") in found  # a linked module folder is not skipped silently
    assert exit_code == 1
    result = build(curriculum, "--drafts")
    assert result.exit_code == 1
    assert not (curriculum / "site").exists()


def test_a_link_inside_the_repository_is_read(curriculum: Path) -> None:
    shared = curriculum / "modules/bersama.md"
    shared.write_text((curriculum / CH1).read_text(encoding="utf-8"), encoding="utf-8")
    (curriculum / CH1).unlink()
    (curriculum / CH1).symlink_to(shared)
    exit_code, findings = validate_json(curriculum)
    assert (exit_code, findings) == (0, [])


def test_a_link_to_a_repository_file_outside_the_curriculum_is_a_finding_in_both_readers(
    curriculum: Path,
) -> None:
    """The folder reader and the git reader follow a link only to a file of the curriculum's
    folders: never to .git/config, the repository's other files or a skipped folder."""
    git(curriculum, "init", "-q", "-b", "main")
    (curriculum / "catatan-internal.md").write_text("# Rahasia\n", encoding="utf-8")
    (curriculum / "modules/.git").mkdir()
    (curriculum / "modules/.git/isi.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    links = {
        f"{M1}/gambar/konfigurasi.png": "../../../.git/config",
        f"{M1}/gambar/catatan.png": "../../../catatan-internal.md",
        f"{M1}/gambar/tersembunyi.png": "../../.git/isi.png",
    }
    for rel, target in links.items():
        (curriculum / rel).symlink_to(target)
    commit_all(curriculum)
    exit_code, findings = validate_json(curriculum)
    assert exit_code == 1
    assert {f["file"] for f in findings if f["code"] == "KM010"} == set(links)
    git_problems = {f.file for f in GitSource(curriculum, "HEAD").problems() if f.code == "KM010"}
    assert git_problems == set(links)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs need POSIX")
def test_a_fifo_is_a_finding_not_a_hang(curriculum: Path) -> None:
    os.mkfifo(curriculum / M1 / "gambar/pipa.png")
    proc = subprocess.run(
        [sys.executable, "-m", "kesos_modul", "validate", str(curriculum), "--format", "json"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert proc.returncode == 1
    assert ("KM011", f"{M1}/gambar/pipa.png") in {(f["code"], f["file"]) for f in json.loads(proc.stdout)}


# 3.: markup in every field is text ------------------------------------------------------

SCRIPT = "<script>window.__kesos_xss=1</script>"


def plant_markup(root: Path) -> None:
    """Markup in the title, a chapter title, the abstract, a glossary term and a practice option."""
    edit(
        root / META, "judul: Dukungan Psikososial bagi Korban Bencana", f'judul: "Dukungan {SCRIPT} </title>"'
    )
    edit(
        root / META,
        "  - judul: Konsep Bencana dan Dampak Psikososial bagi Korban",
        '  - judul: "Konsep Bencana </b><img src=x onerror=alert(1)>"',
    )
    edit(root / META, "  deskripsi_singkat: >-\n", f"  deskripsi_singkat: >-\n    {SCRIPT}\n")
    edit(root / META, "  - istilah: LDP", f'  - istilah: "LDP {SCRIPT}"')
    keep_approved(root)


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inline: list[tuple[str, str]] = []  # (type, text) of every inline script
        self.handlers: list[str] = []
        self.addresses: list[str] = []  # attribute values with a javascript: address
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._script = (dict(attrs).get("type") or "text/javascript") if tag == "script" else None
        self.handlers += [f"{tag} {name}" for name, _ in attrs if name.startswith("on")]
        self.addresses += [f"{tag} {value}" for _, value in attrs if "javascript:" in (value or "").lower()]

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.inline.append((self._script, data))

    def handle_endtag(self, tag: str) -> None:
        self._script = None


def test_markup_in_metadata_is_escaped_everywhere(curriculum: Path) -> None:
    plant_markup(curriculum)
    result = build(curriculum)
    assert result.exit_code == 0, result.output
    site = curriculum / "site"
    for page in site.rglob("*.html"):
        parser = _Scripts()
        parser.feed(page.read_text(encoding="utf-8"))
        assert not [t for kind, t in parser.inline if "__kesos_xss" in t and "json" not in kind], page
        assert not [t for kind, t in parser.inline if "json" in kind and "<" in t], page  # data stays data
        assert parser.handlers == [], page
    module_page = (site / "modul/dukungan-psikososial-bencana/index.html").read_text(encoding="utf-8")
    assert "<title>Dukungan &lt;script&gt;" in module_page
    assert "</b><img" not in module_page and "&lt;/b&gt;&lt;img" in module_page
    for name in ("katalog.json", "case.json"):
        text = (site / name).read_text(encoding="utf-8")
        assert "<" not in text and ">" not in text, name
    katalog = json.loads((site / "katalog.json").read_text(encoding="utf-8"))
    titles = [m["judul"] for m in katalog["modul"]]
    assert f"Dukungan {SCRIPT} </title>" in titles  # the data itself is kept exactly


def test_markdown_in_metadata_makes_no_link_and_no_attribute(curriculum: Path) -> None:
    """Metadata is plain text: a Markdown link (javascript: too), an image or an
    attribute list written in a field stays text on every page, where the chapters'
    own Markdown is checked by the KM8xx rules instead."""
    edit(
        curriculum / META,
        "  - judul: Konsep Bencana dan Dampak Psikososial bagi Korban",
        '  - judul: "Konsep Bencana {: onclick=alert(1) }"',
    )
    edit(
        curriculum / META,
        "\nrangkuman: >-\n",
        "\nrangkuman: >-\n  [klik](javascript:alert(5)) ![x](javascript:alert(6))\n",
    )
    keep_approved(curriculum)
    result = build(curriculum)
    assert result.exit_code == 0, result.output
    site = curriculum / "site"
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        parser = _Scripts()
        parser.feed(text)
        assert parser.handlers == [] and parser.addresses == [], page
    closing = (site / "modul/dukungan-psikososial-bencana/penutup/index.html").read_text(encoding="utf-8")
    assert "[klik](javascript:alert(5))" in html.unescape(closing)  # shown as written
    chapter = (site / "modul/dukungan-psikososial-bencana/01-konsep-bencana/index.html").read_text(
        encoding="utf-8"
    )
    assert "Konsep Bencana {: onclick=alert(1) }" in html.unescape(chapter)


def test_content_security_policy_on_every_page(curriculum: Path) -> None:
    assert build(curriculum).exit_code == 0
    for page in (curriculum / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "Content-Security-Policy" in text and "object-src 'none'" in text, page
        # no inline script runs but the page's own, each named by its hash
        script_src = re.search(r"script-src ([^;]*);", text).group(1).split()
        assert "'unsafe-inline'" not in script_src, page
        inline = [m.group(1) for m in re.finditer(r"<script>(.*?)</script>", text, re.S)]
        assert inline, page  # the theme's own
        for body in inline:
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            assert f"'sha256-{digest}'" in script_src, (page, body[:60])


HOSTILE_CHAPTER_LINES = [
    ("<script>alert(1)</script>", "KM801"),
    ("<iframe src='https://contoh.id'></iframe>", "KM801"),
    ("<object data='x'></object>", "KM801"),
    ("<embed src='x'>", "KM801"),
    ("<style>body{display:none}</style>", "KM801"),
    ("<form action='https://contoh.id'><input></form>", "KM801"),
    ("<img src=x onerror=alert(1)>", "KM801"),
    ("<svg onload=alert(1)>", "KM801"),
    ('<span onmouseover="alert(1)">x</span>', "KM802"),
    ('<b style="position:fixed">x</b>', "KM802"),
    ("[a](javascript:alert(1))", "KM803"),
    ("[a](JaVaScRiPt:alert(1))", "KM803"),
    ("[a](java&#x09;script:alert(1))", "KM803"),
    ("[a](vbscript:msgbox)", "KM803"),
    ("[a](file:///etc/passwd)", "KM803"),
    ("[a](data:text/html,hai)", "KM803"),
    ("![a](data:image/svg+xml,hai)", "KM803"),
    ("[a]: javascript:alert(1)", "KM803"),
    ('[a](https://contoh.id){ onclick="alert(1)" }', "KM802"),
    ('<abbr title="javascript:x" cite="javascript:alert(1)">x</abbr>', "KM803"),
]


@pytest.mark.parametrize(("line", "code"), HOSTILE_CHAPTER_LINES)
def test_raw_html_policy(curriculum: Path, line: str, code: str) -> None:
    with (curriculum / CH1).open("a", encoding="utf-8") as f:
        f.write(f"\nSebelum.\n\n{line}\n")
    number = len((curriculum / CH1).read_text(encoding="utf-8").split("\n")) - 1
    exit_code, findings = validate_json(curriculum)
    assert exit_code == 1
    assert (code, CH1, number) in {(f["code"], f["file"], f["line"]) for f in findings}, findings


@pytest.mark.parametrize(
    "line",
    [
        "Teks <b>tebal</b>, <sub>2</sub>, <abbr title='Layanan Dukungan Psikososial'>LDP</abbr>.",
        "Kode `<script>` ditulis sebagai kode.",
        "```html\n<iframe src='x'></iframe>\n```",
        "Alamat <https://kemensos.go.id> dan <layanan@kemensos.go.id>.",
        "Anak usia < 18 tahun dan > 5 tahun.",
        "![bagan](data:image/png;base64,iVBORw0KGgo=)",
        "[Buka](https://kemensos.go.id){ .md-button target=_blank }",
    ],
)
def test_harmless_markup_passes(curriculum: Path, line: str) -> None:
    with (curriculum / CH1).open("a", encoding="utf-8") as f:
        f.write(f"\n{line}\n")
    keep_approved(curriculum)
    exit_code, findings = validate_json(curriculum)
    assert [f for f in findings if f["code"].startswith("KM8")] == [] and exit_code == 0


# 4. and 5.: typos are findings, never internal errors ----------------------------------


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        (
            "jp: {teori: 2, praktik: 2, praktik_lapangan: 1}",
            "jp: {teori: 2, praktik: 2, praktik_lapangan: 1",
            "KM001",
        ),
        ("jp: {teori: 2, praktik: 2, praktik_lapangan: 1}", "jp: {teori: 2 praktik: 2}", "KM001"),
        ("status: disahkan", "status: !penting disahkan", "KM001"),
        ("status: disahkan", "status: !!binary ZGlzYWhrYW4=", "KM001"),
        ("ranah: [kebencanaan]", "ranah: !!set {kebencanaan: null}", "KM001"),
    ],
)
def test_yaml_typos_are_findings_with_a_line(curriculum: Path, old: str, new: str, code: str) -> None:
    edit(curriculum / META, old, new)
    result = run("validate", str(curriculum), "--format", "json")
    assert result.exit_code == 1, result.output
    findings = json.loads(result.output)
    assert any(f["code"] == code and f["file"] == META and f["line"] > 0 for f in findings), findings


def test_nul_byte_in_a_chapter_is_a_finding_with_line_and_column(curriculum: Path) -> None:
    text = (curriculum / CH1).read_text(encoding="utf-8")
    (curriculum / CH1).write_text(text + "\nab\x00cd\n", encoding="utf-8")
    exit_code, findings = validate_json(curriculum)
    lines = len(text.split("\n")) + 1
    assert exit_code == 1
    assert ("KM012", CH1, lines, 3) in {(f["code"], f["file"], f["line"], f["column"]) for f in findings}
