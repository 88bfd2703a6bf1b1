"""``make contract URL=... SPEC=...``: schemathesis against any deployment, every request signed by cloudsign.

``SPEC`` is a document (``specs/huaweicloud-das.yaml``), a service (``alibabacloud-dataworks``: each of its
documents) or a cloud (``alibabacloud``: each document of each of its services, as ``make emulate`` serves them),
as the registry finds them in specs/. For each document, runs the pinned schemathesis CLI with ``schemathesis.toml``
and the signing hook, a fixed seed by default, then reads its JSON report and explains the result: cases per
phase, failures by check, and what they mean.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--url", required=True, help="base URL of the deployment, e.g. http://127.0.0.1:18780")
    p.add_argument("--spec", required=True, help="a spec document, a service or a cloud: " + ", ".join(choices()))
    p.add_argument(
        "--signature",
        default="",
        help="the cloud's signing scheme (default: its default): Alibaba ACS3-HMAC-SHA256 or HMAC-SHA1; "
        "Huawei SDK-HMAC-SHA256 or SDK-HMAC-SM3",
    )
    p.add_argument("--mode", default="all", choices=["positive", "negative", "all"])
    p.add_argument("--phases", default="examples,coverage,fuzzing")
    p.add_argument("--max-examples", type=int, default=int(os.environ.get("CONTRACT_MAX_EXAMPLES", "50")))
    p.add_argument("--seed", type=int, default=int(os.environ.get("CONTRACT_SEED", "20260518")))
    p.add_argument("--unsigned", action="store_true", help="send requests unsigned (expect only auth errors)")
    p.add_argument("--report", default="", help="where to keep the JSON report (default: a temporary file)")
    return p.parse_args(argv)


def choices() -> list[str]:
    """What ``--spec`` accepts besides a path: every service and every cloud in specs/ (from the registry)."""
    from cloudsign._core.specs import services

    found = services()
    return sorted(found) + sorted({files.cloud for files in found.values()})


def documents_for(spec: str) -> list[Path]:
    """The documents ``--spec`` stands for: a file as it is, else every document of a service or of a cloud."""
    from cloudsign._core.specs import services, spec_path

    for candidate in (Path(spec), ROOT / spec):
        if spec and candidate.is_file():
            return [candidate.resolve()]
    found = services()
    if spec in found:
        return [spec_path(doc) for doc in found[spec].documents]
    of_cloud = [spec_path(doc) for files in found.values() if files.cloud == spec for doc in files.documents]
    if of_cloud:
        return of_cloud
    raise SystemExit(f"contract: --spec {spec!r} is no file, service or cloud in specs/; try one of: {choices()}")


def summarize(report: dict[str, Any]) -> dict[str, Any]:
    """The figures worth printing from schemathesis' JSON report."""
    rates: dict[str, dict[str, int]] = {}
    for per_phase in (report.get("valid_rates") or {}).values():
        for phase, counts in per_phase.items():
            slot = rates.setdefault(phase, {"accepted": 0, "rejected": 0})
            slot["accepted"] += int(counts.get("accepted", 0))
            slot["rejected"] += int(counts.get("rejected", 0))
    failures: Counter[str] = Counter()
    for failure in report.get("failures") or []:
        failures[str(failure.get("check") or failure.get("title") or failure)] += 1
    cases = report.get("test_cases") or {}
    return {
        "generated": int(cases.get("generated", 0)),
        "with_failures": int(cases.get("with_failures", 0)),
        "errored": int(cases.get("errored", 0)),
        "phases": {k: v.get("status") for k, v in (report.get("phases") or {}).items()},
        "positive": rates,
        "failures": failures,
        "warnings": {k: v for k, v in (report.get("warnings") or {}).items() if v},
    }


def run(args: argparse.Namespace) -> int:
    """One schemathesis run per document; the exit code is the worst of them (0 pass, 1 fail, 2+ error)."""
    documents = documents_for(args.spec)
    codes = []
    for document in documents:
        if len(documents) > 1:
            print(f"== {document.name}", flush=True)
        report = Path(args.report) if args.report else None
        if report is not None and len(documents) > 1:
            report = report.with_name(f"{report.stem}.{document.stem}{report.suffix}")
        codes.append(run_one(args, document, report))
    return max(codes, key=lambda code: (code not in (0, 1), code))


def run_one(args: argparse.Namespace, spec: Path, report: Path | None) -> int:
    env = {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'scripts'}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
        "SCHEMATHESIS_HOOKS": "contract_hooks",
        "CLOUDSIGN_CONTRACT_SPEC": spec.name,
        "CLOUDSIGN_CONTRACT_SIGNATURE": args.signature,
        "CLOUDSIGN_CONTRACT_URL": args.url,
    }
    if args.unsigned:
        env["CLOUDSIGN_CONTRACT_UNSIGNED"] = "1"
    with tempfile.TemporaryDirectory() as tmp:
        report_path = report if report is not None else Path(tmp) / "report.json"
        cmd = [
            str(Path(sys.executable).parent / "schemathesis"),
            "--config-file",
            str(ROOT / "schemathesis.toml"),
            "run",
            str(spec),
            "--url",
            args.url,
            "--mode",
            args.mode,
            "--phases",
            args.phases,
            "--max-examples",
            str(args.max_examples),
            "--seed",
            str(args.seed),
            "--checks",
            "all",
            "--exclude-checks",
            "ignored_auth" if not args.unsigned else "positive_data_acceptance",
            "--workers",
            "1",
            "--no-color",
            "--report",
            "json",
            "--report-json-path",
            str(report_path),
        ]
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
        print(proc.stdout[-6000:])
        if proc.returncode not in (0, 1):
            print(proc.stderr[-4000:], file=sys.stderr)
        explain(proc.returncode, report_path)
        return proc.returncode


def explain(code: int, report_path: Path) -> None:
    print("== contract result")
    if report_path.exists():
        figures = summarize(json.loads(report_path.read_text()))
        print(f"test cases sent: {figures['generated']} (with failures: {figures['with_failures']})")
        print("phases: " + ", ".join(f"{k}={v}" for k, v in figures["phases"].items()))
        for phase, counts in figures["positive"].items():
            print(f"  {phase}: valid requests accepted {counts['accepted']}, rejected {counts['rejected']}")
        for check, n in figures["failures"].most_common():
            print(f"  failed check {check}: {n}")
        for warning, items in figures["warnings"].items():
            print(f"  warning {warning}: {items}")
    if code == 0:
        print("PASS: every response matched the spec (status, headers, body schema) and no check failed.")
    elif code == 1:
        print("FAIL: the deployment answered something the spec does not allow (see the checks above);")
        print("      a signature error (401 / SignatureDoesNotMatch) means the credentials or clock are wrong.")
    else:
        print(f"ERROR: schemathesis could not run (exit {code}); check the URL, the spec path and the credentials.")


if __name__ == "__main__":
    sys.exit(run(parse_args()))
