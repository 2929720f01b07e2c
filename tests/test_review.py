"""Review through pull requests: ``diff`` on real git repositories, ``report``,
the GitHub workflows and the pre-commit hook."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import click
import pytest
import yaml

from kesos_modul.cli import cli
from tests.conftest import REPO, TODAY, commit_all, edit, git, run

M1 = "modules/dukungan-psikososial-bencana"
M4 = "modules/rehabilitasi-sosial-disabilitas"
PROGRAM = "program/penguatan-kompetensi-sdm-kesos.yaml"


@pytest.fixture
def repo(curriculum: Path) -> Path:
    commit_all(curriculum, "awal")
    return curriculum


def diff_json(root: Path, *revs: str) -> dict:
    result = run("diff", *revs, "--format", "json", "--root", str(root))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def module(data: dict, kode: str) -> dict:
    return next(m for m in data["modul"] if m["kode"] == kode)


def test_metadata_change_field_by_field(repo: Path) -> None:
    edit(repo / M1 / "modul.yaml", "ranah: [kebencanaan]", "ranah: [kebencanaan, kemiskinan]")
    edit(repo / M1 / "modul.yaml", "unit_kompetensi: [O.842340.026.01, ", "unit_kompetensi: [")
    data = diff_json(repo, "HEAD")
    m = module(data, "dukungan-psikososial-bencana")
    fields = {f["kolom"]: f for f in m["kolom"]}
    assert fields["ranah"]["lama"] == ["korban-bencana"]
    assert fields["ranah"]["baru"] == ["korban-bencana", "kemiskinan"]
    assert "O.842340.026.01" in fields["unit_kompetensi"]["lama"]
    assert "O.842340.026.01" not in fields["unit_kompetensi"]["baru"]
    assert m["perubahan"] == "diubah" and m["bab"] == []
    assert data["ringkasan"]["modul_diubah"] == 1


def test_chapter_change_headings_and_words(repo: Path) -> None:
    with (repo / M1 / "02-pertolongan-pertama-psikologis.md").open("a", encoding="utf-8") as f:
        f.write("\n## Latihan tambahan di lapangan\n\nPeserta berlatih lima langkah baru bersama relawan.\n")
    commit_all(repo, "bab 2")
    data = diff_json(repo, "HEAD~1", "HEAD")
    (bab,) = module(data, "dukungan-psikososial-bencana")["bab"]
    assert bab["berkas"] == "02-pertolongan-pertama-psikologis.md" and bab["perubahan"] == "diubah"
    assert bab["judul_ditambah"] == ["Latihan tambahan di lapangan"] and bab["judul_dihapus"] == []
    assert bab["kata_ditambah"] == 4 + 7 and bab["kata_dihapus"] == 0  # heading and sentence


def test_added_and_removed_module_and_program(repo: Path) -> None:
    shutil.rmtree(repo / M4)
    edit(repo / PROGRAM, "  - kelompok: penunjang\n    modul: rehabilitasi-sosial-disabilitas\n", "")
    edit(repo / PROGRAM, "jp: {teori: 12, praktik: 7,", "jp: {teori: 8, praktik: 6,")
    assert (
        run(
            "new",
            "pendampingan-lansia",
            "--root",
            str(repo),
            "--ranah",
            "ketelantaran",
            "--pilar",
            "rehabilitasi-sosial",
            "--peran",
            "tksm",
        ).exit_code
        == 0
    )
    data = diff_json(repo)  # default BASE: where the branch left main
    kinds = {m["kode"]: m["perubahan"] for m in data["modul"]}
    assert kinds == {"pendampingan-lansia": "ditambah", "rehabilitasi-sosial-disabilitas": "dihapus"}
    (program,) = data["program"]
    assert program["modul_dihapus"] == ["rehabilitasi-sosial-disabilitas"]
    assert program["jp"] == {"lama": 20, "baru": 15}
    assert data["base"].startswith("main (")


def test_renamed_chapter(repo: Path) -> None:
    git(repo, "mv", f"{M1}/05-perawatan-diri-dan-rujukan.md", f"{M1}/05-perawatan-diri.md")
    edit(repo / M1 / "modul.yaml", "bab: 05-perawatan-diri-dan-rujukan.md", "bab: 05-perawatan-diri.md")
    (bab,) = module(diff_json(repo, "HEAD"), "dukungan-psikososial-bencana")["bab"]
    assert bab == {
        "berkas": "05-perawatan-diri.md",
        "berkas_lama": "05-perawatan-diri-dan-rujukan.md",
        "perubahan": "diganti-nama",
        "judul_ditambah": [],
        "judul_dihapus": [],
        "kata_ditambah": 0,
        "kata_dihapus": 0,
        "potongan": [],
    }


def test_a_reviewer_sees_the_words_a_change_added_and_removed(repo: Path) -> None:
    """The README's editorial example: one word added, shown in its sentence, not as a count."""
    chapter = repo / "modules/penanganan-anak-korban-kekerasan/05-rujukan-dan-jejaring.md"
    long = " ".join(f"kata{i}" for i in range(60))
    with chapter.open("a", encoding="utf-8") as f:
        f.write(f"\nKalimat pendek. {long} akhir.\n")
    commit_all(repo, "kalimat panjang")
    edit(chapter, "Beberapa prinsip yang perlu dipegang", "Beberapa prinsip yang perlu dipegang teguh")
    edit(chapter, " kata30 ", " <b>@baru</b> ")
    out = run("diff", "HEAD", "--root", str(repo)).output
    assert "Beberapa prinsip yang perlu dipegang {+teguh+}:" in out
    # a long sentence: the words next to the change, not the whole sentence
    assert (
        "… kata22 kata23 kata24 kata25 kata26 kata27 kata28 kata29 [-kata30-]{+<b>@baru</b>+} kata31" in out
    )
    assert "kata38 …" in out and "kata10" not in out and "Kalimat pendek" not in out
    markdown = run("diff", "HEAD", "--format", "markdown", "--root", str(repo)).output
    assert "Beberapa prinsip yang perlu dipegang **teguh**:" in markdown
    assert "**&lt;b&gt;@&#8203;baru&lt;/b&gt;**" in markdown  # marked, and still only text
    (bab,) = module(diff_json(repo, "HEAD"), "penanganan-anak-korban-kekerasan")["bab"]
    first = bab["potongan"][0]  # pieces that, joined, are the new text with the removed words too
    assert (
        "".join(text for piece in first for text in piece.values())
        == "Beberapa prinsip yang perlu dipegang teguh:"
    )
    assert [piece["tambah"].strip() for piece in first if "tambah" in piece] == ["teguh"]


