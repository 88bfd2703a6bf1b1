"""requirements/downstream.lock must pin exactly what dev.lock (what `make setup` installs) pins, so the
downstream tools tested here are the ones people get."""

from __future__ import annotations

import re
from pathlib import Path

from .specs import ROOT

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)", re.MULTILINE)


def _pins(lock: Path) -> dict[str, str]:
    return {name.lower().replace("_", "-"): version for name, version in PIN.findall(lock.read_text())}


def test_downstream_lock_agrees_with_dev_lock() -> None:
    dev, downstream = _pins(ROOT / "requirements/dev.lock"), _pins(ROOT / "requirements/downstream.lock")
    assert {"openapi-generator-cli", "datamodel-code-generator", "pydantic"} <= downstream.keys()
    assert {name: v for name, v in downstream.items() if dev.get(name) != v} == {}
    assert "-r downstream.in" in (ROOT / "requirements/dev.in").read_text()
