"""``kesos-modul build`` with the real Material for MkDocs: the site, editions,
strict mode, and builds that fail without touching the previous site."""

from __future__ import annotations

import gzip
import os
import re
import sys
from pathlib import Path

import pytest

from kesos_modul.engine.zensical import find_program
from tests.conftest import REPO, TODAY, edit, keep_approved, run

M1 = "modules/dukungan-psikososial-bencana"
SECRET_KEY = "RAHASIA-KUNCI-7731"


def build(root: Path, *extra: str):
    return run("build", "--root", str(root), "--today", TODAY, *extra)


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in folder.rglob("*")
        if p.is_file()
    }


@pytest.fixture
def built(curriculum: Path) -> Path:
    edit(
        curriculum / M1 / "kunci-jawaban.yaml",
        "jawaban: Sulit tidur dan mudah terkejut",
        f"jawaban: {SECRET_KEY}",
    )
    keep_approved(curriculum)
    result = build(curriculum)
    assert result.exit_code == 0, result.output
    return curriculum


def pagefind_text(site: Path) -> str:
    """Everything Pagefind's index holds about the pages (its fragments: gzip, a signature, JSON)."""
    fragments = sorted((site / "pagefind/fragment").glob("*.pf_fragment"))
    assert fragments, "no Pagefind index"
    return "\n".join(
        gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd").decode("utf-8") for f in fragments
    )


def test_site_is_indonesian_searchable_and_complete(built: Path) -> None:
    site = built / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="id"' in home and "Kurikulum Pelatihan SDM Kesejahteraan Sosial" in home
    assert "fonts.googleapis.com" not in home
    module = (site / "modul/dukungan-psikososial-bencana/index.html").read_text(encoding="utf-8")
    assert "Ringkasan modul" in module and 'href="02-pertolongan-pertama-psikologis/"' in module
    for page in ("ranah/korban-bencana/index.html", "pilar/rehabilitasi-sosial/index.html", "kompetensi/index.html",
                 "program/penguatan-kompetensi-sdm-kesos/index.html", "glosarium/index.html", "tentang/index.html",
                 "modul/index.html", "modul/dukungan-psikososial-bencana/cetak/index.html", "cari/index.html",
                 "modul/dukungan-psikososial-bencana/02-pertolongan-pertama-psikologis/index.html"):  # fmt: skip
        assert (site / page).exists(), page
    # search: Pagefind's index instead of the theme's, which every page would download
    assert not (site / "search/search_index.json").exists()
    assert 'href="cari/"' in home
    text = pagefind_text(site)
    assert "Pondok Anak Ceria" in text
    assert '"url":"/glosarium/#istilah-tagana"' in text  # a glossary entry is a result of its own
    assert (
        '"url":"/modul/dukungan-psikososial-bencana/cetak/"' not in text
    )  # the print page repeats the module
    assert '"url":"/glosarium/"' not in text
    assert "Situs edisi peserta: 4 modul" in build(built).output


def test_no_answer_key_anywhere_in_the_trainee_site(built: Path) -> None:
    for path in (built / "site").rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".xml", ".js"}:
            assert SECRET_KEY not in path.read_text(encoding="utf-8", errors="replace"), path
    assert "RAHASIA" not in pagefind_text(built / "site")