def test_missing_bump_is_flagged_and_a_bump_clears_it(repo: Path) -> None:
    with (repo / M1 / "01-konsep-bencana.md").open("a", encoding="utf-8") as f:
        f.write("\nKalimat baru.\n")
    m = module(diff_json(repo, "HEAD"), "dukungan-psikososial-bencana")
    assert m["perlu_bump"] is True and m["versi"] == {"lama": "1.1.0", "baru": "1.1.0"}
    markdown = run("diff", "HEAD", "--format", "markdown", "--root", str(repo)).stdout
    assert markdown.startswith("<!-- kesos-modul:telaah -->")
    assert "1 modul perlu dinaikkan versinya" in markdown and "<details>" in markdown
    assert (
        run(
            "bump",
            "dukungan-psikososial-bencana",
            "patch",
            "-m",
            "Kalimat baru",
            "--root",
            str(repo),
            "--today",
            TODAY,
        ).exit_code
        == 0
    )
    m = module(diff_json(repo, "HEAD"), "dukungan-psikososial-bencana")
    assert m["perlu_bump"] is False and m["riwayat_kurang"] is False
    assert m["versi"] == {"lama": "1.1.0", "baru": "1.1.1"}


def test_report_lists_what_needs_attention(curriculum: Path) -> None:
    edit(
        curriculum / M1 / "modul.yaml",
        "tanggal_telaah_berikutnya: 2027-10-05",
        "tanggal_telaah_berikutnya: 2026-11-01",
    )
    edit(
        curriculum / "modules/pendampingan-bansos-covid19/modul.yaml",
        "tanggal_telaah_berikutnya: 2027-10-19",
        "tanggal_telaah_berikutnya: 2026-12-01",
    )
    edit(curriculum / M4 / "modul.yaml", "status: telaah", "status: draf")
    edit(curriculum / PROGRAM, "jp: {teori: 12,", "jp: {teori: 2,")
    with (curriculum / "modules/penanganan-anak-korban-kekerasan/01-hak-anak-dan-kebijakan.md").open(
        "a"
    ) as f:
        f.write("\nKalimat revisi yang belum disahkan.\n")
    result = run("report", "--root", str(curriculum), "--format", "json", "--today", TODAY)
    data = json.loads(result.stdout)
    assert [m["kode"] for m in data["telaah_lewat"]] == ["dukungan-psikososial-bencana"]
    assert [m["kode"] for m in data["telaah_segera"]] == ["pendampingan-bansos-covid19"]
    assert [m["kode"] for m in data["draf"]] == ["rehabilitasi-sosial-disabilitas"]
    assert [m["kode"] for m in data["direvisi"]] == ["penanganan-anak-korban-kekerasan"]
    assert "O.842340.030.01" in [u["kode"] for u in data["unit_tak_tercakup"]]
    assert "O.842340.026.01" not in [u["kode"] for u in data["unit_tak_tercakup"]]
    assert {r["kode"] for r in data["ranah_kosong"]} == {"ketelantaran", "keterpencilan", "ketunaan-sosial"}
    assert [p["kode"] for p in data["program_kurang"]] == ["penguatan-kompetensi-sdm-kesos"]
    markdown = run("report", "--root", str(curriculum), "--format", "markdown", "--today", TODAY).stdout
    assert "### Tanggal telaah sudah lewat" in markdown and "| dukungan-psikososial-bencana |" in markdown
    text = run("report", "--root", str(curriculum), "--today", TODAY).stdout
    assert "Modul draf" in text and "rehabilitasi-sosial-disabilitas" in text


