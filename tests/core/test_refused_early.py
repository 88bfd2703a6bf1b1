"""Input that used to fail late or untyped (issue 22, L1) is refused early and typed, and secrets nested in a
rejected value or a model's undocumented properties stay out of messages and reprs (L2).

Settings that cannot work fail when the client is built (``ConfigurationError``); request values that cannot be
sent fail before any byte is sent (``InvalidParameterError`` naming the field and the rule)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from cloudsign import alibabacloud, huaweicloud
from cloudsign._core.errors import ConfigurationError, InvalidParameterError

from ..e2e.clouds import CLOUDS, DAS_BODY, RawBody
from .hostile import answer, hostile

SECRET = "nested-secret-4b1e"
DAS, DW = CLOUDS[0], CLOUDS[1]


def _das(**kw: Any) -> Any:
    return huaweicloud.das_client(credentials=huaweicloud.Credentials("ak", "sk"), **kw)


def _dataworks(**kw: Any) -> Any:
    return alibabacloud.dataworks_client(credentials=alibabacloud.Credentials("ak", "sk"), **kw)


BUILDERS: dict[str, Callable[..., Any]] = {"das": _das, "dataworks": _dataworks}
ENDPOINT = {"endpoint": "http://127.0.0.1:9"}
BAD_SETTINGS: dict[str, dict[str, Any]] = {
    "timeout=-1": {**ENDPOINT, "timeout": -1},
    "timeout=nan": {**ENDPOINT, "timeout": float("nan")},
    "timeout='5'": {**ENDPOINT, "timeout": "5"},
    "timeout=0": {**ENDPOINT, "timeout": 0},
    "verify=/nonexistent.pem": {"endpoint": "https://127.0.0.1:9", "verify": "/nonexistent.pem"},
    "endpoint ends in a newline": {"endpoint": "http://127.0.0.1:9\n"},
    "endpoint with a tab": {"endpoint": "http://127.0.0.1:9/\t"},
    "max_attempts=True": {**ENDPOINT, "max_attempts": True},
    "validate='no'": {**ENDPOINT, "validate": "no"},
}


@pytest.mark.parametrize("setting", list(BAD_SETTINGS))
@pytest.mark.parametrize("cloud", list(BUILDERS))
def test_a_setting_that_cannot_work_fails_when_the_client_is_built(cloud: str, setting: str) -> None:
    with pytest.raises(ConfigurationError):
        BUILDERS[cloud](**BAD_SETTINGS[setting])


@pytest.mark.parametrize(("cloud", "region"), [("das", "cn-north-4\n"), ("dataworks", "cn-shanghai\n")])
def test_a_region_ending_in_a_newline_fails_when_the_client_is_built(cloud: str, region: str) -> None:
    with pytest.raises(ConfigurationError, match="region"):
        BUILDERS[cloud](region=region)
    BUILDERS[cloud](region=region.strip())  # the same region without it is fine


def test_good_settings_still_build() -> None:
    for build in BUILDERS.values():
        build(**ENDPOINT, timeout=2.5, max_attempts=2, validate=False, verify=False)
        build(endpoint="https://127.0.0.1:9", timeout=None, verify=True)


def _refused(cloud: Any, client: Any, **kw: Any) -> InvalidParameterError:
    """The error of a call refused before sending (a recording server proves nothing arrived)."""
    with hostile(lambda _r: answer("500 X", b"")) as (url, seen):
        with pytest.raises(InvalidParameterError) as caught:
            cloud.call(cloud.make_client(url, max_attempts=1, **client), **kw)
    assert seen.requests == [], "a refused request reached the server"
    str(caught.value), repr(caught.value)  # never an error of their own
    return caught.value


def test_an_integer_of_more_than_4300_digits_is_a_clean_error() -> None:
    error = _refused(DW, {}, project_id=10**5000)
    assert error.field == "ProjectId" and "digits" in str(error) and len(str(error)) < 600


@pytest.mark.parametrize("validate", [True, False])
def test_a_header_value_with_crlf_is_refused_before_sending(validate: bool) -> None:
    error = _refused(DAS, {"validate": validate}, x_language="en-us\r\nX-Injected: 1")
    assert error.field.lower() == "x-language"
    assert "X-Injected" not in str(error)


@pytest.mark.parametrize(
    ("body", "field"), [({"password": "pw\ud800"}, "password"), ({"remarks": "a\udfff"}, "remarks")]
)
def test_a_lone_surrogate_in_a_body_field_names_the_field(body: dict[str, Any], field: str) -> None:
    for validate in (True, False):
        error = _refused(DAS, {"validate": validate}, body=RawBody({**DAS_BODY, **body}))
        assert (error.field, error.rule) == (field, "encoding")


@pytest.mark.parametrize(
    "wrong",
    [
        {"engine_type": {"nested": {"password": SECRET}}},
        {"remarks": [{"db_password": SECRET}]},
        {"username": {"deeper": [{"auth": {"token": SECRET}}]}},
    ],
    ids=["dict", "list", "deep"],
)
def test_invalid_parameter_error_masks_nested_secrets(wrong: dict[str, Any]) -> None:
    error = _refused(DAS, {}, body=RawBody({**DAS_BODY, **wrong}))
    assert SECRET not in str(error) + repr(error) + repr(error.value)
    assert "***" in str(error)


def test_a_model_never_prints_its_undocumented_properties() -> None:
    from das_client.models import CreateInstanceConnectionRequestBody

    body = CreateInstanceConnectionRequestBody.from_dict(
        {**DAS_BODY, "extra": {"deep": [{"password": SECRET}]}, "other_secret": SECRET}
    )
    text = repr(body) + str(body)
    assert SECRET not in text
    assert "'extra'" in text and "'other_secret'" in text  # the names are shown, the values are not
