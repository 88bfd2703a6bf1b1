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


# The harness end to end over HTTP, once per cloud; DataWorks' second scheme only in `make test-slow` (each run
# costs ~20 s of CPU; HMAC-SHA1 goes through the same CLI and hook, and is contract-tested in process by
# test_asgi_dataworks.py and by the stock CLI in test_stock.py within `make test`).
CASES = [
    ("specs/huaweicloud-das.yaml", ""),
    ("specs/alibabacloud-dataworks.yaml", "ACS3-HMAC-SHA256"),
    *([("specs/alibabacloud-dataworks.yaml", "HMAC-SHA1")] if os.environ.get("CLOUDSIGN_SLOW") == "1" else []),
]


# The harness's fuzzing phase at 10 examples per operation (its default 50 in `make test-slow`): what these runs prove
# is the harness end to end (hook, phases, report, PASS); the examples and coverage phases, which send most of a
# run's requests whatever this number, stay whole.
FEWER = () if os.environ.get("CLOUDSIGN_SLOW") == "1" else ("--max-examples", "10")


@pytest.mark.parametrize(("spec", "signature"), CASES)
def test_contract_over_http_passes(spec: str, signature: str, tmp_path: Path) -> None:
    app = app_for(spec)
    with running(app) as url:
        code, report, out = contract(url, spec, tmp_path / "r.json", "--signature", signature, *FEWER)
    assert code == 0, out
    assert report["test_cases"]["generated"] >= 100, report["test_cases"]
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
