"""Reading without signal, as a trainee on a phone does: the published versioned
site on 127.0.0.1 (a secure context), Debian's Chromium, a fresh browser profile
per test. "Offline" is both Playwright's offline mode and the host stopped, so
nothing can still reach the network behind the test's back."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import tarfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kesos_modul import pwa
from tests.browsing import _compressed, _Host, axe_serious, open_page, sample
from tests.conftest import TODAY, commit_all, run
from tests.test_look import RAW_MARKDOWN, SCREENSHOTS
from tests.test_pratinjau_server import _serving, _until

R1, R2 = "2026.11.17", "2026.12.01"
READ = "dukungan-psikososial-bencana"  # opened page by page
SAVED = "penanganan-anak-korban-kekerasan"  # saved without being read
FACILITATOR_ONLY = ("Catatan fasilitator", "Kunci jawaban")


class Host:
    """A static host that can be switched off and on again at the same address, or made
    slow: with ``slow`` set, every page waits that many seconds before it is sent."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = 0
        self.requests: list[str] = []  # every path asked for, in order
        self.slow = 0.0
        self.server: http.server.ThreadingHTTPServer | None = None
        self.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> None:
        host = self

        class Logged(_Host):
            def do_GET(self) -> None:
                host.requests.append(self.path)
                if host.slow and self.path.split("?")[0].endswith(("/", ".html")):
                    time.sleep(host.slow)
                super().do_GET()

        handler = functools.partial(Logged, directory=str(self.folder))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        assert self.server is not None
        self.server.shutdown()
        self.server.server_close()
        self.server = None


class Published:
    """A curriculum whose releases are published with mike and served as a host serves gh-pages."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.served = root.parent / "situs"
        self.host: Host | None = None

    def release(self, name: str) -> None:
        result = run("release", name, "--root", str(self.root), "--today", TODAY)
        assert result.exit_code == 0, result.output
        archive = self.root.parent / "situs.tar"
        subprocess.run(["git", "archive", "-o", str(archive), "gh-pages"], cwd=self.root, check=True)
        shutil.rmtree(self.served, ignore_errors=True)
        with tarfile.open(archive) as tar:
            tar.extractall(self.served, filter="tar")
        _compressed.cache_clear()  # the host keeps compressed files by path
        if self.host is None:
            self.host = Host(self.served)

    @property
    def url(self) -> str:
        assert self.host is not None
        return self.host.url + "terbaru/"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Published]:
    root = sample(tmp_path_factory.mktemp("tanpa-sinyal") / "kurikulum")
    commit_all(root, "awal")
    site = Published(root)
    site.release(R1)
    yield site
    if site.host is not None and site.host.server is not None:
        site.host.stop()


def built(root: Path, output: Path, *options: str) -> None:
    """``kesos-modul build`` of ``root`` into ``output``, served afresh from then on."""
    result = run("build", "--root", str(root), "--output", str(output), "--today", TODAY, *options)
    assert result.exit_code == 0, result.output
    _compressed.cache_clear()  # the host keeps compressed files by path


def ready(page) -> None:
    """Wait until this version's worker controls the page (the shell is precached then)."""
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=20_000)


def offline(page, host: Host) -> None:
    page.context.set_offline(True)
    host.stop()


def online(page, host: Host) -> None:
    host.start()
    page.context.set_offline(False)


def text(page) -> str:
    """The page's text, without the save control (its size is fetched when online)."""
    return page.evaluate(
        """() => {
            const article = document.querySelector("article").cloneNode(true);
            article.querySelectorAll(".kesos-simpan").forEach((control) => control.remove());
            return article.textContent.replace(/\\s+/g, " ").trim();
        }"""
    )


def styled(page) -> bool:
    """The theme's stylesheet applied (the header is teal, not unstyled)."""
    colour = page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    return colour == "rgb(0, 105, 92)"


