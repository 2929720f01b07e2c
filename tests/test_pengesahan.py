"""An approval bound to content: approve, change, see KM607, approve again or mark
editorial; each step a small edit that keeps what the writer wrote."""

from __future__ import annotations

import difflib
import json
import subprocess
from pathlib import Path

from pypdf import PdfReader

from kesos_modul.loading import load
from kesos_modul.pengesahan import sidik
from kesos_modul.sources import FolderSource
from kesos_modul.yamldoc import parse
from tests.conftest import TODAY, commit_all, edit, git, run, validate_json

MODUL = "penanganan-anak-korban-kekerasan"
PENGESAH = "Drs. Bambang Suryadi, M.Si."
PENELAAH = "Dr. Ratna Puspitasari, M.Si."


def _meta(root: Path, kode: str = MODUL) -> Path:
    return root / "modules" / kode / "modul.yaml"


def _codes(root: Path, *extra: str) -> list[tuple[str, str]]:
    _, findings = validate_json(root, *extra)
    return [(f["code"], f["file"]) for f in findings]


def test_a_changed_chapter_voids_the_approval_until_it_is_approved_again(curriculum: Path) -> None:
    commit_all(curriculum, "rilis")
    assert _codes(curriculum) == []
    chapter = curriculum / "modules" / MODUL / "03-manajemen-kasus.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nParagraf baru tentang asesmen.\n", "utf-8")
    assert run("bump", MODUL, "patch", "-m", "Menambah paragraf asesmen", "--root", str(curriculum),
               "--today", TODAY).exit_code == 0  # fmt: skip
    # the cover would still say "Disahkan 14 September 2026": validation says it no longer holds
    _, findings = validate_json(curriculum)
    assert [f["code"] for f in findings] == ["KM607"]
    assert findings[0]["file"] == f"modules/{MODUL}/modul.yaml" and findings[0]["line"] == 5
    assert "1.0.2 disahkan pada 2026-09-14" in findings[0]["message"]
    assert "kesos-modul telaah" in findings[0]["hint"] and "kesos-modul sahkan" in findings[0]["hint"]

    sent = run("telaah", MODUL, "--penelaah", "Dra. Ratna Dewi", "--instansi", "BBPPKS Yogyakarta",
               "--root", str(curriculum), "--today", TODAY)  # fmt: skip
    assert sent.exit_code == 0, sent.output
    assert "Dra. Ratna Dewi" in sent.output
    assert _codes(curriculum) == []  # under review: no approval claimed
    before = _meta(curriculum).read_text(encoding="utf-8")
    done = run("sahkan", MODUL, "--oleh", PENGESAH, "--root", str(curriculum), "--today", TODAY)
    assert done.exit_code == 0, done.output
    after = _meta(curriculum).read_text(encoding="utf-8")
    assert _codes(curriculum) == []
    # the approval of 1.0.3 is recorded with its digest; the 1.0.2 record is kept
    riwayat = parse("m", after.encode())[0].data["riwayat"]
    assert riwayat[0]["versi"] == "1.0.3" and riwayat[1]["pengesahan"]["tanggal"] == "2026-09-14"
    record = riwayat[0]["pengesahan"]
    assert record["oleh"] == PENGESAH and record["tanggal"] == TODAY and len(record["sidik"]) == 64
    # only the status, the date and the record changed: nothing else of the writer's file
    changes = [d for d in difflib.ndiff(before.splitlines(), after.splitlines()) if d[0] in "+-"]
    assert changes == [
        "- status: telaah",
        "+ status: disahkan",
        "- tanggal_disahkan: 2026-09-14",
        f"+ tanggal_disahkan: {TODAY}",
        "+     pengesahan:",
        f"+       oleh: {PENGESAH}",
        f"+       tanggal: {TODAY}",
        f"+       sidik: {record['sidik']}",
    ]
    # approving changed no content: no version bump is asked for against the release
    assert _codes(curriculum, "--base", "HEAD") == []


def test_approving_keeps_comments_and_the_rest_of_the_file(curriculum: Path) -> None:
    meta = _meta(curriculum, "rehabilitasi-sosial-disabilitas")
    edit(meta, "status: telaah", "status: telaah  # menunggu rapat telaah")
    text = meta.read_text(encoding="utf-8").replace("\n", "\r\n")
    meta.write_bytes(text.encode("utf-8"))
    result = run("sahkan", "rehabilitasi-sosial-disabilitas", "--oleh", PENGESAH,
                 "--jabatan", "Kepala Pusat", "--instansi", "Kementerian Sosial",
                 "--root", str(curriculum), "--today", TODAY)  # fmt: skip
    assert result.exit_code == 0, result.output
    raw = meta.read_bytes()
    assert b"status: disahkan  # menunggu rapat telaah\r\n" in raw
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert _codes(curriculum) == []