def test_facilitator_edition(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "fasilitator"
    result = build(built, "--edisi", "fasilitator", "--output", str(out))
    assert result.exit_code == 0, result.output
    page = (out / "modul/dukungan-psikososial-bencana/penutup/index.html").read_text(encoding="utf-8")
    assert SECRET_KEY in page and "Edisi <strong>fasilitator</strong>" in page
    assert SECRET_KEY in pagefind_text(out)  # its own index, with what its pages say


def test_literal_template_syntax_reaches_the_html(curriculum: Path) -> None:
    with (curriculum / M1 / "01-konsep-bencana.md").open("a", encoding="utf-8") as f:
        f.write("\nRumus {{ 7*7 }} tetap tertulis.\n")
    keep_approved(curriculum)
    assert build(curriculum).exit_code == 0
    page = (curriculum / "site/modul/dukungan-psikososial-bencana/01-konsep-bencana/index.html").read_text(
        encoding="utf-8"
    )
    assert "Rumus {{ 7*7 }} tetap tertulis." in page and "Rumus 49" not in page


def test_invalid_curriculum_leaves_the_previous_site_untouched(built: Path) -> None:
    before = snapshot(built / "site")
    edit(built / M1 / "modul.yaml", "ranah: [kebencanaan]", "ranah: [bencana-alam]")
    result = build(built)
    assert result.exit_code == 1
    assert "KM301" in result.output and "situs sebelumnya tidak diubah" in result.output
    assert snapshot(built / "site") == before


def test_strict_fails_on_a_broken_link_and_keeps_the_previous_site(built: Path) -> None:
    before = snapshot(built / "site")
    with (built / M1 / "01-konsep-bencana.md").open("a", encoding="utf-8") as f:
        f.write("\nLihat [bab yang hilang](99-tidak-ada.md).\n")
    keep_approved(built)
    result = build(built, "--strict")
    assert result.exit_code == 1 and "KM701" in result.output
    assert snapshot(built / "site") == before
    relaxed = build(built)
    assert relaxed.exit_code == 0 and "KM701 galat" in relaxed.output and "tanpa --strict" in relaxed.output


def test_engine_failure_is_reported_without_traceback_and_atomic(built: Path) -> None:
    before = snapshot(built / "site")
    # a link to a draft module: valid for the validator, broken once drafts are left out
    edit(built / "modules/rehabilitasi-sosial-disabilitas/modul.yaml", "status: telaah", "status: draf")
    edit(
        built / "program/penguatan-kompetensi-sdm-kesos.yaml",
        "  - kelompok: penunjang\n    modul: rehabilitasi-sosial-disabilitas\n",
        "",
    )
    edit(
        built / "program/penguatan-kompetensi-sdm-kesos.yaml",
        "jp: {teori: 12, praktik: 7,",
        "jp: {teori: 8, praktik: 6,",
    )
    with (built / M1 / "01-konsep-bencana.md").open("a", encoding="utf-8") as f:
        f.write("\nLihat [ATENSI](../rehabilitasi-sosial-disabilitas/03-asistensi-rehabilitasi-sosial.md).\n")
    keep_approved(built)
    result = build(built, "--strict")
    assert result.exit_code == 1, result.output
    assert "mkdocs:" in result.output and "Traceback" not in result.output
    assert snapshot(built / "site") == before


def test_output_that_is_not_a_site_is_refused(curriculum: Path, tmp_path: Path) -> None:
    precious = tmp_path / "dokumen"
    precious.mkdir()
    (precious / "catatan.txt").write_text("jangan dihapus", encoding="utf-8")
    result = build(curriculum, "--output", str(precious))
    assert result.exit_code == 1
    assert (precious / "catatan.txt").read_text(encoding="utf-8") == "jangan dihapus"
    assert build(curriculum, "--output", str(curriculum)).exit_code == 2


def test_the_same_pages_build_with_zensical(curriculum: Path) -> None:
    """Material for MkDocs' successor, the second engine, builds the same staged pages."""
    if find_program(curriculum) is None:
        if os.environ.get("CI"):
            raise AssertionError(".ci/run installs zensical into .venv-zensical")
        pytest.skip("zensical is not installed")
    out = curriculum / "situs-zensical"
    result = build(curriculum, "--mesin", "zensical", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert (out / ".kesos-modul-situs").is_file()
    page = (
        out / "modul/dukungan-psikososial-bencana/02-pertolongan-pertama-psikologis/index.html"
    ).read_text(encoding="utf-8")
    assert "Bab III. Prinsip Pertolongan Pertama Psikologis" in page
    # the module's own navigation, its links resolved by the engine, none left as Markdown
    assert 'href="../03-layanan-dukungan-psikososial/"' in page and "Isi modul: halaman 3 dari 8" in page
    assert "](" not in page and "{ aria-current" not in page and page.count('aria-current="page"') == 1
    assert (out / "pagefind/pagefind-ui.js").is_file()  # the search index is built for any engine


def test_the_theme_speaks_indonesian(built: Path) -> None:
    """No English from the theme a trainee would read: heading anchors, footer, 404 page."""
    for page in (built / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for english in (
            "Permanent link",
            "Made with",
            "Not found",
            'aria-label="Header"',
            'aria-label="Footer"',
        ):
            assert english not in text, (page, english)
    assert "Halaman tidak ditemukan" in (built / "site/404.html").read_text(encoding="utf-8")
    module = (built / "site/modul/dukungan-psikososial-bencana/index.html").read_text(encoding="utf-8")
    assert 'title="Tautan ke bagian ini"' in module


def one_ranah(root: Path, modules: int) -> Path:
    """bench/generate.py's curriculum of ``modules`` one-chapter modules, all in one ranah:
    the case where every page of a ranah used to carry every module of it."""
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(REPO / "bench"))
    generate(root, modules, chapters=1)
    for meta in sorted((root / "modules").glob("*/modul.yaml")):
        text = re.sub(
            r"^ranah:\n- [a-z-]+$", "ranah:\n- korban-bencana", meta.read_text(encoding="utf-8"), flags=re.M
        )
        meta.write_text(text, encoding="utf-8")
        keep_approved(root, meta.parent.name)
    return root


def test_a_module_page_does_not_grow_with_the_curriculum(tmp_path: Path) -> None:
    """Three times the modules in one ranah: the same chapter page, as large and
    with as many links; the module pages of the site grow with the modules, no faster."""
    pages, links, per_module = {}, {}, {}
    for n in (4, 12):
        root = one_ranah(tmp_path / f"k{n}", n)
        result = build(root, "--strict")
        assert result.exit_code == 0, result.output
        chapter = (root / "site/modul/modul-0001/01-bab/index.html").read_text(encoding="utf-8")
        assert 'aria-current="page"' in chapter and "Isi modul: halaman 2 dari 3" in chapter
        pages[n], links[n] = len(chapter.encode("utf-8")), chapter.count("<a ")
        module_pages = list((root / "site/modul").glob("modul-*/**/*.html"))
        per_module[n] = sum(p.stat().st_size for p in module_pages) / n
    assert links[12] == links[4], links
    assert abs(pages[12] - pages[4]) <= 0.01 * pages[4], pages
    assert per_module[12] <= 1.02 * per_module[4], per_module


def test_a_curriculum_config_without_the_needed_markdown_still_shows_the_module_navigation(
    curriculum: Path,
) -> None:
    """A curriculum's own mkdocs.yml, copied before the module navigation needed md_in_html
    and before the practice questions had a script of their own."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^  - (md_in_html|attr_list|assets/kesos-latihan\.js)\b.*\n", "", config, flags=re.M)
    assert "kesos-latihan" not in config
    (curriculum / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = build(curriculum, "--strict")
    assert result.exit_code == 0, result.output
    page = (curriculum / "site/modul/dukungan-psikososial-bencana/latihan/index.html").read_text(
        encoding="utf-8"
    )
    assert '<a aria-current="page" href="./">Latihan mandiri</a>' in page
    assert "](" not in page and "markdown>" not in page
    assert page.count("assets/kesos-latihan.js") == 1  # the questions still answer


def test_the_print_page_holds_every_chapter_as_its_own_page_shows_it(built: Path) -> None:
    site = built / "site/modul"
    page = (site / "pendampingan-bansos-covid19/cetak/index.html").read_text(encoding="utf-8")
    chapter = (site / "pendampingan-bansos-covid19/01-kebijakan-perlindungan-sosial/index.html").read_text(
        encoding="utf-8"
    )
    sentence = "Undang-undang yang sama menempatkan kemiskinan"
    assert sentence in chapter and page.count(sentence) == 1
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))  # every chapter has a "latihan": one page, distinct anchors
    assert '<h2 id="01-kebijakan-perlindungan-sosial">' in page
    # a chapter's sections sit one level below its heading, under the chapter's anchor
    assert '<h3 id="01-kebijakan-perlindungan-sosial--latihan">' in page
    assert 'href="#01-kebijakan-perlindungan-sosial--latihan"' in page
    # a link to another chapter of the module leads within the page; to another module, to its page
    assert '<a href="#03-data-terpadu-kesejahteraan-sosial">bab 3</a>' in page
    assert 'href="../../dukungan-psikososial-bencana/02-pertolongan-pertama-psikologis/"' in page
    # an image keeps its address (the print page lies at the chapters' depth)
    other = (site / "dukungan-psikososial-bencana/cetak/index.html").read_text(encoding="utf-8")
    assert 'src="../gambar/alur-ldp.svg"' in other
    assert "kesos:bab" not in page and "](" not in page
