"""The ``kesos-modul`` command. Thin: parse options, run stages, print, exit.

Exit codes: 0 clean (warnings allowed), 1 errors found, 2 usage problem.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import click

from kesos_modul import __version__
from kesos_modul.findings import Finding, Severity
from kesos_modul.sources import TOPS, find_root

# Which module of this package defines each command. Only the module of the
# command that runs is imported (all of them for --help), and the stages behind a
# command (rendering, the site engine, git, PDF) are imported inside it, so
# `validate`, the command writers run most, starts quickly.
COMMANDS = {
    "new": "menulis",
    "validate": "menulis",
    "rules": "menulis",
    "report": "menulis",
    "bump": "rilis",
    "diff": "rilis",
    "release": "rilis",
    "telaah": "siklus",
    "sahkan": "siklus",
    "pengesahan": "siklus",
    "redaksional": "siklus",
    "jadwal": "siklus",
    "build": "situs",
    "serve": "situs",
    "pdf": "situs",
    "paket": "paket",
}


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


def output_folder(output: Path | None, root: Path, default: str) -> Path:
    """Where a command writes its files: a folder outside the curriculum's own folders,
    and not a file (nothing a writer has is replaced by an output)."""
    target = (output or root / default).absolute()
    if target.resolve() == root or any(target.resolve().is_relative_to(root / t) for t in TOPS):
        raise UsageProblem(f"--output {target} berada di dalam kurikulum; pilih folder lain")
    blocking = next((p for p in (target, *target.parents) if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        raise UsageProblem(f"--output {target}: {blocking} adalah berkas, bukan folder; pilih folder lain")
    return target


def unwritable(target: Path, exc: OSError) -> UsageProblem:
    """What a command says when writing into its ``--output`` folder failed."""
    return UsageProblem(f"--output {target} tidak dapat ditulis ({exc.strerror}); pilih folder lain")


def parse_today(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise UsageProblem(f"--today '{value}' bukan tanggal TTTT-BB-HH") from exc


def stop_on_errors(findings: list[Finding], kodes: Sequence[str], what: str) -> None:
    """Nothing is made from modules with errors: the errors of the modules asked for
    (every module, when none is named), and exit 1."""
    errors = [
        f
        for f in findings
        if f.severity is Severity.ERROR
        and (not kodes or any(f.file.startswith(f"modules/{k}/") for k in kodes))
    ]
    if errors:
        from kesos_modul.output import FORMATS

        FORMATS["text"](errors, sys.stdout)
        click.echo(f"{what} tidak dibuat karena ada galat.")
        sys.exit(1)


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


class _LazyGroup(click.Group):
    """A command group that imports a command's module when the command is asked for."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            importlib.import_module(f"{__name__}.{COMMANDS[cmd_name]}")  # registers it on ``cli``
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        for module in sorted(set(COMMANDS.values())):
            importlib.import_module(f"{__name__}.{module}")
        return super().list_commands(ctx)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
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
