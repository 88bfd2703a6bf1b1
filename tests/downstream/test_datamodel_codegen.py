"""datamodel-code-generator (pinned) turns each spec into pydantic v2 models, and every example the spec carries
validates with them. Models forbid unknown fields and coerce no scalar types, so a typo'd or mistyped example
fails here even where the spec itself would let it through."""

from __future__ import annotations

import copy
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pydantic
import pytest

from .specs import SPECS, load, media_examples, media_labels, operations, parameters, schema_examples
from .tools import VENV_BIN, run

FLAGS = (
    "--input-file-type", "openapi", "--output-model-type", "pydantic_v2.BaseModel",
    "--openapi-scopes", "schemas", "paths", "parameters", "--use-operation-id-as-name",  # + <Op>ParametersQuery
    "--extra-fields", "forbid", "--strict-types", "str", "int", "bool",
    "--target-python-version", "3.11", "--formatters", "builtin", "--disable-timestamp",
)  # fmt: skip


def _models(kind: str, out: Path) -> ModuleType:
    target = out / f"{kind}_models.py"
    run(VENV_BIN / "datamodel-codegen", "--input", SPECS[kind], "--output", target, *FLAGS)
    spec = importlib.util.spec_from_file_location(f"downstream_dmcg_{kind}", target)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # pydantic resolves the postponed annotations through it
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ModuleType]:
    out = tmp_path_factory.mktemp("dmcg")
    return {kind: _models(kind, out) for kind in SPECS}


CASES = [(kind, *case) for kind in SPECS for case in [*media_examples(kind), *schema_examples(kind)]]


@pytest.mark.parametrize(("kind", "where", "schema", "value"), CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_example_validates(models: dict[str, ModuleType], kind: str, where: str, schema: str, value: Any) -> None:
    model: type[pydantic.BaseModel] = getattr(models[kind], schema)
    model.model_validate(value)


@pytest.mark.parametrize("kind", SPECS)
def test_every_example_was_collected(kind: str) -> None:
    """Guards the collector: every operation's request and documented responses, and every schema, contribute
    examples."""
    wanted = {label for _, _, op in operations(kind) for label in media_labels(op)}
    wanted |= {f"schema {name}" for name, body in load(kind)["components"]["schemas"].items() if "examples" in body}
    labels = [where for k, where, _, _ in CASES if k == kind]
    found = {w.split("[")[0] if w.startswith("schema") else w.rsplit(" ", 1)[0] for w in labels}
    assert found == wanted


def test_dataworks_query_parameter_examples_validate(models: dict[str, ModuleType]) -> None:
    query = {p["name"]: p["example"] for p in parameters("dataworks") if p["in"] == "query"}
    models["dataworks"].CreateConnectionParametersQuery.model_validate(query)
    # Content is a JSON document in a string; its contentSchema is ConnectionContent.
    models["dataworks"].ConnectionContent.model_validate_json(query["Content"])


@pytest.mark.parametrize(
    ("kind", "schema", "breaks"),
    [
        ("das", "CreateInstanceConnectionRequestBody", {"engine_type": "oracle"}),
        ("das", "CreateInstanceConnectionRequestBody", {"port": 0}),
        ("das", "CreateInstanceConnectionResponseBody", {"connection_id": "short"}),
        ("dataworks", "CreateConnectionResponseBody", {"Success": "true"}),
        ("dataworks", "Error", {"Cod": "typo"}),
    ],
)
def test_models_reject_broken_examples(
    models: dict[str, ModuleType], kind: str, schema: str, breaks: dict[str, Any]
) -> None:
    """The check above can fail: the same models reject an example with one fact broken."""
    value = copy.deepcopy(next(v for _, s, v in schema_examples(kind) if s == schema))
    value.update(breaks)
    with pytest.raises(pydantic.ValidationError):
        getattr(models[kind], schema).model_validate(value)
    json.dumps(value)  # still plain JSON: the failure is the model's, not the test's