def cached(page) -> dict[str, list[str]]:
    return page.evaluate(
        """async () => {
            const out = {};
            for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                out[name] = (await cache.keys()).map((r) => r.url);
            }
            return out;
        }"""
    )


def cached_text(page, edisi: str) -> str:
    """Every text kept in the caches of one edition's workers."""
    return page.evaluate(
        """async (edisi) => {
            let all = "";
            for (const name of await caches.keys()) {
                if (!name.startsWith("kesos|" + edisi + "|") && !name.startsWith("kesos-" + edisi + "-")) continue;
                const cache = await caches.open(name);
                for (const request of await cache.keys()) {
                    all += "\\n" + request.url + "\\n" + await (await cache.match(request)).text();
                }
            }
            return all;
        }""",
        edisi,
    )


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"tanpa-sinyal-{name}.png"), full_page=True)


def test_a_module_read_once_can_be_read_again_without_signal(phone, published: Published) -> None:
    base = published.url
    module = f"{base}modul/{READ}/"
    phone.goto(base)
    ready(phone)
    phone.goto(module)
    chapter = phone.locator(".kesos-langkah__berikutnya").get_attribute("href")
    phone.goto(module + chapter)
    opened = {"ringkasan": text(phone)}
    phone.goto(module)
    opened["ringkasan"] = text(phone)
    phone.goto(module + chapter)
    opened["bab"] = text(phone)
    offline(phone, published.host)
    try:
        assert phone.evaluate("() => navigator.onLine") is False
        phone.goto(module)
        assert text(phone) == opened["ringkasan"] and styled(phone)
        # the chapter, reached as a trainee does: "Berikutnya" at the foot of the page
        phone.locator(".kesos-langkah__berikutnya").click()
        phone.wait_for_load_state()
        assert text(phone) == opened["bab"] and styled(phone)
        assert not RAW_MARKDOWN.search(text(phone))
        phone.goto(base)
        assert "Modul" in text(phone) and styled(phone)
        # a chapter never opened: the offline page, which says so and leads to what is saved
        phone.goto(f"{module}05-perawatan-diri-dan-rujukan/")
        assert "/tanpa-sinyal/" in phone.url and styled(phone)
        assert "Tidak ada sambungan internet" in text(phone)
        assert (
            phone.get_by_role("link", name="Coba buka lagi halaman yang diminta")
            .get_attribute("href")
            .endswith("05-perawatan-diri-dan-rujukan/")
        )
        shoot(phone, "halaman-luring-390")
        # search says what it needs instead of failing silently
        phone.goto(base + "cari/")
        assert "Pencarian memerlukan sambungan internet" in text(phone)
    finally:
        online(phone, published.host)
    phone.goto(module)  # online again: the page comes from the network
    assert text(phone) == opened["ringkasan"]


def test_search_says_it_needs_a_connection_when_the_phone_thinks_it_has_one(
    phone, published: Published
) -> None:
    """A connection that is gone although the phone still reports one (no data left on
    the plan, a dead hotspot): the search page says what search needs, not that this
    site has no index."""
    phone.goto(published.url + "cari/")
    ready(phone)
    published.host.stop()
    try:
        assert phone.evaluate("() => navigator.onLine") is True
        phone.goto(published.url + "cari/")
        phone.get_by_text("Pencarian memerlukan sambungan internet").wait_for()
        assert phone.get_by_role("link", name="Modul tersimpan").last.get_attribute("href") == "../tersimpan/"
        assert "Indeks pencarian tidak ada" not in text(phone)
    finally:
        published.host.start()


