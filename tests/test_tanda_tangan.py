"""Signed approvals on real repositories with throwaway SSH keys: what a careless
or dishonest contributor with write access tries, and what the toolkit says.

The sample curriculum starts signing (a registry of who may review and approve,
and its approver signs the approvals already recorded); then each test forges
or bends an approval one way and checks that ``validate`` refuses it (KM609,
KM610), and that the honest way still works.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from kesos_modul.loading import load
from kesos_modul.pengesahan import sidik
from kesos_modul.sources import FolderSource
from tests.conftest import REPO, TODAY, commit_all, edit, git, run

M1 = "dukungan-psikososial-bencana"
APPROVED = (M1, "penanganan-anak-korban-kekerasan", "pendampingan-bansos-covid19")
BAMBANG = "Drs. Bambang Suryadi, M.Si."  # the samples' approver
SITI = "Dr. Siti Nurhaliza, M.Kesos."  # the reviewer of M1
RINA = "Rina Widyastuti, S.Psi., M.Si."  # a writer of M1
PEOPLE = {  # kode: (nama, peran)
    "bambang": (BAMBANG, ["pengesah"]),
    "siti": (SITI, ["penelaah"]),
    "rina": (RINA, ["penelaah"]),
}


def key(keys: Path, kode: str) -> Path:
    """A throwaway ed25519 key pair (made once per test session folder)."""
    private = keys / kode
    if not private.exists():
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", kode, "-f", str(private)], check=True
        )
    return private


def registry(keys: Path, people: dict, extra: str = "") -> str:
    lines = ["penandatangan:"]
    for kode, (nama, peran) in people.items():
        public = key(keys, kode).with_suffix(".pub").read_text().strip()
        lines += [
            f"  - kode: {kode}",
            f'    nama: "{nama}"',
            "    jabatan: Pejabat Uji",
            "    instansi: Kementerian Sosial",
            f"    peran: {json.dumps(peran)}",
            f"    kunci: {public}",
            "    berlaku_mulai: 2020-01-01",
        ]
        if kode == "bambang" and extra:
            lines.append(extra)
    return "\n".join(lines) + "\n"


def signing_as(root: Path, keys: Path, kode: str) -> None:
    git(root, "config", "gpg.format", "ssh")
    git(root, "config", "user.signingkey", str(key(keys, kode)) + ".pub")


def codes(root: Path) -> list[tuple[str, str, str]]:
    result = run("validate", str(root), "--format", "json", "--today", TODAY)
    return [(f["code"], f["file"], f["message"]) for f in json.loads(result.stdout)]


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample curriculum in git, with a signer registry, its recorded approvals signed."""
    base = tmp_path_factory.mktemp("bertanda-tangan")
    keys = base / "kunci"
    keys.mkdir()
    root = base / "kurikulum"
    for name in ("modules", "program", "registri"):
        shutil.copytree(REPO / name, root / name)
    (root / "registri" / "penandatangan.yaml").write_text(registry(keys, PEOPLE), encoding="utf-8")
    commit_all(root, "kurikulum dengan registri penandatangan")
    before = [c for c in codes(root) if c[0] == "KM609"]
    assert len(before) == len(APPROVED)  # recorded, not yet signed: each one says so
    signing_as(root, keys, "bambang")
    for kode in APPROVED:
        result = run("sahkan", kode, "--root", str(root), "--today", TODAY)
        assert result.exit_code == 0 and f"ditandatangani di tag pengesahan/{kode}/" in result.output, (
            result.output
        )
    assert codes(root) == []
    return base


@pytest.fixture
def repo(signed: Path, tmp_path: Path) -> tuple[Path, Path]:
    base = tmp_path / "salinan"
    shutil.copytree(signed, base, symlinks=True)
    return base / "kurikulum", base / "kunci"


def km609(root: Path) -> list[str]:
    return [message for code, file, message in codes(root) if code == "KM609" and M1 in file]


def change(root: Path, text: str = "Kalimat yang ditambahkan sesudah pengesahan.") -> None:
    with (root / "modules" / M1 / "01-konsep-bencana.md").open("a", encoding="utf-8") as f:
        f.write(f"\n{text}\n")


def current_digest(root: Path) -> str:
    return sidik(load(FolderSource(root))[0].modul_by_kode()[M1])


def test_signed_approvals_are_shown_with_their_keys(repo: tuple[Path, Path]) -> None:
    root, _ = repo
    result = run("pengesahan", M1, "--root", str(root))
    assert result.exit_code == 0, result.output
    assert f"versi 1.1.0: disahkan 2026-10-05 oleh {BAMBANG}; sidik {current_digest(root)}" in result.output
    assert "tanda tangan: sah, tag pengesahan/dukungan-psikososial-bencana/1.1.0, ED25519 key SHA256:" in (
        result.output
    )


def test_a_recomputed_digest_pasted_into_the_record_is_refused(repo: tuple[Path, Path]) -> None:
    root, _ = repo
    change(root)
    yaml = root / "modules" / M1 / "modul.yaml"
    old = load(FolderSource(root))[0].modul_by_kode()[M1].riwayat[0].pengesahan.sidik
    edit(yaml, old, current_digest(root))
    assert any("bukan sidik yang dicatat" in m for m in km609(root))


