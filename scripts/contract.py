"""``make contract URL=... SPEC=...``: schemathesis against any deployment, every request signed by cloudsign.

``SPEC`` is a document (``specs/huaweicloud-das.yaml``), a service (``alibabacloud-dataworks``: each of its
documents) or a cloud (``alibabacloud``: each document of each of its services, as ``make emulate`` serves them),
as the registry finds them in specs/. For each document, runs the pinned schemathesis CLI with ``schemathesis.toml``
and the signing hook, a fixed seed by default, then reads its JSON report and explains the result: cases per
phase, failures by check, and what they mean.

Safe for real use: before anything is sent it prints what the run will create (every operation that is not a
read) and the most requests it may send (``--max-requests``, enforced by the hook). Against a URL that is not
loopback, a run that would create resources needs ``--allow-writes`` (or ``CONTRACT_ALLOW_WRITES=1``); the plan says,
for each operation that creates a resource (``x-cloudsign-resource``), whether the run deletes what it made. Every
resource created is written to a ledger as it is made, and deleted when the run ends, also when it fails or breaks
off (``contract_cleanup``); any that could not be deleted is listed, and the exit status is then 4. The JUnit
XML, the HAR and the JSON report of each document go to ``artifacts/contract/`` (``--artifacts``). A check left out
of ``--checks all`` is named in the summary with the reason.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cloudsign._core.proxies import is_loopback

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts" / "contract"
USAGE = (
    "usage: make contract URL=<base URL> SPEC=<spec file, service or cloud> [SIGNATURE=<scheme>] "
    "(e.g. make contract URL=http://127.0.0.1:18780 SPEC=specs/huaweicloud-das.yaml)"
)
READS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
HTTP_METHODS = frozenset({"GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"})
# The default --max-requests per operation: the examples and coverage phases (about 150 cases for an operation of
# ours, whatever --max-examples) plus fuzzing, both modes. A default run of one operation sends about 190-250.
REQUESTS_PER_OPERATION = 200
REQUESTS_PER_EXAMPLE = 10
BUDGET_SPENT = 3  # exit status when --max-requests stopped the run before its end
LEFT_BEHIND = 4  # exit status when a resource the run created could not be deleted

# The checks a signed run leaves out of `--checks all`, per cloud, and why (printed with every summary). Huawei has
# none: its gateway answers the check's unsigned and wrong-credential probes with 401.
EXCLUDED_CHECKS: dict[str, dict[str, str]] = {
    "alibabacloud": {
        "ignored_auth": "the Alibaba gateway answers an unsigned request with 400 IncompleteSignature, where the "
        "check expects 401/403 (unsigned requests are checked in tests/contract/test_unsigned.py)",
    },
}
# What an unsigned run (--unsigned) leaves out instead.
EXCLUDED_UNSIGNED = {
    "positive_data_acceptance": "every unsigned request is refused, so no schema-valid request can be accepted",
}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--url", default="", help="base URL of the deployment, e.g. http://127.0.0.1:18780")
    p.add_argument("--spec", default="", help="a spec document (specs/...yaml), a service or a cloud")
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
    p.add_argument("--report", default="", help="where to keep the JSON report (default: <artifacts>/<document>.json)")
    p.add_argument(
        "--artifacts",
        default=os.environ.get("CONTRACT_ARTIFACTS", str(ARTIFACTS)),
        help="folder for the JUnit XML, HAR and JSON report of each document (default: artifacts/contract)",
    )
    p.add_argument(
        "--max-requests",
        type=int,
        default=int(os.environ.get("CONTRACT_MAX_REQUESTS", "0")),
        help=f"most requests per document, enforced (default: {REQUESTS_PER_OPERATION} + {REQUESTS_PER_EXAMPLE} x "
        "--max-examples per operation)",
    )
    p.add_argument(
        "--allow-writes",
        action="store_true",
        default=os.environ.get("CONTRACT_ALLOW_WRITES", "") == "1",
        help="allow a run that creates resources against a URL that is not loopback (or CONTRACT_ALLOW_WRITES=1)",
    )
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


def loopback(url: str) -> bool:
    """Whether ``url`` points at this machine (localhost or a loopback address): an emulator, not a cloud."""
    return is_loopback(url)


def usage_problem(url: str, spec: str) -> str | None:
    """A one-line message when ``URL`` or ``SPEC`` is missing or the URL is no http(s) URL, else None."""
    if not url or not spec:
        missing = " and ".join(name for name, value in (("URL", url), ("SPEC", spec)) if not value)
        return f"contract: {missing} missing; {USAGE}"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"contract: URL {url!r} is no http(s) URL with a host; {USAGE}"
    return None


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    operation_id: str

    def __str__(self) -> str:
        return f"{self.method} {self.path} ({self.operation_id})"


def operations_of(document: Path) -> list[Operation]:
    """Every operation of one spec document, in the document's order."""
    import yaml

    spec = yaml.safe_load(document.read_text()) or {}
    found = []
    for path, item in (spec.get("paths") or {}).items():
        for method, op in (item or {}).items():
            if method.upper() in HTTP_METHODS and isinstance(op, dict):
                found.append(Operation(method.upper(), str(path), str(op.get("operationId", "-"))))
    return found


