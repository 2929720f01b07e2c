"""One release at a time in a repository.

The lock is a file in the repository's git folder (never in the working tree,
which a release requires clean), held with ``flock``: the kernel lets go of it
when its holder ends, however it ends (a kill, a closed terminal, a power cut
leaves nothing to clean up). The file names its holder, so a second release can
say who holds it and since when.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path


class Held(Exception):
    """Another process holds the lock; the message, in Indonesian, names it."""


@contextmanager
def exclusive(path: Path, what: str) -> Iterator[None]:
    """Hold the lock at ``path`` for ``what`` (shown to whoever finds it held), or raise :class:`Held`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)  # not inherited by the programs a release runs
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Held(_describe(path)) from None
        os.ftruncate(fd, 0)
        holder = {
            "apa": what,
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "mulai": datetime.now().astimezone().isoformat(timespec="seconds"),
        }
        os.write(fd, json.dumps(holder, ensure_ascii=False).encode("utf-8"))
        yield
    finally:
        os.close(fd)  # lets go of the lock


def _describe(path: Path) -> str:
    try:
        holder = json.loads(path.read_text(encoding="utf-8"))
        who = f"{holder['apa']} (proses {holder['pid']} di {holder['host']}, sejak {holder['mulai']})"
    except (OSError, ValueError, KeyError, TypeError):
        who = "proses lain"
    return f"rilis lain sedang berjalan di repositori ini: {who}; tunggu sampai selesai, lalu ulangi"