def test_a_hand_written_approval_without_a_signed_tag_is_refused(repo: tuple[Path, Path]) -> None:
    root, _ = repo
    change(root)
    yaml = root / "modules" / M1 / "modul.yaml"
    edit(yaml, 'versi: "1.1.0"\nstatus', 'versi: "1.1.1"\nstatus')
    edit(yaml, "riwayat:\n", "riwayat:\n  - versi: \"1.1.1\"\n    tanggal: 2026-11-20\n    ringkasan: Tambahan.\n"
         f"    pengesahan:\n      oleh: {BAMBANG}\n      tanggal: 2026-11-20\n      sidik: SIDIK\n")  # fmt: skip
    edit(yaml, "sidik: SIDIK", f"sidik: {current_digest(root)}")
    edit(yaml, "tanggal_disahkan: 2026-10-05", "tanggal_disahkan: 2026-11-20")
    assert km609(root) == [
        "pengesahan versi 1.1.1 tidak bertanda tangan: tag pengesahan/dukungan-psikososial-bencana/1.1.1 "
        "tidak ada di repositori"
    ]


def forged_tag(root: Path, keys: Path, signer: str | None, statement: str, name: str) -> None:
    """A tag holding ``statement``, signed with ``signer``'s key (None: not signed)."""
    if signer is None:
        git(root, "-c", "tag.gpgSign=false", "tag", "-a", "-m", statement, name)
        return
    git(root, "-c", "gpg.format=ssh", "-c", f"user.signingkey={key(keys, signer)}.pub",
        "tag", "-s", "-m", statement, name)  # fmt: skip


def approve_by_hand(root: Path, version: str, who: str = BAMBANG) -> str:
    """Bump M1 to ``version`` and write an approval record for its content by hand; returns the digest."""
    change(root, f"Perubahan untuk versi {version}.")
    yaml = root / "modules" / M1 / "modul.yaml"
    edit(yaml, 'versi: "1.1.0"\nstatus', f'versi: "{version}"\nstatus')
    edit(yaml, "riwayat:\n", f"riwayat:\n  - versi: \"{version}\"\n    tanggal: 2026-11-20\n    ringkasan: Tambahan.\n"
         f"    pengesahan:\n      oleh: {who}\n      tanggal: 2026-11-20\n      sidik: SIDIK\n")  # fmt: skip
    digest_now = current_digest(root)
    edit(yaml, "sidik: SIDIK", f"sidik: {digest_now}")
    edit(yaml, "tanggal_disahkan: 2026-10-05", "tanggal_disahkan: 2026-11-20")
    if who != BAMBANG:
        edit(yaml, f"pengesah:\n  nama: {BAMBANG}", f"pengesah:\n  nama: {who}")
    return digest_now


def statement(version: str, digest: str, oleh: str, nama: str) -> str:
    return (
        f"Pengesahan modul {M1} versi {version}\n\nperan: pengesah\nmodul: {M1}\nversi: {version}\n"
        f"sidik: {digest}\noleh: {oleh}\nnama: {nama}\ntanggal: 2026-11-20\n"
    )


@pytest.mark.parametrize(
    ("signer", "oleh", "nama", "says"),
    [
        ("orang-luar", "bambang", BAMBANG, "tidak ditandatangani dengan kunci yang tercatat"),
        (None, "bambang", BAMBANG, "tidak ditandatangani dengan kunci yang tercatat"),
        ("siti", "bambang", BAMBANG, "menyebut penanda tangan 'bambang', tetapi ditandatangani kunci milik"),
        ("siti", "siti", SITI, f"dicatat atas nama '{BAMBANG}', tetapi ditandatangani {SITI}"),
    ],
    ids=["kunci-di-luar-registri", "tanpa-tanda-tangan", "kunci-orang-lain", "penanda-lain"],
)
def test_a_forged_signed_statement_is_refused(
    repo: tuple[Path, Path], signer: str | None, oleh: str, nama: str, says: str
) -> None:
    root, keys = repo
    digest = approve_by_hand(root, "1.2.0")
    forged_tag(root, keys, signer, statement("1.2.0", digest, oleh, nama), f"pengesahan/{M1}/1.2.0")
    found = km609(root)
    assert len(found) == 1 and says in found[0], found


def test_a_reviewer_cannot_approve_and_a_key_counts_only_while_it_is_valid(
    repo: tuple[Path, Path],
) -> None:
    root, keys = repo
    digest = approve_by_hand(root, "1.2.0", SITI)
    forged_tag(root, keys, "siti", statement("1.2.0", digest, "siti", SITI), f"pengesahan/{M1}/1.2.0")
    assert any(
        f"{SITI} tidak tercatat di registri/penandatangan.yaml sebagai pengesah" in m for m in km609(root)
    )

    root2 = root.parent.parent / "lain" / "kurikulum"
    shutil.copytree(root.parent, root2.parent, symlinks=True)
    git(root2, "checkout", "-q", "--", ".")  # back to the signed 1.1.0
    (root2 / "registri" / "penandatangan.yaml").write_text(
        registry(keys, PEOPLE, "    berlaku_sampai: 2026-06-30"), encoding="utf-8"
    )
    assert any(f"{BAMBANG} tidak tercatat" in m and "pada 2026-10-05" in m for m in km609(root2))


