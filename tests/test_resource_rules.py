"""Every ``x-cloudsign-resource`` in specs/ is well formed and points at what its operation really has: the id
pointers at declared parameters (or the body's schema, or the answer's), the project at a declared parameter, list
filters and paging at declared query parameters, and the ``missing`` answer at a status and code the operation
documents. A resource with a create has a delete (so ``make contract`` can clean up) and a read or an update (so a
use after the delete can be tried)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cloudsign._core.registry import Operation, service
from cloudsign._core.specs import services
from cloudsign.emulator.resources import ResourceRule, rule_of

RULED = [(op, rule) for name in services() for op in service(name).operations if (rule := rule_of(op)) is not None]


def _parameters(op: Operation) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in op.spec.get("parameters", [])}


def _schema_has(schema: dict[str, Any], parts: list[str]) -> bool:
    node: Any = schema
    for part in parts:
        node = node.get("items", {}) if part == "*" else (node.get("properties") or {}).get(part)
        if not isinstance(node, dict):
            return False
    return True


def _answer_schema(op: Operation) -> dict[str, Any]:
    status = str(op.success_statuses()[0])
    return op.spec["responses"][status]["content"]["application/json"]["schema"]  # type: ignore[no-any-return]


def test_every_resource_operation_was_found() -> None:
    assert {rule.role for _, rule in RULED} == {"create", "read", "list", "update", "delete"}
    assert len(RULED) == 9, [op.operation_id for op, _ in RULED]


@pytest.mark.parametrize(("op", "rule"), RULED, ids=[op.operation_id + "-" + op.service for op, _ in RULED])
def test_the_rule_points_at_what_the_operation_has(op: Operation, rule: ResourceRule) -> None:
    params = _parameters(op)
    if rule.project:
        assert rule.project in params, rule.project
    if rule.role == "create":
        assert _schema_has(_answer_schema(op), (rule.id or "").split("/")[1:]), rule.id
    elif rule.role != "list":
        parts = (rule.id or "").split("/")[1:]
        if parts[0] == "body":
            body = op.spec["requestBody"]["content"]["application/json"]["schema"]
            assert _schema_has(body, parts[1:]), rule.id
        else:
            assert parts[0] in params and len(parts) == 1, rule.id
    if rule.role == "list":
        answer = _answer_schema(op)
        assert _schema_has(answer, [*(rule.items or "").split("/")[1:], "*", rule.id_field]), rule.items
        assert _schema_has(answer, (rule.total or "").split("/")[1:]), rule.total
        names = [v for k, v in rule.paging.items() if not k.endswith("_out")] + [*rule.filters, *rule.contains]
        assert all(params.get(n, {}).get("in") == "query" for n in names), names
    if rule.role == "read":
        assert _schema_has(_answer_schema(op), [*(rule.item or "").split("/")[1:], rule.id_field]), rule.item
    if rule.role in ("read", "update", "delete"):
        assert rule.missing is not None, op.operation_id
        documented = json.dumps(op.spec["responses"][str(rule.missing.status)])
        assert f'"{rule.missing.code}"' in documented, (rule.missing, "is not among the documented answers")


def test_a_created_resource_can_be_deleted_and_probed() -> None:
    kinds = {(op.service, rule.name) for op, rule in RULED}
    for kind in kinds:
        roles = {rule.role for op, rule in RULED if (op.service, rule.name) == kind}
        assert {"create", "delete"} <= roles and roles & {"read", "update"}, (kind, roles)


def test_a_malformed_rule_is_refused() -> None:
    with pytest.raises(ValueError, match="role"):
        ResourceRule.from_spec({"name": "thing", "role": "destroy", "id_field": "id"})
    with pytest.raises(ValueError, match="id_field"):
        ResourceRule.from_spec({"name": "thing", "role": "read"})
