"""Zensical, Material for MkDocs' successor, as a second builder of the same staged folder.

Zensical reads the staged ``mkdocs.yml`` as it is. It is a separate program
(installed in its own environment, ``.venv-zensical``, since its dependencies
differ), so it runs as a subprocess; it has no Python API for building.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from kesos_modul.engine import BuildError, Staged, print_page, sanitise
from kesos_modul.engine.reuse import Store


def find_program(root: Path) -> str | None:
    """``zensical`` on PATH, or in ``.venv-zensical`` of the curriculum or of this toolkit."""
    for base in (root, Path(__file__).resolve().parents[2]):
        candidate = base / ".venv-zensical" / "bin" / "zensical"
        if candidate.exists():
            return str(candidate)
    return shutil.which("zensical")


class Zensical:
    name = "Zensical"

    def __init__(self, program: str) -> None:
        self.program = program

    def build(
        self, staged: Staged, site_dir: Path, *, strict: bool = False, store: Store | None = None
    ) -> list[str]:
        """Build the whole staged folder (Zensical keeps its own cache; ``store`` is not read)."""
        folder = staged.config_file.parent
        command = [
            self.program,
            "build",
            "--clean",
            "-f",
            staged.config_file.name,
            *(["--strict"] if strict else []),
        ]
        proc = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise BuildError([line for line in (proc.stdout + proc.stderr).splitlines() if line.strip()])
        if site_dir.exists():
            shutil.rmtree(site_dir)
        shutil.move(folder / "site", site_dir)
        sanitise.clean_site(site_dir, staged.docs_dir, (), _dest)
        print_page.assemble(site_dir, staged.docs_dir, (), _dest)
        return []


def _dest(page: str) -> str:
    """Where Zensical writes a page, with directory addresses (as the staged configuration asks)."""
    stem = page.removesuffix(".md")
    return (
        f"{stem.removesuffix('index')}index.html"
        if stem == "index" or stem.endswith("/index")
        else f"{stem}/index.html"
    )
