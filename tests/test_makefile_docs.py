"""``make docs`` builds the API reference without installing a browser (issue 11): only its browser test needs one."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_make_docs_installs_no_browser() -> None:
    plan = subprocess.run(["make", "-n", "docs"], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert plan.returncode == 0, plan.stderr
    assert "scripts/docs.sh" in plan.stdout
    assert "chromium" not in plan.stdout and "apt-get" not in plan.stdout, plan.stdout
