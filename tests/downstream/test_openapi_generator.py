"""openapi-generator (pinned PyPI openapi-generator-cli, bundled jar) builds a Python client from each spec that
sends the right request to a recording server on 127.0.0.1 and parses the spec's example answers."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from .recorder import Recorder, recording_server
from .specs import SPECS, example, parameters, schema_examples
from .tools import VENV_BIN, run

pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="openapi-generator needs Java (17 is expected)")

DRIVER = Path(__file__).with_name("og_driver.py")
PACKAGES = {"das": "das_og", "dataworks": "dataworks_og"}


def _generate(kind: str, out: Path) -> Path:
    """Generate the client; the generator's own spec validation stays on, so an invalid spec fails here."""
    run(
        VENV_BIN / "openapi-generator-cli", "generate", "-g", "python", "-i", SPECS[kind], "-o", out,
        "--package-name", PACKAGES[kind],
        "--global-property", "apiTests=false,modelTests=false,apiDocs=false,modelDocs=false",
    )  # fmt: skip
    return out


@pytest.fixture(scope="module")
def das_client(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _generate("das", tmp_path_factory.mktemp("og-das"))


@pytest.fixture(scope="module")
def dataworks_client(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _generate("dataworks", tmp_path_factory.mktemp("og-dataworks"))


def _call(client: Path, kind: str, rec: Recorder, kwargs: dict[str, Any]) -> dict[str, Any]:
    out = run(sys.executable, DRIVER, client, PACKAGES[kind], kind, rec.base_url, json.dumps(kwargs))
    result: dict[str, Any] = json.loads(out)
    return result


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name.replace("-", "_")).lower()


def _das_kwargs() -> dict[str, Any]:
    params = {_snake(p["name"]): p["example"] for p in parameters("das")}
    return {**params, "body": example("das", "request")}


def test_das_request_reaches_create_instance_connection(das_client: Path) -> None:
    answer = example("das", "response 200")
    with recording_server(200, answer) as rec:
        out = _call(das_client, "das", rec, _das_kwargs())
    ((req,),) = [rec.requests]
    pid, iid = (p["example"] for p in parameters("das")[:2])
    assert (req.method, req.path, req.query) == ("POST", f"/v3/{pid}/instances/{iid}/create-connection", [])
    assert req.headers["content-type"] == "application/json"
    assert json.loads(req.body) == example("das", "request")
    assert req.headers["x-language"] == "en-us"
    assert req.headers["x-auth-token"] == "iam-token-from-driver"  # the iamToken scheme, as declared
    assert out == {"result": answer}


def test_das_error_body_is_parsed(das_client: Path) -> None:
    answer = example("das", "response 400")
    with recording_server(400, answer) as rec:
        out = _call(das_client, "das", rec, _das_kwargs())
    assert out == {"error": {"status": 400, "data": answer}}


def _dataworks_kwargs() -> dict[str, Any]:
    return {_snake(p["name"]): p["schema"].get("const", p["example"]) for p in parameters("dataworks")}


@pytest.mark.parametrize("index", [0, 1], ids=["HttpStatusCode-int", "HttpStatusCode-str"])
def test_dataworks_request_reaches_create_connection(dataworks_client: Path, index: int) -> None:
    answer = [v for _, s, v in schema_examples("dataworks") if s == "CreateConnectionResponseBody"][index]
    with recording_server(200, answer) as rec:
        out = _call(dataworks_client, "dataworks", rec, _dataworks_kwargs())
    ((req,),) = [rec.requests]
    assert (req.method, req.path, req.body) == ("POST", "/", b"")
    query = dict(req.query)
    assert len(query) == len(req.query), "a query parameter was sent twice"
    assert query == {p["name"]: str(p["example"]) for p in parameters("dataworks")}
    assert query["Action"] == "CreateConnection"
    assert query["Version"] == "2020-05-18"
    assert json.loads(query["Content"])["instanceName"] == "instancename"
    assert out == {"result": answer}


def test_dataworks_error_body_is_parsed(dataworks_client: Path) -> None:
    answer = example("dataworks", "response 403")
    with recording_server(403, answer) as rec:
        out = _call(dataworks_client, "dataworks", rec, _dataworks_kwargs())
    assert out == {"error": {"status": 403, "data": answer}}
