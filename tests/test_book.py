"""The printed module book: open each PDF and check what a training centre hands out."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import REPO, edit, keep_approved, run

M1 = "modules/dukungan-psikososial-bencana"
SECRET_KEY = "RAHASIA-KUNCI-7731"
SECRET_NOTE = "RAHASIA-CATATAN-4410"


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    import shutil

    from tests.conftest import REPO

    root = tmp_path_factory.mktemp("kurikulum")
    for name in ("modules", "program", "registri"):
        shutil.copytree(REPO / name, root / name)
    edit(
        root / M1 / "kunci-jawaban.yaml", "jawaban: Sulit tidur dan mudah terkejut", f"jawaban: {SECRET_KEY}"
    )
    with (root / M1 / "01-konsep-bencana.md").open("a", encoding="utf-8") as f:
        f.write(f'\n!!! fasilitator "Catatan fasilitator"\n    {SECRET_NOTE}\n')
    keep_approved(root)
    out = root / "buku"
    for edisi in ("peserta", "fasilitator"):
        result = run("pdf", "--root", str(root), "--edisi", edisi, "--output", str(out))
        assert result.exit_code == 0, result.output
    return {p.stem: p for p in out.glob("*.pdf")}


def pages(path: Path) -> list[str]:
    """Each page's text, with line breaks and repeated spaces folded."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def test_one_book_per_module_per_edition(books: dict[str, Path]) -> None:
    assert len(books) == 8
    assert "dukungan-psikososial-bencana" in books and "dukungan-psikososial-bencana-fasilitator" in books


def test_cover_contents_and_page_numbers(books: dict[str, Path]) -> None:
    text = pages(books["dukungan-psikososial-bencana"])
    assert 12 <= len(text) <= 60
    cover = text[0]
    for expected in ("Dukungan Psikososial bagi Korban Bencana", "dukungan-psikososial-bencana", "1.1.0",
                     "5 Oktober 2026", "Pusat Pendidikan, Pelatihan, dan Pengembangan Profesi"):  # fmt: skip
        assert expected in cover, expected
    start = next(i for i, page in enumerate(text) if page.startswith("Daftar Isi"))
    contents = " ".join(text[start : start + 2])  # the contents run over two pages
    assert "Daftar Isi" in contents
    for entry in (
        "Kata Pengantar",
        "Tim Penyusun",
        "Identitas Modul",
        "Bab I Pendahuluan",
        "Bab II Konsep Bencana",
        "Bab VI Perawatan Diri",
        "Bab VII Penutup",
        "Daftar Pustaka",
        "Glosarium",
    ):
        assert entry in contents, entry
    for number, page in enumerate(text[1:], start=2):
        assert "versi 1.1.0" in page and str(number) in page.split("versi 1.1.0")[-1], number
    body = "\n".join(text)
    assert "Umpan Balik dan Tindak Lanjut" in body and "Lihat" in body


def test_trainee_book_holds_no_answer_key_or_facilitator_note(books: dict[str, Path]) -> None:
    trainee = "\n".join(pages(books["dukungan-psikososial-bencana"]))
    assert SECRET_KEY not in trainee and SECRET_NOTE not in trainee and "Kunci Jawaban" not in trainee
    facilitator = "\n".join(pages(books["dukungan-psikososial-bencana-fasilitator"]))
    assert SECRET_KEY in facilitator and SECRET_NOTE in facilitator and "Kunci Jawaban" in facilitator


def test_unknown_module_is_a_usage_problem(curriculum: Path) -> None:
    result = run("pdf", "tidak-ada", "--root", str(curriculum), "--output", str(curriculum / "buku"))
    assert result.exit_code == 2 and "tidak dikenal" in result.stderr


def test_a_module_with_an_error_is_not_printed_and_says_why(curriculum: Path, tmp_path: Path) -> None:
    edit(curriculum / M1 / "modul.yaml", "jp: {teori: 2", "jp: {teori: dua")
    out = tmp_path / "buku"
    result = run("pdf", M1.split("/")[1], "--root", str(curriculum), "--output", str(out))
    assert result.exit_code == 1 and "Buku tidak dibuat karena ada galat." in result.output
    assert f"{M1}/modul.yaml" in result.output and not out.exists()
    # every module's books wait too, since one of them is broken
    assert run("pdf", "--root", str(curriculum), "--output", str(out)).exit_code == 1 and not out.exists()


