"""generated/ is exactly what the pinned generator makes from specs/ (the golden-record check), imports, and the
generation of specs that grow: a new REST operation, a new RPC action as one more document (functional tests in
the style of openapi-python-client's own functional_tests)."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .spec_extensions import write_extended_specs

ROOT = Path(__file__).resolve().parent.parent
GENERATE = ROOT / "scripts/generate.sh"


def _diff(a: Path, b: Path) -> list[str]:
    # Left out: what installing a package leaves behind (all gitignored).
    cmp = filecmp.dircmp(a, b, ignore=["__pycache__", "build"])
    out = [f"only in generated/: {x}" for x in cmp.left_only if not x.endswith(".egg-info")]
    out += [f"missing from generated/: {x}" for x in cmp.right_only]
    out += [f"differs: {x}" for x in cmp.diff_files]
    for sub in cmp.common_dirs:
        out += _diff(a / sub, b / sub)
    return out


def _distributions(specs: Path) -> set[str]:
    """The generated project of every service in SPECS: <cloud>-<service>[.<part>].yaml -> <service>-client."""
    return {p.name.split(".", 1)[0].partition("-")[2].replace("_", "-") + "-client" for p in specs.glob("*.yaml")}


def _generate(out: Path, specs: Path | None = None) -> None:
    env = {**os.environ, "SPECS_DIR": str(specs)} if specs else None
    proc = subprocess.run([str(GENERATE), str(out)], env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_generated_matches_a_fresh_generation(tmp_path: Path) -> None:
    _generate(tmp_path)
    expected = _distributions(ROOT / "specs")
    assert expected and {p.name for p in tmp_path.iterdir()} == expected
    assert {p.name for p in (ROOT / "generated").iterdir() if p.is_dir()} == expected
    for name in sorted(expected):
        assert _diff(ROOT / "generated" / name, tmp_path / name) == [], name


def test_generated_model_repr_hides_the_password() -> None:
    from das_client.models import CreateInstanceConnectionRequestBody

    body = CreateInstanceConnectionRequestBody.from_dict(
        {
            "engine_type": "mysql",
            "network_type": "rds",
            "username": "root",
            "is_save_password": True,
            "password": "Gauss_2345",
        }
    )
    assert "Gauss_2345" not in repr(body) and "root" in repr(body)
    assert body.to_dict()["password"] == "Gauss_2345"


def test_generated_functions_fill_action_and_version() -> None:
    from dataworks_client.api.data_sources import create_connection

    kwargs = create_connection._get_kwargs(connection_type="rds", content="{}", env_type=1, name="n", project_id=1)
    assert kwargs["params"]["Action"] == "CreateConnection" and kwargs["params"]["Version"] == "2020-05-18"
    assert "RegionId" not in kwargs["params"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.integers(), st.text(alphabet="abcXYZ019-._~/?#%& ")))
def test_generated_path_segments_are_spelled_as_quote_spells_them(value: object) -> None:
    """The template's shortcut for letters-and-digits ids must not change a byte of the URL."""
    from urllib.parse import quote

    from das_client.api.connections import create_instance_connection

    assert create_instance_connection._segment(value) == quote(str(value), safe="")
    url = create_instance_connection._get_kwargs(value, "i", body=None)["url"]  # type: ignore[arg-type]
    assert url == f"/v3/{quote(str(value), safe='')}/instances/i/create-connection"


