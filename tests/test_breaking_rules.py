"""Each rule of the breaking-change table (scripts/breaking/rules.py) on a small document: a breaking rule fires on
its change, a safe rule fires and nothing breaking does. A rule whose check stops working fails its case; a rule
added to the table without a case here fails ``test_every_rule_has_a_case``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.breaking.diff import Change, compare
from scripts.breaking.operations import load_operations
from scripts.breaking.pairs import BREAKING, SAFE
from scripts.breaking.rules import BY_ID, RULES

Doc = dict[str, Any]


def base() -> Doc:
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "security": [{"sig": []}],
        "paths": {
            "/things/{id}": {
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "post": {
                    "operationId": "Op",
                    "parameters": [
                        {
                            "name": "limit",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "integer", "minimum": 1, "maximum": 100},
                        },
                        {
                            "name": "mode",
                            "in": "query",
                            "required": True,
                            "schema": {"type": "string", "enum": ["a", "b"]},
                        },
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Req"}}},
                    },
                    "responses": {
                        "200": {
                            "description": "ok",
                            "headers": {"X-Request-Id": {"schema": {"type": "string"}}},
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Resp"}}},
                        },
                        "400": {"description": "bad"},
                    },
                },
            }
        },
        "components": {
            "securitySchemes": {"sig": {"type": "apiKey", "in": "header", "name": "Authorization"}},
            "schemas": {
                "Req": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {
                        "name": {"type": "string", "minLength": 1, "maxLength": 10, "pattern": "^[a-z]+$"},
                        "size": {"type": "integer", "format": "int32"},
                        "tags": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 5},
                        "meta": {"type": "object", "maxProperties": 3, "additionalProperties": {"type": "string"}},
                        "choice": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
                    },
                },
                "Resp": {
                    "type": "object",
                    "required": ["id"],
                    "properties": {"id": {"type": "string"}, "count": {"type": "integer"}},
                },
            },
        },
    }


def op(doc: Doc) -> Doc:
    return doc["paths"]["/things/{id}"]["post"]  # type: ignore[no-any-return]


def req(doc: Doc) -> Doc:
    return doc["components"]["schemas"]["Req"]  # type: ignore[no-any-return]


def resp(doc: Doc) -> Doc:
    return doc["components"]["schemas"]["Resp"]  # type: ignore[no-any-return]


def _set(path: list[str], value: Any) -> Callable[[Doc], None]:
    def edit(doc: Doc) -> None:
        node = doc
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return edit


def _do(*edits: Callable[[Doc], Any]) -> Callable[[Doc], None]:
    def edit(doc: Doc) -> None:
        for e in edits:
            e(doc)

    return edit


NAME = ["components", "schemas", "Req", "properties", "name"]

# rule -> (edit of the new document, where the change must be reported)
CASES: dict[str, tuple[Callable[[Doc], Any], str]] = {
    "operation-removed": (lambda d: d["paths"].pop("/things/{id}"), "operation"),
    "operation-added": (
        lambda d: d["paths"].update({"/other": {"get": {"operationId": "Other", "responses": {}}}}),
        "operation",
    ),
    "operation-endpoint-changed": (
        lambda d: d["paths"].update(
            {
                "/things/{id}": {
                    "put": d["paths"]["/things/{id}"]["post"],
                    "parameters": d["paths"]["/things/{id}"]["parameters"],
                }
            }
        ),
        "endpoint",
    ),
    "parameter-removed": (lambda d: op(d)["parameters"].pop(0), "query.limit"),
    "parameter-added-required": (
        lambda d: op(d)["parameters"].append(
            {"name": "x", "in": "query", "required": True, "schema": {"type": "string"}}
        ),
        "query.x",
    ),
    "parameter-added": (
        lambda d: op(d)["parameters"].append({"name": "x", "in": "query", "schema": {"type": "string"}}),
        "query.x",
    ),
    "parameter-became-required": (lambda d: op(d)["parameters"][0].update(required=True), "query.limit"),
    "parameter-became-optional": (lambda d: op(d)["parameters"][1].update(required=False), "query.mode"),
    "parameter-style-changed": (lambda d: op(d)["parameters"][0].update(style="deepObject"), "query.limit"),
    "request-body-removed": (lambda d: op(d).pop("requestBody"), "body"),
    "request-body-became-required": (lambda d: None, "body"),  # old made optional in the test below
    "request-body-added": (lambda d: op(d)["requestBody"].update(required=False), "body"),  # old: no body (below)
    "media-type-removed": (
        lambda d: (
            op(d)["responses"]["200"]["content"].update({"text/plain": {"schema": {"type": "string"}}})
            or op(d)["responses"]["200"]["content"].pop("application/json")
        ),
        "response.200",
    ),
    "status-removed": (lambda d: op(d)["responses"].pop("400"), "response.400"),
    "status-added": (lambda d: op(d)["responses"].update({"404": {"description": "gone"}}), "response.404"),
    "response-header-removed": (lambda d: op(d)["responses"]["200"].pop("headers"), "response.200.header.x-request-id"),
    "security-removed": (_set(["security"], [{"tok": []}]), "security"),
    "security-added": (_set(["security"], [{"sig": []}, {}]), "security"),
    "security-scheme-changed": (_set(["components", "securitySchemes", "sig", "in"], "query"), "security.sig"),
    "type-changed": (_set([*NAME[:-1], "size", "type"], "string"), "body.size"),
    "type-widened": (_set([*NAME[:-1], "size", "type"], ["integer", "string"]), "body.size"),
    "format-changed": (_set([*NAME[:-1], "size", "format"], "int64"), "body.size"),
    "enum-narrowed": (lambda d: op(d)["parameters"][1]["schema"].update(enum=["a"]), "query.mode"),
    "enum-widened": (lambda d: op(d)["parameters"][1]["schema"].update(enum=["a", "b", "c"]), "query.mode"),
    "pattern-changed": (_set([*NAME, "pattern"], "^[a-y]+$"), "body.name"),
    "minimum-raised": (lambda d: op(d)["parameters"][0]["schema"].update(exclusiveMinimum=1), "query.limit"),
    "maximum-lowered": (lambda d: op(d)["parameters"][0]["schema"].update(maximum=99), "query.limit"),
    "min-length-raised": (_set([*NAME, "minLength"], 2), "body.name"),
    "max-length-lowered": (_set([*NAME, "maxLength"], 9), "body.name"),
    "min-items-raised": (_set([*NAME[:-1], "tags", "minItems"], 2), "body.tags"),
    "max-items-lowered": (_set([*NAME[:-1], "tags", "maxItems"], 4), "body.tags"),
    "min-properties-raised": (_set([*NAME[:-1], "meta", "minProperties"], 1), "body.meta"),
    "max-properties-lowered": (_set([*NAME[:-1], "meta", "maxProperties"], 2), "body.meta"),
    "limits-loosened": (lambda d: op(d)["parameters"][0]["schema"].update(maximum=1000), "query.limit"),
    "request-field-removed": (lambda d: req(d)["properties"].pop("size"), "body.size"),
    "request-field-added-required": (
        lambda d: req(d)["properties"].update(x={"type": "string"}) or req(d)["required"].append("x"),
        "body.x",
    ),
    "request-field-added": (lambda d: req(d)["properties"].update(x={"type": "string"}), "body.x"),
    "request-field-became-required": (lambda d: req(d)["required"].append("size"), "body.size"),
    "request-field-became-optional": (lambda d: req(d)["required"].clear(), "body.name"),
    "response-field-removed": (lambda d: resp(d)["properties"].pop("count"), "response.200.count"),
    "response-field-added": (lambda d: resp(d)["properties"].update(x={"type": "string"}), "response.200.x"),
    "response-field-became-optional": (lambda d: resp(d)["required"].clear(), "response.200.id"),
    "additional-properties-closed": (_set([*NAME[:-1], "meta", "additionalProperties"], False), "body.meta"),
    "variant-removed": (_set([*NAME[:-1], "choice", "oneOf"], [{"type": "string"}]), "body.choice"),
}
OLD_EDITS: dict[str, Callable[[Doc], Any]] = {
    "request-body-became-required": lambda d: op(d)["requestBody"].update(required=False),
    "request-body-added": lambda d: op(d).pop("requestBody"),
}


def changes(tmp_path: Path, old: Doc, new: Doc) -> list[Change]:
    for name, doc in (("old", old), ("new", new)):
        (tmp_path / name).mkdir(parents=True)
        (tmp_path / name / "acme-things.yaml").write_text(yaml.safe_dump(doc))
    return compare(load_operations(tmp_path / "old"), load_operations(tmp_path / "new"))


def test_every_rule_has_a_case() -> None:
    assert set(CASES) == {r.id for r in RULES}
    assert len(BY_ID) == len(RULES), "rule ids are unique"


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule(rule: str, tmp_path: Path) -> None:
    old = base()
    if rule in OLD_EDITS:
        OLD_EDITS[rule](old)
    new = base()
    edit, where = CASES[rule]
    edit(new)
    found = changes(tmp_path, old, new)
    hits = [c for c in found if c.rule == rule]
    assert [c.where for c in hits] == [where], found
    assert all(c.operation.startswith("acme-things:") for c in hits)
    if BY_ID[rule].severity == SAFE:
        assert not [c for c in found if c.severity == BREAKING], found


def test_no_change_and_description_only(tmp_path: Path) -> None:
    new = base()
    req(new)["description"] = "the request"
    op(new).update(summary="s", description="d")
    op(new)["responses"]["200"]["description"] = "fine"
    assert changes(tmp_path, base(), new) == []


def test_response_limits_and_types_are_judged_for_readers(tmp_path: Path) -> None:
    """A response may narrow limits freely, but not change a type, even by widening it (a reader gets new kinds)."""
    new = base()
    resp(new)["properties"]["id"].update(maxLength=3, pattern="^x$")
    resp(new)["properties"]["count"]["type"] = ["integer", "string"]
    found = changes(tmp_path, base(), new)
    assert [(c.rule, c.where) for c in found] == [("type-changed", "response.200.count")]


def test_a_request_value_of_any_type_that_gets_one_is_breaking(tmp_path: Path) -> None:
    old, new = base(), base()
    req(old)["properties"]["size"] = {}
    assert [(c.rule, c.where) for c in changes(tmp_path, old, new)] == [
        ("type-changed", "body.size"),
        ("format-changed", "body.size"),
    ]


def test_a_parameter_written_with_content_is_compared_with_its_schema_form(tmp_path: Path) -> None:
    """OpenAPI allows a parameter's schema under ``content``; moving it to ``schema`` is no change by itself."""
    old, new = base(), base()
    limit = op(old)["parameters"][0]
    limit["content"] = {"application/json": {"schema": limit.pop("schema")}}
    assert changes(tmp_path, old, new) == []
    op(new)["parameters"][0]["schema"]["type"] = "string"
    assert [(c.rule, c.where) for c in changes(tmp_path / "2", old, new)][:1] == [("type-changed", "query.limit")]