def test_an_editorial_patch_keeps_the_approval_only_when_a_reviewer_marks_it(curriculum: Path) -> None:
    chapter = curriculum / "modules" / MODUL / "02-bentuk-tanda-dampak-kekerasan.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("kekerasan", "kekerasan ", 1), encoding="utf-8")
    args = ("--root", str(curriculum), "--today", TODAY)
    assert run("bump", MODUL, "patch", "-m", "Perbaikan salah ketik", *args).exit_code == 0
    assert [c for c, _ in _codes(curriculum)] == ["KM607"]
    # someone who is not a reviewer of the module cannot mark it
    refused = run("redaksional", MODUL, "--oleh", "Orang Lain", *args)
    assert refused.exit_code == 1 and "bukan penelaah" in refused.stderr
    marked = run("redaksional", MODUL, "--oleh", PENELAAH, *args)
    assert marked.exit_code == 0, marked.output
    assert "atas versi 1.0.2" in marked.output
    assert _codes(curriculum) == []
    # a version raised once more, with nothing else changed, keeps the approval and the mark,
    # and a mark edited by hand is still found where it is written
    yaml = curriculum / "modules" / MODUL / "modul.yaml"
    marked_yaml = yaml.read_text(encoding="utf-8")
    assert run("bump", MODUL, "patch", "-m", "Versi berikutnya", *args).exit_code == 0
    assert _codes(curriculum) == []
    edit(yaml, f"      oleh: {PENELAAH}", "      oleh: Orang Lain")
    _, findings = validate_json(curriculum)
    assert [f["code"] for f in findings] == ["KM608"]
    assert "Orang Lain" in yaml.read_text(encoding="utf-8").splitlines()[findings[0]["line"] - 1]
    yaml.write_text(marked_yaml, encoding="utf-8")
    # a later change voids the mark as well
    chapter.write_text(text + "\nTambahan.\n", encoding="utf-8")
    assert [c for c, _ in _codes(curriculum)] == ["KM607"]


def test_a_minor_version_cannot_be_marked_editorial(curriculum: Path) -> None:
    args = ("--root", str(curriculum), "--today", TODAY)
    edit(
        _meta(curriculum), "Penanganan Anak Korban Kekerasan\n", "Penanganan Anak Korban Kekerasan Seksual\n"
    )
    assert run("bump", MODUL, "minor", "-m", "Judul baru", *args).exit_code == 0
    refused = run("redaksional", MODUL, "--oleh", PENELAAH, *args)
    assert refused.exit_code == 1 and "bukan versi patch" in refused.stderr
    # written by hand, with the right digest, the mark does not hold either
    digest = sidik(load(FolderSource(curriculum))[0].modul_by_kode()[MODUL])
    edit(_meta(curriculum), "    ringkasan: Judul baru\n", "    ringkasan: Judul baru\n    perbaikan_redaksional:\n"
         f'      oleh: {PENELAAH}\n      tanggal: {TODAY}\n      sidik: "{digest}"\n')  # fmt: skip
    _, findings = validate_json(curriculum)
    assert [f["code"] for f in findings] == ["KM607"]
    assert "bukan versi patch" in findings[0]["message"]


def test_a_version_is_approved_once_and_a_draft_not_at_all(curriculum: Path) -> None:
    args = ("--root", str(curriculum), "--today", TODAY)
    again = run("sahkan", MODUL, "--oleh", PENGESAH, *args)
    assert again.exit_code == 1 and "sudah disahkan" in again.stderr
    edit(_meta(curriculum, "rehabilitasi-sosial-disabilitas"), "status: telaah", "status: draf")
    draft = run("sahkan", "rehabilitasi-sosial-disabilitas", "--oleh", PENGESAH, *args)
    assert draft.exit_code == 1 and "kesos-modul telaah" in draft.stderr
    broken = _meta(curriculum, "rehabilitasi-sosial-disabilitas")
    edit(broken, "status: draf", "status: telaah")
    edit(broken, "ranah: [", "ranah: [ranah-salah, ")
    refused = run("sahkan", "rehabilitasi-sosial-disabilitas", "--oleh", PENGESAH, "--jabatan", "Kepala",
                  "--instansi", "Kemensos", *args)  # fmt: skip
    assert refused.exit_code == 1 and "KM301" in refused.stderr
    assert "disahkan" not in broken.read_text(encoding="utf-8").split("riwayat:")[0]