def test_front_matter_holds_what_an_approver_signs_for(books: dict[str, Path]) -> None:
    """Cover, Kata Pengantar signed by the pengesah, the team, the module's identity
    (ranah with its legal basis, pilar, target groups, units), then the contents."""
    text = pages(books["dukungan-psikososial-bencana"])

    def page(title: str) -> int:
        return next(i for i, p in enumerate(text) if p.startswith(title))

    foreword, team, identity, contents = (
        page(t) for t in ("Kata Pengantar", "Tim Penyusun", "Identitas Modul", "Daftar Isi")
    )
    assert 0 < foreword < team < identity < contents < page("Bab I")
    assert "Puji syukur" in text[foreword]
    signature = (
        "Kepala Pusat Pendidikan, Pelatihan, dan Pengembangan Profesi Kementerian Sosial Drs. Bambang Suryadi"
    )
    assert text[foreword].index("Semoga") < text[foreword].index(signature)
    for name in ("Rina Widyastuti, S.Psi., M.Si.", "Ahmad Fauzi, S.Sos.", "Dr. Siti Nurhaliza, M.Kesos.",
                 "Drs. Bambang Suryadi, M.Si.", "Direktorat Perlindungan Sosial Korban Bencana Alam"):  # fmt: skip
        assert name in text[team], name
    ident = text[identity]
    assert "Korban Bencana: UU 11/2009 Pasal 5 ayat (2) huruf f" in ident
    assert "Perlindungan Sosial: UU 11/2009 Pasal 6 dan Pasal 14" in ident
    assert "Relawan Sosial" in ident and "Taruna Siaga Bencana (Tagana);" in ident
    assert "Tim Reaksi Cepat (belum terkonfirmasi)" in ident
    assert "O.842340.026.01 Memberi Layanan Tanggap Darurat (belum terkonfirmasi)" in ident
    assert "Belum terkonfirmasi: keterangan yang bertanda demikian" in ident


def test_the_approval_sheet_names_who_approved_which_content_and_when(books: dict[str, Path]) -> None:
    """Lembar Pengesahan, before the foreword: the version, the full digest of exactly this
    content, where and when, the approver's name, position and institution with room to sign,
    and every version of the history with its approval."""
    from kesos_modul.loading import load
    from kesos_modul.pengesahan import sidik
    from kesos_modul.sources import FolderSource

    root = books["dukungan-psikososial-bencana"].parent.parent
    m = load(FolderSource(root))[0].modul_by_kode()["dukungan-psikososial-bencana"]
    text = pages(books["dukungan-psikososial-bencana"])
    (sheet,) = [i for i, p in enumerate(text) if p.startswith("Lembar Pengesahan")]
    assert sheet == 1 and text[2].startswith("Kata Pengantar")
    page = text[sheet]
    assert "Versi 1.1.0" in page and "Jam pelajaran 5 JP" in page
    assert sidik(m) in page.replace(" ", "")  # in full
    assert (
        "Disahkan pada tanggal 5 Oktober 2026 Kepala Pusat Pendidikan, Pelatihan, dan Pengembangan Profesi "
        "Kementerian Sosial Drs. Bambang Suryadi, M.Si." in page
    )
    history = page[page.index("Riwayat revisi") :]
    assert history.index("1.1.0 5 Oktober 2026 Menambahkan") < history.index("1.0.0 16 Maret 2026 Terbitan")
    assert "disahkan oleh Drs. Bambang Suryadi, M.Si., 5 Oktober 2026" in history
    assert "kesos-modul pengesahan dukungan-psikososial-bencana" in page


def test_a_unit_without_an_official_code_is_printed_without_one(books: dict[str, Path]) -> None:
    text = pages(books["penanganan-anak-korban-kekerasan"])
    ident = next(p for p in text if p.startswith("Identitas Modul"))
    assert "kode resmi belum ada Melakukan Asesmen Kebutuhan Klien (belum terkonfirmasi)" in ident
    assert "PS12" not in " ".join(text)
    assert "Satuan Bakti Pekerja Sosial (Sakti Peksos) (belum terkonfirmasi)" in ident


