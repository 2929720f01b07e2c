"""Material for MkDocs (on MkDocs 1.x) with mike: build, live preview, versions.

MkDocs and mike are used as libraries, imported when a method runs, so commands
that never build (``validate``) never load them.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from kesos_modul.engine import BuildError, PublishError, Staged, print_page, reuse, sanitise, serving, sitemap
from kesos_modul.engine.backlog import patterns
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
        # The preview rebuilds often with the same theme: its compiled templates are kept,
        # and the parsed configuration while the staged file does not change.
        self._theme_env: Any = None
        self._parsed: tuple[bytes, dict[str, Any]] | None = None

    def build(
        self,
        staged: Staged,
        site_dir: Path,
        *,
        strict: bool = False,
        dirty: bool = False,
        serve_url: str | None = None,
        site_url: str | None = None,
        exclude: Sequence[str] = (),
        store: reuse.Store | None = None,
    ) -> list[str]:
        """Run MkDocs on the staged folder; returns its warnings, raises :class:`BuildError`.

        ``exclude``: folders of the docs folder left out of this build (their
        pages still have their place in the navigation). With a ``store``, a
        module folder or page whose key (:mod:`kesos_modul.engine.reuse`) is kept
        there is copied from it instead of being built, and what is built is kept.
        """
        import yaml
        from jinja2 import FileSystemBytecodeCache
        from mkdocs.commands.build import build as mkdocs_build
        from mkdocs.exceptions import MkDocsException
        from mkdocs.structure.files import File

        if store is not None:
            custom = (self._parse(staged).get("theme") or {}).get("custom_dir")
            themes = [Path(custom)] if custom else []
            base = reuse.base_key(staged.config_file.read_bytes(), themes, site_url, strict)
            exclude = [*exclude, *store.plan(staged.docs_dir, base, exclude)]
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
            config = self._config(staged, site_dir, strict, validation, exclude)
            if serve_url or site_url:
                config.site_url = serve_url or site_url
            # MkDocs 1.x has no option for this: the loaded Theme's get_env is replaced.
            # The preview keeps the theme's compiled templates between rebuilds; every
            # build keeps them on disk (keyed by their source) for the next command.
            if self._theme_env is None or not serve_url:
                self._theme_env = config.theme.get_env()
                self._theme_env.bytecode_cache = FileSystemBytecodeCache()
            env = self._theme_env
            config.theme.get_env = lambda: env
            mkdocs_build(config, serve_url=serve_url, dirty=dirty)
        except (MkDocsException, OSError, yaml.YAMLError) as exc:
            raise BuildError([*collect.messages, str(exc)]) from exc
        finally:
            logger.removeHandler(collect)
            logger.setLevel(level)

        def dest(page: str) -> str:
            return File(page, "", "", config.use_directory_urls).dest_uri

        sanitise.clean_site(site_dir, staged.docs_dir, exclude, dest, seal=not serve_url)
        print_page.assemble(site_dir, staged.docs_dir, exclude, dest)
        if store is not None:
            store.settle(site_dir, dest)
        if not serve_url:
            sitemap.write(site_dir, staged.docs_dir, config.site_url, config.use_directory_urls)
        return [m for m in collect.messages if "dirty" not in m]

    def _parse(self, staged: Staged) -> dict[str, Any]:
        """The staged configuration, parsed again only when its bytes changed."""
        import yaml

        data = staged.config_file.read_bytes()
        if self._parsed is None or self._parsed[0] != data:
            self._parsed = (data, yaml.load(data, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {})
        return self._parsed[1]

    def _config(
        self, staged: Staged, site_dir: Path, strict: bool, validation: dict[str, Any], exclude: Sequence[str]
    ) -> Any:
        """What ``mkdocs.config.load_config`` does, with the parsed file kept: the
        preview rebuilds on every save, and its navigation is thousands of lines.
        The staged file is plain YAML (:func:`kesos_modul.site.stage` writes it)."""
        from mkdocs.config.defaults import MkDocsConfig
        from mkdocs.exceptions import ConfigurationError

        raw = copy.deepcopy(self._parse(staged))
        if exclude:
            own = raw.get("exclude_docs") or ""
            raw["exclude_docs"] = "\n".join([own, *patterns(staged.docs_dir, exclude)])
        config = MkDocsConfig(config_file_path=str(staged.config_file))
        config.load_dict(raw)
        config.load_dict({"site_dir": str(site_dir), "strict": strict, "validation": validation})
        errors, warnings = config.validate()
        problems = [f"{name}: {message}" for name, message in errors + (warnings if strict else [])]
        for name, message in warnings:
            logging.getLogger("mkdocs").warning(f"{name}: {message}")
        if problems:
            raise ConfigurationError("; ".join(problems))
        return config

    serve = serving.serve  # the live preview (engine/serving.py)

    def _remove_built(self, staged: Staged, paths: Sequence[str], site_dir: Path) -> None:
        """Remove what was built from staged files that are gone, so a deleted
        chapter is not served from an earlier build."""
        from mkdocs.structure.files import File

        directory_urls = bool(self._parse(staged).get("use_directory_urls", True))
        for rel in paths:
            if not (staged.docs_dir / rel).exists():
                dest = File(rel, str(staged.docs_dir), str(site_dir), directory_urls).abs_dest_path
                Path(dest).unlink(missing_ok=True)

    def publish(
        self,
        staged: Staged,
        repo: Path,
        branch: str,
        version: str,
        alias: str,
        message: str,
        finish: Callable[[Path], None] | None = None,
        store: reuse.Store | None = None,
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
                    # every version's pages name the page in the newest (``alias``) as their
                    # canonical address, as mike's canonical_version does: search engines send
                    # readers to the current text, and an unchanged page keeps its bytes
                    url = urljoin(site_url.rstrip("/") + "/", alias + "/") if site_url else None
                    self.build(staged, Path(folder), strict=True, site_url=url, store=store)
                    if finish is not None:
                        finish(Path(folder))
            except BuildError as exc:
                raise PublishError(_explain("\n".join(exc.messages)), "\n".join(exc.messages)) from exc
            except (git_utils.GitError, ValueError) as exc:
                raise PublishError(_explain(str(exc)), str(exc)) from exc

    def set_default(self, repo: Path, branch: str, alias: str) -> None:
        """Make ``/`` of the deploy branch lead to ``alias``, in Indonesian, and give
        the deploy branch a root ``404.html`` for addresses in no version. Each is
        written only when the branch lacks it (two commits: a release stopped between
        them is finished by running this again)."""
        from mike import commands, git_utils

        pages = project_dir("templates") / "mike"

        def missing(path: str) -> bool:
            try:
                git_utils.file_mode(branch, path)
            except git_utils.GitError:
                return True
            return False

        with contextlib.chdir(repo):
            try:
                if missing("index.html"):
                    commands.set_default(alias, template=str(pages / "alihkan.html"), branch=branch)
                if missing("404.html"):
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
