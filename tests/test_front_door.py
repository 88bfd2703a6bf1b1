"""The front door as a newcomer meets it: ``make contract`` refuses what would surprise (writes to a real cloud,
a missing URL/SPEC), keeps its artifacts and says what it left out; ``make bench QUICK=1`` leaves
docs/benchmarks.md alone; ``make run`` says which port is taken; the README names the emulator extra and the demo
keys as they are."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from cloudsign.emulator.app import running
from scripts import contract, run
from scripts.bench import __main__ as bench

ROOT = Path(__file__).resolve().parents[1]
REAL_DATAWORKS = "https://dataworks.cn-shanghai.aliyuncs.com"


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without credentials or contract settings (so nothing can be signed for a real cloud)."""
    drop = ("ALIBABA_CLOUD_", "HUAWEICLOUD_SDK_", "CONTRACT_", "DAS_EMULATOR", "DATAWORKS_EMULATOR")
    return {**{k: v for k, v in os.environ.items() if not k.startswith(drop)}, **extra}


def contract_cli(
    *args: str, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts/contract.py"), *args],
        capture_output=True,
        text=True,
        env=env if env is not None else clean_env(),
        timeout=timeout,
        cwd=ROOT,
    )


# -- make contract ---------------------------------------------------------------------------------------------------


def test_contract_refuses_to_create_on_a_real_cloud_without_opt_in(tmp_path: Path) -> None:
    """No network needed: the refusal comes before anything is sent, after the plan of what would be created."""
    proc = contract_cli("--url", REAL_DATAWORKS, "--spec", "alibabacloud-dataworks", "--artifacts", str(tmp_path))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "creates: POST / (CreateConnection)" in proc.stdout
    assert "at most 700 requests" in proc.stdout
    assert "NOT loopback" in proc.stdout
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "refusing to create resources on dataworks.cn-shanghai.aliyuncs.com" in lines[0]
    assert "CONTRACT_ALLOW_WRITES=1" in lines[0]
    assert not list(tmp_path.iterdir())


def test_contract_opt_in_passes_the_refusal_and_missing_credentials_are_one_line(tmp_path: Path) -> None:
    """With the opt-in the run goes on; with no credentials in the environment it stops, in one line, unsent."""
    env = clean_env(CONTRACT_ALLOW_WRITES="1")
    proc = contract_cli(
        "--url", REAL_DATAWORKS, "--spec", "alibabacloud-dataworks", "--artifacts", str(tmp_path), env=env
    )
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "refusing" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("contract: cannot sign requests for alibabacloud-dataworks.yaml")
    assert "Traceback" not in proc.stdout + proc.stderr
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("url", "spec", "missing"),
    [("", "", "URL and SPEC"), ("", "specs/huaweicloud-das.yaml", "URL"), ("http://127.0.0.1:18780", "", "SPEC")],
)
def test_contract_without_url_or_spec_prints_one_usage_line(url: str, spec: str, missing: str) -> None:
    """As ``make contract`` calls it (empty values), and never a credentials traceback."""
    proc = contract_cli("--url", url, "--spec", spec, "--signature", "")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert proc.stderr.startswith(f"contract: {missing} missing; usage: make contract URL=")
    assert "Traceback" not in proc.stderr


def test_contract_loopback_decides_the_opt_in() -> None:
    for url in ("http://127.0.0.1:18780", "http://localhost:1", "http://[::1]:8080/", "http://127.0.0.2"):
        assert contract.loopback(url), url
    for url in (REAL_DATAWORKS, "http://10.0.0.1:18780", "http://0.0.0.0:1", "http://example.com"):
        assert not contract.loopback(url), url
    assert contract.usage_problem("ftp://x", "specs/huaweicloud-das.yaml") is not None
    assert contract.usage_problem("http://127.0.0.1:1", "specs/huaweicloud-das.yaml") is None


