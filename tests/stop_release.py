"""Run the kesos-modul command line and kill it (SIGKILL: nothing of it runs
again, as with a power cut) at one named point of a release.

    python -m tests.stop_release POINT release NAMA --root …

The points wrap the real functions a release calls; nothing in the toolkit
knows about them.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from typing import Any


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _before(owner: Any, name: str) -> None:
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        _die()

    setattr(owner, name, wrapped)


def _after(owner: Any, name: str) -> None:
    original: Callable[..., Any] = getattr(owner, name)

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        original(*args, **kwargs)
        _die()

    setattr(owner, name, wrapped)


def _points() -> dict[str, Callable[[], None]]:
    from mike import commands, git_utils

    from kesos_modul import history
    from kesos_modul.engine.material import Material
    from kesos_modul.pipeline import Pipeline

    return {
        # while the PDF workers typeset and the pages are rendered, before the journal
        "membangun": lambda: _before(Pipeline, "pages"),
        # mike has sent its commit to git fast-import, which has not been told it is complete
        "commit-mike": lambda: _before(git_utils.Commit, "finish"),
        # the version is on the deploy branch; the root pages are not (a first release)
        "sebelum-halaman-akar": lambda: _before(Material, "set_default"),
        # the redirecting index.html is committed, the 404 page not yet
        "antara-halaman-akar": lambda: _after(commands, "set_default"),
        "sebelum-tag": lambda: _before(history, "tag_release"),
        "sesudah-tag": lambda: _after(history, "tag_release"),
        "saat-kirim": lambda: _before(history, "push"),
        # sent, but the journal not yet ended
        "sesudah-kirim": lambda: _after(history, "push"),
    }


if __name__ == "__main__":
    from kesos_modul.cli import main

    point, *arguments = sys.argv[1:]
    _points()[point]()
    sys.argv = ["kesos-modul", *arguments]
    main()
