"""parse_error maps Huawei error answers to the right classes, with code, message, request id and retry-after."""

from __future__ import annotations

import json

import pytest

from cloudsign._core import errors as core
from cloudsign._core.pipeline import Options
from cloudsign.huaweicloud import errors
from cloudsign.huaweicloud.errors import parse_error


def body(code: str, msg: str = "m", rid: str | None = "body-rid") -> bytes:
    data = {"error_code": code, "error_msg": msg}
    if rid:
        data["request_id"] = rid
    return json.dumps(data).encode()


# The last column is the class the README's rules give, written out from the spec's error examples
# (specs/huaweicloud-das.yaml: DAS.200100 under 400, APIGW.0301 under 401, APIGW.0101 under 404, APIGW.0308 under
# 429, DAS.100000 under 500, APIGW.0202 under 502 and 503; DAS.200051 and DAS.X are not documented). APIGW.0202's
# class is made from its first status (502, a ServerError), so under 503 the status's own kind wins.
@pytest.mark.parametrize(
    ("status", "code", "cls", "core_cls", "expected"),
    [
        (400, "DAS.200100", errors.BadRequestError, core.BadRequestError, "DAS200100Error"),
        (401, "APIGW.0301", errors.AuthenticationError, core.AuthenticationError, "APIGW0301Error"),
        (403, "DAS.200051", errors.PermissionDeniedError, core.PermissionDeniedError, "PermissionDeniedError"),
        (404, "APIGW.0101", errors.NotFoundError, core.NotFoundError, "APIGW0101Error"),
        (409, "DAS.X", errors.ClientError, core.ClientError, "ClientError"),
        (429, "APIGW.0308", errors.ThrottlingError, core.ThrottlingError, "APIGW0308Error"),
        (500, "DAS.100000", errors.ServerError, core.ServerError, "DAS100000Error"),
        (502, "APIGW.0202", errors.ServerError, core.ServerError, "APIGW0202Error"),
        (503, "APIGW.0202", errors.ServiceUnavailableError, core.ServiceUnavailableError, "ServiceUnavailableError"),
    ],
)
def test_status_to_class(status: int, code: str, cls: type, core_cls: type, expected: str) -> None:
    """A code the spec documents gets its own class, a subclass of the one its status and code pick; a code
    documented under another kind of status (APIGW.0202: 502 and 503) keeps the class its status picks."""
    err = parse_error(status, {}, body(code, "boom"), method="POST", path="/x")
    assert type(err).__name__ == expected and type(err).__module__ == errors.__name__
    assert isinstance(err, cls)
    assert isinstance(err, core_cls) and isinstance(err, errors.DASError)
    assert isinstance(err, core.APIStatusError)
    assert err.status_code == status and err.code == code and err.message == "boom"
    assert err.request_id == "body-rid"


def test_throttling_carries_retry_after_and_is_retryable() -> None:
    err = parse_error(429, {"Retry-After": "3"}, body("APIGW.0308"), method="POST", path="/x")
    assert isinstance(err, errors.ThrottlingError)
    assert err.retry_after == 3.0
    assert Options().is_retryable(err, idempotent=False)
    assert Options().delay(1, err) == 3.0


@pytest.mark.parametrize(
    ("name", "code", "status", "base"),
    [
        ("APIGW0308Error", "APIGW.0308", 429, errors.ThrottlingError),
        ("APIGW0301Error", "APIGW.0301", 401, errors.AuthenticationError),
        ("DAS200100Error", "DAS.200100", 400, errors.BadRequestError),
        ("DAS100000Error", "DAS.100000", 500, errors.ServerError),
    ],
)
def test_documented_codes_have_named_classes(name: str, code: str, status: int, base: type) -> None:
    """The spec's error examples make the classes: importable by name, subclasses of the kind the code picks,
    raised for their code under the status the spec documents it with."""
    cls = getattr(errors, name)
    assert errors.DOCUMENTED.table[code] is cls and cls.__module__ == errors.__name__
    assert issubclass(cls, base) and issubclass(cls, errors.DASError)
    assert type(parse_error(status, {}, body(code), method="POST", path="/x")) is cls
    assert type(parse_error(418, {}, body(code), method="POST", path="/x")) is not cls
    with pytest.raises(AttributeError):
        errors.DAS999999Error  # noqa: B018


def test_documented_classes_are_reachable_by_their_name() -> None:
    assert len(errors.DOCUMENTED.table) >= 4
    for cls in errors.DOCUMENTED.table.values():
        assert getattr(errors, cls.__name__) is cls, cls.__name__


def test_throttling_code_on_other_status() -> None:
    err = parse_error(400, {}, body("APIGW.0308"), method="POST", path="/x")
    assert isinstance(err, errors.ThrottlingError) and err.retry_after is None


def test_request_id_falls_back_to_header() -> None:
    err = parse_error(401, {"x-request-id": "hdr"}, body("APIGW.0301", rid=None), method="POST", path="/x")
    assert isinstance(err, errors.AuthenticationError)
    assert err.request_id == "hdr"


@pytest.mark.parametrize(
    "content",
    [b"<html><body>502 Bad Gateway</body></html>", b'{"error_code": "X"', b'{"error_msg": "no code"}', b"[]", b""],
)
def test_non_huawei_bodies_are_validation_errors(content: bytes) -> None:
    err = parse_error(502, {"X-Request-Id": "hdr"}, content, method="POST", path="/x")
    assert isinstance(err, core.APIResponseValidationError) and isinstance(err, errors.DASError)
    assert err.status_code == 502 and err.request_id == "hdr"
    assert not Options().is_retryable(err, idempotent=False)


def test_500_not_retried_unless_opted_in_or_idempotent() -> None:
    err = parse_error(500, {}, body("DAS.100000"), method="POST", path="/x")
    assert not Options().is_retryable(err, idempotent=False)
    assert Options(retry_unsafe=True).is_retryable(err, idempotent=False)
    assert Options().is_retryable(err, idempotent=True)


def test_str_shows_code_and_request_id() -> None:
    err = parse_error(401, {}, body("APIGW.0301", "verify aksk signature fail", "rid1"), method="POST", path="/x")
    assert str(err) == "HTTP 401 APIGW.0301: verify aksk signature fail (request id rid1)"
