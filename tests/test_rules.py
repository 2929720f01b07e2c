"""Every rule code has a failing example: a broken copy of the sample curriculum.

Each case breaks one thing and expects the code, the file and (where the case
names a needle) the line of the finding.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from kesos_modul import rules
from kesos_modul.findings import Finding
from kesos_modul.loading import load
from kesos_modul.sources import FolderSource
from kesos_modul.validation import catalogue
from tests.conftest import TODAY, commit_all, edit, keep_approved, line_of, validate_json

M1 = "modules/dukungan-psikososial-bencana"
META = f"{M1}/modul.yaml"
KUNCI = f"{M1}/kunci-jawaban.yaml"
CH1 = f"{M1}/01-konsep-bencana.md"
M4 = "modules/rehabilitasi-sosial-disabilitas"
CH4 = f"{M4}/01-paradigma-berbasis-hak.md"
PROGRAM = "program/penguatan-kompetensi-sdm-kesos.yaml"
UNITS = "registri/unit-kompetensi.yaml"


@dataclass
class Case:
    code: str
    file: str
    old: str = ""
    new: str = ""
    needle: str | None = None  # the finding's line holds this text
    target: str | None = None  # the file edited, when not ``file``
    action: Callable[[Path], None] | None = None
    today: str | None = None
    git_base: bool = False  # commit the copy first and validate with --base HEAD
    # a warning planted in an approved module's chapter: re-seal the approval, so the
    # content change (KM607, an error) does not hide what the warning alone does
    reseal: bool = False

    @property
    def id(self) -> str:
        return f"{self.code}-{Path(self.file).name}"


def _append(rel: str, text: str) -> Callable[[Path], None]:
    def act(root: Path) -> None:
        with (root / rel).open("a", encoding="utf-8") as f:
            f.write(text)

    return act


def _write_bytes(rel: str, data: bytes) -> Callable[[Path], None]:
    return lambda root: (root / rel).write_bytes(data)


def _copy_module(root: Path) -> None:
    shutil.copytree(root / M1, root / "modules/salinan-modul")


def _symlink(rel: str, target: str) -> Callable[[Path], None]:
    def act(root: Path) -> None:
        (root / rel).unlink(missing_ok=True)
        (root / rel).symlink_to(target)

    return act


def _fifo(rel: str) -> Callable[[Path], None]:
    return lambda root: os.mkfifo(root / rel)


def _folder_without_metadata(root: Path) -> None:
    (root / "modules/tanpa-metadata").mkdir()
    (root / "modules/tanpa-metadata/01-bab.md").write_text("# Bab\n", encoding="utf-8")


CASES = [
    Case(
        "KM001",
        META,
        "\njudul: Dukungan Psikososial",
        "\njudul: [Dukungan Psikososial",
        needle='versi: "1.1.0"',
    ),
    Case("KM002", META, "status: disahkan\n", "status: disahkan\nstatus: draf\n", needle="status: draf"),
    Case("KM003", CH1, action=_write_bytes(CH1, b"# Konsep\n\nBencana caf" + b"\xe9\n"), needle="caf"),
    Case("KM004", META, "  - nama: Rina", "\t- nama: Rina", needle="nama: Rina"),
    Case("KM005", META, 'versi: "1.1.0"\nstatus', "versi: 1.10\nstatus", needle="versi: 1.10"),
    Case("KM006", META, "instansi: BBPPKS Bandung", "instansi: off", needle="instansi: off"),
    Case("KM007", META, "\njudul: Dukungan", "\njudul: &judul Dukungan", needle="&judul"),
    Case("KM008", META, action=_append(META, "#" + "x" * 600_000 + "\n")),
    Case("KM009", META, "ranah: [kebencanaan]", "ranah: " + "[" * 60 + "]" * 60),
    Case("KM010", CH1, action=_symlink(CH1, "/etc/passwd")),
    Case("KM011", f"{M1}/bab-fifo.md", action=_fifo(f"{M1}/bab-fifo.md")),
    Case("KM012", CH1, action=_append(CH1, "\nKalimat dengan NUL\x00 di tengah.\n"), needle="NUL"),
    # written as a YAML escape: the file holds no control byte, the value does
    Case(
        "KM012",
        META,
        "\njudul: Dukungan Psikososial bagi Korban Bencana\n",
        '\njudul: "Dukungan Psikososial\\x0b bagi Korban Bencana"\n',
        needle="judul:",
    ),
    Case("KM101", META, "penerbit: Pusat", "penerbitnya: Pusat"),
    Case("KM102", META, "rangkuman: >-", "rangkuman_modul: >-", needle="rangkuman_modul"),
    Case("KM103", META, "jp: {teori: 2, praktik: 2", "jp: {teori: dua, praktik: 2", needle="teori: dua"),
    Case(
        "KM201",
        META,
        "kode: dukungan-psikososial-bencana",
        "kode: psikososial-bencana",
        needle="kode: psikososial",
    ),
    Case("KM202", "modules/salinan-modul/modul.yaml", action=_copy_module, needle="kode:"),
    Case(
        "KM203",
        META,
        "bab: 05-perawatan-diri-dan-rujukan.md",
        "bab: 05-perawatan-diri.md",
        needle="05-perawatan-diri.md",
    ),
    Case("KM204", f"{M1}/06-tambahan.md", action=_append(f"{M1}/06-tambahan.md", "# Tambahan\n")),
    Case("KM205", "modules/tanpa-metadata", action=_folder_without_metadata),
    Case("KM206", META, "- id: kelompok-rentan", "- id:  reaksi-stres", needle="id:  reaksi-stres"),
    Case("KM207", CH1, "# Konsep Bencana dan Dampak", "## Konsep Bencana dan Dampak", needle="## Konsep"),
    Case(
        "KM208",
        CH1,
        "# Konsep Bencana dan Dampak Psikososial bagi Korban",
        "# Konsep Bencana",
        needle="# Konsep",
        reseal=True,
    ),
    Case("KM209", CH1, "## Rangkuman\n", "", needle="# Konsep Bencana"),
    Case(
        "KM210",
        CH1,
        action=_append(CH1, "\n## Studi kasus\n\nBanjir di desa.\n"),
        needle="## Studi kasus",
        reseal=True,
    ),
    Case(
        "KM211",
        CH1,
        "## Reaksi stres yang umum setelah bencana",
        "## Reaksi stres sesudah bencana",
        needle="## Reaksi stres sesudah",
    ),
    Case(
        "KM212",
        CH4,
        "status: telaah",
        "status: draf",
        target=f"{M4}/modul.yaml",
        action=_append(CH4, "\nTuliskan uraian materi di sini.\n"),
        needle="Tuliskan uraian",
    ),
    Case("KM213", CH1, action=_append(CH1, "\nTuliskan uraian materi di sini.\n"), needle="Tuliskan uraian"),
    Case("KM301", META, "ranah: [kebencanaan]", "ranah: [kebencanan]", needle="ranah:"),
    Case(
        "KM302",
        META,
        "pilar: [perlindungan-sosial, rehabilitasi-sosial]",
        "pilar: [perlindungan-sosial, rehabilitasi]",
        needle="pilar:",
    ),
    Case(
        "KM303",
        META,
        "peran: [tagana, tim-reaksi-cepat]",
        "peran: [tagana, relawan-bencana]",
        needle="peran:",
    ),
    Case("KM304", META, "O.842340.048.01]", "O.842340.099.01]", needle="unit_kompetensi:"),
    Case("KM305", UNITS, "  - kode: O.842340.004.01", "  - kode: O-842340-004", needle="O-842340-004"),
    Case(
        "KM307",
        "registri/sdm.yaml",
        "dasar_hukum: Permensos 28/2012; Permensos 29/2012",
        'dasar_hukum: ""',
        needle='dasar_hukum: ""',  # Tagana's, the first role
    ),
    Case(
        "KM306",
        PROGRAM,
        "modul: rehabilitasi-sosial-disabilitas",
        "modul: rehabilitasi-disabilitas",
        needle="rehabilitasi-disabilitas",
    ),
    Case("KM401", META, "jp: {teori: 2, praktik: 2", "jp: {teori: 3, praktik: 2", needle="jp: {teori: 3"),
    Case("KM402", PROGRAM, "jp: {teori: 12,", "jp: {teori: 13,", needle="teori: 13"),
    Case(
        "KM403",
        META,
        "jp: {teori: 1, praktik: 0, praktik_lapangan: 0}\n    metode: [ceramah interaktif, curah",
        "jp: {teori: 0, praktik: 0, praktik_lapangan: 0}\n    metode: [ceramah interaktif, curah",
        needle="jp: {teori: 0, praktik: 0",
    ),
    Case(
        "KM501",
        META,
        "    indikator: kelompok-rentan\n",
        "    indikator: reaksi-stres\n",
        needle="- id: kelompok-rentan",
    ),
    Case(
        "KM502",
        META,
        "    indikator: kelompok-rentan\n",
        "    indikator: kelompok-lain\n",
        needle="indikator: kelompok-lain",
    ),
    Case("KM503", META, "evaluasi: ev-3", "evaluasi: ev-9", target=KUNCI, needle="- id: ev-3"),
    Case("KM504", KUNCI, "evaluasi: ev-3", "evaluasi: ev-9", needle="ev-9"),
    Case("KM505", META, "jenis: pilihan-ganda", "jenis: esai", needle="pilihan:"),
    Case(
        "KM506",
        META,
        "        benar: true\n        umpan_balik: Ini langkah dengar",
        "        umpan_balik: Ini langkah dengar",
        needle="- id: lat-1",
    ),
    Case("KM601", META, "tanggal_disahkan: 2026-10-05", "tanggal_disahkan: 2026-02-30", needle="2026-02-30"),
    Case("KM602", META, needle="tanggal_telaah_berikutnya", today="2028-01-01"),
    Case("KM603", META, "tanggal_disahkan: 2026-10-05\n", "", needle="status: disahkan"),
    Case("KM604", META, 'versi: "1.1.0"\nstatus', 'versi: "1.2.0"\nstatus', needle='- versi: "1.1.0"'),
    Case(
        "KM605",
        META,
        "tanggal_telaah_berikutnya: 2027-10-05",
        "tanggal_telaah_berikutnya: 2026-10-01",
        needle="tanggal_telaah_berikutnya: 2026-10-01",
    ),
    Case(
        "KM606",
        META,
        action=_append(CH1, "\nKalimat baru tanpa menaikkan versi.\n"),
        needle='versi: "1.1.0"',
        git_base=True,
    ),
    Case("KM607", META, action=_append(CH1, "\nKalimat yang belum disahkan.\n"), needle="status: disahkan"),
    Case(
        "KM608",
        META,
        "tanggal_disahkan: 2026-10-05",
        "tanggal_disahkan: 2026-10-06",
        needle="tanggal_disahkan: 2026-10-06",
    ),
    # a signer registry: the approval recorded in modul.yaml holds no more without its signed tag
    Case(
        "KM609",
        META,
        action=_write_bytes(
            "registri/penandatangan.yaml",
            b"penandatangan:\n  - kode: bambang\n    nama: Drs. Bambang Suryadi, M.Si.\n"
            b"    jabatan: Kepala Pusat\n    instansi: Kementerian Sosial\n    peran: [pengesah]\n"
            b"    kunci: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDk2bG9rYWxrdW5jaXVqaWNvYmFzYWphc2FqYQ bambang\n"
            b"    berlaku_mulai: 2020-01-01\n",
        ),
        needle="      oleh: Drs. Bambang",
    ),
    Case(
        "KM610",
        META,
        "penelaah:\n  - nama: Dr. Siti Nurhaliza, M.Kesos.",
        "penelaah:\n  - nama: Rina  Widyastuti, S.Psi., M.Si.",  # spaces aside, a writer's name
        needle="Rina  Widyastuti",
    ),
    Case(
        "KM701",
        CH1,
        action=_append(CH1, "\nLihat [modul lain](../tidak-ada/01-bab.md).\n"),
        needle="modul lain",
    ),
    Case("KM702", CH1, action=_append(CH1, "\n![Bagan](gambar/bagan-tidak-ada.png)\n"), needle="Bagan"),
    Case("KM801", CH1, action=_append(CH1, "\nTeks <script>alert(1)</script> biasa.\n"), needle="<script>"),
    Case("KM802", CH1, action=_append(CH1, '\nIni <b onclick="alert(1)">tebal</b>.\n'), needle="onclick"),
    Case("KM803", CH1, action=_append(CH1, "\n[Klik di sini](javascript:alert(1))\n"), needle="Klik"),
    Case("KM804", f"{M1}/notulen-rapat.docx", action=_append(f"{M1}/notulen-rapat.docx", "isi")),
    Case(
        "KM805",
        f"{M1}/gambar/alur-ldp.svg",
        action=_write_bytes(
            f"{M1}/gambar/alur-ldp.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        ),
    ),
    Case(
        "KM805",
        f"{M1}/gambar/gaya.svg",
        action=_write_bytes(
            f"{M1}/gambar/gaya.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://contoh.invalid/a.css);</style></svg>',
        ),
    ),
    Case(
        "KM805",
        f"{M1}/gambar/animasi.svg",
        action=_write_bytes(
            f"{M1}/gambar/animasi.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><a><set attributeName="href" to="javascript:alert(1)"/>'
            b"<text>klik</text></a></svg>",
        ),
    ),
    # named as an image, but a browser would read it as a page of the site
    Case(
        "KM806",
        f"{M1}/gambar/foto.png",
        action=_write_bytes(f"{M1}/gambar/foto.png", b"<html><script>1</script>"),
    ),
]


def _break(curriculum: Path, case: Case) -> list[str]:
    """Break the copy as ``case`` says; returns what ``validate`` is run with."""
    extra = ["--today", case.today] if case.today else []
    if case.git_base:
        commit_all(curriculum)
        extra += ["--base", "HEAD"]
    if case.action:
        case.action(curriculum)
    if case.old:
        edit(curriculum / (case.target or case.file), case.old, case.new)
    if case.reseal:
        keep_approved(curriculum)
    return extra


def test_every_code_has_a_failing_example() -> None:
    assert {c.code for c in CASES} == {c.code for c in catalogue()}


def test_samples_are_clean(curriculum: Path) -> None:
    code, findings = validate_json(curriculum)
    assert findings == []
    assert code == 0


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_broken_copy_fails_with_file_line_and_code(curriculum: Path, case: Case) -> None:
    extra = _break(curriculum, case)
    exit_code, findings = validate_json(curriculum, *extra)
    hits = [f for f in findings if f["code"] == case.code and f["file"] == case.file]
    assert hits, f"no {case.code} in {case.file}; got {[(f['code'], f['file']) for f in findings]}"
    if case.needle:
        expected = line_of(curriculum / case.file, case.needle)
        assert expected in [f["line"] for f in hits]
    for f in hits:
        assert f["message"] and f["severity"] in ("error", "warning")
    severity = hits[0]["severity"]
    assert exit_code == (1 if severity == "error" else 0)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_saved_module_is_checked_in_the_preview_as_validate_checks_it(curriculum: Path, case: Case) -> None:
    """After a save the preview runs the rules that read one module at a time on the
    saved module only: about each module they find what they find in the whole curriculum."""
    _break(curriculum, case)
    kurikulum, _ = load(FolderSource(curriculum))
    context = rules.Context(date.fromisoformat(case.today or TODAY))

    def about(folder: str, found: list[Finding]) -> list[Finding]:
        return sorted(f for f in found if f.file == folder or f.file.startswith(folder + "/"))

    whole = rules.run(kurikulum, context)
    for m in kurikulum.modul:
        assert about(m.folder, rules.run(kurikulum, context, only={m.folder})) == about(m.folder, whole)


def test_duplicate_practice_question_id(curriculum: Path) -> None:
    edit(curriculum / META, "  - id: lat-2", "  - id:  lat-1")
    keep_approved(curriculum)
    exit_code, findings = validate_json(curriculum)
    assert exit_code == 1
    assert [(f["code"], f["line"]) for f in findings] == [("KM206", line_of(curriculum / META, "id:  lat-1"))]


def test_a_pattern_python_doubts_is_a_finding_not_a_warning(curriculum: Path) -> None:
    edit(
        curriculum / UNITS, r"pola: '^[A-Z]\.\d{6}\.\d{3}\.\d{2}$'", r"pola: '^[[A-Z]\.\d{6}\.\d{3}\.\d{2}$'"
    )
    result = subprocess.run(
        [sys.executable, "-m", "kesos_modul", "validate", "--format", "json", str(curriculum)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 1 and "Warning" not in result.stderr, result.stderr
    assert any(f["code"] == "KM305" and "nested set" in f["message"] for f in json.loads(result.stdout))


def _outline_findings(root: Path) -> list[dict]:
    _, findings = validate_json(root)
    return [f for f in findings if f["code"] in ("KM207", "KM208", "KM209", "KM210", "KM211")]


def test_headings_match_apart_from_case_spacing_punctuation_and_anchor(curriculum: Path) -> None:
    ch1 = curriculum / CH1
    edit(
        ch1,
        "# Konsep Bencana dan Dampak Psikososial bagi Korban",
        "#  konsep bencana dan dampak psikososial BAGI korban.",
    )
    edit(
        ch1,
        "## Reaksi stres yang umum setelah bencana",
        "## Reaksi  stres yang umum setelah bencana: {#reaksi}",
    )
    edit(ch1, "## Latihan", "## LATIHAN")
    assert _outline_findings(curriculum) == []


def test_headings_inside_code_do_not_count(curriculum: Path) -> None:
    ch1 = curriculum / CH1
    edit(ch1, "## Rangkuman\n", "```text\n## Rangkuman\n```\n")
    hits = _outline_findings(curriculum)
    assert [(f["code"], f["line"]) for f in hits] == [("KM209", 1)]
    assert "## Rangkuman" in hits[0]["hint"]


def test_missing_sub_materi_names_it_and_shows_the_chapter_sections(curriculum: Path) -> None:
    edit(curriculum / CH1, "## Reaksi stres yang umum setelah bencana\n", "")
    [hit] = _outline_findings(curriculum)
    assert hit["code"] == "KM211" and hit["file"] == CH1 and hit["line"] == 1
    assert "Reaksi stres yang umum setelah bencana" in hit["message"]
    assert f"{META} baris {line_of(curriculum / META, '- Reaksi stres yang umum')}" in hit["message"]
    assert hit["hint"].startswith("tambahkan bagian: ## Reaksi stres yang umum setelah bencana")
    assert "'## Pengertian bencana dan tahap penanggulangannya'; '## Latihan'; '## Rangkuman'" in hit["hint"]


def test_chapter_title_hint_gives_the_line_to_write(curriculum: Path) -> None:
    edit(curriculum / CH1, "# Konsep Bencana dan Dampak Psikososial bagi Korban", "# Konsep Bencana")
    [hit] = _outline_findings(curriculum)
    assert hit["code"] == "KM208" and hit["severity"] == "warning"
    assert "ganti baris 1 menjadi: # Konsep Bencana dan Dampak Psikososial bagi Korban" in hit["hint"]


def test_a_second_title_and_a_rangkuman_at_the_wrong_level(curriculum: Path) -> None:
    ch1 = curriculum / CH1
    edit(ch1, "## Reaksi stres yang umum setelah bencana", "# Reaksi stres yang umum setelah bencana")
    edit(ch1, "## Rangkuman\n", "### Rangkuman\n")
    found = {(f["code"], f["line"]) for f in _outline_findings(curriculum)}
    assert ("KM207", line_of(ch1, "# Reaksi stres")) in found
    assert ("KM211", 1) in found  # the sub materi's section is now a title, not a ## section
    assert ("KM209", line_of(ch1, "### Rangkuman")) in found


def test_placeholders_are_errors_once_in_review(curriculum: Path) -> None:
    meta = curriculum / f"{M4}/modul.yaml"  # status: telaah
    edit(meta, "  - nama: Lestari Handayani, S.Psi., M.Psi.", "  - nama: Nama Penyusun")
    code, findings = validate_json(curriculum)
    hits = [f for f in findings if f["code"] in ("KM212", "KM213")]
    assert code == 1
    assert [(f["code"], f["file"], f["line"]) for f in hits] == [
        ("KM213", f"{M4}/modul.yaml", line_of(meta, "nama: Nama Penyusun"))
    ]
    assert hits[0]["message"] == "penyusun[1].nama: teks contoh 'Nama Penyusun' belum diganti"


def test_rangkuman_before_latihan(curriculum: Path) -> None:
    ch1 = curriculum / CH1
    text = ch1.read_text(encoding="utf-8")
    latihan, rangkuman = text.index("## Latihan"), text.index("## Rangkuman")
    ch1.write_text(text[:latihan] + text[rangkuman:] + "\n\n" + text[latihan:rangkuman], encoding="utf-8")
    hits = _outline_findings(curriculum)
    assert [(f["code"], f["line"]) for f in hits] == [("KM210", line_of(ch1, "## Rangkuman"))]


def test_a_unit_written_with_both_a_code_and_an_id(curriculum: Path) -> None:
    edit(
        curriculum / UNITS,
        "  - kode: O.842340.004.01\n",
        "  - kode: O.842340.004.01\n    id: pengaturan-bidang\n",
    )
    exit_code, findings = validate_json(curriculum)
    assert exit_code == 1
    assert [(f["code"], f["line"]) for f in findings] == [
        ("KM305", line_of(curriculum / UNITS, "id: pengaturan-bidang"))
    ]


@pytest.mark.parametrize(
    ("change", "level"),
    [
        (lambda root: _append(CH1, "\nSatu kalimat diperjelas.\n")(root), "patch"),
        (lambda root: _append(CH1, "\n## Bagian baru\n\nMateri tambahan.\n")(root), "minor"),
        (
            lambda root: edit(root / META, "unit_kompetensi: [O.842340.026.01, ", "unit_kompetensi: ["),
            "major",
        ),
    ],
    ids=["kata", "materi-baru", "kompetensi-dikurangi"],
)
def test_the_version_hint_proposes_the_level_the_change_needs(
    curriculum: Path, change: Callable[[Path], None], level: str
) -> None:
    commit_all(curriculum)
    change(curriculum)
    _, findings = validate_json(curriculum, "--base", "HEAD")
    (km606,) = [f for f in findings if f["code"] == "KM606"]
    assert f"kesos-modul bump dukungan-psikososial-bencana {level} -m" in km606["hint"]
