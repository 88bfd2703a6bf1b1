from http import HTTPStatus
from typing import Any, Literal, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.update_connection_env_type import UpdateConnectionEnvType
from ...models.update_connection_response_body import UpdateConnectionResponseBody
from ...models.update_connection_status import UpdateConnectionStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    action: Literal["UpdateConnection"] = "UpdateConnection",
    version: Literal["2020-05-18"] = "2020-05-18",
    connection_id: int,
    content: str | Unset = UNSET,
    description: str | Unset = UNSET,
    env_type: UpdateConnectionEnvType | Unset = UNSET,
    status: UpdateConnectionStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["Action"] = action

    params["Version"] = version

    params["ConnectionId"] = connection_id

    params["Content"] = content

    params["Description"] = description

    json_env_type: int | Unset = UNSET
    if not isinstance(env_type, Unset):
        json_env_type = env_type

    params["EnvType"] = json_env_type

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status

    params["Status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/",
        "params": params,
        "extensions": {"openapi_operation": ("dataworks_client", "UpdateConnection", {})},
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | UpdateConnectionResponseBody | None:
    if response.status_code == 200:
        response_200 = UpdateConnectionResponseBody.from_dict(response.json())

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
) -> Response[Error | UpdateConnectionResponseBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    action: Literal["UpdateConnection"] = "UpdateConnection",
    version: Literal["2020-05-18"] = "2020-05-18",
    connection_id: int,
    content: str | Unset = UNSET,
    description: str | Unset = UNSET,
    env_type: UpdateConnectionEnvType | Unset = UNSET,
    status: UpdateConnectionStatus | Unset = UNSET,
) -> Response[Error | UpdateConnectionResponseBody]:
    """Call UpdateConnection to update a data source.

     Call UpdateConnection to update a data source. The official client sends it with `PUT`.

    Sample request: `http(s)://[Endpoint]/?Action=UpdateConnection&<Common request parameters>`.

    Args:
        action (Literal['UpdateConnection']):  Default: 'UpdateConnection'.
        version (Literal['2020-05-18']):  Default: '2020-05-18'.
        connection_id (int):
        content (str | Unset):
        description (str | Unset):
        env_type (UpdateConnectionEnvType | Unset):
        status (UpdateConnectionStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | UpdateConnectionResponseBody]
    """

    kwargs = _get_kwargs(
        action=action,
        version=version,
        connection_id=connection_id,
        content=content,
        description=description,
        env_type=env_type,
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    action: Literal["UpdateConnection"] = "UpdateConnection",
    version: Literal["2020-05-18"] = "2020-05-18",
    connection_id: int,
    content: str | Unset = UNSET,
    description: str | Unset = UNSET,
    env_type: UpdateConnectionEnvType | Unset = UNSET,
    status: UpdateConnectionStatus | Unset = UNSET,
) -> Error | UpdateConnectionResponseBody | None:
    """Call UpdateConnection to update a data source.

     Call UpdateConnection to update a data source. The official client sends it with `PUT`.

    Sample request: `http(s)://[Endpoint]/?Action=UpdateConnection&<Common request parameters>`.

    Args:
        action (Literal['UpdateConnection']):  Default: 'UpdateConnection'.
        version (Literal['2020-05-18']):  Default: '2020-05-18'.
        connection_id (int):
        content (str | Unset):
        description (str | Unset):
        env_type (UpdateConnectionEnvType | Unset):
        status (UpdateConnectionStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | UpdateConnectionResponseBody
    """

    return sync_detailed(
        client=client,
        action=action,
        version=version,
        connection_id=connection_id,
        content=content,
        description=description,
        env_type=env_type,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    action: Literal["UpdateConnection"] = "UpdateConnection",
    version: Literal["2020-05-18"] = "2020-05-18",
    connection_id: int,
    content: str | Unset = UNSET,
    description: str | Unset = UNSET,
    env_type: UpdateConnectionEnvType | Unset = UNSET,
    status: UpdateConnectionStatus | Unset = UNSET,
) -> Response[Error | UpdateConnectionResponseBody]:
    """Call UpdateConnection to update a data source.

     Call UpdateConnection to update a data source. The official client sends it with `PUT`.

    Sample request: `http(s)://[Endpoint]/?Action=UpdateConnection&<Common request parameters>`.

    Args:
        action (Literal['UpdateConnection']):  Default: 'UpdateConnection'.
        version (Literal['2020-05-18']):  Default: '2020-05-18'.
        connection_id (int):
        content (str | Unset):
        description (str | Unset):
        env_type (UpdateConnectionEnvType | Unset):
        status (UpdateConnectionStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | UpdateConnectionResponseBody]
    """

    kwargs = _get_kwargs(
        action=action,
        version=version,
        connection_id=connection_id,
        content=content,
        description=description,
        env_type=env_type,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    action: Literal["UpdateConnection"] = "UpdateConnection",
    version: Literal["2020-05-18"] = "2020-05-18",
    connection_id: int,
    content: str | Unset = UNSET,
    description: str | Unset = UNSET,
    env_type: UpdateConnectionEnvType | Unset = UNSET,
    status: UpdateConnectionStatus | Unset = UNSET,
) -> Error | UpdateConnectionResponseBody | None:
    """Call UpdateConnection to update a data source.

     Call UpdateConnection to update a data source. The official client sends it with `PUT`.

    Sample request: `http(s)://[Endpoint]/?Action=UpdateConnection&<Common request parameters>`.

    Args:
        action (Literal['UpdateConnection']):  Default: 'UpdateConnection'.
        version (Literal['2020-05-18']):  Default: '2020-05-18'.
        connection_id (int):
        content (str | Unset):
        description (str | Unset):
        env_type (UpdateConnectionEnvType | Unset):
        status (UpdateConnectionStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | UpdateConnectionResponseBody
    """

    return (
        await asyncio_detailed(
            client=client,
            action=action,
            version=version,
            connection_id=connection_id,
            content=content,
            description=description,
            env_type=env_type,
            status=status,
        )
    ).parsed


