"""The rendering stage: what each page says, per edition, before the site engine runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from kesos_modul.edisi import strip_fasilitator
from kesos_modul.render import Options, render
from kesos_modul.sources import FolderSource
from kesos_modul.validation import validate
from tests.conftest import edit

M1 = "modules/dukungan-psikososial-bencana"
SECRET_KEY = "RAHASIA-KUNCI-7731"
SECRET_NOTE = "RAHASIA-CATATAN-4410"


def site_of(root: Path, **options):
    kurikulum, _ = validate(FolderSource(root))
    return render(kurikulum, Options(**options))


@pytest.fixture
def secrets(curriculum: Path) -> Path:
    """A copy whose answer key and a facilitator note carry recognisable text."""
    edit(
        curriculum / M1 / "kunci-jawaban.yaml",
        "jawaban: Sulit tidur dan mudah terkejut",
        f"jawaban: {SECRET_KEY}",
    )
    with (curriculum / M1 / "01-konsep-bencana.md").open("a", encoding="utf-8") as f:
        f.write(
            f'\n!!! fasilitator "Catatan fasilitator"\n    {SECRET_NOTE}\n\n    Paragraf kedua catatan.\n\nTeks sesudah catatan.\n'
        )
    return curriculum


MODUL = "modul/dukungan-psikososial-bencana"


def test_module_overview_has_summary_card_and_a_way_to_every_page(curriculum: Path) -> None:
    page = site_of(curriculum).pages[f"{MODUL}/index.md"]
    for expected in (
        "| Ranah | [Korban Bencana](../../ranah/korban-bencana.md) |",  # the alias kebencanaan, shown by its legal name
        "[Perlindungan Sosial](../../pilar/perlindungan-sosial.md)",
        "O.842340.026.01 Memberi Layanan Tanggap Darurat",
        "| Jam pelajaran | 5 JP: teori 2, praktik 2, praktik lapangan 1 (225 menit) |",
        "| Versi | 1.1.0 |",
        "| Pengesahan | Versi 1.1.0 disahkan 5 Oktober 2026 oleh Drs. Bambang Suryadi, M.Si. (Kepala Pusat",
        "| Telaah berikutnya | 5 Oktober 2027 |",
        "Rina Widyastuti",
        "Peserta mampu menjelaskan reaksi stres yang umum dialami korban bencana.",
        "- [Bab II. Konsep Bencana dan Dampak Psikososial bagi Korban](01-konsep-bencana.md)",
        "- [Bab VI. Perawatan Diri Relawan dan Rujukan](05-perawatan-diri-dan-rujukan.md)",
        "- [Latihan mandiri](latihan.md)",
        "- [Bab VII. Penutup](penutup.md)",
        "[Baca seluruh modul dalam satu halaman](cetak.md)",
    ):
        assert expected in page, expected
    assert "\n## Bab II." not in page  # chapters are pages of their own


def test_each_chapter_is_a_page_titled_with_its_number(curriculum: Path) -> None:
    pages = site_of(curriculum).pages
    chapter = pages[f"{MODUL}/01-konsep-bencana.md"]
    assert chapter.startswith(
        '---\ntitle: "Bab II. Konsep Bencana dan Dampak Psikososial bagi Korban"\n---\n'
    )
    assert "\n# Bab II. Konsep Bencana dan Dampak Psikososial bagi Korban\n" in chapter
    assert "› [Dukungan Psikososial bagi Korban Bencana](index.md)\n" in chapter
    body = chapter.split("\n# ", 1)[1]
    assert "\n# " not in body  # the chapter's own title gave way to the numbered one
    assert "\n## " in body  # its sections as written
    closing = pages[f"{MODUL}/penutup.md"]
    assert "# Bab VII. Penutup" in closing and "## Evaluasi" in closing


def test_print_page_has_the_whole_module_and_stays_out_of_search(curriculum: Path) -> None:
    page = site_of(curriculum).pages[f"{MODUL}/cetak.md"]
    for expected in (
        "## Bab II. Konsep Bencana dan Dampak Psikososial bagi Korban {#01-konsep-bencana}",
        "## Bab VI. Perawatan Diri Relawan dan Rujukan {#05-perawatan-diri-dan-rujukan}",
        "## Bab VII. Penutup {#penutup}",
        "## Latihan mandiri {#latihan-mandiri}",
        "](#01-konsep-bencana)",  # the table of chapters points within the page
        # each chapter's text comes from its page as built (tests/test_build.py), not converted twice
        "{#01-konsep-bencana}\n\n<!-- kesos:sisip 01-konsep-bencana.md -->\n",
        "search:\n  exclude: true",
        "indeks_cari: false",
    ):
        assert expected in page, expected
    assert "Secara sederhana, bencana adalah" not in page


def test_multiple_choice_options_are_a_lettered_list(curriculum: Path) -> None:
    closing = site_of(curriculum).pages[f"{MODUL}/penutup.md"]
    assert '<ol type="a"><li>Sulit tidur dan mudah terkejut</li>' in closing


def test_links_between_modules_work_as_written(curriculum: Path) -> None:
    pages = site_of(curriculum).pages
    linking = "\n".join(
        p for k, p in pages.items() if k.startswith("modul/penanganan-anak-korban-kekerasan/")
    )
    assert "](../dukungan-psikososial-bencana/02-pertolongan-pertama-psikologis.md" in linking
    assert "modul/dukungan-psikososial-bencana/02-pertolongan-pertama-psikologis.md" in pages


def test_chapter_files_may_not_take_the_names_of_module_pages(curriculum: Path) -> None:
    meta = curriculum / M1 / "modul.yaml"
    edit(meta, "bab: 05-perawatan-diri-dan-rujukan.md", "bab: penutup.md")
    (curriculum / M1 / "05-perawatan-diri-dan-rujukan.md").rename(curriculum / M1 / "penutup.md")
    _, findings = validate(FolderSource(curriculum))
    found = [f for f in findings if f.code == "KM103" and "penutup.md" in f.message]
    assert found and "tidak boleh dipakai" in found[0].message
    assert found[0].hint.endswith("beri nama lain, misalnya: bab: 05-penutup.md")  # the 5th chapter


def test_domain_and_pillar_indexes(curriculum: Path) -> None:
    pages = site_of(curriculum).pages
    bencana = pages["ranah/korban-bencana.md"]
    assert (
        "[Dukungan Psikososial bagi Korban Bencana](../modul/dukungan-psikososial-bencana/index.md)"
        in bencana
    )
    assert "Juga disebut: kebencanaan." in bencana
    assert "Belum ada modul" in pages["ranah/keterpencilan.md"]
    listing = pages["modul/index.md"]
    assert "## [Keterpencilan](../ranah/keterpencilan.md) {#keterpencilan}\n\nBelum ada modul." in listing
    assert (
        "- [Dukungan Psikososial bagi Korban Bencana](dukungan-psikososial-bencana/index.md): 5 JP" in listing
    )
    assert "Rehabilitasi Sosial Penyandang Disabilitas" in pages["pilar/rehabilitasi-sosial.md"]


def test_the_menu_holds_the_curriculum_pages_and_no_module_page(curriculum: Path) -> None:
    nav = site_of(curriculum).nav
    modul = next(item["Modul"] for item in nav if "Modul" in item)
    assert modul[0] == {"Semua modul": "modul/index.md"}
    assert {"Korban Bencana": "ranah/korban-bencana.md"} in modul
    assert all(next(iter(entry.values())).startswith("ranah/") for entry in modul[1:])
    assert [next(iter(item)) for item in nav] == [
        "Beranda", "Modul", "Pilar", "Matriks kompetensi", "Program", "Glosarium", "Tentang versi ini"
    ]  # fmt: skip
    assert "modul/dukungan-psikososial-bencana" not in str(nav)


def test_every_module_page_leads_through_its_module(curriculum: Path) -> None:
    """Each page names where it is, lists its module's pages with itself marked,
    and leads to the page before and after it, in reading order."""
    pages = site_of(curriculum).pages
    order = [
        "index.md", "01-konsep-bencana.md", "02-pertolongan-pertama-psikologis.md",
        "03-layanan-dukungan-psikososial.md", "04-anak-dan-kelompok-rentan.md",
        "05-perawatan-diri-dan-rujukan.md", "latihan.md", "penutup.md",
    ]  # fmt: skip
    for i, name in enumerate(order):
        page = pages[f"{MODUL}/{name}"]
        assert "[Modul](../index.md) › [Korban Bencana](../../ranah/korban-bencana.md) › " in page, name
        if name != "index.md":
            listed = [line for line in page.splitlines() if line.startswith("- [")]
            assert [line.split("](")[1].split(")")[0] for line in listed] == order, name
            assert [line for line in listed if 'aria-current="page"' in line] == [listed[i]], name
            assert f"<summary>Isi modul: halaman {i + 1} dari 8</summary>" in page
        last = len(order) - 1
        assert page.count("kesos-langkah__sebelumnya") == (i > 0), name
        assert page.count("kesos-langkah__berikutnya") == (i < last), name
        if i > 0:
            assert f"]({order[i - 1]}){{ .kesos-langkah__sebelumnya" in page, name
        if i < last:
            assert f"]({order[i + 1]}){{ .kesos-langkah__berikutnya" in page, name
    assert "Berikutnya:</span> Bab II. Konsep Bencana" in pages[f"{MODUL}/index.md"]
    assert "Sebelumnya:</span> Latihan mandiri](latihan.md)" in pages[f"{MODUL}/penutup.md"]
    assert "kesos-jejak" not in pages[f"{MODUL}/cetak.md"]  # the whole module on one page needs none


def test_competency_matrix_shows_uncovered_units(curriculum: Path) -> None:
    page = site_of(curriculum).pages["kompetensi.md"]
    covered = next(line for line in page.splitlines() if line.startswith("| **O.842340.026.01**"))
    assert covered.count("✓") == 1
    uncovered = page.split("## Unit yang belum dicakup modul", 1)[1]
    assert "**O.842340.030.01** Mengevaluasi Risiko" in uncovered
    assert "O.842340.026.01" not in uncovered


def test_program_jp_table(curriculum: Path) -> None:
    page = site_of(curriculum).pages["program/penguatan-kompetensi-sdm-kesos.md"]
    assert "| | | **Jumlah** | **12** | **7** | **1** | **20** |" in page
    assert "20 JP × 45 menit = 900 menit (15,0 jam)" in page
    assert "memenuhi kewajiban pengembangan kompetensi ASN paling sedikit 20 JP" in page


def test_glossary_merges_all_modules(curriculum: Path) -> None:
    page = site_of(curriculum).pages["glosarium.md"]
    terms = [line[3:].split(" {#")[0] for line in page.splitlines() if line.startswith("## ")]
    assert terms == sorted(terms, key=str.casefold)
    for term in ("Diversi", "DTKS", "Tagana", "LDP"):
        assert term in terms
    assert "## Tagana {#istilah-tagana}" in page  # each term has an anchor: search leads to it


def test_glossary_entries_are_search_results_of_their_own(curriculum: Path) -> None:
    site = site_of(curriculum)
    tagana = next(r for r in site.records if r.judul == "Tagana")
    assert tagana.url == "glosarium/#istilah-tagana" and "Taruna Siaga Bencana" in tagana.teks
    assert "indeks_cari: false" in site.pages["glosarium.md"]  # not also as one long page


def test_version_page(curriculum: Path) -> None:
    page = site_of(curriculum, versi="2026.11.24").pages["tentang.md"]
    assert "| Versi kurikulum | **2026.11.24** |" in page
    assert "| Pengesahan modul terakhir |" in page


def test_trainee_edition_has_no_answer_keys_or_facilitator_notes(secrets: Path) -> None:
    pages = site_of(secrets, edisi="peserta").pages
    everything = "\n".join(pages.values())
    assert SECRET_KEY not in everything and SECRET_NOTE not in everything
    assert "Paragraf kedua catatan." not in everything
    assert "Teks sesudah catatan." in everything
    assert "Kunci jawaban" not in everything


def test_facilitator_edition_carries_them_marked(secrets: Path) -> None:
    pages = site_of(secrets, edisi="fasilitator").pages
    assert SECRET_NOTE in pages[f"{MODUL}/01-konsep-bencana.md"]
    page = pages[f"{MODUL}/penutup.md"]
    assert SECRET_KEY in page
    key_block = page.split('!!! fasilitator "Kunci jawaban (khusus fasilitator)"', 1)[1]
    assert SECRET_KEY in key_block


def test_drafts_only_with_drafts_and_marked(curriculum: Path) -> None:
    meta = curriculum / "modules/rehabilitasi-sosial-disabilitas/modul.yaml"
    edit(meta, "status: telaah", "status: draf")
    pages = site_of(curriculum).pages
    assert "modul/rehabilitasi-sosial-disabilitas/index.md" not in pages
    assert "Rehabilitasi Sosial Penyandang Disabilitas" not in pages["index.md"]
    with_drafts = site_of(curriculum, drafts=True).pages
    assert '!!! warning "Draf"' in with_drafts["modul/rehabilitasi-sosial-disabilitas/index.md"]
    assert (
        "Rehabilitasi Sosial Penyandang Disabilitas](modul/rehabilitasi-sosial-disabilitas/index.md) *(draf)*"
        in with_drafts["index.md"]
    )


def test_template_syntax_in_chapters_stays_literal(curriculum: Path) -> None:
    with (curriculum / M1 / "01-konsep-bencana.md").open("a", encoding="utf-8") as f:
        f.write('\nRumus {{ 7*7 }} dan {% include "rahasia.txt" %} dan {# komentar #}.\n')
    page = site_of(curriculum).pages[f"{MODUL}/01-konsep-bencana.md"]
    assert 'Rumus {{ 7*7 }} dan {% include "rahasia.txt" %} dan {# komentar #}.' in page


def test_strip_fasilitator_keeps_code_and_other_admonitions() -> None:
    text = (
        'Awal\n\n!!! fasilitator "Catatan"\n    rahasia\n\n    rahasia lagi\n\n'
        '!!! note "Catatan umum"\n    untuk semua\n\n```\n!!! fasilitator dalam kode\n```\nAkhir'
    )
    out = strip_fasilitator(text)
    assert "rahasia" not in out
    assert "untuk semua" in out and "!!! fasilitator dalam kode" in out and out.endswith("Akhir")


def test_unconfirmed_entries_and_units_without_a_code_are_marked_in_words(curriculum: Path) -> None:
    """A reader of a module page sees, as text, which of its mappings are not confirmed
    and which units have no official code; so do the home page and the matrix."""
    edit(curriculum / "registri/ranah.yaml", "huruf f\n    alias: [kebencanaan]\n    status: terkonfirmasi",
         "huruf f\n    alias: [kebencanaan]\n    status: belum-terkonfirmasi")  # fmt: skip
    site = site_of(curriculum)
    page = site.pages["modul/dukungan-psikososial-bencana/index.md"]
    assert "[Korban Bencana](../../ranah/korban-bencana.md) *(belum terkonfirmasi)*" in page
    assert "O.842340.026.01 Memberi Layanan Tanggap Darurat *(belum terkonfirmasi)*" in page
    assert "Tim Reaksi Cepat *(belum terkonfirmasi)*" in page and "Taruna Siaga Bencana (Tagana)," in page
    assert "*Belum terkonfirmasi: keterangan yang bertanda demikian" in page
    other = site.pages["modul/penanganan-anak-korban-kekerasan/index.md"]
    assert "Melakukan Asesmen Kebutuhan Klien *(kode resmi belum ada; belum terkonfirmasi)*" in other
    assert "PS12" not in other and "*Kode resmi belum ada:" in other
    assert "Satuan Bakti Pekerja Sosial (Sakti Peksos) *(belum terkonfirmasi)*" in site.pages["index.md"]
    assert "[Korban Bencana](ranah/korban-bencana.md) *(belum terkonfirmasi)*" in site.pages["index.md"]
    matrix = site.pages["kompetensi.md"]
    assert "| Melakukan Asesmen Kebutuhan Klien *(kode resmi belum ada; belum terkonfirmasi)* |" in matrix
    assert "PS12" not in matrix
    assert "belum dicocokkan" in site.pages["ranah/korban-bencana.md"]
