"""parse_error: Alibaba's envelope to typed errors, the documented codes, throttling waits, non-envelopes."""

from __future__ import annotations

import json

import pytest

from cloudsign._core import errors as core
from cloudsign.alibabacloud import errors


def _parse(status: int, body: object, headers: dict[str, str] | None = None) -> core.APIError:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return errors.parse_error(status, headers or {}, content, method="POST", path="/")


def _envelope(code: str) -> dict[str, str]:
    return {"RequestId": "rid-1", "HostId": "h", "Code": code, "Message": f"msg {code}"}


@pytest.mark.parametrize(
    ("status", "code", "cls", "core_cls"),
    [
        (400, "Invalid.Tenant.ConnectionNotExists", errors.ConnectionNotExistsError, core.BadRequestError),
        (400, "Invalid.Tenant.ProjectNotExists", errors.ProjectNotExistsError, core.BadRequestError),
        (400, "Invalid.Tenant.UserNotInProject", errors.UserNotInProjectError, core.BadRequestError),
        (403, "Invalid.Tenant.UserIsNotProjectOwnerOrAdmin", errors.UserIsNotProjectOwnerOrAdminError,
         core.PermissionDeniedError),
        (403, "Invalid.Tenant.UserNotInTenant", errors.UserNotInTenantError, core.PermissionDeniedError),
        (400, "SignatureDoesNotMatch", errors.AuthenticationError, core.AuthenticationError),
        (400, "IncompleteSignature", errors.AuthenticationError, core.AuthenticationError),
        (400, "SignatureNonceUsed", errors.AuthenticationError, core.AuthenticationError),
        (400, "InvalidTimeStamp.Expired", errors.AuthenticationError, core.AuthenticationError),
        (404, "InvalidAccessKeyId.NotFound", errors.AuthenticationError, core.AuthenticationError),
        (400, "MissingParameter", errors.BadRequestError, core.BadRequestError),
        (403, "Forbidden.RAM", errors.PermissionDeniedError, core.PermissionDeniedError),
        (404, "InvalidAction.NotFound", errors.NotFoundError, core.NotFoundError),
        (400, "Throttling.User", errors.ThrottlingError, core.ThrottlingError),
        (500, "InternalError", errors.ServerError, core.ServerError),
        (503, "ServiceUnavailable", errors.ServiceUnavailableError, core.ServiceUnavailableError),
        (409, "Conflict", errors.ClientError, core.ClientError),
    ],
)  # fmt: skip
def test_envelope_maps_to_class(status: int, code: str, cls: type, core_cls: type) -> None:
    err = _parse(status, _envelope(code))
    assert type(err) is cls and isinstance(err, core_cls) and isinstance(err, errors.DataWorksError)
    assert isinstance(err, core.APIStatusError)
    assert (err.status_code, err.code, err.request_id, err.message) == (status, code, "rid-1", f"msg {code}")
    assert "rid-1" in str(err)


def test_documented_codes_are_all_distinct_classes() -> None:
    assert set(errors.DOCUMENTED) == set(errors.DocumentedCode.__args__)  # type: ignore[attr-defined]
    assert len(set(errors.DOCUMENTED.values())) == 5


def test_throttling_retry_after_from_either_header() -> None:
    ms = _parse(429, _envelope("Throttling.User"), {"x-acs-retry-after": "1500", "Retry-After": "9"})
    s = _parse(429, _envelope("Throttling"), {"Retry-After": "2"})
    none = _parse(429, _envelope("Throttling"))
    assert isinstance(ms, errors.ThrottlingError) and ms.retry_after == 1.5
    assert isinstance(s, errors.ThrottlingError) and s.retry_after == 2.0
    assert isinstance(none, errors.ThrottlingError) and none.retry_after is None


@pytest.mark.parametrize(
    "content",
    [b"<html><body>502 Bad Gateway</body></html>", b'{"RequestId": "x", "Cod', b'{"RequestId": "x"}', b"[1]", b""],
)
def test_non_envelopes_are_response_validation_errors(content: bytes) -> None:
    err = _parse(500, content, {"x-acs-request-id": "hdr-rid"})
    assert isinstance(err, core.APIResponseValidationError) and err.status_code == 500
    assert err.request_id in ("hdr-rid", "x")