def _unwrap(*, client: AuthenticatedClient | Client, response: httpx.Response) -> UpdateConnectionResponseBody:
    if 200 <= response.status_code < 300:
        parsed: object = _parse_response(client=client, response=response)
        if hasattr(parsed, "_request_id"):
            setattr(parsed, "_request_id", response.extensions.get("request_id"))
        return cast(UpdateConnectionResponseBody, parsed)
    raise errors.UnexpectedStatus(response.status_code, response.content)


def call(
    *,
    client: AuthenticatedClient | Client,
    action: Literal["UpdateConnection"] = "UpdateConnection",
    version: Literal["2020-05-18"] = "2020-05-18",
    connection_id: int,
    content: str | Unset = UNSET,
    description: str | Unset = UNSET,
    env_type: UpdateConnectionEnvType | Unset = UNSET,
    status: UpdateConnectionStatus | Unset = UNSET,
) -> UpdateConnectionResponseBody:
    """Call UpdateConnection to update a data source.

    Returns the parsed success body or raises. A cloudsign client raises its cloud's typed error (after its
    retries) before this point; any other client raises errors.UnexpectedStatus.

    Args:
        action (Literal['UpdateConnection']):  Default: 'UpdateConnection'.
        version (Literal['2020-05-18']):  Default: '2020-05-18'.
        connection_id (int):
        content (str | Unset):
        description (str | Unset):
        env_type (UpdateConnectionEnvType | Unset):
        status (UpdateConnectionStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the answer is not a 2xx and the client does not raise a typed error itself.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UpdateConnectionResponseBody
    """

    kwargs = _get_kwargs(
        action=action,
        version=version,
        connection_id=connection_id,
        content=content,
        description=description,
        env_type=env_type,
        status=status,
    )

    kwargs["extensions"]["raise_for_status"] = True
    response = client.get_httpx_client().request(**kwargs)

    return _unwrap(client=client, response=response)


async def acall(
    *,
    client: AuthenticatedClient | Client,
    action: Literal["UpdateConnection"] = "UpdateConnection",
    version: Literal["2020-05-18"] = "2020-05-18",
    connection_id: int,
    content: str | Unset = UNSET,
    description: str | Unset = UNSET,
    env_type: UpdateConnectionEnvType | Unset = UNSET,
    status: UpdateConnectionStatus | Unset = UNSET,
) -> UpdateConnectionResponseBody:
    """Call UpdateConnection to update a data source.

    Returns the parsed success body or raises. A cloudsign client raises its cloud's typed error (after its
    retries) before this point; any other client raises errors.UnexpectedStatus.

    Args:
        action (Literal['UpdateConnection']):  Default: 'UpdateConnection'.
        version (Literal['2020-05-18']):  Default: '2020-05-18'.
        connection_id (int):
        content (str | Unset):
        description (str | Unset):
        env_type (UpdateConnectionEnvType | Unset):
        status (UpdateConnectionStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the answer is not a 2xx and the client does not raise a typed error itself.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UpdateConnectionResponseBody
    """

    kwargs = _get_kwargs(
        action=action,
        version=version,
        connection_id=connection_id,
        content=content,
        description=description,
        env_type=env_type,
        status=status,
    )

    kwargs["extensions"]["raise_for_status"] = True
    response = await client.get_async_httpx_client().request(**kwargs)

    return _unwrap(client=client, response=response)