def test_a_saved_module_can_be_read_without_signal_without_having_been_read(
    phone, published: Published
) -> None:
    base = published.url
    module = f"{base}modul/{SAVED}/"
    phone.goto(base)
    ready(phone)
    phone.goto(module)
    save = phone.get_by_role("button", name="Simpan untuk dibaca tanpa sinyal")
    # before saving, the button says what it will cost
    phone.wait_for_function(
        "() => /\\(\\d+(,\\d)? (KB|MB)\\)$/.test(document.querySelector('.kesos-simpan button').textContent)"
    )
    save.first.click()
    state = phone.locator(".kesos-simpan__keadaan--tersimpan").first
    state.wait_for(timeout=30_000)
    assert "Tersimpan untuk dibaca tanpa sinyal: versi 1.0.2" in state.inner_text()
    shoot(phone, "modul-tersimpan-390")
    assert axe_serious(phone) == []
    pages = phone.evaluate("async (url) => (await (await fetch(url)).json()).berkas", f"{module}luring.json")
    assert f"modul/{SAVED}/{SAVED}.pdf" in pages  # the book comes too
    phone.goto(base + "tersimpan/")
    phone.locator(".kesos-tersimpan li").first.wait_for()
    assert axe_serious(phone) == []
    offline(phone, published.host)
    try:
        for path in pages:
            if path.endswith("/"):
                phone.goto(base + path)
                assert "/tanpa-sinyal/" not in phone.url, path
                assert styled(phone), path
                assert not RAW_MARKDOWN.search(text(phone)), path
                broken = phone.evaluate(
                    "() => [...document.images].filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.src)"
                )
                assert broken == [], (path, broken)
            else:
                status = phone.evaluate("async (url) => (await fetch(url)).status", base + path)
                assert status == 200, path
        phone.goto(base + "tersimpan/")
        listed = phone.locator(".kesos-tersimpan li")
        listed.first.wait_for()
        assert listed.count() == 1 and "Penanganan" in listed.first.inner_text()
        shoot(phone, "daftar-tersimpan-390")
        # removed: its pages are gone from the device
        listed.first.get_by_role("button", name="Hapus").click()
        phone.get_by_text("Belum ada modul yang disimpan").wait_for()
        phone.goto(f"{module}latihan/")
        assert "/tanpa-sinyal/" in phone.url
    finally:
        online(phone, published.host)


def test_on_a_connection_that_hardly_moves_a_kept_page_opens_in_seconds(phone, published: Published) -> None:
    """Signal that is there but barely carries anything: a page opened before or saved
    with its module is shown from the device after the worker's patience (3 s) instead of
    after the network's answer; a page the device does not have still comes from the network."""
    base = published.url
    phone.goto(base)
    ready(phone)
    phone.goto(f"{base}modul/{READ}/")
    opened = text(phone)
    phone.goto(f"{base}modul/{SAVED}/")
    phone.get_by_role("button", name="Simpan untuk dibaca tanpa sinyal").first.click()
    phone.locator(".kesos-simpan__keadaan--tersimpan").first.wait_for(timeout=30_000)
    chapter = phone.locator(".kesos-langkah__berikutnya").get_attribute("href")
    host = published.host
    host.slow = 9.0
    try:
        for url in (f"{base}modul/{READ}/", f"{base}modul/{SAVED}/{chapter}"):
            began = time.monotonic()
            phone.goto(url)
            waited = time.monotonic() - began
            assert waited < 6.5, f"{url} took {waited:.1f} s"
            assert styled(phone) and "/tanpa-sinyal/" not in phone.url
        phone.goto(f"{base}modul/{READ}/")
        assert text(phone) == opened
        began = time.monotonic()
        phone.goto(f"{base}glosarium/")  # never opened, not saved: the network's answer, late
        assert time.monotonic() - began >= 8.5
        assert "/tanpa-sinyal/" not in phone.url and "Glosarium" in text(phone)
    finally:
        host.slow = 0.0


