"""CreateInstanceConnection with validation before sending, safe retries and typed errors (sync and async).

The generated ``create_instance_connection.sync_detailed`` / ``asyncio_detailed`` do the HTTP; this module only
checks the arguments against the spec first and turns the answer into the parsed body or a ``DASError``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, cast

from cloudsign._core.calling import GeneratedResponse, OperationSpec, call_async, call_sync
from cloudsign._core.retry import RetryPolicy
from cloudsign._core.validation import OperationValidator
from das_client import AuthenticatedClient, Client
from das_client.api.connections import create_instance_connection as _generated
from das_client.models import CreateInstanceConnectionRequestBody, CreateInstanceConnectionResponseBody
from das_client.models.create_instance_connection_x_language import CreateInstanceConnectionXLanguage
from das_client.types import UNSET, Unset

from .errors import REQUEST_ID_HEADER, parse_error

SPEC = "huaweicloud-das"
OPERATION = "CreateInstanceConnection"
Body = CreateInstanceConnectionRequestBody | Mapping[str, Any]


@functools.cache
def validator() -> OperationValidator:
    """Built on first use: loading the spec costs milliseconds that importing the package should not."""
    return OperationValidator(SPEC, OPERATION)


def _check_success(content: bytes) -> None:
    validator().check_success(content)


_OP = OperationSpec(
    method="POST",
    path="/v3/{project_id}/instances/{instance_id}/create-connection",
    success_type=CreateInstanceConnectionResponseBody,
    parse_error=parse_error,
    request_id_header=REQUEST_ID_HEADER,
    check_success=_check_success,
)


def _prepare(
    project_id: str, instance_id: str, body: Body, x_language: CreateInstanceConnectionXLanguage | Unset
) -> CreateInstanceConnectionRequestBody:
    raw = body.to_dict() if isinstance(body, CreateInstanceConnectionRequestBody) else dict(body)
    values: dict[str, Any] = {"project_id": project_id, "instance_id": instance_id, "body": raw}
    if not isinstance(x_language, Unset):
        values["X-Language"] = x_language
    checked = validator().validate(values)
    return CreateInstanceConnectionRequestBody.from_dict(checked["body"])


def _policy(client: Client | AuthenticatedClient, max_attempts: int | None, retry_unsafe: bool | None) -> RetryPolicy:
    base = getattr(client, "retry_policy", None)
    policy = base if isinstance(base, RetryPolicy) else RetryPolicy()
    return policy.with_overrides(max_attempts, retry_unsafe)


def create_instance_connection(
    client: Client | AuthenticatedClient,
    project_id: str,
    instance_id: str,
    *,
    body: Body,
    x_language: CreateInstanceConnectionXLanguage | Unset = UNSET,
    max_attempts: int | None = None,
    retry_unsafe: bool | None = None,
) -> CreateInstanceConnectionResponseBody:
    """Create a DAS instance connection; returns the parsed body or raises a ``DASError``/``APIError``.

    Raises ``InvalidParameterError`` before sending when an argument breaks the spec."""
    model = _prepare(project_id, instance_id, body, x_language)
    policy = _policy(client, max_attempts, retry_unsafe)

    def send() -> GeneratedResponse:
        # The generated Response has ``status_code: HTTPStatus`` (an int); the protocol spells it ``int``.
        return cast(
            GeneratedResponse,
            _generated.sync_detailed(project_id, instance_id, client=client, body=model, x_language=x_language),
        )

    return call_sync(_OP, send, policy)


async def acreate_instance_connection(
    client: Client | AuthenticatedClient,
    project_id: str,
    instance_id: str,
    *,
    body: Body,
    x_language: CreateInstanceConnectionXLanguage | Unset = UNSET,
    max_attempts: int | None = None,
    retry_unsafe: bool | None = None,
) -> CreateInstanceConnectionResponseBody:
    """The async twin of ``create_instance_connection``."""
    model = _prepare(project_id, instance_id, body, x_language)
    policy = _policy(client, max_attempts, retry_unsafe)

    async def send() -> GeneratedResponse:
        response = await _generated.asyncio_detailed(
            project_id, instance_id, client=client, body=model, x_language=x_language
        )
        return cast(GeneratedResponse, response)

    return await call_async(_OP, send, policy)