def test_a_hand_edited_approver_or_date_is_caught(curriculum: Path) -> None:
    edit(_meta(curriculum), "tanggal_disahkan: 2026-09-14", "tanggal_disahkan: 2026-09-15")
    _, findings = validate_json(curriculum)
    assert [(f["code"], f["line"]) for f in findings] == [("KM608", 6)]
    assert "tanggal_disahkan: 2026-09-14" in findings[0]["hint"]


def test_the_next_review_date_is_set_and_checked(curriculum: Path) -> None:
    args = ("--root", str(curriculum), "--today", TODAY)
    assert run("jadwal", MODUL, "2027-09-30", *args).exit_code == 0
    assert "tanggal_telaah_berikutnya: 2027-09-30\n" in _meta(curriculum).read_text(encoding="utf-8")
    past = run("jadwal", MODUL, "2026-01-01", *args)
    assert past.exit_code == 1 and "sesudah hari ini" in past.stderr
    assert _codes(curriculum) == []


def test_a_release_is_refused_while_an_approval_does_not_cover_the_content(curriculum: Path) -> None:
    commit_all(curriculum, "awal")
    chapter = curriculum / "modules" / MODUL / "01-hak-anak-dan-kebijakan.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nTambahan.\n", encoding="utf-8")
    assert (
        run("bump", MODUL, "patch", "-m", "Tambahan", "--root", str(curriculum), "--today", TODAY).exit_code
        == 0
    )
    commit_all(curriculum, "ubah bab")
    result = run("release", "2026.11.24", "--root", str(curriculum), "--today", TODAY)
    assert result.exit_code == 1
    assert "KM607" in result.output and "Tidak ada yang diubah" in result.output
    assert git(curriculum, "tag") == ""


def _pdf_text(data: bytes, tmp: Path) -> str:
    path = tmp / "buku.pdf"
    path.write_bytes(data)
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_the_site_the_book_and_open_data_show_the_approval_of_the_version_shown(
    curriculum: Path, tmp_path: Path
) -> None:
    args = ("--root", str(curriculum), "--today", TODAY)
    # an editorial patch of an approved module, and a changed module back under review
    chapter = curriculum / "modules" / MODUL / "05-rujukan-dan-jejaring.md"
    edit(chapter, "prinsip yang perlu dipegang", "prinsip yang perlu dipegang teguh")
    assert run("bump", MODUL, "patch", "-m", "Perbaikan redaksi", *args).exit_code == 0
    assert run("redaksional", MODUL, "--oleh", PENELAAH, *args).exit_code == 0
    other = "pendampingan-bansos-covid19"
    first = curriculum / "modules" / other / "01-kebijakan-perlindungan-sosial.md"
    first.write_text(first.read_text(encoding="utf-8") + "\nParagraf baru.\n", encoding="utf-8")
    assert run("bump", other, "minor", "-m", "Paragraf baru", *args).exit_code == 0
    assert (
        run(
            "telaah", other, "--penelaah", "Dra. Ratna Dewi", "--instansi", "BBPPKS Yogyakarta", *args
        ).exit_code
        == 0
    )
    commit_all(curriculum, "revisi")
    released = run("release", "2026.11.24", *args)
    assert released.exit_code == 0, released.output

    def show(path: str) -> str:
        return git(curriculum, "show", f"gh-pages:2026.11.24/{path}")

    page = show(f"modul/{MODUL}/index.html")
    assert "Versi 1.0.2 disahkan 14 September 2026 oleh Drs. Bambang Suryadi, M.Si." in page
    assert f"Versi 1.0.3: perbaikan redaksional, diperiksa {PENELAAH} pada 24 November 2026" in page
    under_review = show(f"modul/{other}/index.html")
    assert "Belum disahkan." in under_review
    assert (
        "Versi 2.0.0 disahkan 19 Oktober 2026 oleh Drs. Bambang Suryadi, M.Si.; isi versi 2.1.0 belum disahkan."
        in under_review
    )

    book = subprocess.run(["git", "show", f"gh-pages:2026.11.24/modul/{MODUL}/{MODUL}.pdf"], cwd=curriculum,
                          check=True, capture_output=True).stdout  # fmt: skip
    cover = _pdf_text(book, tmp_path)
    assert "Versi 1.0.2 disahkan 14 September 2026 oleh Drs. Bambang Suryadi" in cover
    assert "Versi 1.0.3: perbaikan redaksional" in cover

    katalog = {m["kode"]: m for m in json.loads(show("katalog.json"))["modul"]}
    approval = katalog[MODUL]["pengesahan"]
    assert approval["versi"] == "1.0.2" and approval["perbaikan_redaksional"]["versi"] == "1.0.3"
    assert katalog[other]["pengesahan"] is None

    record = show("catatan-rilis/index.html")
    assert "perbaikan redaksional" in record and "isi versi 2.1.0 belum disahkan" in record
