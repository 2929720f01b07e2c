"""Watching the writers' sources for the preview server (MkDocs' LiveReloadServer)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def watch_changes(server: Any, paths: list[Path]) -> None:
    """Watch the sources with the system's file events where it has them: MkDocs
    polls, which on a large curriculum keeps a core busy looking at every file.
    Only changes count: reading the sources (which the rebuild does) is an event too."""
    from watchdog import events
    from watchdog.observers import Observer

    changes = [
        events.FileCreatedEvent, events.FileModifiedEvent, events.FileDeletedEvent, events.FileMovedEvent,
        events.DirCreatedEvent, events.DirDeletedEvent, events.DirMovedEvent,
    ]  # fmt: skip

    class Changes(Observer):  # type: ignore[misc, valid-type]
        def schedule(self, handler: Any, path: Any, **options: Any) -> Any:
            return super().schedule(handler, path, **{**options, "event_filter": changes})

        def start(self) -> None:
            if not self.is_alive():  # started below already: the server's start is a no-op
                super().start()

    probe = Changes()
    try:
        for path in paths:
            probe.schedule(events.FileSystemEventHandler(), str(path), recursive=True)
        probe.start()  # where inotify is missing or its limit is reached, this fails
    except OSError:
        pass  # keep MkDocs' polling
    else:
        probe.stop()
        probe.join()
        server.observer = Changes()
    for path in paths:
        server.watch(str(path))
    if isinstance(server.observer, Changes):
        # Started now, before the preview builds in the background: its first look
        # at every folder would otherwise share the interpreter with that build
        # and hold back the server's first answer by seconds.
        server.observer.start()
