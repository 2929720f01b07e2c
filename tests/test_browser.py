"""The trainee site in a real browser (Debian's Chromium through Playwright):
finding a chapter, searching in Indonesian, versions, editions and safety."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browsing import NEW, OLD, axe_serious, heading, open_page, sample, search, serving, type_query
from tests.conftest import TODAY, edit, keep_approved, run
from tests.test_safety import plant_markup

ANSWER = "Peserta mendekat dengan tenang dan memperkenalkan diri"  # module 1's answer key for ev-2
M1 = "modul/dukungan-psikososial-bencana/"

# Base and affixed forms a trainee might type, each drawn from the sample chapters.
WORD_FORMS = [
    ("pemberdayaan", "memberdayakan"), ("pendampingan", "mendampingi"), ("perlindungan", "melindungi"),
    ("rujukan", "merujuk"), ("penyaluran", "menyalurkan"), ("pengaduan", "mengadukan"),
    ("pelaporan", "melaporkan"), ("pemantauan", "memantau"), ("rehabilitasi", "merehabilitasi"),
    ("pengasuhan", "mengasuh"), ("pemulihan", "memulihkan"), ("penanganan", "menangani"),
    ("pelayanan", "melayani"), ("bantuan", "membantu"), ("pendataan", "mendata"), ("penilaian", "menilai"),
    ("kebutuhan", "membutuhkan"), ("pencegahan", "mencegah"), ("perlakuan", "memperlakukan"),
    ("keselamatan", "menyelamatkan"), ("pertolongan", "menolong"), ("pengungsian", "mengungsi"),
]  # fmt: skip


def test_home_page_opens_without_errors(page, site_url: str) -> None:
    page.goto(site_url, wait_until="networkidle")
    assert page.locator("html").get_attribute("lang") == "id"
    assert heading(page) == "Kurikulum Pelatihan SDM Kesejahteraan Sosial"
    assert page.console_errors == []


def test_reach_a_chapter_through_the_domain_page(page, site_url: str) -> None:
    page.goto(site_url)
    page.locator("article").get_by_role("link", name="Korban Bencana", exact=True).click()
    page.wait_for_url("**/ranah/korban-bencana/")
    page.locator("article").get_by_role("link", name="Dukungan Psikososial bagi Korban Bencana").click()
    page.wait_for_url(f"**/{M1}")
    assert heading(page) == "Dukungan Psikososial bagi Korban Bencana"
    page.locator("article").get_by_role(
        "link", name="Bab III. Prinsip Pertolongan Pertama Psikologis"
    ).click()
    page.wait_for_url(f"**/{M1}02-pertolongan-pertama-psikologis/")
    assert heading(page).startswith("Bab III. Prinsip Pertolongan Pertama Psikologis")
    assert page.console_errors == []


def test_every_page_of_every_module_is_two_taps_away_on_a_phone(phone, site_url: str) -> None:
    """What a module page shows leads to every other page of its module: on the
    overview its list "Isi modul", elsewhere a tap on "Isi modul" then a tap on
    the page. "Berikutnya" walks the whole module in that order, "Sebelumnya" back."""
    phone.goto(site_url + "modul/")
    modules = phone.locator("article li > a").evaluate_all("links => links.map(a => [a.textContent, a.href])")
    assert len(modules) == 4
    hrefs = "links => links.map(a => a.href)"
    for title, overview in modules:
        phone.goto(overview)
        order = [phone.url]
        following = phone.locator(".kesos-langkah__berikutnya")
        while following.count():
            order.append(following.evaluate("a => a.href"))
            following.tap()
            phone.wait_for_url(order[-1])
        assert len(order) >= 7 and order[-1].endswith("/penutup/"), (title, order)
        for i, here in reversed(list(enumerate(order))):
            phone.goto(here)
            assert phone.locator(".kesos-jejak").get_by_role("link", name=title).is_visible(), here
            if i == 0:
                shown = phone.locator("#isi-modul + ul a").evaluate_all(hrefs)
                assert set(order[1:]) <= set(shown), (here, shown)
            else:
                listed = phone.locator(".kesos-isi a")
                assert not listed.first.is_visible()  # folded away on a phone, one tap opens it
                phone.locator(".kesos-isi summary").tap()
                assert listed.evaluate_all(hrefs) == order, here
                assert all(listed.nth(k).is_visible() for k in range(len(order)))
                assert listed.nth(i).get_attribute("aria-current") == "page"
                target = (i + 2) % len(order)
                listed.nth(target).tap()
                phone.wait_for_url(order[target])
                phone.goto(here)
            if i > 0:  # and back, one page at a time
                phone.locator(".kesos-langkah__sebelumnya").tap()
                phone.wait_for_url(order[i - 1])
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, title
    assert phone.console_errors == []


def test_search_understands_indonesian_word_forms(page, site_url: str) -> None:
    """Through the search page: each affixed form finds what its base form finds."""
    shown = search(page, site_url, "memberdayakan")
    assert shown, "memberdayakan finds nothing"
    recall = page.evaluate(
        """async pairs => {
            const pf = await import(new URL('../pagefind/pagefind.js', location.href).href);
            const pages = async q => new Set((await Promise.all((await pf.search(q)).results.map(r => r.data()))).map(d => d.url));
            const out = [];
            for (const [base, affixed] of pairs) {
                const a = await pages(base), b = await pages(affixed);
                out.push([base, affixed, [...a].filter(u => b.has(u)).length / Math.max(a.size, 1)]);
            }
            return out;
        }""",
        WORD_FORMS,
    )
    assert all(share > 0 for _, _, share in recall), [r for r in recall if r[2] == 0]
    assert sum(share for _, _, share in recall) / len(recall) >= 0.9, recall
    for _, affixed in WORD_FORMS[:15]:
        assert search(page, site_url, affixed), affixed  # the real interface shows results
    page.locator(".pagefind-ui__result-link").first.click()
    page.wait_for_url(lambda url: "/cari/" not in url)  # a result leads to its page
    assert page.console_errors == []


def test_glossary_terms_are_results_of_their_own_and_filters_are_indonesian(page, site_url: str) -> None:
    titles = search(page, site_url, "tagana")
    assert "Tagana" in titles
    names = page.locator(".pagefind-ui__filter-name").all_inner_texts()
    assert {"Ranah", "Pilar", "Peran"} <= set(names), names
    page.locator(".pagefind-ui__result-link", has_text="Tagana").first.click()
    page.wait_for_url("**/glosarium/#istilah-tagana")
    assert page.locator("#istilah-tagana").is_visible()


def test_no_answer_key_text_in_the_trainee_edition(page, site_url: str) -> None:
    page.goto(site_url + M1 + "penutup/")
    assert ANSWER not in page.locator("body").inner_text()
    search(page, site_url, "mendekat tenang memperkenalkan")
    excerpts = " ".join(page.locator(".pagefind-ui__result-excerpt").all_inner_texts())
    assert ANSWER not in excerpts and "Kunci jawaban" not in excerpts


def test_offline_copy_works_from_disk_with_the_themes_search(page, tmp_path: Path) -> None:
    root = sample(tmp_path / "kurikulum")
    result = run(
        "build", "--root", str(root), "--offline", "--output", str(tmp_path / "salinan"), "--today", TODAY
    )
    assert result.exit_code == 0, result.output
    page.goto((tmp_path / "salinan" / "index.html").as_uri())
    page.locator("article").get_by_role("link", name="Korban Bencana", exact=True).click()
    assert page.url.endswith("/ranah/korban-bencana.html")
    page.click("input.md-search__input")
    page.locator("input.md-search__input").press_sequentially("diversi")
    page.wait_for_selector(".md-search-result__item")
    page.locator(".md-search-result__item a").first.click()
    assert "/modul/penanganan-anak-korban-kekerasan/" in page.url and "/cetak" not in page.url
    assert page.console_errors == []


def test_versions_lead_to_the_same_page(browser, published: str) -> None:
    """The selector and the old version's banner keep the trainee on the page they read."""
    page = open_page(browser)
    chapter = M1 + "02-pertolongan-pertama-psikologis/"
    page.goto(published + "terbaru/" + chapter, wait_until="networkidle")
    assert not page.locator(".md-banner").is_visible()
    page.locator(".md-version").hover()  # the selector opens on hover or focus
    page.locator(".md-version__link", has_text=OLD).click()
    page.wait_for_url(f"**/{OLD}/{chapter}")
    banner = page.locator(".md-banner")
    banner.wait_for(state="visible")
    assert "versi lama" in banner.inner_text()
    banner.get_by_role("link").click()
    page.wait_for_url(f"**/terbaru/{chapter}")
    assert page.console_errors == []
    redirect = page.request.get(published + "index.html").text()  # mike's redirect at the root
    assert '<html lang="id">' in redirect and "Redirecting" not in redirect
    page.goto(published, wait_until="networkidle")
    page.wait_for_url("**/terbaru/")
    page.goto(published + "tidak-ada/halaman/", wait_until="networkidle")
    assert heading(page) == "Halaman tidak ditemukan"
    assert (
        page.get_by_role("link", name="Buka beranda kurikulum versi terbaru")
        .get_attribute("href")
        .endswith("/terbaru/")
    )
    page.context.close()