def test_the_worker_is_part_of_each_version_and_its_shell_is_small(published: Published) -> None:
    version = published.served / R1
    sw = (version / "sw.js").read_text(encoding="utf-8")
    assert '"edisi": "peserta"' in sw and f'"versi": "{R1}"' in sw
    assert "https://" not in sw and "http://" not in sw  # no CDN
    runtime = sorted(p.name for p in next(version.glob("workbox-v*")).iterdir())
    assert "workbox-sw.js" in runtime and not any(name.endswith(".map") for name in runtime)
    manifest = (version / "manifest.webmanifest").read_text(encoding="utf-8")
    assert '"lang": "id"' in manifest and '"short_name": "Modul Kesos"' in manifest
    index = (version / "index.html").read_text(encoding="utf-8")
    assert 'rel="manifest"' in index and 'name="theme-color"' in index
    shell = pwa.shell(version)
    assert shell.shell_bytes < pwa.SHELL_BUDGET, shell


def test_a_new_release_refreshes_the_saved_module_and_says_so(phone, published: Published) -> None:
    base = published.url
    module = f"{base}modul/{SAVED}/"
    phone.goto(module)
    ready(phone)
    for kode in (READ, SAVED):  # two saved modules; the release changes one of them
        phone.goto(f"{base}modul/{kode}/")
        phone.get_by_role("button", name="Simpan untuk dibaca tanpa sinyal").first.click()
        phone.locator(".kesos-simpan__keadaan--tersimpan").first.wait_for(timeout=30_000)
    # the next release changes the saved module's first chapter
    root = published.root
    chapter = sorted((root / "modules" / SAVED).glob("0*.md"))[0]
    added = "Kalimat baru dari rilis berikutnya tentang layanan SAPA 129."
    chapter.write_text(chapter.read_text(encoding="utf-8") + f"\n{added}\n", encoding="utf-8")
    args = ("--root", str(root), "--today", TODAY)
    assert run("bump", SAVED, "patch", "-m", "Kalimat baru", *args).exit_code == 0
    approved = run("sahkan", SAVED, "--oleh", "Drs. Bambang Suryadi, M.Si.", *args)
    assert approved.exit_code == 0, approved.output
    commit_all(root, "kalimat baru")
    published.release(R2)
    published.host.requests.clear()
    phone.goto(module)  # online: the newest release at once
    phone.locator(".kesos-kabar").wait_for(timeout=30_000)
    notice = phone.locator(".kesos-kabar").inner_text()
    assert "sudah diperbarui dari versi 1.0.2 ke versi 1.0.3" in notice and R2 in notice
    assert "Dukungan Psikososial" not in notice  # unchanged: no notice
    # the caches of terbaru/ are the new release's now; the earlier release's are gone
    names = [name for name in cached(phone) if name.endswith(base)]
    assert names and all(R2 in name for name in names if "|kabar|" not in name), names
    shoot(phone, "pemberitahuan-390")
    phone.goto(base + "tersimpan/")
    listed = phone.locator(".kesos-tersimpan li")
    listed.nth(1).wait_for()
    dukungan, penanganan = sorted(listed.all_inner_texts())
    assert "Dukungan Psikososial" in dukungan and "versi 1.1.0" in dukungan
    assert "Penanganan Anak" in penanganan and "versi 1.0.3" in penanganan
    # the unchanged module was carried over without downloading its pages again
    assert [r for r in published.host.requests if f"/modul/{READ}/" in r] == [
        f"/terbaru/modul/{READ}/luring.json"
    ]
    assert any(f"/modul/{SAVED}/{chapter.stem}/" in r for r in published.host.requests)
    offline(phone, published.host)
    try:
        slug = chapter.stem
        phone.goto(f"{module}{slug}/")
        assert added in text(phone)
    finally:
        online(phone, published.host)


