"""Stock schemathesis, ``--checks all``, with only signing added: the specs describe the wire truthfully.

The pinned schemathesis CLI runs as a user would run it (``schemathesis.toml``, ``SCHEMATHESIS_HOOKS=contract_hooks``
and nothing else: no wrapper, no value rewriting), over HTTP against both emulators, positive and negative mode
separately, every document and every signing scheme, with a fixed seed. Every run must end with zero failures; the
only check left out is the documented one (``ignored_auth`` for Alibaba, whose gateway answers an unsigned request
with 400). Negative cases must reach the business parameters: ``schemathesis.toml`` pins every RPC action's
constants, and no negative request may be answered as an unknown action.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from cloudsign.emulator.app import running

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from contract import EXCLUDED_CHECKS  # type: ignore[import-not-found]  # noqa: E402
from contract_support import cloud_of  # type: ignore[import-not-found]  # noqa: E402

SEED = 20260518
MAX_EXAMPLES = 200 if os.environ.get("CLOUDSIGN_SLOW") else 25
SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"
# Every signing scheme of each cloud; the documents are found in specs/, never listed.
CLOUD_SCHEMES = {
    "huaweicloud": ("SDK-HMAC-SHA256", "SDK-HMAC-SM3"),
    "alibabacloud": ("ACS3-HMAC-SHA256", "HMAC-SHA1"),
}
DOCUMENTS = sorted(f"specs/{path.name}" for path in (ROOT / "specs").glob("*.yaml"))
# A service's main document with every scheme of its cloud positive, and negative with its first scheme (every
# scheme negative in `make test-slow`); its further documents (one more RPC action each) with the first scheme,
# positive only: signing does not depend on the action nor on what is wrong with a parameter, the negative side of
# every parameter rule is the one generic validator's (tests/core, tests/lifecycle), and each CLI run costs ~10 s.
SLOW = os.environ.get("CLOUDSIGN_SLOW") == "1"
RUNS = [
    (doc, scheme, mode)
    for doc in DOCUMENTS
    for index, scheme in enumerate(CLOUD_SCHEMES[cloud_of(doc)][: 1 if Path(doc).stem.count(".") else None])
    for mode in (("positive",) if Path(doc).stem.count(".") else ("positive", "negative"))
    if mode == "positive" or index == 0 or SLOW
]
HUAWEI_DOCUMENT = next(doc for doc in DOCUMENTS if cloud_of(doc) == "huaweicloud")


@pytest.fixture(scope="module")
def pycache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One bytecode cache for the module's CLI runs: each run would otherwise compile schemathesis again (about 3 s)
    when the environment has PYTHONDONTWRITEBYTECODE set. The suite's own (scripts/test.sh sets it), else one kept
    out of the tree and the venv."""
    inherited = os.environ.get("PYTHONPYCACHEPREFIX")
    return Path(inherited) if inherited else tmp_path_factory.mktemp("pycache")


@pytest.fixture(scope="module")
def runs(
    urls: dict[str, str], pycache: Path, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[str, str, str], tuple[subprocess.CompletedProcess[str], Any]]:
    """Each (document, scheme, mode) run once per module: the Huawei probe test reads the HAR of the same positive
    run the parametrized test checks, instead of paying for a second CLI run (~15 s)."""
    done: dict[tuple[str, str, str], tuple[subprocess.CompletedProcess[str], Any]] = {}

    def run(spec: str, signature: str, mode: str) -> tuple[subprocess.CompletedProcess[str], Any]:
        key = (spec, signature, mode)
        if key not in done:
            out = tmp_path_factory.mktemp("stock")
            done[key] = stock_run(urls[cloud_of(spec)], spec, signature, mode, out, pycache)
        return done[key]

    return run


@pytest.fixture(scope="module")
def urls() -> Iterator[dict[str, str]]:
    from cloudsign.emulator.alibabacloud import create_app as dataworks_app
    from cloudsign.emulator.huaweicloud import create_app as das_app

    with running(das_app()) as das, running(dataworks_app()) as dataworks:
        yield {"huaweicloud": das, "alibabacloud": dataworks}


def stock_run(
    url: str, spec: str, signature: str, mode: str, out: Path, pycache: Path | None = None, *extra: str
) -> tuple[subprocess.CompletedProcess[str], Any]:
    """The stock CLI with the signing hook (``extra``: more CLI options); returns the process, and the JSON report
    and the HAR."""
    excluded = sorted(EXCLUDED_CHECKS.get(cloud_of(spec), {}))
    cmd = [
        str(SCHEMATHESIS),
        "--config-file",
        str(ROOT / "schemathesis.toml"),
        "run",
        str(ROOT / spec),
        "--url",
        url,
        "--mode",
        mode,
        "--checks",
        "all",
        *(["--exclude-checks", ",".join(excluded)] if excluded else []),
        "--seed",
        str(SEED),
        "--max-examples",
        str(MAX_EXAMPLES),
        "--workers",
        "1",
        "--no-color",
        "--report",
        "json,har",
        "--report-json-path",
        str(out / "report.json"),
        "--report-har-path",
        str(out / "run.har"),
        *extra,
    ]
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "scripts"),
        "SCHEMATHESIS_HOOKS": "contract_hooks",
        "CLOUDSIGN_CONTRACT_SPEC": Path(spec).name,
        "CLOUDSIGN_CONTRACT_SIGNATURE": signature,
        "CLOUDSIGN_CONTRACT_URL": url,
    }
    for name in ("HUAWEICLOUD_SDK_AK", "ALIBABA_CLOUD_ACCESS_KEY_ID"):  # the demo keys, which the emulators know
        env.pop(name, None)
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=180, cwd=ROOT)
    report = json.loads((out / "report.json").read_text()) if (out / "report.json").exists() else {}
    har = json.loads((out / "run.har").read_text()) if (out / "run.har").exists() else {"log": {"entries": []}}
    return proc, (report, har)


def missing_answers(spec: str) -> set[tuple[int, str]]:
    """(status, code) of the document's ``x-cloudsign-resource`` ``missing`` answers: how an unknown id is refused,
    the answer a schema-valid request naming an id nobody created gets."""
    import yaml

    document = yaml.safe_load((ROOT / spec).read_text(encoding="utf-8"))
    found = set()
    for item in document["paths"].values():
        for op in item.values():
            missing = (op.get("x-cloudsign-resource") or {}).get("missing") if isinstance(op, dict) else None
            if missing:
                found.add((int(missing["status"]), str(missing["code"])))
    return found


def _answers(har: dict[str, Any], method: str | None = None) -> Counter[tuple[int, str]]:
    """(status, error code) of every response in the HAR (to ``method`` requests only, when given)."""
    seen: Counter[tuple[int, str]] = Counter()
    for entry in har["log"]["entries"]:
        if method is not None and entry["request"]["method"] != method:
            continue
        text = entry["response"]["content"].get("text") or ""
        try:
            body = json.loads(text)
        except ValueError:
            body = {}
        code = str(body.get("Code") or body.get("error_code") or "") if isinstance(body, dict) else ""
        seen[(int(entry["response"]["status"]), code)] += 1
    return seen


@pytest.mark.parametrize(("spec", "signature", "mode"), RUNS)
def test_stock_schemathesis_run_has_no_failures(
    runs: Callable[[str, str, str], tuple[subprocess.CompletedProcess[str], Any]], spec: str, signature: str, mode: str
) -> None:
    proc, (report, har) = runs(spec, signature, mode)
    detail = proc.stdout[-6000:] + proc.stderr[-3000:]
    assert proc.returncode == 0, detail
    assert report["failures"] == [] and report["errors"] == [], detail
    cases = report["test_cases"]
    assert cases["with_failures"] == 0 and cases["errored"] == 0, cases
    assert cases["generated"] >= 30, cases
    print(f"stock {mode} {Path(spec).stem} {signature}: {cases['generated']} cases, 0 failures")  # shown with -s
    assert {k: v["status"] for k, v in report["phases"].items() if k != "stateful"} == {
        "examples": "success",
        "coverage": "success",
        "fuzzing": "success",
    }, report["phases"]
    answers = _answers(har)
    if mode == "positive":
        rates = [p for per_op in report["valid_rates"].values() for p in per_op.values()]
        missing = missing_answers(spec)
        if not missing:
            assert sum(p["accepted"] for p in rates) >= 30 and sum(p["rejected"] for p in rates) == 0, rates
        else:  # valid requests naming ids nobody created: refused only with the spec's missing answer
            unknown = {k: n for k, n in answers.items() if 400 <= k[0] < 500 and k[0] != 401}
            assert set(unknown) <= missing, answers
            assert sum(p["accepted"] for p in rates) + sum(unknown.values()) >= 30, answers
    else:
        refused = sum(n for (status, _), n in answers.items() if 400 <= status < 500)
        assert refused >= 30, answers
        # Negative cases go to the business parameters, never to an unknown action (a broken Action constant); the
        # coverage phase's unexpected methods (OPTIONS, PUT...) are another matter.
        assert _answers(har, "POST")[(404, "InvalidAction.NotFound")] == 0, answers
    # Signed requests are never refused for their signature.
    assert not any(code in {"SignatureDoesNotMatch", "IncompleteSignature"} for _, code in answers), answers