def test_make_contract_passes_signature() -> None:
    """``SIGNATURE=`` reaches the script as ``--signature`` (``make -n``: printed, not run)."""
    proc = subprocess.run(
        ["make", "-n", "contract", "URL=http://127.0.0.1:1", "SPEC=alibabacloud", "SIGNATURE=HMAC-SHA1"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=30,
    )
    assert proc.returncode == 0, proc.stderr
    assert '--signature "HMAC-SHA1"' in proc.stdout


@pytest.fixture(scope="module")
def dataworks() -> Iterator[tuple[str, object]]:
    from cloudsign.emulator.alibabacloud import create_app

    app = create_app()
    with running(app) as url:
        yield url, app


def test_contract_writes_junit_and_har_and_names_excluded_checks(dataworks: tuple[str, object], tmp_path: Path) -> None:
    """A short signed run (RPC HMAC-SHA1, examples only) leaves JUnit XML and a HAR of what was sent."""
    url, _ = dataworks
    proc = contract_cli(
        "--url",
        url,
        "--spec",
        "specs/alibabacloud-dataworks.yaml",
        "--signature",
        "HMAC-SHA1",
        "--phases",
        "examples",
        "--max-examples",
        "3",
        "--artifacts",
        str(tmp_path),
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    stem = "alibabacloud-dataworks.HMAC-SHA1"
    junit = ET.parse(tmp_path / f"{stem}.junit.xml").getroot()  # noqa: S314 - written by this run
    assert junit.tag == "testsuites" and int(junit.attrib["tests"]) >= 1
    har = json.loads((tmp_path / f"{stem}.har").read_text())
    entries = har["log"]["entries"]
    assert entries and all("SignatureMethod=HMAC-SHA1" in e["request"]["url"] for e in entries)
    assert json.loads((tmp_path / f"{stem}.json").read_text())["test_cases"]["generated"] >= 1
    assert "excluded check ignored_auth: the Alibaba gateway answers an unsigned request with 400" in proc.stdout
    assert "IncompleteSignature" in proc.stdout
    assert f"requests sent: {len(entries)} (at most 230)" in proc.stdout
    assert "PASS" in proc.stdout


def test_contract_request_budget_is_enforced(dataworks: tuple[str, object], tmp_path: Path) -> None:
    """``--max-requests`` is a real bound: past it nothing is sent, and the run says it is incomplete."""
    url, app = dataworks
    before = len(app.state.emulator.creations.snapshot())  # type: ignore[attr-defined]
    proc = contract_cli(
        "--url",
        url,
        "--spec",
        "specs/alibabacloud-dataworks.yaml",
        "--phases",
        "coverage",
        "--mode",
        "positive",
        "--max-requests",
        "3",
        "--artifacts",
        str(tmp_path),
    )
    assert proc.returncode == contract.BUDGET_SPENT, proc.stdout[-3000:]
    assert "requests sent: 3 (at most 3)" in proc.stdout and "INCOMPLETE" in proc.stdout
    made = app.state.emulator.creations.snapshot()[before:]  # type: ignore[attr-defined]
    # at most 3 requests of the run; then the cleanup's, outside the budget: one delete per resource it created
    run = [c for c in made if c["operation"] != "DeleteConnection"]
    assert len(run) <= 3 and len(made) - len(run) == sum(c["operation"] == "CreateConnection" for c in run), made
    assert app.state.emulator.resources.count() == 0  # type: ignore[attr-defined]
    har = json.loads((tmp_path / "alibabacloud-dataworks.har").read_text())
    assert len(har["log"]["entries"]) <= 3


# -- make bench QUICK=1 ----------------------------------------------------------------------------------------------


def test_quick_bench_never_writes_the_published_page(tmp_path: Path) -> None:
    published = ROOT / "docs" / "benchmarks.md"
    assert bench.docs_path(False, str(tmp_path), None) == published
    quick = bench.docs_path(True, str(tmp_path), None)
    assert quick == tmp_path / "benchmarks-quick.md" and quick.resolve() != published.resolve()
    assert bench.docs_path(True, str(tmp_path), str(tmp_path / "b.md")) == tmp_path / "b.md"
    with pytest.raises(SystemExit, match=r"does not write docs/benchmarks\.md"):
        bench.docs_path(True, str(tmp_path), str(published))
    before = published.stat().st_mtime_ns
    with pytest.raises(SystemExit):  # refused before anything is measured
        bench.main(["--quick", "--out", str(tmp_path), "--docs", "docs/../docs/benchmarks.md"])
    assert published.stat().st_mtime_ns == before


def test_make_bench_quick_passes_quick() -> None:
    proc = subprocess.run(["make", "-n", "bench", "QUICK=1"], capture_output=True, text=True, cwd=ROOT, timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert "-m bench --quick" in proc.stdout


# -- make run with a port taken --------------------------------------------------------------------------------------


@pytest.fixture
def taken_port() -> Iterator[int]:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield int(sock.getsockname()[1])


def test_run_names_the_taken_port_and_its_variable(taken_port: int) -> None:
    message = run.check_ports(["huaweicloud", "alibabacloud"], {"DAS_EMULATOR_PORT": str(taken_port)})
    assert message is not None and "\n" not in message
    assert f"port {taken_port}" in message and "set DAS_EMULATOR_PORT" in message
    message = run.check_ports(["huaweicloud", "alibabacloud"], {"DATAWORKS_EMULATOR_PORT": str(taken_port)})
    assert message is not None and "set DATAWORKS_EMULATOR_PORT" in message
    assert run.check_ports(["huaweicloud", "alibabacloud"], {}) is None  # unset: any free port
    assert run.emulator_port("huaweicloud", {"DAS_EMULATOR_PORT": "0"}) == ("DAS_EMULATOR_PORT", 0)
    with pytest.raises(SystemExit, match="DAS_EMULATOR_PORT='x' is no port number"):
        run.emulator_port("huaweicloud", {"DAS_EMULATOR_PORT": "x"})


def test_make_run_script_exits_with_one_line_when_a_port_is_taken(taken_port: int) -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts/run.py"), "--no-generate"],
        capture_output=True,
        text=True,
        env=clean_env(DATAWORKS_EMULATOR_PORT=str(taken_port)),
        timeout=60,
        cwd=ROOT,
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert f"port {taken_port}" in proc.stderr and "DATAWORKS_EMULATOR_PORT" in proc.stderr


def test_make_run_calls_every_operation_with_every_scheme_and_succeeds() -> None:
    """The success path of ``make run`` (scripts/run.py, as the Makefile runs it, on free ports): every operation,
    each signing scheme the README names for its cloud, sync and async, answered 200; a use after the delete and
    a wrong secret refused."""
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts/run.py"), "--no-generate"],
        capture_output=True,
        text=True,
        env=clean_env(DAS_EMULATOR_PORT="0", DATAWORKS_EMULATOR_PORT="0"),
        timeout=120,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    from cloudsign._core.registry import services_of_cloud

    schemes = {"huaweicloud": ("SDK-HMAC-SHA256", "SDK-HMAC-SM3"), "alibabacloud": ("ACS3-HMAC-SHA256", "HMAC-SHA1")}
    expected = {
        (op.operation_id, scheme, mode)
        for cloud, names in schemes.items()
        for service in services_of_cloud(cloud)
        for op in service.operations
        for scheme in names
        for mode in ("sync", "async")
    }
    ids = {op_id for op_id, _, _ in expected}
    rows = [line.split() for line in proc.stdout.splitlines() if line.split()[:1] and line.split()[0] in ids]
    assert {(r[0], r[1], r[2]) for r in rows if r[3] == "200" and r[-1] == "ok"} == expected
    refused = [r for r in rows if "wrong" in r]  # one wrong-secret call per cloud and scheme
    assert len(refused) == 4 and all(r[r.index("ok") + 1].endswith("Error") for r in refused), refused
    # the lifecycle's use after the delete, once per cloud, scheme and mode: refused with the spec's code
    after = [r for r in rows if r[1:3] == ["after", "delete"]]
    assert len(after) == 2 * sum(len(names) for names in schemes.values()), after
    assert all(r[5] == "400" and r[r.index("ok") + 1] == "refused" for r in after), after
    assert len(rows) == len(expected) + 4 + len(after) and proc.stdout.rstrip().endswith("all behaved as expected")


# uvicorn's thread ends with SystemExit when it cannot bind: silent in `make run`, reported by pytest.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_run_says_so_when_the_port_is_taken_after_the_check(
    taken_port: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A port taken between the check and the start (uvicorn fails in its thread) gets the same one line."""
    monkeypatch.setattr(run, "check_ports", lambda *args, **kwargs: None)
    monkeypatch.setenv("DAS_EMULATOR_PORT", str(taken_port))
    monkeypatch.setenv("DATAWORKS_EMULATOR_PORT", "0")
    assert run.main(["--no-generate"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"port {taken_port}" in err and "set DAS_EMULATOR_PORT" in err


# -- README ------------------------------------------------------------------------------------------------------------


def test_readme_names_the_emulator_extra_and_the_demo_keys_as_they_are() -> None:
    import tomllib

    readme = (ROOT / "README.md").read_text()
    extras = tomllib.loads((ROOT / "overlays/pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert "emulator" in extras and "`cloudsign[emulator]`" in readme
    assert "always accept these demo keys" in readme
    assert "demo keys when those are unset" not in readme


def test_default_emulators_always_accept_the_demo_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the README's sentence says: with other keys in the environment, the demo keys still work."""
    from cloudsign.emulator import alibabacloud as alibaba

    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIsomeoneElsesKey0")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "secret")
    keys = alibaba.default_keys()
    assert keys[alibaba.DEMO_ACCESS_KEY_ID] == alibaba.DEMO_ACCESS_KEY_SECRET
