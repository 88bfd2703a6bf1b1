"""``make contract`` end to end: the schemathesis CLI over real HTTP (uvicorn on 127.0.0.1) against each
emulator, signed through the hook, fixed seed; the run must pass and must have exercised every phase."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cloudsign.emulator.app import running

ROOT = Path(__file__).resolve().parents[2]


def contract(url: str, spec: str, report: Path, *extra: str) -> tuple[int, dict[str, Any], str]:
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts/contract.py"),
            "--url",
            url,
            "--spec",
            spec,
            "--report",
            str(report),
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    data = json.loads(report.read_text()) if report.exists() else {}
    return proc.returncode, data, proc.stdout


def app_for(spec: str) -> Any:
    if "huaweicloud" in spec:
        from cloudsign.emulator.huaweicloud import create_app

        return create_app()
    from cloudsign.emulator.alibabacloud import create_app as create_dataworks_app

    return create_dataworks_app()


# The harness end to end over HTTP, once per cloud: DAS in both modes, DataWorks positive (its negative cases cost
# ~0.5 s of CPU each to draw: schemathesis builds a strategy for the 9.5k-character Content pattern per mutated
# schema; they run through the same harness code as DAS's, and against DataWorks in the stock negative run of
# test_stock.py and in process in test_asgi_dataworks.py). DataWorks both modes and its second scheme in
# `make test-slow` (HMAC-SHA1 goes through the same CLI and hook, and is contract-tested in process and by the stock CLI
# within `make test`).
SLOW = os.environ.get("CLOUDSIGN_SLOW") == "1"
CASES = [
    ("specs/huaweicloud-das.yaml", "", "all"),
    ("specs/alibabacloud-dataworks.yaml", "ACS3-HMAC-SHA256", "all" if SLOW else "positive"),
    *([("specs/alibabacloud-dataworks.yaml", "HMAC-SHA1", "all")] if SLOW else []),
]


# The harness's fuzzing phase at 10 examples per operation (its default 50 in `make test-slow`): what these runs prove
# is the harness end to end (hook, phases, report, PASS); the examples and coverage phases, which send most of a
# run's requests whatever this number, stay whole.
FEWER = () if SLOW else ("--max-examples", "10")


@pytest.mark.parametrize(("spec", "signature", "mode"), CASES)
def test_contract_over_http_passes(spec: str, signature: str, mode: str, tmp_path: Path) -> None:
    app = app_for(spec)
    with running(app) as url:
        code, report, out = contract(url, spec, tmp_path / "r.json", "--signature", signature, "--mode", mode, *FEWER)
    assert code == 0, out
    assert report["test_cases"]["generated"] >= (100 if mode == "all" else 20), report["test_cases"]
    assert {k: v["status"] for k, v in report["phases"].items() if k != "stateful"} == {
        "examples": "success",
        "coverage": "success",
        "fuzzing": "success",
    }
    accepted = sum(p["accepted"] for rates in report["valid_rates"].values() for p in rates.values())
    assert accepted > 0 and len(app.state.emulator.creations.snapshot()) >= accepted
    assert "PASS" in out


def test_contract_reports_a_broken_deployment(tmp_path: Path) -> None:
    """The harness can fail: against an emulator that refuses every key, the run must not pass."""
    from cloudsign.emulator.huaweicloud import create_app

    with running(create_app(credentials={"SOMEOTHERKEY000000001": "x"})) as url:
        code, _, out = contract(url, "specs/huaweicloud-das.yaml", tmp_path / "r.json", "--max-examples", "5")
    assert code != 0 and "FAIL" in out
