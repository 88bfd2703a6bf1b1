"""Fault queue, nonce cache and the success bodies the emulators build from a spec."""

from __future__ import annotations

import itertools
import json
import uuid
from types import SimpleNamespace
from typing import Any

import jsonschema
import pytest

from cloudsign._core.registry import Operation
from cloudsign._core.spec_values import minimal_instance
from cloudsign.emulator.answers import SuccessTemplate
from cloudsign.emulator.faults import Fault, Faults, fault_body
from cloudsign.emulator.nonces import NonceCache


def test_faults_are_taken_in_order_and_counted() -> None:
    faults = Faults()
    faults.add(Fault(status=429, count=2, retry_after=1))
    faults.add(Fault(status=500, process=True))
    taken = [faults.take() for _ in range(4)]
    assert [f.status if f else None for f in taken] == [429, 429, 500, None]


def test_bad_faults_are_refused() -> None:
    with pytest.raises(ValueError, match="bad fault"):
        Fault.from_json({"status": 500, "count": 0})
    with pytest.raises(ValueError, match="bad fault"):
        Fault.from_json({"body": "xml"})


def test_nonce_replay_is_seen_within_the_window_only() -> None:
    cache = NonceCache(ttl=900)
    assert not cache.seen("n1", now=1000.0)
    assert cache.seen("n1", now=1500.0)
    assert not cache.seen("n1", now=1000.0 + 2000)


def test_fault_body_mismatch_survives_bodies_that_are_not_objects() -> None:
    fault = Fault(status=200, body="mismatch")
    assert json.loads(fault_body(fault, b'{"a": 1}')[0]) == {"a": [1]}
    assert json.loads(fault_body(fault, b"")[0]) == {"unexpected": [None]}


def _operation(responses: dict[str, Any], method: str = "POST") -> Operation:
    spec = {"operationId": "Op", "parameters": [], "responses": responses}
    return Operation("cloud-service", "cloud-service", "Op", method, "/things", spec)


def _json(schema: dict[str, Any], **media: Any) -> dict[str, Any]:
    return {"description": "ok", "content": {"application/json": {"schema": schema, **media}}}


THING = {
    "type": "object",
    "required": ["thing_id", "uid", "serial", "kind", "state", "count", "ok", "tags", "RequestId"],
    "properties": {
        "thing_id": {"type": "string"},
        "uid": {"type": "string", "format": "uuid"},
        "serial": {"type": "integer", "format": "int64", "minimum": 1},
        "kind": {"type": "string", "enum": ["a", "b"]},
        "state": {"type": "string", "const": "done"},
        "count": {"type": "integer", "minimum": 3},
        "ok": {"type": "boolean"},
        "tags": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "RequestId": {"type": "string"},
        "name": {"type": "string", "minLength": 8, "default": "a-default-name"},
        "note": {"type": "string"},
    },
}


def test_minimal_instance_follows_the_schema() -> None:
    value = minimal_instance(THING)
    assert set(value) == set(THING["required"])  # required properties only
    assert (value["kind"], value["state"], value["count"], value["ok"]) == ("a", "done", 3, True)
    assert uuid.UUID(value["thing_id"]) and uuid.UUID(value["uid"])
    assert value["tags"] == ["string"]
    assert minimal_instance({"type": "string", "minLength": 10})
    assert len(minimal_instance({"type": "string", "minLength": 10})) == 10
    assert minimal_instance({"type": ["null", "integer"], "maximum": -5}) == -5
    assert minimal_instance({"allOf": [{"required": ["a"], "properties": {"a": {"type": "boolean"}}}]}) == {"a": True}


@pytest.mark.parametrize(
    ("schema", "name"),
    [
        ({"type": "string", "pattern": "^[0-9a-f]{32}$"}, "project_id"),  # an id whose pattern refuses the dashes
        ({"type": "string", "pattern": "^[0-9]{4,6}$"}, ""),
        ({"type": "string", "pattern": "^[a-z]{3}-[0-9]{2}$"}, ""),  # none of the guesses: drawn from the pattern
        ({"type": "string", "format": "ipv4"}, ""),
        ({"type": "string", "maxLength": 3}, ""),
        ({"type": "integer", "minimum": 3, "multipleOf": 5}, ""),
        ({"type": "number", "exclusiveMinimum": 0, "maximum": 1}, ""),
    ],
)
def test_minimal_instance_meets_patterns_formats_and_steps(schema: dict[str, Any], name: str) -> None:
    jsonschema.validate(minimal_instance(schema, name), schema, format_checker=jsonschema.FormatChecker())


