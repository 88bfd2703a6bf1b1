"""parse_error: Alibaba's envelope to typed errors, the documented codes, throttling waits, non-envelopes."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cloudsign._core import errors as core
from cloudsign.alibabacloud import errors


def _parse(status: int, body: object, headers: dict[str, str] | None = None) -> core.APIError:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return errors.parse_error(status, headers or {}, content, method="POST", path="/")


def _envelope(code: str) -> dict[str, str]:
    return {"RequestId": "rid-1", "HostId": "h", "Code": code, "Message": f"msg {code}"}


@pytest.mark.parametrize(
    ("status", "code", "cls", "core_cls", "expected"),
    [
        (400, "Invalid.Tenant.ConnectionNotExists", errors.BadRequestError, core.BadRequestError,
         "InvalidTenantConnectionNotExistsError"),
        (400, "Invalid.Tenant.ProjectNotExists", errors.BadRequestError, core.BadRequestError,
         "InvalidTenantProjectNotExistsError"),
        (400, "Invalid.Tenant.UserNotInProject", errors.BadRequestError, core.BadRequestError,
         "InvalidTenantUserNotInProjectError"),
        (403, "Invalid.Tenant.UserIsNotProjectOwnerOrAdmin", errors.PermissionDeniedError,
         core.PermissionDeniedError, "InvalidTenantUserIsNotProjectOwnerOrAdminError"),
        (403, "Invalid.Tenant.UserNotInTenant", errors.PermissionDeniedError, core.PermissionDeniedError,
         "InvalidTenantUserNotInTenantError"),
        (400, "SignatureDoesNotMatch", errors.AuthenticationError, core.AuthenticationError,
         "SignatureDoesNotMatchError"),
        (400, "IncompleteSignature", errors.AuthenticationError, core.AuthenticationError, "AuthenticationError"),
        (400, "SignatureNonceUsed", errors.AuthenticationError, core.AuthenticationError, "AuthenticationError"),
        (400, "InvalidTimeStamp.Expired", errors.AuthenticationError, core.AuthenticationError, "AuthenticationError"),
        (404, "InvalidAccessKeyId.NotFound", errors.AuthenticationError, core.AuthenticationError,
         "InvalidAccessKeyIdNotFoundError"),
        (400, "MissingParameter", errors.BadRequestError, core.BadRequestError, "BadRequestError"),
        (403, "Forbidden.RAM", errors.PermissionDeniedError, core.PermissionDeniedError, "PermissionDeniedError"),
        (404, "InvalidAction.NotFound", errors.NotFoundError, core.NotFoundError, "NotFoundError"),
        (400, "Throttling.User", errors.ThrottlingError, core.ThrottlingError, "ThrottlingError"),
        (500, "InternalError", errors.ServerError, core.ServerError, "InternalError"),
        (503, "ServiceUnavailable", errors.ServiceUnavailableError, core.ServiceUnavailableError,
         "ServiceUnavailableError"),
        (409, "Conflict", errors.ClientError, core.ClientError, "ClientError"),
    ],
)  # fmt: skip
def test_envelope_maps_to_class(status: int, code: str, cls: type, core_cls: type, expected: str) -> None:
    """A documented code gets its own class (a subclass of the class its status and code pick); any other code
    gets that class itself. ``expected`` is written out from the error examples of specs/alibabacloud-*.yaml
    (Throttling.User is documented under 429 only, so under 400 it is the plain ThrottlingError)."""
    err = _parse(status, _envelope(code))
    assert type(err).__name__ == expected and type(err).__module__ == errors.__name__
    assert isinstance(err, cls) and isinstance(err, core_cls) and isinstance(err, errors.DataWorksError)
    assert isinstance(err, core.APIStatusError)
    assert (err.status_code, err.code, err.request_id, err.message) == (status, code, "rid-1", f"msg {code}")
    assert "rid-1" in str(err)


@pytest.mark.parametrize(
    ("name", "code", "status", "base"),
    [
        ("InvalidTenantConnectionNotExistsError", "Invalid.Tenant.ConnectionNotExists", 400, errors.BadRequestError),
        ("InvalidTenantProjectNotExistsError", "Invalid.Tenant.ProjectNotExists", 400, errors.BadRequestError),
        ("InvalidTenantUserNotInProjectError", "Invalid.Tenant.UserNotInProject", 400, errors.BadRequestError),
        ("InvalidTenantUserIsNotProjectOwnerOrAdminError", "Invalid.Tenant.UserIsNotProjectOwnerOrAdmin", 403,
         errors.PermissionDeniedError),
        ("InvalidTenantUserNotInTenantError", "Invalid.Tenant.UserNotInTenant", 403, errors.PermissionDeniedError),
        ("ThrottlingUserError", "Throttling.User", 429, errors.ThrottlingError),
    ],
)  # fmt: skip
def test_documented_codes_have_named_classes(name: str, code: str, status: int, base: type) -> None:
    """The spec's error examples make the classes: importable by name, subclasses of the kind their status picks,
    and raised for their code under the status the spec documents it with."""
    cls = getattr(errors, name)
    assert errors.DOCUMENTED.table[code] is cls and errors.DOCUMENTED.get(code, status) is cls
    assert issubclass(cls, base) and issubclass(cls, errors.DataWorksError) and cls.__module__ == errors.__name__
    assert type(_parse(status, _envelope(code))) is cls
    undocumented = _parse(418, _envelope(code))  # the same code under a status the spec does not give it
    assert type(undocumented) is not cls and errors.DOCUMENTED.get(code, 418) is None
    with pytest.raises(AttributeError):
        errors.NoSuchCodeError  # noqa: B018


def test_documented_codes_are_all_distinct_classes() -> None:
    table = errors.DOCUMENTED.table
    assert len(set(table.values())) == len(table) >= 5
    assert {"Invalid.Tenant.ProjectNotExists", "Invalid.Tenant.UserIsNotProjectOwnerOrAdmin"} <= set(table)


def test_documented_classes_are_reachable_by_their_name() -> None:
    for cls in errors.DOCUMENTED.table.values():
        assert getattr(errors, cls.__name__) is cls, cls.__name__


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


def test_a_200_whose_body_says_success_false_raises_unsuccessful_response_error() -> None:
    """README: "2xx whose envelope says Success: false (Alibaba)": ``call`` raises UnsuccessfulResponseError (not
    retried) on the default backend; ``sync_detailed`` hands the answer back as it came."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    from cloudsign.alibabacloud import Credentials, dataworks_client
    from cloudsign.emulator.app import running
    from dataworks_client.api.data_sources import create_connection as op

    answers: list[str] = []

    async def unsuccessful(request: Request) -> JSONResponse:
        answers.append(request.url.query)
        envelope = {"RequestId": "rid-u", "Success": False, "HttpStatusCode": 200, "Code": "Busy.Now", "Message": "m"}
        return JSONResponse(envelope, headers={"x-acs-request-id": "rid-u"})

    app = Starlette(routes=[Route("/", unsuccessful, methods=["POST"])])
    args: dict[str, Any] = {"connection_type": "rds", "content": "{}", "env_type": 1, "name": "abc", "project_id": 7}
    with running(app) as url:
        client = dataworks_client(region="cn-shanghai", endpoint=url, credentials=Credentials("ak", "sk"))
        assert client.get_httpx_client().backend == "stdlib"  # type: ignore[attr-defined]
        with pytest.raises(errors.UnsuccessfulResponseError) as info:
            op.call(client=client, **args)
        assert len(answers) == 1, "a 200 that says it failed is an answer, not a fault: never sent again"
        assert (info.value.status_code, info.value.code, info.value.request_id) == (200, "Busy.Now", "rid-u")
        assert isinstance(info.value, errors.DataWorksError) and not isinstance(info.value, core.ClientError)
        assert op.sync_detailed(client=client, **args).status_code == 200 and len(answers) == 2