@pytest.mark.parametrize("path", ["", M1, M1 + "01-konsep-bencana/", "kompetensi/", "cari/?q=bantuan"])
def test_no_serious_accessibility_violations(page, site_url: str, path: str) -> None:
    page.goto(site_url + path, wait_until="networkidle")
    if path.startswith("cari/"):
        page.wait_for_selector(".pagefind-ui__result")
    assert axe_serious(page) == []


def test_practice_question_gives_feedback_without_a_server_round_trip(page, site_url: str) -> None:
    page.goto(site_url + M1 + "latihan/")
    question = page.locator("#latihan-lat-1")
    question.get_by_role("button", name="Memintanya berhenti bercerita", exact=False).click()
    feedback = question.locator(".latihan__umpan")
    assert feedback.inner_text().startswith("Belum tepat.")
    right = question.get_by_role("button", name="Mendengarkan dengan tenang", exact=False)
    right.click()
    assert feedback.inner_text().startswith("Tepat.") and right.get_attribute("aria-pressed") == "true"
    assert ANSWER not in page.locator("body").inner_text()  # evaluasi keys stay out
    # feedback that already says "Tepat." is not told twice
    second = page.locator("#latihan-lat-2")
    second.get_by_role("button", name="Anak, lansia", exact=False).click()
    assert second.locator(".latihan__umpan").inner_text().startswith("Tepat. Kelompok ini")
    assert page.console_errors == []


