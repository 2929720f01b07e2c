"""The project's own promises: the README matches the rules, CI runs the README's
commands, and the code is ruff-clean."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from kesos_modul.cli.menulis import rules_table
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_rule_table_is_generated_from_the_rules() -> None:
    block = re.search(r"<!-- aturan:mulai -->\n(.*)<!-- aturan:selesai -->", README, re.S)
    assert block, "README has no rule table markers"
    assert block.group(1) == rules_table("markdown")


def test_ci_runs_the_readme_commands() -> None:
    ci = (REPO / ".ci/run").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    setup, test = blocks[0], blocks[1]
    assert test == ".venv/bin/python -m pytest"
    assert test in ci.splitlines()
    for step in setup.split(" && ")[:-1]:  # every set-up step; the last is the main job
        assert step in ci


@pytest.mark.skipif(
    shutil.which("ruff") is None and not (REPO / ".venv/bin/ruff").exists(), reason="ruff not installed"
)
def test_code_is_ruff_clean() -> None:
    ruff = shutil.which("ruff") or str(REPO / ".venv/bin/ruff")
    result = subprocess.run(
        [ruff, "check", "kesos_modul", "tests", "bench"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout


def test_the_benchmarks_measure_a_valid_curriculum(tmp_path) -> None:
    """bench/generate.py follows every rule, so the benchmarks time real work, not refusals."""
    import sys

    from kesos_modul.sources import FolderSource
    from kesos_modul.validation import validate

    sys.path.insert(0, str(REPO / "bench"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(REPO / "bench"))
    root = generate(tmp_path / "kurikulum", 3)
    kurikulum, findings = validate(FolderSource(root))
    assert findings == [] and len(kurikulum.modul) == 3