def test_huawei_ignored_auth_probes_were_answered_401(
    runs: Callable[[str, str, str], tuple[subprocess.CompletedProcess[str], Any]],
) -> None:
    """The ``ignored_auth`` check runs against Huawei (it is excluded nowhere there) and really probes: an unsigned
    request and a wrong credential each get the gateway's 401 (read from the HAR of the positive run)."""
    assert "huaweicloud" not in EXCLUDED_CHECKS
    assert (HUAWEI_DOCUMENT, CLOUD_SCHEMES["huaweicloud"][0], "positive") in RUNS
    proc, (_, har) = runs(HUAWEI_DOCUMENT, CLOUD_SCHEMES["huaweicloud"][0], "positive")
    assert proc.returncode == 0, proc.stdout[-4000:]
    entries = har["log"]["entries"]

    def has(entry: dict[str, Any], header: str) -> bool:
        return any(h["name"].lower() == header for h in entry["request"]["headers"])

    probes = [e for e in entries if e["response"]["status"] == 401]
    # One probe without the signature, one with a wrong Authorization, one with a wrong X-Auth-Token (the second
    # declared scheme); every other (signed, schema-valid) request was accepted.
    assert [e for e in probes if not has(e, "authorization") and not has(e, "x-auth-token")], probes
    assert [e for e in probes if has(e, "authorization")], probes
    assert [e for e in probes if has(e, "x-auth-token")], probes
    missing = {status for status, _ in missing_answers(HUAWEI_DOCUMENT)}
    assert all(e["response"]["status"] in {200, *missing} for e in entries if e not in probes)


def test_every_pinned_query_parameter_is_fixed_in_schemathesis_toml() -> None:
    """Each operation's ``const`` query parameters (an RPC action's Action and Version) are fixed, with the value
    the document pins, by an ``[[operations]]`` entry of ``schemathesis.toml`` selecting that operation."""
    from cloudsign._core.registry import service
    from cloudsign._core.specs import services

    config = tomllib.loads((ROOT / "schemathesis.toml").read_text())
    fixed = {}
    for entry in config.get("operations", []):
        selector = str(entry.get("include-by", ""))
        fixed[selector] = entry.get("parameters", {})
    for name in services():
        for op in service(name).operations:
            pinned = {
                p["name"]: (p.get("schema") or {})["const"]
                for p in op.spec.get("parameters", [])
                if p.get("in") == "query" and "const" in (p.get("schema") or {})
            }
            if not pinned:
                continue
            selector = f'/operationId == "{op.operation_id}"'
            assert selector in fixed, f"schemathesis.toml has no [[operations]] include-by = '{selector}'"
            assert fixed[selector] == {f"query.{k}": str(v) for k, v in pinned.items()}, op.operation_id


@pytest.fixture(scope="module")
def extended(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    """specs/ extended as a user would (``tests/spec_extensions.py``: DAS ListConnections and DeleteConnection,
    DataWorks UpdateConnection as one more document), served by emulators built from the copy."""
    from cloudsign._core import registry
    from cloudsign.emulator.alibabacloud import create_app as dataworks_app
    from cloudsign.emulator.huaweicloud import create_app as das_app

    from ..spec_extensions import write_extended_specs

    folder = write_extended_specs(tmp_path_factory.mktemp("extended") / "specs")
    patch = pytest.MonkeyPatch()
    patch.setenv("CLOUDSIGN_SPECS_DIR", str(folder))
    registry.clear_caches()
    try:
        with running(das_app()) as das, running(dataworks_app()) as dataworks:
            yield folder, {"huaweicloud": das, "alibabacloud": dataworks}
    finally:
        patch.undo()
        registry.clear_caches()


def test_stock_run_on_specs_extended_as_a_user_would(
    extended: tuple[Path, dict[str, str]], pycache: Path, tmp_path: Path
) -> None:
    """New operations (a GET with a query, a DELETE with a path parameter, a second RPC action in its own document)
    pass a stock positive run with no code added anywhere: the emulators serve them from the copy. Only the added
    operations run (the copy's create operations are the ones the runs above cover)."""
    folder, urls = extended
    added = {
        "huaweicloud-das.yaml": ("ListConnections", "DeleteConnection"),
        "alibabacloud-dataworks.UpdateConnection.yaml": ("UpdateConnection",),
    }
    assert {path.name for path in folder.glob("*.yaml")} >= set(added)
    seen: Counter[str] = Counter()
    for name, operation_ids in added.items():
        cloud = cloud_of(name)
        out = tmp_path / Path(name).stem
        out.mkdir()
        only = [arg for operation_id in operation_ids for arg in ("--include-operation-id", operation_id)]
        document = str(folder / name)
        proc, (report, har) = stock_run(urls[cloud], document, CLOUD_SCHEMES[cloud][0], "positive", out, pycache, *only)
        assert proc.returncode == 0 and report["failures"] == [], proc.stdout[-4000:]
        for entry in har["log"]["entries"]:
            request = entry["request"]
            headers = {h["name"].lower(): h["value"] for h in request["headers"]}
            action = headers.get("x-acs-action") or ""
            path = request["url"].split("?", 1)[0].split("/", 3)[-1]
            if entry["response"]["status"] == 200:
                seen[f"{request['method']} {action or path.split('/')[-1]}"] += 1
    assert seen["GET connections"] > 0, seen  # ListConnections
    assert any(key.startswith("DELETE ") for key in seen), seen  # DeleteConnection
    assert seen["POST UpdateConnection"] > 0, seen
    assert not any("create" in key.lower() for key in seen), seen  # only the added operations ran
