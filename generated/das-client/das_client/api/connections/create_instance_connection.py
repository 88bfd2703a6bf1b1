from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_instance_connection_request_body import CreateInstanceConnectionRequestBody
from ...models.create_instance_connection_response_body import CreateInstanceConnectionResponseBody
from ...models.create_instance_connection_x_language import (
    CreateInstanceConnectionXLanguage,
)
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _segment(value: object) -> str:
    """A path value as ``quote(str(value), safe="")`` spells it; ASCII letters and digits, the usual ids, as they are."""
    text = str(value)
    return text if text.isalnum() and text.isascii() else quote(text, safe="")


def _get_kwargs(
    project_id: str,
    instance_id: str,
    *,
    body: CreateInstanceConnectionRequestBody,
    x_language: CreateInstanceConnectionXLanguage | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_language, Unset):
        headers["X-Language"] = str(x_language)

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": f"/v3/{_segment(project_id)}/instances/{_segment(instance_id)}/create-connection",
        "extensions": {
            "openapi_operation": (
                "das_client",
                "CreateInstanceConnection",
                {"project_id": project_id, "instance_id": instance_id},
            )
        },
    }

    # cloudsign: a body the type checker could not vouch for (None, a str, a dict) goes to the client as it is, whose
    # validation refuses it naming `body` before anything is sent (instead of an AttributeError here).
    _kwargs["json"] = body.to_dict() if hasattr(body, "to_dict") else body
    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreateInstanceConnectionResponseBody | Error | None:
    if response.status_code == 200:
        response_200 = CreateInstanceConnectionResponseBody.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if response.status_code == 502:
        response_502 = Error.from_dict(response.json())

        return response_502

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())

        return response_503

    if response.status_code == 504:
        response_504 = Error.from_dict(response.json())

        return response_504

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CreateInstanceConnectionResponseBody | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    project_id: str,
    instance_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateInstanceConnectionRequestBody,
    x_language: CreateInstanceConnectionXLanguage | Unset = UNSET,
) -> Response[CreateInstanceConnectionResponseBody | Error]:
    """Creating an Instance Connection

     This API is used to create an instance connection.

    URI: `POST /v3/{project_id}/instances/{instance_id}/create-connection`.
    Required permission: `das:instance:createConnection` (Write, resource type Instance, alias
    `das:connections:create`).

    Args:
        project_id (str):
        instance_id (str):
        x_language (CreateInstanceConnectionXLanguage | Unset):
        body (CreateInstanceConnectionRequestBody): Request body parameters of Creating an
            Instance Connection.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateInstanceConnectionResponseBody | Error]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        instance_id=instance_id,
        body=body,
        x_language=x_language,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_id: str,
    instance_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateInstanceConnectionRequestBody,
    x_language: CreateInstanceConnectionXLanguage | Unset = UNSET,
) -> CreateInstanceConnectionResponseBody | Error | None:
    """Creating an Instance Connection

     This API is used to create an instance connection.

    URI: `POST /v3/{project_id}/instances/{instance_id}/create-connection`.
    Required permission: `das:instance:createConnection` (Write, resource type Instance, alias
    `das:connections:create`).

    Args:
        project_id (str):
        instance_id (str):
        x_language (CreateInstanceConnectionXLanguage | Unset):
        body (CreateInstanceConnectionRequestBody): Request body parameters of Creating an
            Instance Connection.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateInstanceConnectionResponseBody | Error
    """

    return sync_detailed(
        project_id=project_id,
        instance_id=instance_id,
        client=client,
        body=body,
        x_language=x_language,
    ).parsed


async def asyncio_detailed(
    project_id: str,
    instance_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateInstanceConnectionRequestBody,
    x_language: CreateInstanceConnectionXLanguage | Unset = UNSET,
) -> Response[CreateInstanceConnectionResponseBody | Error]:
    """Creating an Instance Connection

     This API is used to create an instance connection.

    URI: `POST /v3/{project_id}/instances/{instance_id}/create-connection`.
    Required permission: `das:instance:createConnection` (Write, resource type Instance, alias
    `das:connections:create`).

    Args:
        project_id (str):
        instance_id (str):
        x_language (CreateInstanceConnectionXLanguage | Unset):
        body (CreateInstanceConnectionRequestBody): Request body parameters of Creating an
            Instance Connection.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateInstanceConnectionResponseBody | Error]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        instance_id=instance_id,
        body=body,
        x_language=x_language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_id: str,
    instance_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateInstanceConnectionRequestBody,
    x_language: CreateInstanceConnectionXLanguage | Unset = UNSET,
) -> CreateInstanceConnectionResponseBody | Error | None:
    """Creating an Instance Connection

     This API is used to create an instance connection.

    URI: `POST /v3/{project_id}/instances/{instance_id}/create-connection`.
    Required permission: `das:instance:createConnection` (Write, resource type Instance, alias
    `das:connections:create`).

    Args:
        project_id (str):
        instance_id (str):
        x_language (CreateInstanceConnectionXLanguage | Unset):
        body (CreateInstanceConnectionRequestBody): Request body parameters of Creating an
            Instance Connection.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateInstanceConnectionResponseBody | Error
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            instance_id=instance_id,
            client=client,
            body=body,
            x_language=x_language,
        )
    ).parsed


def _unwrap(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CreateInstanceConnectionResponseBody:
    if 200 <= response.status_code < 300:
        parsed: object = _parse_response(client=client, response=response)
        if hasattr(parsed, "_request_id"):
            setattr(parsed, "_request_id", response.extensions.get("request_id"))
        return cast(CreateInstanceConnectionResponseBody, parsed)
    raise errors.UnexpectedStatus(response.status_code, response.content)


def call(
    project_id: str,
    instance_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateInstanceConnectionRequestBody,
    x_language: CreateInstanceConnectionXLanguage | Unset = UNSET,
) -> CreateInstanceConnectionResponseBody:
    """Creating an Instance Connection

    Returns the parsed success body or raises. A cloudsign client raises its cloud's typed error (after its
    retries) before this point; any other client raises errors.UnexpectedStatus.

    Args:
        project_id (str):
        instance_id (str):
        x_language (CreateInstanceConnectionXLanguage | Unset):
        body (CreateInstanceConnectionRequestBody): Request body parameters of Creating an
            Instance Connection.

    Raises:
        errors.UnexpectedStatus: If the answer is not a 2xx and the client does not raise a typed error itself.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateInstanceConnectionResponseBody
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        instance_id=instance_id,
        body=body,
        x_language=x_language,
    )

    kwargs["extensions"]["raise_for_status"] = True
    response = client.get_httpx_client().request(**kwargs)

    return _unwrap(client=client, response=response)


async def acall(
    project_id: str,
    instance_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateInstanceConnectionRequestBody,
    x_language: CreateInstanceConnectionXLanguage | Unset = UNSET,
) -> CreateInstanceConnectionResponseBody:
    """Creating an Instance Connection

    Returns the parsed success body or raises. A cloudsign client raises its cloud's typed error (after its
    retries) before this point; any other client raises errors.UnexpectedStatus.

    Args:
        project_id (str):
        instance_id (str):
        x_language (CreateInstanceConnectionXLanguage | Unset):
        body (CreateInstanceConnectionRequestBody): Request body parameters of Creating an
            Instance Connection.

    Raises:
        errors.UnexpectedStatus: If the answer is not a 2xx and the client does not raise a typed error itself.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateInstanceConnectionResponseBody
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        instance_id=instance_id,
        body=body,
        x_language=x_language,
    )

    kwargs["extensions"]["raise_for_status"] = True
    response = await client.get_async_httpx_client().request(**kwargs)

    return _unwrap(client=client, response=response)