def creating(operations: list[Operation]) -> list[Operation]:
    """The operations that may create or change something: all but the reads."""
    return [op for op in operations if op.method not in READS]


def budget(args: argparse.Namespace, operations: list[Operation]) -> int:
    """The most requests the run may send for one document (``--max-requests``, else per operation)."""
    if args.max_requests > 0:
        return int(args.max_requests)
    return (REQUESTS_PER_OPERATION + REQUESTS_PER_EXAMPLE * int(args.max_examples)) * max(1, len(operations))


def excluded_checks(args: argparse.Namespace, document: Path) -> dict[str, str]:
    """The checks left out of ``--checks all`` for this document, with the reason for each."""
    if args.unsigned:
        return dict(EXCLUDED_UNSIGNED)
    from contract_support import cloud_of  # type: ignore[import-not-found]  # scripts/ is on sys.path

    return dict(EXCLUDED_CHECKS.get(str(cloud_of(str(document))), {}))


def credentials_problem(args: argparse.Namespace, documents: list[Path]) -> str | None:
    """A one-line message when the requests cannot be signed (no credentials, unknown scheme), else None."""
    if args.unsigned:
        return None
    from contract_support import auth_for

    for document in documents:
        try:
            auth_for(str(document), args.signature, args.url)
        except Exception as exc:  # any reason not to sign: said in one line, never a traceback
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            return f"contract: cannot sign requests for {document.name}: {first}"
    return None


def plan(args: argparse.Namespace, documents: list[Path]) -> tuple[list[str], bool]:
    """The lines saying what the run will send and create, and whether it creates anything."""
    where = "loopback" if loopback(args.url) else "NOT loopback"
    lines = [f"contract: {len(documents)} document(s) against {args.url} ({where})"]
    creates = False
    for document in documents:
        operations = operations_of(document)
        writes = creating(operations)
        creates = creates or bool(writes)
        lines.append(
            f"  {document.name}: at most {budget(args, operations)} requests to {len(operations)} operation(s); "
            + ("creates: " + ", ".join(map(str, writes)) if writes else "creates nothing (reads only)")
        )
        lines += [f"    {line}" for line in cleanup_plan(document, operations)]
    return lines, creates


def cleanup_plan(document: Path, operations: list[Operation]) -> list[str]:
    """For each operation that creates a resource: whether the run deletes what it made, and with what."""
    from contract_cleanup import operation_for  # type: ignore[import-not-found]  # scripts/ is on sys.path

    from cloudsign._core.registry import service
    from cloudsign.emulator.resources import rule_of

    lines = []
    for op in operations:
        found = operation_for(document.name, op.operation_id)
        rule = rule_of(found) if found is not None else None
        if rule is None or rule.role != "create":
            continue
        deleter = next(
            (
                o.operation_id
                for o in service(found.service).operations
                if (r := rule_of(o)) is not None and r.name == rule.name and r.role == "delete"
            ),
            None,
        )
        lines.append(
            f"{op.operation_id}: every {rule.name} it creates is deleted afterwards with {deleter}"
            if deleter
            else f"{op.operation_id}: what it creates REMAINS (the spec has no delete operation for a {rule.name})"
        )
    return lines


