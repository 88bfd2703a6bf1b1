"""Where the pinned tools live, and one way to run them that shows their output when they fail."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .specs import ROOT

VENV_BIN = Path(sys.executable).parent
NODE_BIN = ROOT / "node_modules/.bin"
ENV = {**os.environ, "REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true", "NO_UPDATE_NOTIFIER": "1"}


def run(*argv: str | Path, cwd: Path = ROOT, timeout: float = 120) -> str:
    """Run a command; fail the test with its combined output if it exits non-zero."""
    proc = subprocess.run(
        [str(a) for a in argv], cwd=cwd, env=ENV, capture_output=True, text=True, timeout=timeout, check=False
    )
    if proc.returncode != 0:
        raise AssertionError(f"{argv[0]} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout
