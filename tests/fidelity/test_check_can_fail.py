"""The fidelity check can fail: in a copy of specs/, a changed type, a changed required flag, a changed
allowlisted fact and a narrowed Content are each caught."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from cloudsign._core import registry
from cloudsign._core.errors import InvalidParameterError

from .calls import call, validator, whole_request
from .compare import SPECS, check, load_allowlist, spec_operations, unexplained
from .vendor_examples import all_examples

# A Content pattern that admits only JSON objects whose members are all strings (what the spec said before).
_STRING = r'"(?:[^"\\\x00-\x1F]|\\["\\/bfnrt]|\\u[0-9A-Fa-f]{4})*"'
_MEMBER = rf"{_STRING}[ \t\n\r]*:[ \t\n\r]*{_STRING}"
STRINGS_ONLY = rf"^[ \t\n\r]*\{{[ \t\n\r]*(?:{_MEMBER}(?:[ \t\n\r]*,[ \t\n\r]*{_MEMBER})*)?[ \t\n\r]*\}}[ \t\n\r]*$"


@pytest.fixture
def specs_copy(tmp_path: Path) -> Path:
    target = tmp_path / "specs"
    shutil.copytree(SPECS, target)
    return target


def _edit(spec_dir: Path, document: str, change: Callable[[dict[str, Any]], None]) -> None:
    path = spec_dir / f"{document}.yaml"
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(spec)
    path.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _param(spec: dict[str, Any], name: str) -> dict[str, Any]:
    return next(p for p in spec["paths"]["/"]["post"]["parameters"] if p["name"] == name)


def _caught(spec_dir: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    missing, stale = unexplained(check(spec_dir), load_allowlist())
    return [(d["field"], d["attribute"]) for d in missing], [(e["field"], e["attribute"]) for e in stale]


def test_the_unchanged_copy_passes(specs_copy: Path) -> None:
    assert _caught(specs_copy) == ([], [])


def test_a_changed_type_is_caught(specs_copy: Path) -> None:
    _edit(specs_copy, "alibabacloud-dataworks", lambda s: _param(s, "ProjectId")["schema"].update(type="string"))
    assert _caught(specs_copy) == ([("request query ProjectId", "types")], [])


def test_a_changed_nested_type_is_caught(specs_copy: Path) -> None:
    def change(spec: dict[str, Any]) -> None:
        spec["components"]["schemas"]["CreateInstanceConnectionRequestBody"]["properties"]["port"]["type"] = "string"

    _edit(specs_copy, "huaweicloud-das", change)
    assert _caught(specs_copy) == ([("request body port", "types")], [])


def test_a_changed_required_flag_is_caught(specs_copy: Path) -> None:
    _edit(specs_copy, "alibabacloud-dataworks", lambda s: _param(s, "Name").update(required=False))

    def body(spec: dict[str, Any]) -> None:
        spec["components"]["schemas"]["CreateInstanceConnectionRequestBody"]["required"].remove("password")

    _edit(specs_copy, "huaweicloud-das", body)
    assert sorted(_caught(specs_copy)[0]) == [("request body password", "required"), ("request query Name", "required")]


def test_a_changed_allowlisted_fact_is_caught(specs_copy: Path) -> None:
    """An allowlist entry holds both values: when the spec's side changes, the entry no longer matches."""

    def change(spec: dict[str, Any]) -> None:
        spec["components"]["schemas"]["CreateConnectionResponseBody"]["properties"]["HttpStatusCode"]["type"] = "string"

    _edit(specs_copy, "alibabacloud-dataworks", change)
    assert _caught(specs_copy) == ([], [("response body HttpStatusCode", "types")])


def _refused(spec_dir: Path) -> list[str]:
    operations = {(op.service, op.operation_id): op for op in spec_operations(spec_dir)}
    refused = []
    for example in all_examples():
        op = operations[(example.service, example.operation)]
        try:
            validator(op.service, op.document, op.operation_id, op.method, op.path, op.op).validate(
                whole_request(op.op, example.values)
            )
        except InvalidParameterError:
            refused.append(example.name)
    return refused


@pytest.fixture
def narrowed(specs_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The copy with Content narrowed to objects of strings, as the package's specs for the client, in every
    DataWorks document that takes it (CreateConnection and UpdateConnection share its form)."""

    def narrow(spec: dict[str, Any]) -> None:
        for operation in spec["paths"]["/"].values():
            for param in operation.get("parameters", []) if isinstance(operation, dict) else []:
                if param.get("name") == "Content":
                    param["schema"].update(pattern=STRINGS_ONLY)

    for path in sorted(specs_copy.glob("alibabacloud-dataworks*.yaml")):
        _edit(specs_copy, path.stem, narrow)
    monkeypatch.setenv("CLOUDSIGN_SPECS_DIR", str(specs_copy))
    registry.clear_caches()
    yield specs_copy
    monkeypatch.delenv("CLOUDSIGN_SPECS_DIR")
    registry.clear_caches()


def test_a_refused_example_is_caught(narrowed: Path) -> None:
    assert _refused(SPECS) == []
    assert sorted(_refused(narrowed)) == [
        "SDK CreateConnectionRequest.content: odps",
        "SDK CreateConnectionRequest.content: rds",
        "SDK UpdateConnectionRequest.content: odps",
        "SDK UpdateConnectionRequest.content: rds",
    ]
    # ... and the client refuses the vendor's rds example before sending, as the issue found it.
    from cloudsign.alibabacloud import Credentials, dataworks_client

    rds = next(e for e in all_examples() if e.name.endswith(": rds"))
    op = next(o for o in spec_operations(narrowed) if o.operation_id == rds.operation)
    with dataworks_client(
        endpoint="http://127.0.0.1:9", region="cn-shanghai", credentials=Credentials("a", "b")
    ) as client:
        with pytest.raises(InvalidParameterError) as info:
            call(client, "dataworks_client", rds.operation, whole_request(op.op, rds.values))
    assert (info.value.field, info.value.rule) == ("Content", "pattern")


def test_operations_added_later_are_compared_without_editing_the_check(tmp_path: Path) -> None:
    """The documents tests/spec_extensions.py adds (as a user would: DAS ListConnections and DeleteConnection, a
    DataWorks UpdateConnection document) are found by operationId in the official SDKs and compared; their
    differences from the SDKs' models (the extensions are made up) are reported, none allowlisted; the allowlist's
    entries for the real lifecycle operations the copy leaves out match nothing, and only those."""
    from ..spec_extensions import write_extended_specs

    extended = write_extended_specs(tmp_path / "specs")
    report = check(extended)
    assert set(report.operations) >= {"alibabacloud-dataworks UpdateConnection", "huaweicloud-das ListConnections"}
    missing, stale = unexplained(report, load_allowlist())
    # The copy leaves out the real lifecycle operations: only their allowlist entries may go unmatched.
    assert stale and all(f"{e['service']} {e['operation']}" not in report.operations for e in stale), stale
    found = {(d["operation"], d["field"], d["attribute"]) for d in missing}
    assert ("UpdateConnection", "request query Status", "presence") in found  # the SDK has it, the document not
    assert ("ListConnections", "response body total_record", "presence") in found
    assert {d["operation"] for d in missing} == {"UpdateConnection", "ListConnections"}