def run(args: argparse.Namespace) -> int:
    """One schemathesis run per document; the exit code is the worst of them (0 pass, 1 fail, 2+ error).

    Refuses (exit 2, one line) when URL or SPEC is missing, when the requests cannot be signed, and when a run that
    creates resources targets a URL that is not loopback without ``--allow-writes``."""
    problem = usage_problem(args.url, args.spec)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT / "scripts"))
    documents = documents_for(args.spec)
    lines, creates = plan(args, documents)
    print("\n".join(lines), flush=True)
    if creates and not loopback(args.url) and not args.allow_writes:
        print(
            f"contract: refusing to create resources on {urlsplit(args.url).hostname} (not loopback); "
            "add CONTRACT_ALLOW_WRITES=1 (or --allow-writes) to run anyway",
            file=sys.stderr,
        )
        return 2
    problem = credentials_problem(args, documents)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    codes = []
    for document in documents:
        if len(documents) > 1:
            print(f"== {document.name}", flush=True)
        report = Path(args.report) if args.report else None
        if report is not None and len(documents) > 1:
            report = report.with_name(f"{report.stem}.{document.stem}{report.suffix}")
        codes.append(run_one(args, document, report))
    return max(codes, key=lambda code: (code not in (0, 1), code))


def artifact_paths(args: argparse.Namespace, spec: Path) -> dict[str, Path]:
    """Where one document's JUnit XML, HAR and JSON report go (the scheme, if any, in the name)."""
    folder = Path(args.artifacts)
    stem = spec.stem + (f".{args.signature}" if args.signature else "") + (".unsigned" if args.unsigned else "")
    return {
        "junit": folder / f"{stem}.junit.xml",
        "har": folder / f"{stem}.har",
        "json": Path(args.report) if args.report else folder / f"{stem}.json",
    }


def schemathesis_command(
    args: argparse.Namespace, spec: Path, paths: dict[str, Path], excluded: list[str]
) -> list[str]:
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
        "--workers",
        "1",
        "--no-color",
        "--report",
        "junit,har,json",
        "--report-junit-path",
        str(paths["junit"]),
        "--report-har-path",
        str(paths["har"]),
        "--report-json-path",
        str(paths["json"]),
    ]
    if excluded:
        cmd += ["--exclude-checks", ",".join(excluded)]
    return cmd


def run_one(args: argparse.Namespace, spec: Path, report: Path | None) -> int:
    paths = artifact_paths(args, spec)
    if report is not None:
        paths["json"] = report
    for path in paths.values():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
    count_file = paths["junit"].with_name(paths["junit"].name.replace(".junit.xml", ".requests"))
    count_file.unlink(missing_ok=True)
    limit = budget(args, operations_of(spec))
    excluded = excluded_checks(args, spec)
    env = {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'scripts'}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
        "SCHEMATHESIS_HOOKS": "contract_budget",
        "CLOUDSIGN_CONTRACT_SPEC": spec.name,
        "CLOUDSIGN_CONTRACT_SIGNATURE": args.signature,
        "CLOUDSIGN_CONTRACT_URL": args.url,
        "CLOUDSIGN_CONTRACT_MAX_REQUESTS": str(limit),
        "CLOUDSIGN_CONTRACT_COUNT_FILE": str(count_file),
    }
    if args.unsigned:
        env["CLOUDSIGN_CONTRACT_UNSIGNED"] = "1"
    ledger = paths["junit"].with_name(paths["junit"].name.replace(".junit.xml", ".created.jsonl"))
    ledger.unlink(missing_ok=True)
    env["CLOUDSIGN_CONTRACT_LEDGER"] = str(ledger)
    try:
        proc = subprocess.run(
            schemathesis_command(args, spec, paths, sorted(excluded)), env=env, capture_output=True, text=True
        )
    finally:  # also when the run breaks off (an error, Ctrl-C): what it created is deleted
        left = clean_up(args, spec, ledger)
    print(proc.stdout[-6000:])
    if proc.returncode not in (0, 1):
        print(proc.stderr[-4000:], file=sys.stderr)
    attempted = int(count_file.read_text()) if count_file.exists() else None
    count_file.unlink(missing_ok=True)
    code = proc.returncode
    if attempted is not None and attempted > limit and not failed_checks(paths["json"]):
        code = BUDGET_SPENT  # the hook's refusals are the only errors: the run is incomplete, not failed
    if left and code == 0:
        code = LEFT_BEHIND
    explain(code, paths, excluded, attempted, limit)
    return code


def clean_up(args: argparse.Namespace, spec: Path, ledger: Path) -> int:
    """Delete every resource the ledger lists; print what was deleted and what was left; the number left."""
    from contract_cleanup import cleanup, read_ledger, requests_sender
    from contract_support import auth_for

    created = read_ledger(ledger)
    if not created:
        print("cleanup: the run created no resource", flush=True)
        return 0
    try:
        send = requests_sender(args.url, auth_for(str(spec), args.signature, args.url))
        deleted, left = cleanup(created, send)
    except Exception as exc:  # cannot even try: everything is left
        deleted, left = [], [(item, f"{type(exc).__name__}: {str(exc)[:120]}") for item in created]
    print(f"cleanup: {len(created)} resource(s) created, {len(deleted)} deleted, {len(left)} left behind", flush=True)
    for item, why in left:
        print(f"  LEFT BEHIND: {item}: {why}", flush=True)
    return len(left)


def failed_checks(report_path: Path) -> bool:
    """Whether the JSON report holds any failed check (a real disagreement with the spec)."""
    return report_path.exists() and bool(summarize(json.loads(report_path.read_text()))["failures"])


def explain(code: int, paths: dict[str, Path], excluded: dict[str, str], attempted: int | None, limit: int) -> None:
    print("== contract result")
    report_path = paths["json"]
    if report_path.exists():
        figures = summarize(json.loads(report_path.read_text()))
        print(f"test cases generated: {figures['generated']} (with failures: {figures['with_failures']})")
        print("phases: " + ", ".join(f"{k}={v}" for k, v in figures["phases"].items()))
        for phase, counts in figures["positive"].items():
            print(f"  {phase}: valid requests accepted {counts['accepted']}, rejected {counts['rejected']}")
        for check, n in figures["failures"].most_common():
            print(f"  failed check {check}: {n}")
        for warning, items in figures["warnings"].items():
            print(f"  warning {warning}: {items}")
    if attempted is not None:
        print(f"requests sent: {min(attempted, limit)} (at most {limit})")
        if attempted > limit:
            print(f"  budget reached: {attempted - limit} more request(s) were not sent; raise --max-requests")
    if excluded:
        for check, why in excluded.items():
            print(f"excluded check {check}: {why}")
    else:
        print("excluded checks: none")
    kept = [str(p) for p in paths.values() if p.exists()]
    if kept:
        print("artifacts: " + ", ".join(kept))
    if code == 0:
        print("PASS: every response matched the spec (status, headers, body schema) and no check failed.")
    elif code == LEFT_BEHIND:
        print("LEFT BEHIND: resources the run created could not be deleted (listed under cleanup above).")
    elif code == BUDGET_SPENT:
        print("INCOMPLETE: the request budget was spent before the run ended; raise --max-requests to finish it.")
    elif code == 1:
        print("FAIL: the deployment answered something the spec does not allow (see the checks above);")
        print("      a signature error (401 / SignatureDoesNotMatch) means the credentials or clock are wrong.")
    else:
        print(f"ERROR: schemathesis could not run (exit {code}); check the URL, the spec path and the credentials.")


if __name__ == "__main__":
    sys.exit(run(parse_args()))