def test_books_typeset_on_every_core_are_the_books_typeset_one_by_one(tmp_path: Path) -> None:
    """A release typesets its changed modules one process per core; the books are the same."""
    from kesos_modul.book import typeset
    from kesos_modul.loading import load
    from kesos_modul.sources import FolderSource
    from tests.conftest import REPO

    kurikulum, _ = load(FolderSource(REPO))
    chosen = list(kurikulum.modul[:2])
    for workers in (1, 2):
        jobs = [(m, tmp_path / str(workers) / f"{m.kode}.pdf") for m in chosen]
        typeset(jobs, kurikulum.registri, REPO, "peserta", workers=workers)
    for m in chosen:
        one, many = (pages(tmp_path / str(w) / f"{m.kode}.pdf") for w in (1, 2))
        assert one == many and len(one) > 5 and m.judul in one[0]


def test_the_release_record_wraps_a_long_word_inside_the_page(tmp_path: Path) -> None:
    """An institution written as one long word wraps inside the record's table, not off the page."""
    from dataclasses import replace
    from datetime import date

    from kesos_modul import edisi
    from kesos_modul.catatan import catatan, write_pdf
    from kesos_modul.diff import compare
    from kesos_modul.loading import load
    from kesos_modul.model import Kurikulum, Orang
    from kesos_modul.sources import FolderSource
    from tests.conftest import REPO

    kurikulum, _ = load(FolderSource(REPO))
    long = "BalaiBesarPendidikanDanPelatihanKesejahteraanSosial" * 3
    first = replace(kurikulum.modul[0], penyusun=(Orang("Rina Widyastuti", long),))
    moduls = [first, *kurikulum.modul[1:]]
    empty = Kurikulum((), (), kurikulum.registri, frozenset())
    changes = compare(edisi.terbitan(empty), edisi.terbitan(kurikulum))
    record = catatan("2026.12.02", date(2026, 12, 2), "a" * 40, None, moduls, changes)
    text = "\n".join(
        page.extract_text() for page in PdfReader(write_pdf(record, "Kurikulum", tmp_path / "c.pdf")).pages
    )
    assert long in "".join(text.split())  # every letter is there
    assert not any(long in line for line in text.splitlines())  # over several lines


def _say_and_wait(folder: str) -> None:
    """A typesetting task that takes long: says which process runs it, then waits."""
    Path(folder, str(os.getpid())).write_text("", encoding="utf-8")
    time.sleep(120)