def test_call_returns_the_parsed_body_with_its_request_id_or_raises() -> None:
    """With a plain httpx client: `call` asks for typed errors through the request extension, returns the
    parsed success model carrying the response's request id, and raises UnexpectedStatus on anything else."""
    from das_client import Client, errors
    from das_client.api.connections import create_instance_connection
    from das_client.models import CreateInstanceConnectionRequestBody, CreateInstanceConnectionResponseBody

    answers = [
        httpx.Response(
            200, json={"connection_id": "99af0766-c3f4-4e4e-a95e-14a1b070188e"}, extensions={"request_id": "r-1"}
        ),
        httpx.Response(400, json={"error_code": "DAS.200100", "error_msg": "Parameter error"}),
    ]
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answers[len(seen) - 1]

    client = Client(base_url="http://das.test", httpx_args={"transport": httpx.MockTransport(handler)})
    body = CreateInstanceConnectionRequestBody(
        engine_type="mysql", network_type="rds", username="root", is_save_password=False, password="Gauss_2345"
    )
    created = create_instance_connection.call("p" * 32, "i" * 32, client=client, body=body)
    assert isinstance(created, CreateInstanceConnectionResponseBody)
    assert created.connection_id == "99af0766-c3f4-4e4e-a95e-14a1b070188e" and created._request_id == "r-1"
    assert "_request_id" not in created.to_dict() and "r-1" not in repr(created)
    assert created == CreateInstanceConnectionResponseBody.from_dict(created.to_dict())  # not part of equality
    assert seen[0].extensions.get("raise_for_status") is True
    with pytest.raises(errors.UnexpectedStatus) as raised:
        create_instance_connection.call("p" * 32, "i" * 32, client=client, body=body)
    assert raised.value.status_code == 400


def test_extended_specs_generate_one_package_per_service(tmp_path: Path) -> None:
    """A GET and a DELETE added to the DAS document and a second DataWorks action written as one more document
    generate into the same two packages, with call/acall everywhere, and pass mypy --strict."""
    specs = write_extended_specs(tmp_path / "specs")
    out = tmp_path / "generated"
    _generate(out, specs)
    assert {p.name for p in out.iterdir()} == {"das-client", "dataworks-client"}
    modules = {
        "dataworks_client": ["data_sources/create_connection", "data_sources/update_connection"],
        "das_client": [
            "connections/create_instance_connection",
            "connections/list_connections",
            "connections/delete_connection",
        ],
    }
    for package, names in modules.items():
        for name in names:
            source = (out / package.replace("_", "-") / package / "api" / f"{name}.py").read_text()
            assert "\ndef call(" in source and "\nasync def acall(" in source, name
    models = (out / "dataworks-client/dataworks_client/models/__init__.py").read_text()
    assert "CreateConnectionEnvType" in models and "UpdateConnectionEnvType" in models

    # mypy --strict on the generated packages (not the installed ones: mypy_path comes before site-packages).
    config = tmp_path / "mypy.ini"
    config.write_text("[mypy]\nstrict = True\nmypy_path = das-client:dataworks-client\n")
    argv = [sys.executable, "-m", "mypy", "--config-file", str(config), "--no-incremental", "--cache-dir=/dev/null"]
    proc = subprocess.run(
        [*argv, "-p", "das_client", "-p", "dataworks_client"], cwd=out, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr

    # The new functions work with a plain httpx client (a DELETE without a body returns None).
    script = """
import httpx
from das_client import Client
from das_client.api.connections import delete_connection, list_connections
from dataworks_client.api.data_sources import update_connection

def handler(request):
    if request.method == "GET":
        assert dict(request.url.params) == {"limit": "5", "offset": "0"}, request.url
        return httpx.Response(200, json={"connections": [], "total_count": 0}, extensions={"request_id": "r-2"})
    if request.method == "DELETE":
        return httpx.Response(204)
    assert request.url.params["Action"] == "UpdateConnection", request.url
    return httpx.Response(200, json={"RequestId": "r-3", "Success": True, "Data": True})

client = Client(base_url="http://test", httpx_args={"transport": httpx.MockTransport(handler)})
listed = list_connections.call("p" * 32, client=client, limit=5, offset=0)
assert listed.total_count == 0 and listed._request_id == "r-2", listed
assert delete_connection.call("p" * 32, "c" * 36, client=client) is None
updated = update_connection.call(client=client, connection_id=1, content="{}", env_type=0)
assert updated.data is True, updated
"""
    path = os.pathsep.join(str(out / d) for d in ("das-client", "dataworks-client"))
    proc = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "PYTHONPATH": path},
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
