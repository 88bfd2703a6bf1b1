"""CreateConnection the safe way: validated against the spec before any byte is sent, signed, retried only when
that cannot create twice, and turned into the parsed body or a typed exception (a 200 with ``Success: false``
raises too). The generated ``create_connection.sync_detailed`` stays available for callers who want to inspect."""

from __future__ import annotations

import functools
from typing import Any, cast

from dataworks_client.api.data_sources import create_connection as generated
from dataworks_client.models.create_connection_env_type import CreateConnectionEnvType
from dataworks_client.models.create_connection_response_body import CreateConnectionResponseBody
from dataworks_client.types import UNSET, Unset

from .._core.calling import GeneratedResponse, OperationSpec, call_async, call_sync
from .._core.errors import InvalidParameterError
from .._core.validation import OperationValidator
from .client import DataWorksClient
from .content import ConnectionContent
from .errors import REQUEST_ID_HEADER, UnsuccessfulResponseError, error_from_body, parse_error


@functools.cache
def _validator() -> OperationValidator:
    """Built on first use: loading the spec costs milliseconds that importing the package should not."""
    return OperationValidator("alibabacloud-dataworks", "CreateConnection")


def _check_success(content: bytes) -> None:
    """A 200 body must match the spec's CreateConnectionResponseBody (e.g. ``Data`` an int64), not just parse."""
    _validator().check_success(content)


OPERATION: OperationSpec[CreateConnectionResponseBody] = OperationSpec(
    method="POST",
    path="/",
    success_type=CreateConnectionResponseBody,
    parse_error=parse_error,
    request_id_header=REQUEST_ID_HEADER,
    check_success=_check_success,
)


def _arguments(
    client: DataWorksClient,
    connection_type: str | None,
    content: str | ConnectionContent,
    env_type: int,
    name: str,
    project_id: int,
    region_id: str | Unset,
    description: str | Unset,
    sub_type: str | Unset,
) -> dict[str, Any]:
    """Validate everything and return the generated function's keyword arguments."""
    content_text = content if isinstance(content, str) else content.to_json()
    if not isinstance(content, str):
        if connection_type is None:
            connection_type = content.connection_type
        elif connection_type != content.connection_type:
            raise InvalidParameterError(
                "ConnectionType", "matches Content", connection_type, f"Content is for {content.connection_type!r}"
            )
    if connection_type is None:
        raise InvalidParameterError("ConnectionType", "required", "<missing>", "a required parameter is absent")
    if isinstance(region_id, Unset) and client.region:
        region_id = client.region
    values: dict[str, Any] = {
        **_validator().constants,  # Action and Version, as the generated function sends them
        "ConnectionType": connection_type,
        "Content": content_text,
        "EnvType": env_type,
        "Name": name,
        "ProjectId": project_id,
    }
    optional = {"RegionId": region_id, "Description": description, "SubType": sub_type}
    values.update({k: v for k, v in optional.items() if not isinstance(v, Unset)})
    checked = _validator().validate(values)  # integral floats (3413.0) come back as ints: send those
    return {
        "client": client,
        "connection_type": connection_type,
        "content": content_text,
        "env_type": cast(CreateConnectionEnvType, checked["EnvType"]),
        "name": name,
        "project_id": checked["ProjectId"],
        "region_id": region_id,
        "description": description,
        "sub_type": sub_type,
    }


def _checked(body: CreateConnectionResponseBody) -> CreateConnectionResponseBody:
    if body.success is True:
        return body
    envelope = {"RequestId": body.request_id, "Code": "Unsuccessful", "Message": "Success is false", **body.to_dict()}
    envelope.update(body.additional_properties)
    raise error_from_body(200, {}, envelope, method=OPERATION.method, path=OPERATION.path)


def create_connection(
    client: DataWorksClient,
    *,
    connection_type: str | None = None,
    content: str | ConnectionContent,
    env_type: int,
    name: str,
    project_id: int,
    region_id: str | Unset = UNSET,
    description: str | Unset = UNSET,
    sub_type: str | Unset = UNSET,
    max_attempts: int | None = None,
    retry_unsafe: bool | None = None,
) -> CreateConnectionResponseBody:
    """Create a data source; returns the body (``.data`` is the new id) or raises a ``cloudsign`` error.
    ``connection_type`` may be left out when ``content`` is a helper (it knows its type)."""
    kwargs = _arguments(client, connection_type, content, env_type, name, project_id, region_id, description, sub_type)
    policy = client.retry_policy.with_overrides(max_attempts, retry_unsafe)
    # Response.status_code is an HTTPStatus (an int); the protocol declares it int.
    return _checked(call_sync(OPERATION, lambda: cast(GeneratedResponse, generated.sync_detailed(**kwargs)), policy))


async def acreate_connection(
    client: DataWorksClient,
    *,
    connection_type: str | None = None,
    content: str | ConnectionContent,
    env_type: int,
    name: str,
    project_id: int,
    region_id: str | Unset = UNSET,
    description: str | Unset = UNSET,
    sub_type: str | Unset = UNSET,
    max_attempts: int | None = None,
    retry_unsafe: bool | None = None,
) -> CreateConnectionResponseBody:
    """The async twin of ``create_connection`` (aiohttp-backed by default)."""
    kwargs = _arguments(client, connection_type, content, env_type, name, project_id, region_id, description, sub_type)
    policy = client.retry_policy.with_overrides(max_attempts, retry_unsafe)

    async def send() -> GeneratedResponse:
        return cast(GeneratedResponse, await generated.asyncio_detailed(**kwargs))

    return _checked(await call_async(OPERATION, send, policy))


__all__ = ["OPERATION", "UnsuccessfulResponseError", "acreate_connection", "create_connection"]
