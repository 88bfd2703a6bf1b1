from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.list_connections_connection_type import (
    ListConnectionsConnectionType,
)
from ...models.list_connections_response_body import ListConnectionsResponseBody
from ...models.list_connections_x_language import ListConnectionsXLanguage
from ...types import UNSET, Response, Unset


def _segment(value: object) -> str:
    """A path value as ``quote(str(value), safe="")`` spells it; ASCII letters and digits, the usual ids, as they are."""
    text = str(value)
    return text if text.isalnum() and text.isascii() else quote(text, safe="")


def _get_kwargs(
    project_id: str,
    *,
    condition: str | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
    network_type: str | Unset = UNSET,
    datastore_type: str | Unset = UNSET,
    connection_type: ListConnectionsConnectionType | Unset = UNSET,
    instance_id: str | Unset = UNSET,
    x_language: ListConnectionsXLanguage | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_language, Unset):
        headers["X-Language"] = str(x_language)

    params: dict[str, Any] = {}

    params["condition"] = condition

    params["offset"] = offset

    params["limit"] = limit

    params["network_type"] = network_type

    params["datastore_type"] = datastore_type

    json_connection_type: str | Unset = UNSET
    if not isinstance(connection_type, Unset):
        json_connection_type = connection_type

    params["connection_type"] = json_connection_type

    params["instance_id"] = instance_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": f"/v3/{_segment(project_id)}/list-connections",
        "params": params,
        "extensions": {"openapi_operation": ("das_client", "ListConnections", {"project_id": project_id})},
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ListConnectionsResponseBody | None:
    if response.status_code == 200:
        response_200 = ListConnectionsResponseBody.from_dict(response.json())

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
) -> Response[Error | ListConnectionsResponseBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    condition: str | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
    network_type: str | Unset = UNSET,
    datastore_type: str | Unset = UNSET,
    connection_type: ListConnectionsConnectionType | Unset = UNSET,
    instance_id: str | Unset = UNSET,
    x_language: ListConnectionsXLanguage | Unset = UNSET,
) -> Response[Error | ListConnectionsResponseBody]:
    """Querying Connections

     This API is used to query the connections of a project, a page at a time (the official SDK's
    `ListConnections`), filtered by keyword, source, engine, connection type and instance.

    URI: `GET /v3/{project_id}/list-connections`.

    Args:
        project_id (str):
        condition (str | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.
        network_type (str | Unset):
        datastore_type (str | Unset):
        connection_type (ListConnectionsConnectionType | Unset):
        instance_id (str | Unset):
        x_language (ListConnectionsXLanguage | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ListConnectionsResponseBody]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        condition=condition,
        offset=offset,
        limit=limit,
        network_type=network_type,
        datastore_type=datastore_type,
        connection_type=connection_type,
        instance_id=instance_id,
        x_language=x_language,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    condition: str | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
    network_type: str | Unset = UNSET,
    datastore_type: str | Unset = UNSET,
    connection_type: ListConnectionsConnectionType | Unset = UNSET,
    instance_id: str | Unset = UNSET,
    x_language: ListConnectionsXLanguage | Unset = UNSET,
) -> Error | ListConnectionsResponseBody | None:
    """Querying Connections

     This API is used to query the connections of a project, a page at a time (the official SDK's
    `ListConnections`), filtered by keyword, source, engine, connection type and instance.

    URI: `GET /v3/{project_id}/list-connections`.

    Args:
        project_id (str):
        condition (str | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.
        network_type (str | Unset):
        datastore_type (str | Unset):
        connection_type (ListConnectionsConnectionType | Unset):
        instance_id (str | Unset):
        x_language (ListConnectionsXLanguage | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ListConnectionsResponseBody
    """

    return sync_detailed(
        project_id=project_id,
        client=client,
        condition=condition,
        offset=offset,
        limit=limit,
        network_type=network_type,
        datastore_type=datastore_type,
        connection_type=connection_type,
        instance_id=instance_id,
        x_language=x_language,
    ).parsed


async def asyncio_detailed(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    condition: str | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
    network_type: str | Unset = UNSET,
    datastore_type: str | Unset = UNSET,
    connection_type: ListConnectionsConnectionType | Unset = UNSET,
    instance_id: str | Unset = UNSET,
    x_language: ListConnectionsXLanguage | Unset = UNSET,
) -> Response[Error | ListConnectionsResponseBody]:
    """Querying Connections

     This API is used to query the connections of a project, a page at a time (the official SDK's
    `ListConnections`), filtered by keyword, source, engine, connection type and instance.

    URI: `GET /v3/{project_id}/list-connections`.

    Args:
        project_id (str):
        condition (str | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.
        network_type (str | Unset):
        datastore_type (str | Unset):
        connection_type (ListConnectionsConnectionType | Unset):
        instance_id (str | Unset):
        x_language (ListConnectionsXLanguage | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ListConnectionsResponseBody]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        condition=condition,
        offset=offset,
        limit=limit,
        network_type=network_type,
        datastore_type=datastore_type,
        connection_type=connection_type,
        instance_id=instance_id,
        x_language=x_language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    condition: str | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
    network_type: str | Unset = UNSET,
    datastore_type: str | Unset = UNSET,
    connection_type: ListConnectionsConnectionType | Unset = UNSET,
    instance_id: str | Unset = UNSET,
    x_language: ListConnectionsXLanguage | Unset = UNSET,
) -> Error | ListConnectionsResponseBody | None:
    """Querying Connections

     This API is used to query the connections of a project, a page at a time (the official SDK's
    `ListConnections`), filtered by keyword, source, engine, connection type and instance.

    URI: `GET /v3/{project_id}/list-connections`.

    Args:
        project_id (str):
        condition (str | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.
        network_type (str | Unset):
        datastore_type (str | Unset):
        connection_type (ListConnectionsConnectionType | Unset):
        instance_id (str | Unset):
        x_language (ListConnectionsXLanguage | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ListConnectionsResponseBody
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            client=client,
            condition=condition,
            offset=offset,
            limit=limit,
            network_type=network_type,
            datastore_type=datastore_type,
            connection_type=connection_type,
            instance_id=instance_id,
            x_language=x_language,
        )
    ).parsed


def _unwrap(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ListConnectionsResponseBody:
    if 200 <= response.status_code < 300:
        parsed: object = _parse_response(client=client, response=response)
        if hasattr(parsed, "_request_id"):
            setattr(parsed, "_request_id", response.extensions.get("request_id"))
        return cast(ListConnectionsResponseBody, parsed)
    raise errors.UnexpectedStatus(response.status_code, response.content)


def call(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    condition: str | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
    network_type: str | Unset = UNSET,
    datastore_type: str | Unset = UNSET,
    connection_type: ListConnectionsConnectionType | Unset = UNSET,
    instance_id: str | Unset = UNSET,
    x_language: ListConnectionsXLanguage | Unset = UNSET,
) -> ListConnectionsResponseBody:
    """Querying Connections

    Returns the parsed success body or raises. A cloudsign client raises its cloud's typed error (after its
    retries) before this point; any other client raises errors.UnexpectedStatus.

    Args:
        project_id (str):
        condition (str | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.
        network_type (str | Unset):
        datastore_type (str | Unset):
        connection_type (ListConnectionsConnectionType | Unset):
        instance_id (str | Unset):
        x_language (ListConnectionsXLanguage | Unset):

    Raises:
        errors.UnexpectedStatus: If the answer is not a 2xx and the client does not raise a typed error itself.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListConnectionsResponseBody
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        condition=condition,
        offset=offset,
        limit=limit,
        network_type=network_type,
        datastore_type=datastore_type,
        connection_type=connection_type,
        instance_id=instance_id,
        x_language=x_language,
    )

    kwargs["extensions"]["raise_for_status"] = True
    response = client.get_httpx_client().request(**kwargs)

    return _unwrap(client=client, response=response)


async def acall(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    condition: str | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
    network_type: str | Unset = UNSET,
    datastore_type: str | Unset = UNSET,
    connection_type: ListConnectionsConnectionType | Unset = UNSET,
    instance_id: str | Unset = UNSET,
    x_language: ListConnectionsXLanguage | Unset = UNSET,
) -> ListConnectionsResponseBody:
    """Querying Connections

    Returns the parsed success body or raises. A cloudsign client raises its cloud's typed error (after its
    retries) before this point; any other client raises errors.UnexpectedStatus.

    Args:
        project_id (str):
        condition (str | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.
        network_type (str | Unset):
        datastore_type (str | Unset):
        connection_type (ListConnectionsConnectionType | Unset):
        instance_id (str | Unset):
        x_language (ListConnectionsXLanguage | Unset):

    Raises:
        errors.UnexpectedStatus: If the answer is not a 2xx and the client does not raise a typed error itself.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListConnectionsResponseBody
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        condition=condition,
        offset=offset,
        limit=limit,
        network_type=network_type,
        datastore_type=datastore_type,
        connection_type=connection_type,
        instance_id=instance_id,
        x_language=x_language,
    )

    kwargs["extensions"]["raise_for_status"] = True
    response = await client.get_async_httpx_client().request(**kwargs)

    return _unwrap(client=client, response=response)
