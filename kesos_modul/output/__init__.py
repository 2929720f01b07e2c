"""Output formats for findings. Only these modules and the CLI write to the terminal."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from kesos_modul.findings import Finding
from kesos_modul.output import github, json_, text

Writer = Callable[[list[Finding], TextIO], None]

FORMATS: dict[str, Writer] = {
    "text": text.write,
    "json": json_.write,
    "github": github.write,
}
