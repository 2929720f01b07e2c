"""The site engine, behind one door.

Every stage before it writes a *staged folder*: ``docs/`` with the rendered
pages and ``mkdocs.yml`` beside it, the configuration Material for MkDocs and
its successor Zensical both read. An engine turns that folder into a site
(:meth:`Engine.build`). The Material engine can also serve it with live reload
and publish it as a version with mike; Zensical builds only, for now. Nothing
outside this package imports MkDocs, Material, mike or Zensical.

After either engine has built, the same two steps run on what it built, in this
order: :mod:`~kesos_modul.engine.sanitise` cleans each page's content and seals
its page policy, then :mod:`~kesos_modul.engine.print_page` fills each module's
print page with its chapters as built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from kesos_modul.engine.reuse import Store


@dataclass
class Staged:
    """A staged folder: what every engine reads."""

    config_file: Path
    docs_dir: Path
    changed: list[str] = field(default_factory=list)
    # what was written, so a later staging can skip unchanged pages without reading them
    written: dict[str, bytes] = field(default_factory=dict, repr=False)
    config: dict[str, Any] = field(default_factory=dict, repr=False)  # what the configuration file holds


class BuildError(Exception):
    """The engine failed; ``messages`` says why, for the writer."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


class PublishError(Exception):
    """Publishing a version failed. The message is for the writer; ``detail``
    keeps what the tool said in English, for ``--debug``."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


class Engine(Protocol):
    name: str

    def build(
        self, staged: Staged, site_dir: Path, *, strict: bool = False, store: Store | None = None
    ) -> list[str]:
        """Build the staged folder into ``site_dir``; returns the engine's warnings.
        An engine that can build part of a site copies the module folders kept in
        ``store`` (:mod:`kesos_modul.engine.reuse`) and keeps what it built there.
        Raises :class:`BuildError`."""
        ...
