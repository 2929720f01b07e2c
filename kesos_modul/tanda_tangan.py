"""Signed approvals. An approval (or a reviewer's editorial mark) is a short
statement of what was approved, kept as a git tag that the approver signs with
their own SSH key: the signing git already has (``git tag -s`` with
``gpg.format=ssh``). Whose keys count, for which role and from when to when, is
the curriculum's registry ``registri/penandatangan.yaml``, itself changed only
through review.

The record in ``modul.yaml`` says who approved which content (its digest) and
when; the tag proves it. Both live in the repository, so an approval can be
checked offline, years later, from a clone alone. A record copied by hand, a
digest recomputed after a change, a tag signed by a key the registry does not
hold for that person: none of them is a signed statement of that content.

Verifying a signature is ``git verify-tag`` against the registry's keys; its
result depends only on the tag object and the keys, so it is kept (in the git
folder) and a tag is verified once.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import tempfile
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from kesos_modul.model import Penandatangan

PREFIX = {"pengesah": "pengesahan/", "penelaah": "redaksional/"}
_TITLE = {"pengesah": "Pengesahan", "penelaah": "Perbaikan redaksional"}
CACHE = "kesos-tanda-tangan.json"  # in the repository's git folder
_GOOD = re.compile(r'^Good "git" signature for (\S+) with (.+)$', re.M)


class SigningError(Exception):
    """Signing is not set up or failed; the message says what to do."""


@dataclass(frozen=True)
class Pernyataan:
    """What a signer states: this content (``sidik``) of this module version, in this role."""

    peran: str  # "pengesah": an approval; "penelaah": an editorial mark
    modul: str
    versi: str
    sidik: str
    oleh: str  # the signer's kode in the registry
    nama: str
    tanggal: str
    penelaah: tuple[str, ...] = ()  # an approval: the reviewers listed when it was given

    @property
    def tag(self) -> str:
        return f"{PREFIX[self.peran]}{self.modul}/{self.versi}"

    def text(self) -> str:
        lines = [
            f"{_TITLE[self.peran]} modul {self.modul} versi {self.versi}",
            "",
            f"peran: {self.peran}",
            f"modul: {self.modul}",
            f"versi: {self.versi}",
            f"sidik: {self.sidik}",
            f"oleh: {self.oleh}",
            f"nama: {self.nama}",
            f"tanggal: {self.tanggal}",
        ]
        if self.penelaah:
            lines.append("penelaah: " + "; ".join(self.penelaah))
        return "\n".join(lines) + "\n"


def parse(message: str) -> Pernyataan | None:
    """The statement a tag message makes, or None when it is none."""
    fields: dict[str, str] = {}
    for line in message.split("\n")[2:]:
        key, sep, value = line.partition(": ")
        if sep:
            fields[key] = value
    try:
        return Pernyataan(
            peran=fields["peran"],
            modul=fields["modul"],
            versi=fields["versi"],
            sidik=fields["sidik"],
            oleh=fields["oleh"],
            nama=fields["nama"],
            tanggal=fields["tanggal"],
            penelaah=tuple(n for n in fields.get("penelaah", "").split("; ") if n),
        )
    except KeyError:
        return None


@dataclass(frozen=True)
class Bukti:
    """A tag that may hold a signed statement, and what checking it found."""

    tag: str
    pernyataan: Pernyataan | None  # None: the tag's message is no statement
    penanda: str | None  # the registry kode whose key signed it; None: no valid signature by a registered key
    kunci: str = ""  # the key as git names it ("ED25519 key SHA256:…")


def key_of(line: str) -> str:
    """A public key without its comment: what identifies it."""
    return " ".join(line.split()[:2])


def read(repo_dir: Path, git_dir: Path, signers: Mapping[str, Penandatangan]) -> dict[str, Bukti]:
    """Every approval and editorial tag of the repository, checked against ``signers``."""
    listing = _git(
        repo_dir,
        "for-each-ref",
        "--format=%(objectname) %(objecttype) %(refname:strip=2)",
        *(f"refs/tags/{p}" for p in PREFIX.values()),
    )
    tags = [line.split(" ", 2) for line in listing.splitlines() if line.count(" ") >= 2]
    tags = [(sha, name) for sha, kind, name in tags if kind == "tag"]  # a light tag carries no signature
    allowed = "".join(f'{s.kode} namespaces="git" {s.kunci}\n' for s in signers.values())
    keys = hashlib.sha256(allowed.encode()).hexdigest()
    cache_file = git_dir / CACHE
    try:
        cached = json.loads(cache_file.read_text(encoding="utf-8"))
        known: dict[str, list[str]] = cached["sah"] if cached.get("kunci") == keys else {}
    except (OSError, ValueError, KeyError, TypeError):
        known = {}
    todo = [(sha, name) for sha, name in tags if sha not in known]
    if todo:
        with tempfile.NamedTemporaryFile("w", suffix=".penandatangan", encoding="utf-8") as f:
            f.write(allowed)
            f.flush()
            with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
                verdicts = pool.map(lambda tag: _verify(repo_dir, f.name, tag[1]), todo)
                known.update((sha, verdict) for (sha, _), verdict in zip(todo, verdicts, strict=True))
        _keep(cache_file, {"kunci": keys, "sah": known})
    messages = _messages(repo_dir, [sha for sha, _ in tags])
    out = {}
    for sha, name in tags:
        principal, key = known.get(sha, ["", ""])
        out[name] = Bukti(name, parse(messages.get(sha, "")), principal or None, key)
    return out


def _verify(repo_dir: Path, allowed: str, tag: str) -> list[str]:
    """[registry kode, key] of the key that made a good signature of ``tag``, or ["", ""]."""
    done = subprocess.run(
        ["git", "-c", "gpg.format=ssh", "-c", f"gpg.ssh.allowedSignersFile={allowed}",
         "verify-tag", "--raw", f"refs/tags/{tag}"],
        cwd=repo_dir, capture_output=True, text=True,
    )  # fmt: skip
    found = _GOOD.search(done.stderr)
    return [found.group(1), found.group(2)] if done.returncode == 0 and found else ["", ""]


def _messages(repo_dir: Path, shas: list[str]) -> dict[str, str]:
    """Each tag object's message without its signature, in one git call."""
    if not shas:
        return {}
    out = subprocess.run(
        ["git", "cat-file", "--batch"], cwd=repo_dir, input=("\n".join(shas) + "\n").encode(),
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    found, at = {}, 0
    for sha in shas:
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        body = out[header_end + 1 : header_end + 1 + size].decode("utf-8", "replace")
        at = header_end + 1 + size + 1
        found[sha] = body.partition("\n\n")[2].split("-----BEGIN ", 1)[0]
    return found


def _keep(path: Path, data: dict) -> None:
    aside = path.with_suffix(".baru")
    try:
        aside.write_text(json.dumps(data), encoding="utf-8")
        os.replace(aside, path)
    except OSError:
        pass  # a cache that cannot be written only means verifying again next time


def signing_key(repo_dir: Path) -> str:
    """The public key git signs with here (``user.signingkey``); raises SigningError with
    the set-up to do when git does not sign with SSH."""
    fmt = _config(repo_dir, "gpg.format")
    configured = _config(repo_dir, "user.signingkey")
    if fmt != "ssh" or not configured:
        raise SigningError(
            "git belum diatur untuk menandatangani dengan kunci SSH; jalankan "
            "git config gpg.format ssh dan git config user.signingkey ~/.ssh/id_ed25519.pub "
            "(lihat README, Pengesahan bertanda tangan)"
        )
    if configured.startswith("key::"):
        return key_of(configured.removeprefix("key::"))
    path = Path(os.path.expanduser(configured))
    public = path if path.suffix == ".pub" else path.with_name(path.name + ".pub")
    try:
        return key_of(public.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SigningError(f"kunci publik {public} tidak dapat dibaca ({exc.strerror})") from exc


def sign(repo_dir: Path, statement: Pernyataan) -> None:
    """Make the signed tag that holds ``statement``."""
    done = subprocess.run(
        ["git", "tag", "-s", "-F", "-", statement.tag], cwd=repo_dir,
        input=statement.text(), capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode != 0:
        what = "sudah ada" if "already exists" in done.stderr else f"gagal dibuat: {done.stderr.strip()}"
        raise SigningError(f"tag bertanda tangan {statement.tag} {what}")


def _config(repo_dir: Path, key: str) -> str:
    done = subprocess.run(["git", "config", "--get", key], cwd=repo_dir, capture_output=True, text=True)
    return done.stdout.strip()


def _git(repo_dir: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo_dir, capture_output=True, text=True).stdout
