"""The ``kesos-modul`` command. Thin: parse options, run stages, print, exit.

Exit codes: 0 clean (warnings allowed), 1 errors found, 2 usage problem.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import click

from kesos_modul import __version__
from kesos_modul.sources import find_root

# The stages behind the other commands (rendering, the site engine, git, PDF) are
# imported by the command that uses them, so `validate`, the command writers run
# most, starts quickly.


class UsageProblem(click.UsageError):
    """A usage problem reported in Indonesian."""

    def show(self, file=None) -> None:
        click.echo(f"kesos-modul: {self.message}", err=True)


def curriculum_root(path: Path) -> Path:
    if not path.exists():
        raise UsageProblem(f"path '{path}' tidak ada")
    root = find_root(path)
    if root is None:
        raise UsageProblem(
            f"tidak ditemukan folder modules/ di '{path}' atau di atasnya; "
            "jalankan perintah ini di dalam repositori kurikulum"
        )
    return root


def parse_today(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise UsageProblem(f"--today '{value}' bukan tanggal TTTT-BB-HH") from exc


# Options several commands share, declared once.
TODAY = click.option(
    "--today",
    "today",
    metavar="TTTT-BB-HH",
    hidden=True,
    envvar="KESOS_MODUL_TODAY",
    help="Tanggal hari ini (untuk pengujian).",
)
ROOT = click.option(
    "--root", "root_path", default=".", type=click.Path(path_type=Path), help="Repositori kurikulum."
)


def format_option(formats: dict[str, Callable], help: str = "Bentuk keluaran.") -> Callable:
    """``--format`` with the choices of an output's format table."""
    return click.option(
        "--format", "fmt", type=click.Choice(list(formats)), default="text", show_default=True, help=help
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kesos-modul")
@click.option("--debug", is_flag=True, help="Tampilkan traceback bila terjadi galat internal.")
def cli(debug: bool) -> None:
    """Menulis, menelaah, memversikan dan menerbitkan modul pelatihan kesejahteraan sosial."""


def debug_detail(detail: str) -> None:
    """What a tool printed in English, only when --debug asks for it."""
    if detail and click.get_current_context().find_root().params.get("debug"):
        click.echo(detail, err=True)


def main() -> None:
    """Entry point: no traceback reaches a writer unless --debug asks for it."""
    try:
        cli(prog_name="kesos-modul")
    except Exception as exc:
        if "--debug" in sys.argv:
            raise
        click.echo(
            f"kesos-modul: galat internal: {type(exc).__name__}: {exc}\n"
            "    saran: jalankan ulang dengan --debug dan laporkan keluarannya kepada tim pengembang",
            err=True,
        )
        sys.exit(2)


# Importing the command modules registers their commands on ``cli``.
from kesos_modul.cli import menulis, rilis, siklus, situs  # noqa: E402

__all__ = ["cli", "main", "menulis", "rilis", "siklus", "situs"]
