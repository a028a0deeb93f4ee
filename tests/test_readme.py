"""The README stays true: every command in its console blocks runs and prints what it shows
(seconds aside). Needs the real Frog, for `govgraph build` on the seeds."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.frog
def test_readme_commands_print_what_the_readme_shows():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "readme_outputs.py"), "--check"],
                          cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def test_readme_gives_the_two_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "bash scripts/quickstart.sh" in text
    assert "python3 -m pytest" in text
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m pytest" in ci and "apt-get install" in ci and "frog" in ci and "chromium" in ci