def test_another_modules_signed_tag_under_this_modules_name_is_refused(repo: tuple[Path, Path]) -> None:
    root, _ = repo
    digest = approve_by_hand(root, "1.2.0")
    other = git(root, "rev-parse", "refs/tags/pengesahan/pendampingan-bansos-covid19/2.0.0").strip()
    git(root, "tag", f"pengesahan/{M1}/1.2.0", other)  # the other module's signed tag object
    assert km609(root) == [f"tag pengesahan/{M1}/1.2.0 bukan pernyataan pengesahan versi 1.2.0 modul {M1}"]
    assert digest


def test_a_writer_cannot_review_approve_or_mark_their_own_module(repo: tuple[Path, Path]) -> None:
    root, keys = repo
    yaml = root / "modules" / M1 / "modul.yaml"
    edit(
        yaml,
        f"penelaah:\n  - nama: {SITI}",
        f"penelaah:\n  - nama: {RINA}\n    instansi: Kementerian Sosial\n  - nama: {SITI}",
    )
    found = [(c, m) for c, f, m in codes(root) if c == "KM610"]
    assert found == [("KM610", f"'{RINA}' adalah penyusun modul ini dan tidak dapat menelaahnya")]
    git(root, "checkout", "-q", "--", ".")
    change(root, "Salah ketik diperbaiki.")
    assert (
        run("bump", M1, "patch", "-m", "Salah ketik.", "--root", str(root), "--today", TODAY).exit_code == 0
    )
    signing_as(root, keys, "rina")
    result = run("redaksional", M1, "--root", str(root), "--today", TODAY)
    assert result.exit_code == 1 and "adalah penyusun modul ini" in result.output, result.output
    assert "redaksional/" not in git(root, "tag")


def test_an_editorial_mark_by_a_reviewer_added_after_the_approval_is_refused(repo: tuple[Path, Path]) -> None:
    """Adding oneself to penelaah does not void the approval; it does not make one its reviewer either."""
    root, keys = repo
    people = {**PEOPLE, "dewi": ("Dewi Lestari, M.Si.", ["penelaah"])}
    (root / "registri" / "penandatangan.yaml").write_text(registry(keys, people), encoding="utf-8")
    yaml = root / "modules" / M1 / "modul.yaml"
    edit(
        yaml,
        f"penelaah:\n  - nama: {SITI}",
        f"penelaah:\n  - nama: Dewi Lestari, M.Si.\n    instansi: Kementerian Sosial\n  - nama: {SITI}",
    )
    change(root, "Salah ketik diperbaiki.")
    assert (
        run("bump", M1, "patch", "-m", "Salah ketik.", "--root", str(root), "--today", TODAY).exit_code == 0
    )
    signing_as(root, keys, "dewi")
    marked = run("redaksional", M1, "--root", str(root), "--today", TODAY)
    assert marked.exit_code == 0, marked.output
    assert km609(root) == [
        f"Dewi Lestari, M.Si. bukan penelaah versi yang disahkan (penelaah yang ditandatangani: {SITI})"
    ]


def test_the_honest_flow_signs_and_validates(repo: tuple[Path, Path]) -> None:
    root, keys = repo
    change(root, "Materi baru tentang rujukan.")
    args = ("--root", str(root), "--today", TODAY)
    assert run("bump", M1, "minor", "-m", "Materi rujukan.", *args).exit_code == 0
    signing_as(root, keys, "siti")  # a reviewer's key cannot approve
    refused = run("sahkan", M1, *args)
    assert (
        refused.exit_code == 1
        and "tidak tercatat di registri/penandatangan.yaml sebagai pengesah" in refused.output
    )
    signing_as(root, keys, "bambang")
    approved = run("sahkan", M1, *args)
    assert approved.exit_code == 0, approved.output
    assert f"versi 1.2.0 disahkan oleh {BAMBANG} pada 2026-11-24" in approved.output
    assert codes(root) == []
    commit_all(root, "versi 1.2.0 disahkan")
    # a wording fix, marked by the reviewer the signed approval names
    change(root, "Salah ketik diperbaiki.")
    assert run("bump", M1, "patch", "-m", "Salah ketik.", *args).exit_code == 0
    signing_as(root, keys, "siti")
    marked = run("redaksional", M1, *args)
    assert marked.exit_code == 0, marked.output
    assert codes(root) == []
    shown = run("pengesahan", M1, "--root", str(root))
    assert shown.exit_code == 0 and shown.output.count("tanda tangan: sah") == 3, shown.output
    assert "versi 1.2.1: perbaikan redaksional diperiksa 2026-11-24 oleh " + SITI in shown.output