def test_markup_written_in_metadata_never_runs_in_the_browser(page, tmp_path: Path) -> None:
    """<script> in a module's title, chapter titles and a glossary term is shown as
    text and never runs, on the pages and in search results."""
    root = sample(tmp_path / "kurikulum")
    plant_markup(root)
    assert run("build", "--root", str(root), "--today", TODAY).exit_code == 0
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with serving(root / "site") as url:
        for path in ("", M1, M1 + "01-konsep-bencana/", "glosarium/"):
            page.goto(url + path, wait_until="networkidle")
            assert page.evaluate("window.__kesos_xss") is None, path
        page.goto(url + M1, wait_until="networkidle")
        assert "<script>" in heading(page) and "<script>" in page.title()
        page.goto(url + M1 + "01-konsep-bencana/", wait_until="networkidle")
        assert "</b><img" in heading(page)
        titles = search(page, url, "LDP")
        assert any("<script>" in t for t in titles), titles  # the planted term, as text
        assert page.evaluate("window.__kesos_xss") is None
        # saved for reading without signal: the list of saved modules shows the title as text
        page.goto(url + M1, wait_until="networkidle")
        page.get_by_role("button", name="Simpan untuk dibaca tanpa sinyal").first.click()
        page.locator(".kesos-simpan__keadaan--tersimpan").first.wait_for()
        page.goto(url + "tersimpan/")
        page.locator(".kesos-tersimpan li").first.wait_for()
        assert "<script>" in page.locator(".kesos-tersimpan li").first.inner_text()
        assert page.evaluate("window.__kesos_xss") is None
    assert dialogs == [] and page.console_errors == []


def test_a_search_that_stalls_says_so_and_can_be_run_again(page, site_url: str) -> None:
    """A connection that stops halfway leaves Pagefind waiting for its index without end:
    the page says the search has not finished and offers to run it again."""
    stalled: list[object] = []
    page.context.route("**/pagefind/index/*", lambda route: stalled.append(route))  # never answered
    type_query(page, site_url, "diversi")
    notice = page.locator(".kesos-cari__lambat")
    notice.wait_for(timeout=20_000)
    assert stalled and "Pencarian belum selesai" in notice.inner_text()
    assert page.locator(".pagefind-ui__result").count() == 0
    page.context.unroute("**/pagefind/index/*")
    page.get_by_role("link", name="Cari lagi").click()
    page.wait_for_url("**/cari/?q=diversi")
    page.locator(".pagefind-ui__result-title").first.wait_for()
    assert page.locator(".pagefind-ui__search-input").input_value() == "diversi"
    assert notice.count() == 0