def _running(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return False
    return "\nState:\tZ" not in status  # a zombie has ended; only its entry waits for a reaper


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_typesetting_processes_end_with_the_command_however_it_ends(tmp_path: Path) -> None:
    script = (
        "import sys, time\n"
        "from kesos_modul.book import Typesetting\n"
        "from tests.test_book import _say_and_wait\n"
        "books = Typesetting([(_say_and_wait, (sys.argv[1],))] * 2, workers=2)\n"
        "time.sleep(300)\n"
    )
    command = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path)], cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}
    )
    try:
        deadline = time.monotonic() + 60
        while len(list(tmp_path.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        workers = [int(p.name) for p in tmp_path.iterdir()]
        assert len(workers) == 2 and all(_running(pid) for pid in workers)
    finally:
        command.kill()  # SIGKILL: the command runs nothing more
        command.wait()
    deadline = time.monotonic() + 15
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_running(pid) for pid in workers)


def test_a_book_reads_only_the_curriculum_and_leaks_no_local_address(
    curriculum: Path, tmp_path: Path
) -> None:
    """A chapter's links and images, hostile or careless, cannot bring a file of the computer
    that typesets the book into it, make it fetch from the network, or print the path of the
    curriculum on that computer (a link to another module used to become ``file:///…``)."""
    import base64
    import io
    import re
    import zlib

    from PIL import Image

    from kesos_modul.book import write_book
    from kesos_modul.loading import load
    from kesos_modul.sources import FolderSource

    (tmp_path / "rahasia.txt").write_text("RAHASIA-MESIN-5521", encoding="utf-8")
    Image.new("RGB", (40, 40), "red").save(tmp_path / "luar.png")
    Image.new("RGB", (40, 40), "blue").save(curriculum / M1 / "gambar" / "dalam.png")
    written = io.BytesIO()
    Image.new("RGB", (40, 40), "lime").save(written, "PNG")
    inline = "data:image/png;base64," + base64.b64encode(written.getvalue()).decode()
    with (curriculum / M1 / "01-konsep-bencana.md").open("a", encoding="utf-8") as f:
        f.write(
            "\n[modul lain](../pendampingan-bansos-covid19/01-konsep-bansos.md) dan "
            '<a rel="attachment" href="../../../rahasia.txt">lampiran</a> dan '
            '<a href="https://kemensos.go.id/">situs</a>\n\n'
            f"![luar](../../../luar.png) ![dalam](gambar/dalam.png) ![sisip]({inline}) "
            '<img src="https://contoh.invalid/pelacak.png" alt="pelacak">\n'
        )
    kurikulum = load(FolderSource(curriculum))[0]
    (m,) = [m for m in kurikulum.modul if m.kode == M1.split("/")[1]]
    book = write_book(m, kurikulum.registri, curriculum, "peserta", tmp_path / "buku.pdf")

    data = book.read_bytes()
    streams = b"".join(
        zlib.decompress(s) for s in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S) if s[:1] == b"x"
    )
    everything = data + streams
    assert b"file:" not in everything and str(tmp_path).encode() not in everything
    assert b"RAHASIA-MESIN-5521" not in everything
    reader = PdfReader(book)
    assert reader.attachments == {}
    uris = [
        a.get_object()["/A"].get("/URI")
        for page in reader.pages for a in page.get("/Annots", []) if "/A" in a.get_object()
    ]  # fmt: skip
    assert "https://kemensos.go.id/" in uris
    assert all(u is None or u.startswith("https://") for u in uris)
    colours = {
        image.image.convert("RGB").getpixel((0, 0)) for page in reader.pages for image in page.images
    }  # the curriculum's own images are printed, the one outside it is not
    assert (0, 0, 255) in colours and (0, 255, 0) in colours and (255, 0, 0) not in colours
    assert "modul lain" in " ".join(pages(book))


def test_positions_come_from_the_signer_registry_and_the_place_from_the_approver(
    curriculum: Path, tmp_path: Path
) -> None:
    from kesos_modul.book import write_book
    from kesos_modul.loading import load
    from kesos_modul.sources import FolderSource

    edit(curriculum / M1 / "modul.yaml", "  instansi: Kementerian Sosial\nkata_pengantar",
         "  instansi: Kementerian Sosial\n  tempat: Jakarta\nkata_pengantar")  # fmt: skip
    (curriculum / "registri" / "penandatangan.yaml").write_text(
        "penandatangan:\n  - kode: siti\n    nama: Dr. Siti Nurhaliza, M.Kesos.\n"
        "    jabatan: Widyaiswara Ahli Utama\n    instansi: Pusdiklatbangprof\n    peran: [penelaah]\n"
        "    kunci: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDk2bG9rYWxrdW5jaXVqaWNvYmFzYWphc2FqYQ siti\n"
        "    berlaku_mulai: 2020-01-01\n",
        encoding="utf-8",
    )
    kurikulum = load(FolderSource(curriculum))[0]
    m = kurikulum.modul_by_kode()[M1.split("/")[1]]
    text = pages(write_book(m, kurikulum.registri, curriculum, "peserta", tmp_path / "buku.pdf"))
    sheet = next(p for p in text if p.startswith("Lembar Pengesahan"))
    assert "Disahkan di Jakarta pada tanggal 5 Oktober 2026" in sheet
    team = next(p for p in text if p.startswith("Tim Penyusun"))
    assert "Dr. Siti Nurhaliza, M.Kesos. Widyaiswara Ahli Utama Pusdiklatbangprof Kementerian Sosial" in team
    assert "Rina Widyastuti, S.Psi., M.Si. — BBPPKS Bandung" in team  # no position anywhere: a dash