def test_a_saved_module_is_refreshed_by_a_new_build_under_the_same_name(browser, tmp_path: Path) -> None:
    """A centre that publishes `build` output: every build is named "pratinjau", and a
    build that changed a module is still a new one to the trainee's browser."""
    root = sample(tmp_path / "kurikulum")
    served = tmp_path / "situs"

    def build() -> str:
        built(root, served)
        found = re.search(r'"bangunan": "([^"]+)"', (served / "sw.js").read_text(encoding="utf-8"))
        assert found and found[1].startswith("pratinjau."), found
        return found[1]

    first = build()
    host = Host(served)
    page = open_page(browser, 390, 844, is_mobile=True, has_touch=True)
    module = f"{host.url}modul/{SAVED}/"
    try:
        page.goto(module)
        ready(page)
        page.get_by_role("button", name="Simpan untuk dibaca tanpa sinyal").first.click()
        page.locator(".kesos-simpan__keadaan--tersimpan").first.wait_for(timeout=30_000)
        assert build() == first  # the same modules: the same caches, nothing to download again
        chapter = sorted((root / "modules" / SAVED).glob("0*.md"))[0]
        added = "Kalimat baru dari pembangunan berikutnya tentang layanan SAPA 129."
        chapter.write_text(chapter.read_text(encoding="utf-8") + f"\n{added}\n", encoding="utf-8")
        args = ("--root", str(root), "--today", TODAY)
        assert run("bump", SAVED, "patch", "-m", "Kalimat baru", *args).exit_code == 0
        assert run("sahkan", SAVED, "--oleh", "Drs. Bambang Suryadi, M.Si.", *args).exit_code == 0
        second = build()
        assert second != first
        page.goto(module)
        page.wait_for_function(
            "async (name) => (await caches.keys()).includes(name)",
            arg=f"kesos|peserta|modul|{SAVED}|{second}|{host.url}",
            timeout=30_000,
        )
        page.locator(".kesos-kabar").wait_for(timeout=30_000)
        assert (
            "sudah diperbarui dari versi 1.0.2 ke versi 1.0.3 (rilis pratinjau)"
            in page.locator(".kesos-kabar").inner_text()
        )
        offline(page, host)
        page.goto(f"{module}{chapter.stem}/")
        assert added in text(page) and "/tanpa-sinyal/" not in page.url
        page.context.set_offline(False)
    finally:
        page.context.close()
        if host.server is not None:
            host.stop()


def test_saving_works_under_any_version_name(phone, tmp_path: Path) -> None:
    """A version name is free text (`build --versi`); cache names are split on "|"."""
    root = sample(tmp_path / "kurikulum")
    served = tmp_path / "situs"
    versi = "Uji | Desember <b>2026</b>"
    built(root, served, "--versi", versi)
    host = Host(served)
    try:
        phone.goto(f"{host.url}modul/{SAVED}/")
        ready(phone)
        phone.get_by_role("button", name="Simpan untuk dibaca tanpa sinyal").first.click()
        phone.locator(".kesos-simpan__keadaan--tersimpan").first.wait_for(timeout=30_000)
        phone.goto(f"{host.url}tersimpan/")
        listed = phone.locator(".kesos-tersimpan li")
        listed.first.wait_for()
        assert listed.count() == 1 and "Penanganan" in listed.first.inner_text()
    finally:
        host.stop()


ANSWER = "Peserta mendekat dengan tenang dan memperkenalkan diri"  # READ's answer key for ev-2
KEY_HEADING = "Kunci jawaban (khusus fasilitator)"