def test_search_page_is_the_headers_search_and_works_without_the_themes_index(page, site_url: str) -> None:
    page.goto(site_url + M1)
    page.locator("a.kesos-cari-tombol").click()
    page.wait_for_url("**/cari/")
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    search(page, site_url, "psikososial")
    assert not any("search_index.json" in u for u in requested)
    assert any("/pagefind/" in u for u in requested)


def test_a_newer_release_is_what_search_finds_in_it(page, published: str) -> None:
    """One index per version: each version's search page reads its own."""
    for version in (OLD, NEW):
        search(page, f"{published}{version}/", "diversi")
        link = page.locator(".pagefind-ui__result-link").first.get_attribute("href")
        assert link.startswith(f"/{version}/"), (version, link)


def test_practice_feedback_is_readable_in_dark_mode(browser, site_url: str) -> None:
    """Dark mode comes from the phone's setting; the feedback must keep its contrast (axe)."""
    page = open_page(browser, 390, 844, "dark")
    page.goto(site_url + M1 + "latihan/", wait_until="networkidle")
    page.locator("#latihan-lat-1").get_by_role(
        "button", name="Memintanya berhenti bercerita", exact=False
    ).click()
    page.locator("#latihan-lat-2").get_by_role("button", name="Anak, lansia", exact=False).click()
    assert (
        page.locator(".latihan__umpan--salah").is_visible()
        and page.locator(".latihan__umpan--benar").is_visible()
    )
    assert axe_serious(page) == []
    page.context.close()


def test_a_module_is_found_with_its_description_as_the_snippet(page, site_url: str) -> None:
    search(page, site_url, "dukungan psikososial")
    result = page.locator(".pagefind-ui__result", has_text="Dukungan Psikososial bagi Korban Bencana").first
    excerpt = result.locator(".pagefind-ui__result-excerpt").first.inner_text()
    assert excerpt.startswith("Modul ini membahas konsep bencana"), excerpt  # not "Butir Keterangan Kode …"


def test_search_shows_what_writers_wrote_as_text(page, tmp_path: Path) -> None:
    """Pagefind's interface shows an excerpt and a filter's values as HTML: a module's
    short description, a ranah's name in registri/ and a glossary definition reach it as
    text, shown as written, never as elements."""
    root = sample(tmp_path / "kurikulum")
    image = '<img src=x onerror="window.__kesos_xss=1">'
    meta = root / "modules/dukungan-psikososial-bencana/modul.yaml"
    edit(meta, "  deskripsi_singkat: >-\n", f"  deskripsi_singkat: >-\n    Tandapencarian {image}\n")
    edit(
        meta,
        "    definisi: Layanan Dukungan Psikososial,",
        f"    definisi: Glosariumtanda {image} Layanan Dukungan Psikososial,",
    )
    edit(root / "registri/ranah.yaml", "    nama: Korban Bencana\n", f"    nama: 'Korban Bencana {image}'\n")
    chapter = root / "modules/dukungan-psikososial-bencana/01-konsep-bencana.md"
    written = image.replace("<", "&lt;").replace(">", "&gt;")  # text, written with references
    chapter.write_text(
        chapter.read_text(encoding="utf-8") + f"\nBabtanda {written} dan `{image}`.\n", "utf-8"
    )
    keep_approved(root)
    result = run("build", "--root", str(root), "--today", TODAY)
    assert result.exit_code == 0, result.output
    with serving(root / "site") as url:
        for word in ("Tandapencarian", "Glosariumtanda", "Babtanda"):
            search(page, url, word)
            results = page.locator(".pagefind-ui__results")
            assert image in results.inner_text(), word
            assert page.locator("#kotak-cari .pagefind-ui__results img").count() == 0, word
        page.locator(".pagefind-ui__filter-name", has_text="ranah").first.click()
        labels = page.locator(".pagefind-ui__filter-label").all_text_contents()
        assert any(f"Korban Bencana {image}" in label for label in labels), labels
        assert page.locator("#kotak-cari .pagefind-ui__filter-label img").count() == 0
    assert page.console_errors == []
