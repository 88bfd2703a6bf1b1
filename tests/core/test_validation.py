"""Spec-derived validation: every rule kind is enforced, errors name field/rule/value, secrets are masked."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from cloudsign._core.auth import SignerBase
from cloudsign._core.errors import APIResponseValidationError, InvalidParameterError, ResponseTooLargeError
from cloudsign._core.validation import OperationValidator

DAS_OK: dict[str, Any] = {
    "project_id": "052041494800d57c2f02c00275b4c247",
    "instance_id": "bcfa975193f1402fa11a6d4fd6baf5fbin01",
    "body": {
        "engine_type": "mysql",
        "network_type": "rds",
        "username": "root",
        "is_save_password": True,
        "password": "Gauss_2345",
    },
}
DW_OK = {
    "Action": "CreateConnection",
    "Version": "2020-05-18",
    "ConnectionType": "rds",
    "Content": '{"database":"db","password":"S3cret!pw"}',
    "EnvType": "1",
    "Name": "abc",
    "ProjectId": "1",
}


@pytest.fixture(scope="module")
def das() -> OperationValidator:
    return OperationValidator("huaweicloud-das", "CreateInstanceConnection")


@pytest.fixture(scope="module")
def dw() -> OperationValidator:
    return OperationValidator("alibabacloud-dataworks", "CreateConnection")


def test_the_seed_example_and_integral_floats_pass(das: OperationValidator) -> None:
    data = copy.deepcopy(DAS_OK)
    data["body"]["port"] = 3413.0
    assert das.validate(data)["body"]["port"] == 3413


@pytest.mark.parametrize(
    ("change", "field", "rule"),
    [
        (("body", "port", 0), "port", "minimum"),
        (("body", "port", 65537), "port", "maximum"),
        (("body", "engine_type", "oracle"), "engine_type", "enum"),
        (("body", "network_type", "vpc"), "network_type", "enum"),
        (("body", "is_save_password", "yes"), "is_save_password", "type"),
        (("body", "node_ids", ["short"]), "node_ids[0]", "minLength"),
        (("body", "node_ids", ["x" * 31 + "-"]), "node_ids[0]", "pattern"),
        ((None, "project_id", "0520414948"), "project_id", "minLength"),
        ((None, "instance_id", "bcfa975193f1402fa11a6d4fd6baf5fb/n01"), "instance_id", "pattern"),
        ((None, "X-Language", "fr-fr"), "X-Language", "enum"),
    ],
)
def test_each_rule_names_field_rule_and_value(
    das: OperationValidator, change: tuple[str | None, str, Any], field: str, rule: str
) -> None:
    data = copy.deepcopy(DAS_OK)
    where, key, value = change
    (data[where] if where else data)[key] = value
    with pytest.raises(InvalidParameterError) as info:
        das.validate(data)
    assert (info.value.field, info.value.rule) == (field, rule)
    assert field in str(info.value) and rule in str(info.value)


def test_missing_required_fields_are_named(das: OperationValidator) -> None:
    data = copy.deepcopy(DAS_OK)
    del data["body"]["username"]
    with pytest.raises(InvalidParameterError, match=r"'username'.*'required'"):
        das.validate(data)


def test_password_value_never_appears(das: OperationValidator) -> None:
    data = copy.deepcopy(DAS_OK)
    data["body"]["password"] = ["Gauss_2345"]
    with pytest.raises(InvalidParameterError) as info:
        das.validate(data)
    assert info.value.field == "password" and "Gauss_2345" not in str(info.value) and "***" in str(info.value)


def test_dataworks_query_coercion_and_rules(dw: OperationValidator) -> None:
    assert dw.validate(dw.coerce_query(DW_OK))["ProjectId"] == 1
    for key, value, rule in [
        ("EnvType", "2", "enum"),
        ("ProjectId", "one", "type"),
        ("ProjectId", str(2**63), "maximum"),
        ("Action", "DeleteConnection", "const"),
        # Content's pattern admits JSON objects only (the spec explains why), so it refuses first what is no
        # object; then the text must parse as strict JSON and match contentSchema (documented members' types).
        ("Content", "not json", "pattern"),
        ("Content", "[1, 2]", "pattern"),
        ("Content", "{abc}", "pattern"),
        ("Content", '{"a": 1} {}', "pattern"),
        ("Content", '{"a": 1' + "0" * 5000 + "}", "contentMediaType"),
        ("Content", '{"password": 1}', "contentSchema"),
    ]:
        with pytest.raises(InvalidParameterError) as info:
            dw.validate(dw.coerce_query({**DW_OK, key: value}))
        assert (info.value.field, info.value.rule) == (key, rule)


def test_query_text_becomes_the_declared_types_only(dw: OperationValidator, das: OperationValidator) -> None:
    """Numbers and booleans are turned from text only where the spec declares them; other text, and text that is
    no number, stays as it came."""
    got = dw.coerce_query({**DW_OK, "ProjectId": "3.0", "EnvType": "x1", "Name": "7", "Unknown": "8"})
    assert (got["ProjectId"], got["EnvType"], got["Name"], got["Unknown"]) == (3, "x1", "7", "8")
    assert type(got["ProjectId"]) is int
    assert das.coerce_query({"project_id": "123", "X-Language": "true"}) == {"project_id": "123", "X-Language": "true"}
    flags = OperationValidator.__new__(OperationValidator)
    flags._compile("/x", "get", {"parameters": [{"name": "on", "in": "query", "schema": {"type": "boolean"}}]})
    assert flags.coerce_query({"on": "true"}) == {"on": True} and flags.coerce_query({"on": "false"}) == {"on": False}
    assert flags.coerce_query({"on": "yes"}) == {"on": "yes"}


def test_dataworks_content_is_secret(dw: OperationValidator) -> None:
    with pytest.raises(InvalidParameterError) as info:
        dw.validate({**dw.coerce_query(DW_OK), "Content": '["S3cret!pw"]'})
    assert "S3cret!pw" not in str(info.value)


def test_region_id_is_optional(dw: OperationValidator) -> None:
    data = dw.coerce_query(DW_OK)
    assert "RegionId" not in data
    dw.validate(data)
    with pytest.raises(InvalidParameterError):
        dw.validate({**data, "RegionId": "Not A Region"})


def _pipeline(package: str, **options: Any) -> Any:
    from cloudsign._core.pipeline import Options, Pipeline
    from cloudsign._core.registry import service_for_package

    class NoCloud:
        name = "none"
        request_id_header = "x-request-id"

        @property
        def invalid_response(self) -> type[APIResponseValidationError]:
            return APIResponseValidationError

        @property
        def too_large(self) -> type[ResponseTooLargeError]:
            return ResponseTooLargeError

        def parse_error(self, *args: Any, **kwargs: Any) -> Any:
            raise AssertionError("nothing is sent here")

        unsuccessful = parse_error

    class NoSigner(SignerBase):
        def sign(self, *args: Any) -> Any:
            raise AssertionError("nothing is signed here")

    return Pipeline(
        service=service_for_package(package),
        cloud=NoCloud(),
        signer=NoSigner(),
        base_url="http://h",
        options=Options(**options),
    )


DW_PARAMS: dict[str, Any] = {
    "Action": "CreateConnection",
    "Version": "2020-05-18",
    "ConnectionType": "rds",
    "Content": '{"database":"db","password":"S3cret!pw"}',
    "EnvType": 1,
    "Name": "abc",
    "ProjectId": 1,
}
DAS_PATH = f"/v3/{DAS_OK['project_id']}/instances/{DAS_OK['instance_id']}/create-connection"


@pytest.mark.parametrize(
    ("change", "field", "rule"),
    [({"EnvType": 7}, "EnvType", "enum"), ({"Content": "not json"}, "Content", "pattern")],
)
def test_the_pipeline_validates_what_the_generated_code_passes(change: dict[str, Any], field: str, rule: str) -> None:
    """What every generated function hands the client is routed to its operation and checked before anything is
    signed or sent; with validation off it goes out as given."""
    with pytest.raises(InvalidParameterError) as info:
        _pipeline("dataworks_client").prepare("post", "/", params={**DW_PARAMS, **change})
    assert (info.value.field, info.value.rule) == (field, rule)
    assert "S3cret!pw" not in str(info.value)
    call = _pipeline("dataworks_client", validate=False).prepare("post", "/", params={**DW_PARAMS, **change})
    assert call.operation is not None and call.operation.operation_id == "CreateConnection"
    assert f"{field}=" in call.url


def test_the_pipeline_validates_das_bodies_and_path_parameters() -> None:
    das = _pipeline("das_client")
    with pytest.raises(InvalidParameterError) as info:
        das.prepare("post", DAS_PATH, json={**DAS_OK["body"], "port": 70000})
    assert (info.value.field, info.value.rule) == ("port", "maximum")
    with pytest.raises(InvalidParameterError) as info:
        das.prepare("post", DAS_PATH.replace(DAS_OK["project_id"], "short"), json=DAS_OK["body"])
    assert info.value.field == "project_id"
    call = das.prepare("post", DAS_PATH, json={**DAS_OK["body"], "port": 3413.0})
    assert call.operation is not None and call.operation.operation_id == "CreateInstanceConnection"
    assert b'"port":3413' in call.body and b"3413.0" not in call.body
    assert not call.idempotent  # a create: POST


def test_integral_floats_in_the_query_are_sent_as_integers() -> None:
    call = _pipeline("dataworks_client").prepare("post", "/", params={**DW_PARAMS, "ProjectId": 3413.0})
    assert "ProjectId=3413" in call.url and "3413.0" not in call.url


def test_a_request_no_operation_matches_is_sent_unchecked() -> None:
    """Only the spec's operations have rules; anything else (another Action, another path) passes as it is."""
    call = _pipeline("dataworks_client").prepare("post", "/", params={**DW_PARAMS, "Action": "Unknown", "EnvType": 7})
    assert call.operation is None and "EnvType=7" in call.url
