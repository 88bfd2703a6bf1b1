from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.show_connection_detail_response_body import ShowConnectionDetailResponseBody
from ...types import Response


def _segment(value: object) -> str:
    """A path value as ``quote(str(value), safe="")`` spells it; ASCII letters and digits, the usual ids, as they are."""
    text = str(value)
    return text if text.isalnum() and text.isascii() else quote(text, safe="")


def _get_kwargs(
    project_id: str,
    connection_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": f"/v3/{_segment(project_id)}/connections/{_segment(connection_id)}",
        "extensions": {
            "openapi_operation": (
                "das_client",
                "ShowConnectionDetail",
                {"project_id": project_id, "connection_id": connection_id},
            )
        },
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ShowConnectionDetailResponseBody | None:
    if response.status_code == 200:
        response_200 = ShowConnectionDetailResponseBody.from_dict(response.json())

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
) -> Response[Error | ShowConnectionDetailResponseBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    project_id: str,
    connection_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | ShowConnectionDetailResponseBody]:
    """Querying Connection Details

     This API is used to query the details of a connection (the official SDK's `ShowConnectionDetail`).

    URI: `GET /v3/{project_id}/connections/{connection_id}`. An unknown or deleted connection is
    answered
    with 400 `DAS.200100` (see "Resolutions of ambiguities").

    Args:
        project_id (str):
        connection_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ShowConnectionDetailResponseBody]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        connection_id=connection_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_id: str,
    connection_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Error | ShowConnectionDetailResponseBody | None:
    """Querying Connection Details

     This API is used to query the details of a connection (the official SDK's `ShowConnectionDetail`).

    URI: `GET /v3/{project_id}/connections/{connection_id}`. An unknown or deleted connection is
    answered
    with 400 `DAS.200100` (see "Resolutions of ambiguities").

    Args:
        project_id (str):
        connection_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ShowConnectionDetailResponseBody
    """

    return sync_detailed(
        project_id=project_id,
        connection_id=connection_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    project_id: str,
    connection_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | ShowConnectionDetailResponseBody]:
    """Querying Connection Details

     This API is used to query the details of a connection (the official SDK's `ShowConnectionDetail`).

    URI: `GET /v3/{project_id}/connections/{connection_id}`. An unknown or deleted connection is
    answered
    with 400 `DAS.200100` (see "Resolutions of ambiguities").

    Args:
        project_id (str):
        connection_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ShowConnectionDetailResponseBody]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        connection_id=connection_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_id: str,
    connection_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Error | ShowConnectionDetailResponseBody | None:
    """Querying Connection Details

     This API is used to query the details of a connection (the official SDK's `ShowConnectionDetail`).

    URI: `GET /v3/{project_id}/connections/{connection_id}`. An unknown or deleted connection is
    answered
    with 400 `DAS.200100` (see "Resolutions of ambiguities").

    Args:
        project_id (str):
        connection_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ShowConnectionDetailResponseBody
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            connection_id=connection_id,
            client=client,
        )
    ).parsed


def _unwrap(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ShowConnectionDetailResponseBody:
    if 200 <= response.status_code < 300:
        parsed: object = _parse_response(client=client, response=response)
        if hasattr(parsed, "_request_id"):
            setattr(parsed, "_request_id", response.extensions.get("request_id"))
        return cast(ShowConnectionDetailResponseBody, parsed)
    raise errors.UnexpectedStatus(response.status_code, response.content)


def call(
    project_id: str,
    connection_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ShowConnectionDetailResponseBody:
    """Querying Connection Details

    Returns the parsed success body or raises. A cloudsign client raises its cloud's typed error (after its
    retries) before this point; any other client raises errors.UnexpectedStatus.

    Args:
        project_id (str):
        connection_id (str):

    Raises:
        errors.UnexpectedStatus: If the answer is not a 2xx and the client does not raise a typed error itself.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ShowConnectionDetailResponseBody
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        connection_id=connection_id,
    )

    kwargs["extensions"]["raise_for_status"] = True
    response = client.get_httpx_client().request(**kwargs)

    return _unwrap(client=client, response=response)


async def acall(
    project_id: str,
    connection_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ShowConnectionDetailResponseBody:
    """Querying Connection Details

    Returns the parsed success body or raises. A cloudsign client raises its cloud's typed error (after its
    retries) before this point; any other client raises errors.UnexpectedStatus.

    Args:
        project_id (str):
        connection_id (str):

    Raises:
        errors.UnexpectedStatus: If the answer is not a 2xx and the client does not raise a typed error itself.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ShowConnectionDetailResponseBody
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        connection_id=connection_id,
    )

    kwargs["extensions"]["raise_for_status"] = True
    response = await client.get_async_httpx_client().request(**kwargs)

    return _unwrap(client=client, response=response)
