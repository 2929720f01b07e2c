"""Work on both halves of a list at once: one here, one in a forked child process.

Reading a curriculum of hundreds of modules is pure Python work on independent
folders, and so is running independent rules on it; a forked child starts in
milliseconds with everything already imported and read (no new interpreter),
does its half and sends the result back pickled. Whenever
that is not safe or not possible (no ``fork``, other threads running, a small
curriculum, a child that fails) the second half is done here too: the result is the
same either way, only slower.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many modules the fork and the pickling cost more than they save.
MINIMUM = 64


def halves(work: Callable[[Sequence[T]], R], items: Sequence[T], parallel: bool = True) -> tuple[R, R]:
    """``work`` on the first and on the second half of ``items``, at once when ``parallel``."""
    middle = (len(items) + 1) // 2
    first, second = items[:middle], items[middle:]
    if not (parallel and len(items) > 1 and _can_fork()):
        return work(first), work(second)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its result, or nothing, and never back into the caller's code
        os.close(read_end)
        try:
            with os.fdopen(write_end, "wb") as out:
                pickle.dump(work(second), out, protocol=pickle.HIGHEST_PROTOCOL)
        finally:
            os._exit(0)
    os.close(write_end)
    incoming = os.fdopen(read_end, "rb")
    try:
        mine = work(first)
        try:
            # read as it comes: the pickled half is never held in memory beside the half itself
            theirs: R = pickle.load(incoming)
            failed = False
        except Exception:  # the child failed: its half is done here, where a failure is reported
            failed = True
    finally:
        incoming.close()  # a child still writing gets a broken pipe and ends
        os.waitpid(pid, 0)
    if failed:
        theirs = work(second)
    return mine, theirs


def _can_fork() -> bool:
    # forking a process with other threads can copy a lock some thread holds
    return hasattr(os, "fork") and threading.active_count() == 1