def _commands(workflow: dict) -> list[list[str]]:
    calls = []
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            for line in step.get("run", "").splitlines():
                if line.strip().startswith("kesos-modul "):
                    calls.append(shlex.split(line.split(">")[0].replace("$", "")))
    return calls


@pytest.mark.parametrize("name", ["telaah.yml", "rilis.yml"])
def test_github_workflows_call_commands_that_exist(name: str) -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows" / name).read_text(encoding="utf-8"))
    assert workflow["jobs"]
    calls = _commands(workflow)
    assert calls
    for call in calls:
        command = cli.get_command(click.Context(cli), call[1])
        assert command is not None, f"{name}: no command {call[1]}"
        known = {opt for param in command.params for opt in getattr(param, "opts", [])}
        for word in call[2:]:
            if word.startswith("--"):
                assert word in known, f"{name}: {call[1]} has no option {word}"


def test_pr_workflow_updates_one_comment_instead_of_duplicating() -> None:
    text = (REPO / ".github/workflows/telaah.yml").read_text(encoding="utf-8")
    assert "<!-- kesos-modul:telaah -->" in text and "updateComment" in text and "upload-artifact" in text


def test_pre_commit_hook_fails_on_a_staged_broken_module(repo: Path) -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["id"] == "kesos-modul-validate" and hooks[0]["entry"] == "kesos-modul validate"
    pre_commit = shutil.which("pre-commit") or str(Path(REPO / ".venv/bin/pre-commit"))
    if not Path(pre_commit).exists() and shutil.which("pre-commit") is None:
        pytest.skip("pre-commit is not installed")
    edit(repo / M1 / "modul.yaml", "ranah: [kebencanaan]", "ranah: [bencana]")
    git(repo, "add", "-A")
    proc = subprocess.run(
        [pre_commit, "try-repo", str(REPO), "kesos-modul-validate"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert re.search(r"modul\.yaml:\d+:\d+: KM301 galat: ranah 'bencana' tidak dikenal", proc.stdout)


def test_report_survives_an_impossible_date(curriculum: Path) -> None:
    edit(
        curriculum / M1 / "modul.yaml",
        "tanggal_telaah_berikutnya: 2027-10-05",
        "tanggal_telaah_berikutnya: 2027-13-45",
    )
    result = run("report", "--root", str(curriculum), "--format", "markdown", "--today", TODAY)
    assert result.exit_code == 0 and "Traceback" not in result.output


# --- Every field, new and removed modules in full, answer keys, a comment that cannot break ---

PPP = "Prinsip Pertolongan Pertama Psikologis"


def diff_output(root: Path, fmt: str, *revs: str) -> str:
    result = run("diff", *revs, "--format", fmt, "--root", str(root))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_change_to_metode_alone_shows_the_method_under_its_materi_pokok(repo: Path) -> None:
    edit(
        repo / M1 / "modul.yaml",
        "metode: [bermain peran, diskusi kelompok]",
        "metode: [bermain peran, studi kasus]",
    )
    (field,) = module(diff_json(repo, "HEAD"), "dukungan-psikososial-bencana")["kolom"]
    assert field["tempat"].startswith(f'materi_pokok "{PPP}') and field["tempat"].endswith("› metode")
    assert field["ditambah"] == ["studi kasus"] and field["dihapus"] == ["diskusi kelompok"]
    assert field["lama"] == ["bermain peran", "diskusi kelompok"]
    markdown = diff_output(repo, "markdown", "HEAD")
    assert f'materi\\_pokok "{PPP}' in markdown and "› metode: + studi kasus; − diskusi kelompok" in markdown
    assert "metode: + studi kasus; − diskusi kelompok" in diff_output(repo, "text", "HEAD")


def test_a_sub_materi_added_is_shown_under_its_materi_pokok(repo: Path) -> None:
    edit(
        repo / M1 / "modul.yaml",
        "      - Reaksi stres yang umum setelah bencana\n",
        "      - Reaksi stres yang umum setelah bencana\n      - Mengenali tanda trauma pada anak\n",
    )
    (field,) = module(diff_json(repo, "HEAD"), "dukungan-psikososial-bencana")["kolom"]
    assert field["tempat"] == 'materi_pokok "Konsep Bencana dan Dampak Psikososial bagi Korban" › sub_materi'
    assert field["ditambah"] == ["Mengenali tanda trauma pada anak"] and field["dihapus"] == []
    assert "› sub\\_materi: + Mengenali tanda trauma pada anak" in diff_output(repo, "markdown", "HEAD")


def test_an_inserted_indikator_shows_only_that_one(repo: Path) -> None:
    edit(
        repo / M1 / "modul.yaml",
        "  indikator:\n    - id: reaksi-stres\n",
        "  indikator:\n    - id: dampak-awal\n      teks: Peserta mampu menjelaskan dampak awal bencana.\n"
        "    - id: reaksi-stres\n",
    )
    (field,) = module(diff_json(repo, "HEAD"), "dukungan-psikososial-bencana")["kolom"]
    assert field["perubahan"] == "ditambah" and field["lama"] is None
    assert field["baru"] == {"id": "dampak-awal", "teks": "Peserta mampu menjelaskan dampak awal bencana."}
    assert field["tempat"] == 'tujuan_pembelajaran › indikator "dampak-awal"'


def test_a_reordered_materi_pokok_is_shown_as_a_change_of_order(repo: Path) -> None:
    text = (repo / M1 / "modul.yaml").read_text(encoding="utf-8")
    start, middle = (
        text.index("  - judul: Dukungan Psikososial bagi Anak"),
        text.index("  - judul: Perawatan Diri"),
    )
    end = text.index("jp: {teori: 2, praktik: 2")
    text = text[:start] + text[middle:end] + text[start:middle] + text[end:]
    (repo / M1 / "modul.yaml").write_text(text, encoding="utf-8")
    (field,) = module(diff_json(repo, "HEAD"), "dukungan-psikososial-bencana")["kolom"]
    assert field["perubahan"] == "urutan" and field["kolom"] == "materi_pokok"
    assert field["baru"][-2:] == [
        '"Perawatan Diri Relawan dan Rujukan"',
        '"Dukungan Psikososial bagi Anak dan Kelompok Rentan"',
    ]


def _units(kodes: list[str]) -> dict[str, str]:
    """Each unit's title as a reviewer reads it: with the marks the site shows."""
    data = yaml.safe_load((REPO / "registri/unit-kompetensi.yaml").read_text(encoding="utf-8"))
    out = {}
    for u in data["unit"]:
        if (u.get("kode") or u["id"]) in kodes:
            marks = [m for m, on in (("kode resmi belum ada", "kode" not in u),
                                     ("belum terkonfirmasi", u["status"] != "terkonfirmasi")) if on]  # fmt: skip
            out[u.get("kode") or u["id"]] = u["judul"] + (f" ({'; '.join(marks)})" if marks else "")
    return out


def _check_content(m: dict, markdown: str, kind: str) -> None:
    modul = yaml.safe_load((REPO / M4 / "modul.yaml").read_text(encoding="utf-8"))
    isi = m["isi"]
    assert isi["ranah"] == [{"kode": "kecacatan", "nama": "Kecacatan"}]
    units = _units(modul["unit_kompetensi"])
    assert {u["kode"]: u["nama"] for u in isi["unit_kompetensi"]} == units and len(units) == 3
    assert isi["jp"] == {**modul["jp"], "total": sum(modul["jp"].values())}
    assert [mp["bab"] for mp in isi["materi_pokok"]] == [mp["bab"] for mp in modul["materi_pokok"]]
    assert next(mp["kata"] for mp in isi["materi_pokok"] if mp["bab"] == "02-ragam-disabilitas.md") == 6
    assert [i["id"] for i in isi["indikator"]] == [i["id"] for i in modul["tujuan_pembelajaran"]["indikator"]]
    assert [e["id"] for e in isi["evaluasi"]] == [e["id"] for e in modul["evaluasi"]]
    assert f"(<code>rehabilitasi-sosial-disabilitas</code>): isi {kind}</summary>" in markdown
    assert "- ranah: Kecacatan (`kecacatan`)" in markdown
    assert "- JP: 5 (teori 4, praktik 1, praktik lapangan 0)" in markdown
    for kode, judul in units.items():
        assert f"  - `{kode}` {judul}" in markdown
    for mp in isi["materi_pokok"]:
        assert f"`{mp['bab']}`, {mp['jp']['total']} JP, {mp['kata']} kata" in markdown
    for e in modul["evaluasi"]:
        assert f"  - `{e['id']}` (" in markdown
    assert f"indikator `{modul['evaluasi'][0]['indikator']}`" in markdown
    answer = yaml.safe_load((REPO / M4 / "kunci-jawaban.yaml").read_text(encoding="utf-8"))["kunci"][0]
    assert answer["jawaban"] not in markdown


def test_a_new_module_is_summarised_in_full(repo: Path) -> None:
    shutil.rmtree(repo / M4)
    commit_all(repo, "tanpa modul 4")
    shutil.copytree(REPO / M4, repo / M4)
    (repo / M4 / "02-ragam-disabilitas.md").write_text(
        "# Ragam\n\nSatu dua tiga empat lima.\n", encoding="utf-8"
    )
    m = module(diff_json(repo, "HEAD"), "rehabilitasi-sosial-disabilitas")
    assert m["perubahan"] == "ditambah"
    _check_content(m, diff_output(repo, "markdown", "HEAD"), "modul baru")


def test_a_removed_module_is_summarised_in_full(repo: Path) -> None:
    (repo / M4 / "02-ragam-disabilitas.md").write_text(
        "# Ragam\n\nSatu dua tiga empat lima.\n", encoding="utf-8"
    )
    commit_all(repo, "bab 2 pendek")
    shutil.rmtree(repo / M4)
    m = module(diff_json(repo, "HEAD"), "rehabilitasi-sosial-disabilitas")
    assert m["perubahan"] == "dihapus"
    _check_content(m, diff_output(repo, "markdown", "HEAD"), "modul dihapus")


def test_a_changed_answer_key_names_the_item_but_not_the_answer(repo: Path) -> None:
    edit(
        repo / M1 / "kunci-jawaban.yaml",
        "jawaban: Sulit tidur dan mudah terkejut",
        "jawaban: Jawaban Rahasia Baru",
    )
    m = module(diff_json(repo, "HEAD"), "dukungan-psikososial-bencana")
    assert m["kunci"] == {"ditambah": [], "diubah": ["ev-1"], "dihapus": []}
    assert m["kolom"] == [] and m["perlu_bump"] is True
    for fmt in ("json", "markdown", "text"):
        output = diff_output(repo, fmt, "HEAD")
        assert "ev-1" in output
        assert "Rahasia" not in output and "Sulit tidur dan mudah terkejut" not in output, fmt


def _html(markdown: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").render(markdown)


def test_markup_in_a_field_does_not_break_the_comment(repo: Path) -> None:
    hostile = (
        "</summary></details> <img src=x onerror=alert(1)> **tebal** [tautan](http://contoh.id) @octocat"
    )
    edit(repo / M1 / "modul.yaml", "judul: Dukungan Psikososial bagi Korban Bencana", f'judul: "{hostile}"')
    edit(
        repo / M1 / "modul.yaml",
        "      - Reaksi stres yang umum setelah bencana\n",
        f'      - Reaksi stres yang umum setelah bencana\n      - "+ ``{hostile}`` | sel |"\n',
    )
    shutil.rmtree(repo / M4)
    markdown = diff_output(repo, "markdown", "HEAD")
    html = _html(markdown)
    assert "<img" not in html and "<a " not in html and "<strong>tebal" not in html
    assert "<ul>\n<li>\n<ul>" not in html  # "+ …" did not open a list of its own
    assert html.count("<details>") == html.count("</details>") == 2
    assert html.count("<summary>") == html.count("</summary>") == 2
    assert "@octocat" not in html
    seen = _text(html)  # the reader sees exactly what the writer wrote
    assert hostile.replace("@", "@\u200b") in seen
    assert f"+ ``{hostile}`` | sel |".replace("@", "@\u200b") in seen


def _text(html: str) -> str:
    """What a reader sees: the HTML's text, its character references resolved."""
    import html as html_module

    return html_module.unescape(re.sub(r"<[^>]+>", "", html))


def test_every_table_in_the_comment_has_at_most_three_columns(repo: Path) -> None:
    edit(repo / M1 / "modul.yaml", "ranah: [kebencanaan]", "ranah: [kebencanaan, kemiskinan]")
    with (repo / M1 / "02-pertolongan-pertama-psikologis.md").open("a", encoding="utf-8") as f:
        f.write("\n## Bagian baru\n\nKalimat baru.\n")
    shutil.rmtree(repo / M4)
    edit(repo / PROGRAM, "  - kelompok: penunjang\n    modul: rehabilitasi-sosial-disabilitas\n", "")
    markdown = diff_output(repo, "markdown", "HEAD")
    html = _html(markdown)
    assert "Bagian baru" in html and "kemiskinan" in html and "rehabilitasi-sosial-disabilitas" in html
    for row in re.findall(r"<tr>(.*?)</tr>", html, re.S):
        assert len(re.findall(r"<t[hd][ >]", row)) <= 3, row