def test_the_trainee_workers_caches_never_hold_facilitator_text(browser, tmp_path: Path) -> None:
    """The hardest case: the facilitator edition served below the trainee site, inside the
    trainee worker's scope, and both editions' modules saved in one browser."""
    root = sample(tmp_path / "kurikulum")
    served = tmp_path / "situs"
    for edisi, output in (("peserta", served), ("fasilitator", served / "fasilitator")):
        built(root, output, "--edisi", edisi)
    facilitator_page = served / "fasilitator" / "modul" / READ / "penutup" / "index.html"
    assert ANSWER in facilitator_page.read_text(encoding="utf-8")
    # and a facilitator page copied into the trainee site's own folders, by mistake
    (served / "modul" / READ / "salinan").mkdir()
    shutil.copy(facilitator_page, served / "modul" / READ / "salinan" / "index.html")
    host = Host(served)
    page = open_page(browser, 390, 844, is_mobile=True, has_touch=True)
    try:
        for base in (host.url, host.url + "fasilitator/"):
            page.goto(base)
            page.wait_for_function(
                "(sw) => (navigator.serviceWorker.controller || {}).scriptURL === sw", arg=base + "sw.js"
            )
            page.goto(f"{base}modul/{READ}/penutup/")
            page.goto(f"{base}modul/{READ}/")
            page.get_by_role("button", name="Simpan untuk dibaca tanpa sinyal").first.click()
            page.locator(".kesos-simpan__keadaan--tersimpan").first.wait_for(timeout=30_000)
        page.goto(f"{host.url}modul/{READ}/salinan/")  # shown (it is on the host), never stored
        assert ANSWER in text(page)
        trainee, facilitator = cached_text(page, "peserta"), cached_text(page, "fasilitator")
        assert f"{host.url}modul/{READ}/penutup/" in trainee  # the trainee worker did keep pages
        assert ANSWER not in trainee and KEY_HEADING not in trainee and "/fasilitator/" not in trainee
        assert ANSWER in facilitator and KEY_HEADING in facilitator  # the same, for the facilitator
        # both read offline, each edition from its own worker
        offline(page, host)
        page.goto(f"{host.url}fasilitator/modul/{READ}/penutup/")
        assert ANSWER in text(page)
        page.goto(f"{host.url}modul/{READ}/penutup/")
        assert "penutup" in page.url and ANSWER not in text(page) and styled(page)
        page.context.set_offline(False)
    finally:
        page.context.close()
        if host.server is not None:
            host.stop()


def test_no_worker_in_the_copy_opened_from_disk(tmp_path: Path) -> None:
    root = sample(tmp_path / "kurikulum")
    built(root, tmp_path / "salinan", "--offline")
    assert not (tmp_path / "salinan" / "sw.js").exists()
    assert "manifest.webmanifest" not in (tmp_path / "salinan" / "index.html").read_text(encoding="utf-8")


def test_the_preview_at_the_address_of_a_built_site_is_not_answered_by_its_worker(
    browser, tmp_path: Path
) -> None:
    """A writer looked at a built site on 127.0.0.1:8000, then runs kesos-modul serve there:
    the preview shows what was just saved, not the built site's copies."""
    root = sample(tmp_path / "kurikulum")
    built(root, tmp_path / "situs")
    host = Host(tmp_path / "situs")
    page = open_page(browser)
    try:
        page.goto(host.url)
        ready(page)
        page.goto(f"{host.url}modul/{READ}/")
        host.stop()
        with _serving(root, host.port) as url:
            _until(url, "Beranda")
            page.goto(url)
            page.wait_for_function(
                "async () => (await navigator.serviceWorker.getRegistrations()).length === 0"
            )
            assert not [name for name in page.evaluate("async () => await caches.keys()") if "kesos" in name]
            # (Chromium may keep the tab itself controlled by the unregistered worker until it
            # closes; with its copies gone, it answers from the preview)
            page.goto(f"{url}modul/{READ}/")
            assert page.locator(".kesos-simpan").count() == 0  # the preview's page, not the kept copy
            # the preview has no search index, and says so (it is not a missing connection)
            page.goto(f"{url}cari/")
            page.get_by_text("Indeks pencarian tidak ada di sini").wait_for()
    finally:
        page.context.close()


def test_the_site_can_be_installed_on_a_phones_home_screen(phone, published: Published) -> None:
    phone.goto(published.url)
    ready(phone)
    cdp = phone.context.new_cdp_session(phone)
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    # a test browser's profile is always private, which alone keeps Chromium from offering it
    assert [e["errorId"] for e in errors if e["errorId"] != "in-incognito"] == []
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["errors"] == [] and '"short_name": "Modul Kesos"' in manifest["data"]
