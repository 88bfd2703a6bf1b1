from http import HTTPStatus
from typing import Any, Literal, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.list_connections_env_type import ListConnectionsEnvType
from ...models.list_connections_response_body import ListConnectionsResponseBody
from ...models.list_connections_status import ListConnectionsStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    action: Literal["ListConnections"] = "ListConnections",
    version: Literal["2020-05-18"] = "2020-05-18",
    connection_type: str | Unset = UNSET,
    env_type: ListConnectionsEnvType | Unset = UNSET,
    name: str | Unset = UNSET,
    page_number: int | Unset = 1,
    page_size: int | Unset = 10,
    project_id: int,
    status: ListConnectionsStatus | Unset = UNSET,
    sub_type: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["Action"] = action

    params["Version"] = version

    params["ConnectionType"] = connection_type

    json_env_type: int | Unset = UNSET
    if not isinstance(env_type, Unset):
        json_env_type = env_type

    params["EnvType"] = json_env_type

    params["Name"] = name

    params["PageNumber"] = page_number

    params["PageSize"] = page_size

    params["ProjectId"] = project_id

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status

    params["Status"] = json_status

    params["SubType"] = sub_type

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/",
        "params": params,
        "extensions": {"openapi_operation": ("dataworks_client", "ListConnections", {})},
    }

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
) -> Response[Error | ListConnectionsResponseBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    action: Literal["ListConnections"] = "ListConnections",
    version: Literal["2020-05-18"] = "2020-05-18",
    connection_type: str | Unset = UNSET,
    env_type: ListConnectionsEnvType | Unset = UNSET,
    name: str | Unset = UNSET,
    page_number: int | Unset = 1,
    page_size: int | Unset = 10,
    project_id: int,
    status: ListConnectionsStatus | Unset = UNSET,
    sub_type: str | Unset = UNSET,
) -> Response[Error | ListConnectionsResponseBody]:
    """Call ListConnections to list the data sources of a workspace.

     Call ListConnections to list the data sources of a workspace. The official client sends it with
    `GET`.

    Sample request: `http(s)://[Endpoint]/?Action=ListConnections&<Common request parameters>`.

    Args:
        action (Literal['ListConnections']):  Default: 'ListConnections'.
        version (Literal['2020-05-18']):  Default: '2020-05-18'.
        connection_type (str | Unset):
        env_type (ListConnectionsEnvType | Unset):
        name (str | Unset):
        page_number (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.
        project_id (int):
        status (ListConnectionsStatus | Unset):
        sub_type (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ListConnectionsResponseBody]
    """

    kwargs = _get_kwargs(
        action=action,
        version=version,
        connection_type=connection_type,
        env_type=env_type,
        name=name,
        page_number=page_number,
        page_size=page_size,
        project_id=project_id,
        status=status,
        sub_type=sub_type,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    action: Literal["ListConnections"] = "ListConnections",
    version: Literal["2020-05-18"] = "2020-05-18",
    connection_type: str | Unset = UNSET,
    env_type: ListConnectionsEnvType | Unset = UNSET,
    name: str | Unset = UNSET,
    page_number: int | Unset = 1,
    page_size: int | Unset = 10,
    project_id: int,
    status: ListConnectionsStatus | Unset = UNSET,
    sub_type: str | Unset = UNSET,
) -> Error | ListConnectionsResponseBody | None:
    """Call ListConnections to list the data sources of a workspace.

     Call ListConnections to list the data sources of a workspace. The official client sends it with
    `GET`.

    Sample request: `http(s)://[Endpoint]/?Action=ListConnections&<Common request parameters>`.

    Args:
        action (Literal['ListConnections']):  Default: 'ListConnections'.
        version (Literal['2020-05-18']):  Default: '2020-05-18'.
        connection_type (str | Unset):
        env_type (ListConnectionsEnvType | Unset):
        name (str | Unset):
        page_number (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.
        project_id (int):
        status (ListConnectionsStatus | Unset):
        sub_type (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ListConnectionsResponseBody
    """

    return sync_detailed(
        client=client,
        action=action,
        version=version,
        connection_type=connection_type,
        env_type=env_type,
        name=name,
        page_number=page_number,
        page_size=page_size,
        project_id=project_id,
        status=status,
        sub_type=sub_type,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    action: Literal["ListConnections"] = "ListConnections",
    version: Literal["2020-05-18"] = "2020-05-18",
    connection_type: str | Unset = UNSET,
    env_type: ListConnectionsEnvType | Unset = UNSET,
    name: str | Unset = UNSET,
    page_number: int | Unset = 1,
    page_size: int | Unset = 10,
    project_id: int,
    status: ListConnectionsStatus | Unset = UNSET,
    sub_type: str | Unset = UNSET,
) -> Response[Error | ListConnectionsResponseBody]:
    """Call ListConnections to list the data sources of a workspace.

     Call ListConnections to list the data sources of a workspace. The official client sends it with
    `GET`.

    Sample request: `http(s)://[Endpoint]/?Action=ListConnections&<Common request parameters>`.

    Args:
        action (Literal['ListConnections']):  Default: 'ListConnections'.
        version (Literal['2020-05-18']):  Default: '2020-05-18'.
        connection_type (str | Unset):
        env_type (ListConnectionsEnvType | Unset):
        name (str | Unset):
        page_number (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.
        project_id (int):
        status (ListConnectionsStatus | Unset):
        sub_type (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ListConnectionsResponseBody]
    """

    kwargs = _get_kwargs(
        action=action,
        version=version,
        connection_type=connection_type,
        env_type=env_type,
        name=name,
        page_number=page_number,
        page_size=page_size,
        project_id=project_id,
        status=status,
        sub_type=sub_type,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    action: Literal["ListConnections"] = "ListConnections",
    version: Literal["2020-05-18"] = "2020-05-18",
    connection_type: str | Unset = UNSET,
    env_type: ListConnectionsEnvType | Unset = UNSET,
    name: str | Unset = UNSET,
    page_number: int | Unset = 1,
    page_size: int | Unset = 10,
    project_id: int,
    status: ListConnectionsStatus | Unset = UNSET,
    sub_type: str | Unset = UNSET,
) -> Error | ListConnectionsResponseBody | None:
    """Call ListConnections to list the data sources of a workspace.

     Call ListConnections to list the data sources of a workspace. The official client sends it with
    `GET`.

    Sample request: `http(s)://[Endpoint]/?Action=ListConnections&<Common request parameters>`.

    Args:
        action (Literal['ListConnections']):  Default: 'ListConnections'.
        version (Literal['2020-05-18']):  Default: '2020-05-18'.
        connection_type (str | Unset):
        env_type (ListConnectionsEnvType | Unset):
        name (str | Unset):
        page_number (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.
        project_id (int):
        status (ListConnectionsStatus | Unset):
        sub_type (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ListConnectionsResponseBody
    """

    return (
        await asyncio_detailed(
            client=client,
            action=action,
            version=version,
            connection_type=connection_type,
            env_type=env_type,
            name=name,
            page_number=page_number,
            page_size=page_size,
            project_id=project_id,
            status=status,
            sub_type=sub_type,
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
    *,
    client: AuthenticatedClient | Client,
    action: Literal["ListConnections"] = "ListConnections",
    version: Literal["2020-05-18"] = "2020-05-18",
    connection_type: str | Unset = UNSET,
    env_type: ListConnectionsEnvType | Unset = UNSET,
    name: str | Unset = UNSET,
    page_number: int | Unset = 1,
    page_size: int | Unset = 10,
    project_id: int,
    status: ListConnectionsStatus | Unset = UNSET,
    sub_type: str | Unset = UNSET,
) -> ListConnectionsResponseBody:
    """Call ListConnections to list the data sources of a workspace.

    Returns the parsed success body or raises. A cloudsign client raises its cloud's typed error (after its
    retries) before this point; any other client raises errors.UnexpectedStatus.

    Args:
        action (Literal['ListConnections']):  Default: 'ListConnections'.
        version (Literal['2020-05-18']):  Default: '2020-05-18'.
        connection_type (str | Unset):
        env_type (ListConnectionsEnvType | Unset):
        name (str | Unset):
        page_number (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.
        project_id (int):
        status (ListConnectionsStatus | Unset):
        sub_type (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the answer is not a 2xx and the client does not raise a typed error itself.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListConnectionsResponseBody
    """

    kwargs = _get_kwargs(
        action=action,
        version=version,
        connection_type=connection_type,
        env_type=env_type,
        name=name,
        page_number=page_number,
        page_size=page_size,
        project_id=project_id,
        status=status,
        sub_type=sub_type,
    )

    kwargs["extensions"]["raise_for_status"] = True
    response = client.get_httpx_client().request(**kwargs)

    return _unwrap(client=client, response=response)


async def acall(
    *,
    client: AuthenticatedClient | Client,
    action: Literal["ListConnections"] = "ListConnections",
    version: Literal["2020-05-18"] = "2020-05-18",
    connection_type: str | Unset = UNSET,
    env_type: ListConnectionsEnvType | Unset = UNSET,
    name: str | Unset = UNSET,
    page_number: int | Unset = 1,
    page_size: int | Unset = 10,
    project_id: int,
    status: ListConnectionsStatus | Unset = UNSET,
    sub_type: str | Unset = UNSET,
) -> ListConnectionsResponseBody:
    """Call ListConnections to list the data sources of a workspace.

    Returns the parsed success body or raises. A cloudsign client raises its cloud's typed error (after its
    retries) before this point; any other client raises errors.UnexpectedStatus.

    Args:
        action (Literal['ListConnections']):  Default: 'ListConnections'.
        version (Literal['2020-05-18']):  Default: '2020-05-18'.
        connection_type (str | Unset):
        env_type (ListConnectionsEnvType | Unset):
        name (str | Unset):
        page_number (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.
        project_id (int):
        status (ListConnectionsStatus | Unset):
        sub_type (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the answer is not a 2xx and the client does not raise a typed error itself.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListConnectionsResponseBody
    """

    kwargs = _get_kwargs(
        action=action,
        version=version,
        connection_type=connection_type,
        env_type=env_type,
        name=name,
        page_number=page_number,
        page_size=page_size,
        project_id=project_id,
        status=status,
        sub_type=sub_type,
    )

    kwargs["extensions"]["raise_for_status"] = True
    response = await client.get_async_httpx_client().request(**kwargs)

    return _unwrap(client=client, response=response)
