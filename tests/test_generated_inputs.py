"""What generation hands the templates is decided by cloudsign, not by the templates (scripts/generate_inputs.py).
A small spec is generated with the pinned generator (as openapi-python-client's functional tests do):

* secrets: one field per rule of ``cloudsign._core.secrets.is_secret_field``; each value must be in ``repr`` exactly
  when cloudsign calls the field secret. The old model template's own name list (password, passwd, secret, token,
  credential on str fields) failed this for ``note`` (``format: password``), ``hint`` (``writeOnly``),
  ``signature``, ``authorization``, ``settings`` (a JSON document carrying a password) and ``pin`` (a ``$ref`` to a
  password string);
* operation ids: each generated function names its operation with the id cloudsign's registry knows it by, the
  operationId, or ``METHOD /path`` for an operation without one."""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from cloudsign._core import registry
from cloudsign._core.secrets import is_secret_field
from cloudsign._core.specs import resolve_refs

ROOT = Path(__file__).resolve().parent.parent

LOGIN: dict[str, Any] = {
    "type": "object",
    "required": ["username"],
    "properties": {
        "username": {"type": "string"},
        "note": {"type": "string", "format": "password"},
        "hint": {"type": "string", "writeOnly": True},
        "signature": {"type": "string"},
        "authorization": {"type": "string"},
        "is_save_password": {"type": "boolean"},
        "settings": {
            "type": "string",
            "contentMediaType": "application/json",
            "contentSchema": {"$ref": "#/components/schemas/Settings"},
        },
        "pin": {"$ref": "#/components/schemas/Pin"},
    },
}
SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Vault", "version": "1.0.0"},
    "paths": {
        "/logins": {
            "post": {
                "operationId": "CreateLogin",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Account"}}},
                },
                "responses": {"204": {"description": "Created."}},
            }
        },
        "/logins/{login_id}": {
            "get": {  # no operationId: the generator names it get_logins_login_id, the registry GET /logins/{login_id}
                "parameters": [{"name": "login_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"204": {"description": "Found."}},
            }
        },
    },
    "components": {
        "schemas": {
            "Login": LOGIN,
            "Settings": {"type": "object", "properties": {"pw": {"type": "string", "format": "password"}}},
            "Pin": {"type": "string", "format": "password"},
            # allOf: the generator merges the parts into one model; the secrets of the parts stay secret.
            "Account": {
                "allOf": [
                    {"$ref": "#/components/schemas/Login"},
                    {"type": "object", "properties": {"region": {"type": "string"}}},
                ]
            },
        }
    },
}
VALUES = {
    "username": "user-SHOWN",
    "note": "note-HIDDEN",
    "hint": "hint-HIDDEN",
    "signature": "signature-HIDDEN",
    "authorization": "authorization-HIDDEN",
    "is_save_password": True,
    "settings": '{"pw":"settings-HIDDEN"}',
    "pin": "pin-HIDDEN",
}
# What cloudsign decides for these fields today, written out so the test cannot pass by agreeing with nothing.
SECRET = {"note", "hint", "signature", "authorization", "settings", "pin"}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder holding specs/ (the spec above) and out/vault-client/ (what it generates)."""
    tmp = tmp_path_factory.mktemp("vault")
    (tmp / "specs").mkdir()
    (tmp / "specs" / "acme-vault.yaml").write_text(yaml.safe_dump(SPEC, sort_keys=False), encoding="utf-8")
    env = {**os.environ, "SPECS_DIR": str(tmp / "specs")}
    argv = [str(ROOT / "scripts/generate.sh"), str(tmp / "out")]
    proc = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return tmp


@pytest.fixture(scope="module")
def vault(generated: Path) -> Any:
    sys.path.insert(0, str(generated / "out" / "vault-client"))
    try:
        yield importlib.import_module("vault_client.models")
    finally:
        sys.path.remove(str(generated / "out" / "vault-client"))
        for name in [m for m in sys.modules if m == "vault_client" or m.startswith("vault_client.")]:
            del sys.modules[name]


def test_the_written_expectation_is_cloudsigns_decision() -> None:
    decided = {
        name for name, schema in LOGIN["properties"].items() if is_secret_field(name, resolve_refs(schema, SPEC))
    }
    assert decided == SECRET


@pytest.mark.parametrize("model", ["Login", "Account"])
def test_repr_hides_exactly_what_cloudsign_calls_secret(vault: Any, model: str) -> None:
    instance = getattr(vault, model).from_dict({**VALUES, "region": "region-SHOWN"})
    shown = repr(instance)
    for name, value in VALUES.items():
        text = str(value) if name != "settings" else "settings-HIDDEN"
        if name == "is_save_password":
            assert "is_save_password=True" in shown, shown
        elif name in SECRET:
            assert text not in shown, (model, name, shown)
        else:
            assert text in shown, (model, name, shown)
    assert ("region-SHOWN" in shown) is (model == "Account")
    assert instance.to_dict()["note"] == "note-HIDDEN"  # hidden from repr only


def test_each_function_names_its_operation_as_the_registry_knows_it(
    generated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    api = generated / "out" / "vault-client" / "vault_client" / "api" / "default"
    named = {
        path.stem: match.groups()
        for path in sorted(api.glob("*.py"))
        if (match := re.search(r'"openapi_operation": \(\s*"(\w+)",\s*"([^"]+)"', path.read_text(encoding="utf-8")))
    }
    assert named == {
        "create_login": ("vault_client", "CreateLogin"),
        "get_logins_login_id": ("vault_client", "GET /logins/{login_id}"),
    }
    monkeypatch.setenv("CLOUDSIGN_SPECS_DIR", str(generated / "specs"))
    registry.clear_caches()
    try:
        assert set(registry.service_for_package("vault_client").by_id) == {ids[1] for ids in named.values()}
    finally:
        monkeypatch.delenv("CLOUDSIGN_SPECS_DIR")
        registry.clear_caches()
