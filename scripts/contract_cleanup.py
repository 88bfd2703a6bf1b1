"""Leave nothing behind: every resource a contract run creates is written down as it is created, and deleted when
the run ends, whether it passed, failed or broke off.

Two halves, both driven by the operations' ``x-cloudsign-resource`` (nothing here names an operation):

* in the schemathesis process (imported by ``contract_budget``): an ``after_call`` hook appends one JSON line per
  created resource to ``$CLOUDSIGN_CONTRACT_LEDGER`` (service, resource kind, id, and the request's values that
  scope it), flushed at once, so a run killed midway still leaves its ledger;
* in ``scripts/contract.py`` (``cleanup``): each resource of the ledger is deleted with its service's delete
  operation, signed as the run was; an answer saying it is gone already (the rule's ``missing`` status and code) is
  a success. What could not be deleted is returned, to be reported.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LEDGER_VARIABLE = "CLOUDSIGN_CONTRACT_LEDGER"


@dataclass(frozen=True)
class Created:
    service: str
    resource: str
    id: Any
    scope: dict[str, Any]

    def __str__(self) -> str:
        where = ", ".join(f"{k}={v}" for k, v in self.scope.items())
        return f"{self.resource} {self.id} ({self.service}{', ' + where if where else ''})"


def _case_values(case: Any) -> dict[str, Any]:
    return {**(case.path_parameters or {}), **(case.query or {}), **(case.headers or {}), "body": case.body}


def operation_for(document: str, operation_id: str) -> Any:
    """The registry's operation of a document (by its file name) and operationId, or None."""
    from cloudsign._core.registry import service
    from cloudsign._core.specs import SPEC_SUFFIX, service_of

    name = service_of(Path(document).name.removesuffix(SPEC_SUFFIX))[0]
    return next((op for op in service(name).operations if op.operation_id == operation_id), None)


def record_created(ledger: str, document: str, case: Any, response: Any) -> Created | None:
    """Append the resource a successful create made to the ledger (one JSON line); the entry, or None."""
    from cloudsign.emulator.resources import pointer_values, rule_of

    if not ledger or not 200 <= int(response.status_code) < 300:
        return None
    operation = operation_for(document, str(case.operation.definition.raw.get("operationId", "")))
    rule = rule_of(operation) if operation is not None else None
    if rule is None or rule.role != "create":
        return None
    try:
        body = response.json()
    except ValueError:
        return None
    values = _case_values(case)
    scope = {rule.project: values[rule.project]} if rule.project and rule.project in values else {}
    created = None
    for new_id in pointer_values(body, rule.id or ""):
        created = Created(operation.service, rule.name, new_id, scope)
        with open(ledger, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(created.__dict__) + "\n")
            fh.flush()
    return created


def read_ledger(ledger: Path) -> list[Created]:
    if not ledger.exists():
        return []
    found = []
    for line in ledger.read_text(encoding="utf-8").splitlines():
        try:
            found.append(Created(**json.loads(line)))
        except (ValueError, TypeError):  # a line cut short by a killed run: nothing to delete from it
            continue
    return found


def _nest(parts: list[str], value: Any) -> Any:
    """The JSON value that holds ``value`` at ``parts`` (``*``: a one-item array)."""
    if not parts:
        return value
    inner = _nest(parts[1:], value)
    return [inner] if parts[0] == "*" else {parts[0]: inner}


def delete_request(operation: Any, rule: Any, item: Created) -> tuple[str, str, dict[str, Any], Any]:
    """(method, path, query, JSON body or None) that deletes ``item`` with ``operation`` (a delete rule)."""
    parts = [p.replace("~1", "/").replace("~0", "~") for p in (rule.id or "").split("/")[1:]]
    values: dict[str, Any] = dict(item.scope)
    body = None
    if parts and parts[0] == "body":
        body = _nest(parts[1:], item.id)
    elif parts:
        values[parts[0]] = item.id
    path = operation.path
    query: dict[str, Any] = dict(operation.constants)
    for param in operation.spec.get("parameters", []):
        name = param["name"]
        if name not in values:
            continue
        if param.get("in") == "path":
            path = path.replace("{" + name + "}", str(values[name]))
        elif param.get("in") == "query":
            query[name] = values[name]
    return operation.method, path, query, body


Sender = Callable[[str, str, dict[str, Any], Any], tuple[int, Any]]


def cleanup(items: list[Created], send: Sender) -> tuple[list[Created], list[tuple[Created, str]]]:
    """Delete every item with its service's delete operation; (deleted, [(left behind, why)])."""
    from cloudsign._core.registry import service
    from cloudsign.emulator.resources import rule_of

    deleted: list[Created] = []
    left: list[tuple[Created, str]] = []
    for item in items:
        deleter = next(
            (
                (op, r)
                for op in service(item.service).operations
                if (r := rule_of(op)) is not None and r.name == item.resource and r.role == "delete"
            ),
            None,
        )
        if deleter is None:
            left.append((item, "the spec has no delete operation for it"))
            continue
        operation, rule = deleter
        method, path, query, body = delete_request(operation, rule, item)
        try:
            status, answer = send(method, path, query, body)
        except Exception as exc:  # reported, the other items are still deleted
            left.append((item, f"{operation.operation_id}: {type(exc).__name__}: {str(exc)[:120]}"))
            continue
        gone = rule.missing is not None and status == rule.missing.status and rule.missing.code in json.dumps(answer)
        if 200 <= status < 300 or gone:
            deleted.append(item)
        else:
            left.append((item, f"{operation.operation_id} answered {status}: {json.dumps(answer)[:160]}"))
    return deleted, left


def requests_sender(base_url: str, auth: Any, timeout: float = 30.0) -> Sender:
    """Send one request with ``requests`` and the run's signing auth; (status, JSON body or text)."""
    import requests

    def send(method: str, path: str, query: dict[str, Any], body: Any) -> tuple[int, Any]:
        response = requests.request(
            method,
            base_url.rstrip("/") + path,
            params={k: str(v) for k, v in query.items()},
            json=body,
            auth=auth,
            timeout=timeout,
        )
        try:
            return response.status_code, response.json()
        except ValueError:
            return response.status_code, response.text[:200]

    return send


def register_hook() -> None:
    """The schemathesis half: record every created resource (only when a ledger is named)."""
    import schemathesis

    ledger = os.environ.get(LEDGER_VARIABLE, "")
    document = os.environ.get("CLOUDSIGN_CONTRACT_SPEC", "")
    if not ledger or not document:
        return

    @schemathesis.hook("after_call")
    def record(context: Any, case: Any, response: Any) -> None:
        record_created(ledger, document, case, response)
