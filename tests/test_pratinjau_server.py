"""``kesos-modul serve`` as a writer meets it: the real command, its real server.

The home page answers before every module is built; a module page not built
yet says, in Indonesian, that it is being prepared, and then shows itself; a
save shows the new text; and the site kept between runs never shows pages
built with a template that has changed since.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kesos_modul.engine import kept
from tests.conftest import REPO, edit, run

MODULES = 60


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")
    except OSError:
        return 0, ""


def _until(url: str, word: str, limit: float = 120) -> str:
    """The page at ``url`` once it answers 200 with ``word`` in it."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        status, text = _get(url)
        if status == 200 and word in text:
            return text
        time.sleep(0.05)
    raise AssertionError(f"{url} did not show {word!r} within {limit} s (last: {status})")


@contextmanager
def _serving(root: Path, port: int = 0) -> Iterator[str]:
    """``kesos-modul serve`` on ``port`` (a free one unless given)."""
    if not port:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "kesos_modul", "serve", "--root", str(root), "--port", str(port)],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(REPO / "bench"))
    return generate(tmp_path_factory.mktemp("besar") / "kurikulum", MODULES)


def test_the_home_page_answers_first_and_a_page_not_built_yet_says_so(large: Path, tmp_path: Path) -> None:
    root = tmp_path / "kurikulum"
    shutil.copytree(large, root)
    result = run("telaah", "modul-0030", "--penelaah", "Penelaah Uji", "--instansi", "Balai Uji",
                 "--root", str(root))  # fmt: skip
    assert result.exit_code == 0, result.output
    # modul-0001 was written to longest ago: it is built last
    oldest, next_oldest = "modul/modul-0001/03-bab/", "modul/modul-0002/03-bab/"
    with _serving(root) as url:
        assert "Kurikulum" in _until(url, "Kurikulum")
        # the module list, built first, already leads to every module, built or not
        status, listing = _get(url + "modul/")
        assert status == 200
        assert 'href="modul-0001/"' in listing and ".md" not in listing.replace("modul.md", "")
        status, text = _get(url + oldest)
        assert status == 503
        assert "Halaman ini sedang disiapkan" in text
        assert '<meta http-equiv="refresh"' in text  # it reloads itself
        # the page asked for is built before the others it waited behind
        _until(url + oldest, "modul-0001")
        assert _get(url + next_oldest)[0] == 503
        assert _until(url + next_oldest, "modul-0002")
        # a page that does not exist is still a plain 404
        assert _get(url + "modul/tidak-ada/")[0] == 404
        # a save shows the new text
        chapter = root / "modules/modul-0030/03-bab.md"
        with chapter.open("a", encoding="utf-8") as f:
            f.write("\nKalimat yang baru saja disimpan penulis.\n")
        _until(url + "modul/modul-0030/03-bab/", "Kalimat yang baru saja disimpan penulis.", 30)
        # a new title reaches the module's own pages and the pages that list it
        meta = root / "modules/modul-0030/modul.yaml"
        text = meta.read_text(encoding="utf-8")
        meta.write_text(text.replace("\njudul: ", "\njudul: Judul Baru Simpanan ", 1), encoding="utf-8")
        for page in ("modul/modul-0030/", "modul/modul-0030/03-bab/", "modul/"):
            _until(url + page, "Judul Baru Simpanan", 30)


def test_a_preview_stopped_early_keeps_what_it_built(large: Path, tmp_path: Path) -> None:
    root = tmp_path / "kurikulum"
    shutil.copytree(large, root)
    site = root / "build/pratinjau-peserta/site"
    with socket.socket() as s:  # the same address both times, as a writer's preview has
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with _serving(root, port) as url:
        _until(url, "Kurikulum")
    # stopped (as closing its terminal stops it) before most modules were built
    stamp = json.loads((site / kept.STAMP).read_text(encoding="utf-8"))
    unbuilt = stamp["belum"]
    assert unbuilt
    built = sorted(p for p in (site / "modul").iterdir() if p.is_dir() and f"modul/{p.name}/" not in unbuilt)
    assert built
    pages = [site / "index.html", built[0] / "index.html", built[0] / "03-bab" / "index.html"]
    before = [p.stat().st_mtime_ns for p in pages]
    with _serving(root, port) as url:
        # a module not built in the first run is built in this one
        assert unbuilt[-1].split("/")[1] in _until(url + unbuilt[-1] + "03-bab/", "Kurikulum")
        _wait_kept(site / kept.STAMP)
    assert json.loads((site / kept.STAMP).read_text(encoding="utf-8"))["belum"] == []
    # what the first run built was not built again
    assert [p.stat().st_mtime_ns for p in pages] == before


def _wait_kept(stamp: Path) -> None:
    deadline = time.monotonic() + 120
    while not stamp.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert stamp.exists()  # the whole site was built, and is kept


def test_the_site_kept_between_runs_never_serves_an_old_chapter_or_template(curriculum: Path) -> None:
    # the curriculum's own theme templates, as a curriculum that customises them has
    shutil.copy(REPO / "mkdocs.yml", curriculum / "mkdocs.yml")
    shutil.copytree(REPO / "templates/overrides", curriculum / "templates/overrides")
    result = run("telaah", "dukungan-psikososial-bencana", "--penelaah", "Dr. Siti Nurhaliza, M.Kesos.",
                 "--root", str(curriculum))  # fmt: skip
    assert result.exit_code == 0, result.output
    page = "modul/dukungan-psikososial-bencana/03-layanan-dukungan-psikososial/"
    chapter = curriculum / "modules/dukungan-psikososial-bencana/03-layanan-dukungan-psikososial.md"
    other = "modul/rehabilitasi-sosial-disabilitas/"
    stamp = curriculum / "build/pratinjau-peserta/site" / kept.STAMP
    with _serving(curriculum) as url:
        _until(url + page, "Kurikulum")
        _wait_kept(stamp)
    with chapter.open("a", encoding="utf-8") as f:
        f.write("\nDitulis saat pratinjau tidak berjalan.\n")
    printed = "modul/dukungan-psikososial-bencana/cetak/"
    with _serving(curriculum) as url:
        assert "Ditulis saat pratinjau tidak berjalan." in _until(url + page, "Kurikulum")
        assert "Ditulis saat pratinjau tidak berjalan." in _until(url + printed, "Kurikulum")
        # a save while it runs: the chapter's page, and the print page that takes it from there
        with chapter.open("a", encoding="utf-8") as f:
            f.write("\nDisimpan saat pratinjau berjalan.\n")
        _until(url + page, "Disimpan saat pratinjau berjalan.")
        whole = _until(url + printed, "Disimpan saat pratinjau berjalan.")
        assert whole.count("Disimpan saat pratinjau berjalan.") == 1
        assert whole.count("Ditulis saat pratinjau tidak berjalan.") == 1
        _wait_kept(stamp)
    template = curriculum / "templates/overrides/main.html"
    before = "{% block site_meta %}\n  {{ super() }}"
    assert before in template.read_text(encoding="utf-8")
    edit(template, before, before + '\n  <meta name="penanda" content="templat-baru">')
    with _serving(curriculum) as url:
        assert "templat-baru" in _until(url, "Kurikulum")
        assert "templat-baru" in _until(url + page, "Kurikulum")
        assert "templat-baru" in _until(url + other, "Kurikulum")
