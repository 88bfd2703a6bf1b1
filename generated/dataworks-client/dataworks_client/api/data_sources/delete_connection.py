from http import HTTPStatus
from typing import Any, Literal, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.delete_connection_response_body import DeleteConnectionResponseBody
from ...models.error import Error
from ...types import UNSET, Response


def _get_kwargs(
    *,
    action: Literal["DeleteConnection"] = "DeleteConnection",
    version: Literal["2020-05-18"] = "2020-05-18",
    connection_id: int,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["Action"] = action

    params["Version"] = version

    params["ConnectionId"] = connection_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/",
        "params": params,
        "extensions": {"openapi_operation": ("dataworks_client", "DeleteConnection", {})},
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DeleteConnectionResponseBody | Error | None:
    if response.status_code == 200:
        response_200 = DeleteConnectionResponseBody.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

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

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DeleteConnectionResponseBody | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    action: Literal["DeleteConnection"] = "DeleteConnection",
    version: Literal["2020-05-18"] = "2020-05-18",
    connection_id: int,
) -> Response[DeleteConnectionResponseBody | Error]:
    """Call DeleteConnection to delete a data source.

     Call DeleteConnection to delete a data source. The official client sends it with `POST`.

    Sample request: `http(s)://[Endpoint]/?Action=DeleteConnection&<Common request parameters>`.

    Args:
        action (Literal['DeleteConnection']):  Default: 'DeleteConnection'.
        version (Literal['2020-05-18']):  Default: '2020-05-18'.
        connection_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeleteConnectionResponseBody | Error]
    """

    kwargs = _get_kwargs(
        action=action,
        version=version,
        connection_id=connection_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    action: Literal["DeleteConnection"] = "DeleteConnection",
    version: Literal["2020-05-18"] = "2020-05-18",
    connection_id: int,
) -> DeleteConnectionResponseBody | Error | None:
    """Call DeleteConnection to delete a data source.

     Call DeleteConnection to delete a data source. The official client sends it with `POST`.

    Sample request: `http(s)://[Endpoint]/?Action=DeleteConnection&<Common request parameters>`.

    Args:
        action (Literal['DeleteConnection']):  Default: 'DeleteConnection'.
        version (Literal['2020-05-18']):  Default: '2020-05-18'.
        connection_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeleteConnectionResponseBody | Error
    """

    return sync_detailed(
        client=client,
        action=action,
        version=version,
        connection_id=connection_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    action: Literal["DeleteConnection"] = "DeleteConnection",
    version: Literal["2020-05-18"] = "2020-05-18",
    connection_id: int,
) -> Response[DeleteConnectionResponseBody | Error]:
    """Call DeleteConnection to delete a data source.

     Call DeleteConnection to delete a data source. The official client sends it with `POST`.

    Sample request: `http(s)://[Endpoint]/?Action=DeleteConnection&<Common request parameters>`.

    Args:
        action (Literal['DeleteConnection']):  Default: 'DeleteConnection'.
        version (Literal['2020-05-18']):  Default: '2020-05-18'.
        connection_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeleteConnectionResponseBody | Error]
    """

    kwargs = _get_kwargs(
        action=action,
        version=version,
        connection_id=connection_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    action: Literal["DeleteConnection"] = "DeleteConnection",
    version: Literal["2020-05-18"] = "2020-05-18",
    connection_id: int,
) -> DeleteConnectionResponseBody | Error | None:
    """Call DeleteConnection to delete a data source.

     Call DeleteConnection to delete a data source. The official client sends it with `POST`.

    Sample request: `http(s)://[Endpoint]/?Action=DeleteConnection&<Common request parameters>`.

    Args:
        action (Literal['DeleteConnection']):  Default: 'DeleteConnection'.
        version (Literal['2020-05-18']):  Default: '2020-05-18'.
        connection_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeleteConnectionResponseBody | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            action=action,
            version=version,
            connection_id=connection_id,
        )
    ).parsed


def _unwrap(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DeleteConnectionResponseBody:
    if 200 <= response.status_code < 300:
        parsed: object = _parse_response(client=client, response=response)
        if hasattr(parsed, "_request_id"):
            setattr(parsed, "_request_id", response.extensions.get("request_id"))
        return cast(DeleteConnectionResponseBody, parsed)
    raise errors.UnexpectedStatus(response.status_code, response.content)


def call(
    *,
    client: AuthenticatedClient | Client,
    action: Literal["DeleteConnection"] = "DeleteConnection",
    version: Literal["2020-05-18"] = "2020-05-18",
    connection_id: int,
) -> DeleteConnectionResponseBody:
    """Call DeleteConnection to delete a data source.

    Returns the parsed success body or raises. A cloudsign client raises its cloud's typed error (after its
    retries) before this point; any other client raises errors.UnexpectedStatus.

    Args:
        action (Literal['DeleteConnection']):  Default: 'DeleteConnection'.
        version (Literal['2020-05-18']):  Default: '2020-05-18'.
        connection_id (int):

    Raises:
        errors.UnexpectedStatus: If the answer is not a 2xx and the client does not raise a typed error itself.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeleteConnectionResponseBody
    """

    kwargs = _get_kwargs(
        action=action,
        version=version,
        connection_id=connection_id,
    )

    kwargs["extensions"]["raise_for_status"] = True
    response = client.get_httpx_client().request(**kwargs)

    return _unwrap(client=client, response=response)


async def acall(
    *,
    client: AuthenticatedClient | Client,
    action: Literal["DeleteConnection"] = "DeleteConnection",
    version: Literal["2020-05-18"] = "2020-05-18",
    connection_id: int,
) -> DeleteConnectionResponseBody:
    """Call DeleteConnection to delete a data source.

    Returns the parsed success body or raises. A cloudsign client raises its cloud's typed error (after its
    retries) before this point; any other client raises errors.UnexpectedStatus.

    Args:
        action (Literal['DeleteConnection']):  Default: 'DeleteConnection'.
        version (Literal['2020-05-18']):  Default: '2020-05-18'.
        connection_id (int):

    Raises:
        errors.UnexpectedStatus: If the answer is not a 2xx and the client does not raise a typed error itself.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeleteConnectionResponseBody
    """

    kwargs = _get_kwargs(
        action=action,
        version=version,
        connection_id=connection_id,
    )

    kwargs["extensions"]["raise_for_status"] = True
    response = await client.get_async_httpx_client().request(**kwargs)

    return _unwrap(client=client, response=response)