def test_make_run_takes_its_values_from_the_same_generator(monkeypatch: pytest.MonkeyPatch) -> None:
    from cloudsign._core import spec_values
    from scripts import run

    drawn: list[tuple[Any, str]] = []

    def fake(schema: Any, name: str = "") -> str:
        drawn.append((schema, name))
        return f"from-minimal-instance:{name}"

    monkeypatch.setattr(spec_values, "minimal_instance", fake)
    operation = SimpleNamespace(
        spec={"parameters": [{"name": "Size", "in": "query", "required": True, "schema": {"type": "integer"}}]}
    )
    assert run.spec_arguments(operation) == {"query:Size": "from-minimal-instance:Size"}  # type: ignore[arg-type]
    assert drawn == [({"type": "integer"}, "Size")]


def test_template_without_example_builds_a_schema_valid_body_with_fresh_ids() -> None:
    template = SuccessTemplate(_operation({"201": _json(THING), "202": _json({"type": "object"}), "400": {}}))
    assert template.status == 201  # the lowest documented 2xx
    ids = itertools.count(500)
    first, fresh = template.render(ids, "RID-1", "RequestId")
    second, _ = template.render(ids, "RID-2", "RequestId")
    one, two = json.loads(first), json.loads(second)
    jsonschema.validate(one, THING)
    assert one["RequestId"] == "RID-1" and two["RequestId"] == "RID-2"
    assert one["thing_id"] != two["thing_id"] and one["uid"] != two["uid"]
    assert (one["serial"], two["serial"]) == (500, 501)
    assert fresh == {"thing_id": one["thing_id"], "uid": one["uid"], "serial": 500}


def test_template_prefers_the_example_and_refreshes_its_ids() -> None:
    example = {"Data": 123, "RequestId": "0bc1****", "Success": True, "HttpStatusCode": 200, "items": [{"id": "x"}]}
    schema = {
        "type": "object",
        "properties": {
            "Data": {"type": "integer", "format": "int64"},
            "RequestId": {"type": "string"},
            "items": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}}}},
        },
    }
    template = SuccessTemplate(_operation({"200": _json(schema, examples={"ok": {"value": example}})}))
    body, fresh = template.render(itertools.count(10_000), "RID", "RequestId")
    data = json.loads(body)
    assert data == {**example, "Data": 10_000, "RequestId": "RID", "items": [{"id": data["items"][0]["id"]}]}
    assert uuid.UUID(data["items"][0]["id"]).version == 4
    assert fresh == {"Data": 10_000}  # the request id is not a new id; nested ids are not top-level ones
    assert example["Data"] == 123  # the spec's example is never changed


def test_fresh_ids_respect_the_schema() -> None:
    schema = {
        "type": "object",
        "properties": {
            "hex_id": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
            "odd_id": {"type": "string", "pattern": "^id-[0-9]+$"},
            "small": {"type": "integer", "format": "int64", "maximum": 10},
        },
    }
    example = {"hex_id": "0" * 32, "odd_id": "id-7", "small": 3}
    template = SuccessTemplate(_operation({"200": _json(schema, example=example)}))
    data = json.loads(template.render(itertools.count(10_000), "r", None)[0])
    assert len(data["hex_id"]) == 32 and data["hex_id"] != "0" * 32  # a uuid4 without hyphens fits the pattern
    assert data["odd_id"] == "id-7" and data["small"] == 3  # nothing fresh fits: the example's value stays


def test_no_body_for_204_or_responses_without_content() -> None:
    assert SuccessTemplate(_operation({"204": {"description": "gone"}, "200": _json(THING)})).status == 200
    deleted = SuccessTemplate(_operation({"204": {"description": "gone"}}, "DELETE"))
    assert deleted.status == 204 and deleted.render(itertools.count(), "r", None) == (b"", {})
    assert SuccessTemplate(_operation({"default": {"description": "x"}})).status == 200


def test_emulator_ids_are_version_4_uuids_and_a_forked_child_draws_its_own() -> None:
    import os

    from cloudsign._core.ids import uuid4_hex, uuid4_text

    drawn = {uuid4_hex() for _ in range(2000)}
    assert len(drawn) == 2000
    for text in [*list(drawn)[:200], *(uuid4_text() for _ in range(200))]:
        parsed = uuid.UUID(text)
        assert (parsed.version, parsed.variant) == (4, uuid.RFC_4122)
        assert text in (parsed.hex, str(parsed))
    if not hasattr(os, "fork"):
        return
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its next id, to the parent
        os.write(write, uuid4_hex().encode())
        os._exit(0)
    os.close(write)
    child = os.read(read, 64).decode()
    os.close(read)
    os.waitpid(pid, 0)
    assert len(child) == 32 and child != uuid4_hex()


def test_emulator_ids_do_not_follow_the_shared_random_seed() -> None:
    """hypothesis re-seeds the ``random`` module for every example (and a user's test may seed it): the emulator's
    ids must not repeat then (tests/contract/test_stateful.py found two connections under one id)."""
    import random

    from cloudsign._core.ids import uuid4_hex, uuid4_text

    state = random.getstate()
    try:
        random.seed(7)
        first = (uuid4_hex(), uuid4_text())
        random.seed(7)
        assert (uuid4_hex(), uuid4_text()) != first
    finally:
        random.setstate(state)
