"""Material for MkDocs (on MkDocs 1.x) with mike: build, live preview, versions.

MkDocs and mike are used as libraries, imported when a method runs, so commands
that never build (``validate``) never load them.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from kesos_modul.engine import BuildError, PublishError, Staged
from kesos_modul.resources import project_dir

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life notice on every build


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class Material:
    name = "Material for MkDocs"

    def __init__(self) -> None:
        # The preview rebuilds often with the same theme: its compiled templates are kept.
        self._theme_env: Any = None

    def build(
        self,
        staged: Staged,
        site_dir: Path,
        *,
        strict: bool = False,
        dirty: bool = False,
        serve_url: str | None = None,
        site_url: str | None = None,
    ) -> list[str]:
        """Run MkDocs on the staged folder; returns its warnings, raises :class:`BuildError`."""
        import yaml
        from mkdocs.commands.build import build as mkdocs_build
        from mkdocs.config import load_config
        from mkdocs.exceptions import MkDocsException

        collect = _Collect()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(collect)
        level = logger.level
        logger.setLevel(logging.WARNING)
        try:
            validation = {
                "links": {"not_found": "warn", "anchors": "warn" if strict else "info"},
                # module pages are not in the menu on purpose (kesos_modul/navigasi.py)
                "nav": {"omitted_files": "info"},
            }
            config = load_config(
                str(staged.config_file), site_dir=str(site_dir), strict=strict, validation=validation
            )
            if serve_url or site_url:
                config.site_url = serve_url or site_url
            if serve_url:
                # MkDocs 1.x has no option for this: the loaded Theme's get_env is replaced.
                if self._theme_env is None:
                    self._theme_env = config.theme.get_env()
                env = self._theme_env
                config.theme.get_env = lambda: env
            mkdocs_build(config, serve_url=serve_url, dirty=dirty)
        except (MkDocsException, OSError, yaml.YAMLError) as exc:
            raise BuildError([*collect.messages, str(exc)]) from exc
        finally:
            logger.removeHandler(collect)
            logger.setLevel(level)
        return [m for m in collect.messages if "dirty" not in m]

    def serve(
        self,
        staged: Staged,
        host: str,
        port: int,
        watch: list[Path],
        on_save: Callable[[], Staged],
        on_built: Callable[[float], None] = lambda seconds: None,
    ) -> None:
        """Serve the staged folder with live reload until interrupted.

        Uses MkDocs' development server as a library: it watches the writers'
        sources (``watch``), calls ``on_save`` to stage what changed, rebuilds
        only the pages whose text changed, then calls ``on_built`` with the seconds it all took.
        """
        from mkdocs.livereload import LiveReloadServer

        with tempfile.TemporaryDirectory(prefix="kesos-pratinjau-") as folder:
            site_dir = Path(folder)
            url = f"http://{host}:{port}/"
            self.build(staged, site_dir, serve_url=url)

            def rebuild() -> None:
                started = time.perf_counter()
                self.build(on_save(), site_dir, dirty=True, serve_url=url)
                on_built(time.perf_counter() - started)

            server = LiveReloadServer(
                builder=rebuild, host=host, port=port, root=folder, polling_interval=0.05
            )
            server.build_delay = 0.02  # a save is one event; no need to wait for more
            for path in watch:
                server.watch(str(path))
            try:
                server.serve()
            except KeyboardInterrupt:
                pass
            finally:
                server.shutdown()

    def publish(
        self,
        staged: Staged,
        repo: Path,
        branch: str,
        version: str,
        alias: str,
        message: str,
        finish: Callable[[Path], None] | None = None,
    ) -> None:
        """Build the staged folder as ``version``, run ``finish`` on the built
        folder, and commit it to ``branch`` with mike's Python API, moving
        ``alias`` to it. Earlier versions are not touched."""
        from mike import commands, git_utils
        from mkdocs.config import load_config

        site_url = load_config(str(staged.config_file)).site_url
        # mike runs git in the working directory: run it in the curriculum's repository
        with tempfile.TemporaryDirectory(prefix="kesos-rilis-") as folder, contextlib.chdir(repo):
            cfg = {"site_dir": folder, "use_directory_urls": True}
            try:
                with commands.deploy(
                    cfg, version, aliases=[alias], update_aliases=True, branch=branch, message=message
                ):
                    # what mike's own MkDocs plugin does: a site URL points at its version
                    url = urljoin(site_url.rstrip("/") + "/", version + "/") if site_url else None
                    self.build(staged, Path(folder), strict=True, site_url=url)
                    if finish is not None:
                        finish(Path(folder))
            except BuildError as exc:
                raise PublishError(_explain("\n".join(exc.messages)), "\n".join(exc.messages)) from exc
            except (git_utils.GitError, ValueError) as exc:
                raise PublishError(_explain(str(exc)), str(exc)) from exc

    def set_default(self, repo: Path, branch: str, alias: str) -> None:
        """Make ``/`` of the deploy branch lead to ``alias``, in Indonesian, and give
        the deploy branch a root ``404.html`` for addresses in no version."""
        from mike import commands, git_utils

        pages = project_dir("templates") / "mike"
        with contextlib.chdir(repo):
            try:
                commands.set_default(alias, template=str(pages / "alihkan.html"), branch=branch)
                with git_utils.Commit(branch, "Halaman 404 situs kurikulum") as commit:
                    commit.add_file(git_utils.FileInfo("404.html", (pages / "404.html").read_bytes()))
            except (git_utils.GitError, ValueError) as exc:
                raise PublishError(_explain(str(exc)), str(exc)) from exc

    def versions(self, repo: Path, branch: str) -> list[str]:
        """The versions on the deploy branch, newest first (mike's ``versions.json``)."""
        from mike import commands

        with contextlib.chdir(repo):
            return [str(info.version) for info in commands.list_versions(branch)]


# What mike and MkDocs say when they fail, and what it means for the writer.
_MESSAGES = (
    ("in strict mode", "mesin situs menemukan tautan atau gambar yang rusak di halaman rilis",
     "bangun dulu dengan kesos-modul build --strict untuk melihat halamannya; tautan ke modul draf "
     "tidak boleh ada di modul yang diterbitkan"),
    ("user.name", "identitas git belum diatur",
     'jalankan git config user.name "Nama" dan git config user.email "alamat@surel"'),
    ("already exists", "versi atau alias itu sudah ada di cabang situs", "pilih nama rilis lain"),
)  # fmt: skip


def _explain(output: str) -> str:
    """The engine's English as an Indonesian message with a hint (the original goes to --debug)."""
    for needle, message, hint in _MESSAGES:
        if needle in output:
            return f"{message}; saran: {hint}"
    return "mike gagal membangun atau menyimpan rilis; saran: jalankan ulang dengan --debug untuk keluaran lengkapnya"
