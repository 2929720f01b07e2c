"""The journal of a release under way, so that one stopped at any moment (a
kill, a closed terminal, a power cut) can be finished or undone.

A release writes it into the repository's git folder before it first changes a
branch, and removes it when nothing is left to do. It keeps only what the
repository cannot say afterwards: where the deploy branch was before, which
commit is released and what the release was asked to do. What was done is read
from the repository itself (is the version on the deploy branch, are its root
pages there, is the tag there), never from the journal, because a release can be
stopped between doing a step and writing that it did.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path

FILE = "kesos-rilis.jurnal"


class JournalError(Exception):
    """The journal cannot be read; the message says what to do."""


@dataclass(frozen=True)
class Journal:
    nama: str
    branch: str
    before: str | None  # the deploy branch's tip before the release; None: there was none
    commit: str  # the curriculum commit released, which the tag names
    message: str
    tag: bool  # the release makes its tag (not with --from-tag, where the tag exists)
    remote: str | None  # where the branch and tag are sent (--push), or None
    mulai: str  # when the release started, for the person who finds it stopped
    sending: bool = False  # set before the push starts: the remote may have part of it

    def sent(self) -> Journal:
        return replace(self, sending=True)


def started(**fields: object) -> Journal:
    return Journal(mulai=datetime.now().astimezone().isoformat(timespec="seconds"), **fields)  # type: ignore[arg-type]


def write(git_dir: Path, journal: Journal) -> None:
    """Write the journal whole or not at all (written aside, flushed, renamed)."""
    target = git_dir / FILE
    aside = target.with_suffix(".baru")
    with aside.open("w", encoding="utf-8") as f:
        json.dump(asdict(journal), f, ensure_ascii=False, indent=1)
        f.flush()
        os.fsync(f.fileno())
    os.replace(aside, target)


def read(git_dir: Path) -> Journal | None:
    """The journal of a release that did not end, or None."""
    path = git_dir / FILE
    try:
        return Journal(**json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError) as exc:
        raise JournalError(
            f"jurnal rilis {path} rusak dan tidak dapat dibaca; periksa cabang situs dan tag rilis "
            "dengan git log, lalu hapus berkas itu"
        ) from exc


def remove(git_dir: Path) -> None:
    (git_dir / FILE).unlink(missing_ok=True)
