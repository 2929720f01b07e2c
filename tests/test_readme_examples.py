"""The README's examples, pasted as a writer would: every block marked
``<!-- contoh: NAMA -->`` runs line by line in a git copy of the sample
curriculum, and every command in it must succeed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, TODAY, commit_all

README = (REPO / "README.md").read_text(encoding="utf-8")
EXAMPLES = dict(re.findall(r"<!-- contoh: ([a-z-]+) -->\n```sh\n(.*?)\n```", README, re.S))


def test_the_readme_has_its_examples() -> None:
    assert {"siklus", "redaksional"} <= set(EXAMPLES)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_a_readme_example_works_when_pasted(name: str, curriculum: Path) -> None:
    commit_all(curriculum, "kurikulum awal")
    bin_dir = Path(sys.executable).parent
    # the hidden --today option's variable keeps the example's dates valid on any day
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "KESOS_MODUL_TODAY": TODAY}
    for line in EXAMPLES[name].replace("\\\n", " ").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        done = subprocess.run(["bash", "-c", line], cwd=curriculum, env=env, capture_output=True, text=True)
        assert done.returncode == 0, f"{line}\n{done.stdout}\n{done.stderr}"
