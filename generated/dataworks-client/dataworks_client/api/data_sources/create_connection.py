from http import HTTPStatus
from typing import Any, Literal, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_connection_env_type import CreateConnectionEnvType
from ...models.create_connection_response_body import CreateConnectionResponseBody
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    action: Literal["CreateConnection"] = "CreateConnection",
    version: Literal["2020-05-18"] = "2020-05-18",
    connection_type: str,
    content: str,
    env_type: CreateConnectionEnvType,
    name: str,
    project_id: int,
    region_id: str | Unset = UNSET,
    description: str | Unset = UNSET,
    sub_type: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["Action"] = action

    params["Version"] = version

    params["ConnectionType"] = connection_type

    params["Content"] = content

    json_env_type: int = env_type
    params["EnvType"] = json_env_type

    params["Name"] = name

    params["ProjectId"] = project_id

    params["RegionId"] = region_id

    params["Description"] = description

    params["SubType"] = sub_type

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/",
        "params": params,
        "extensions": {"openapi_operation": ("dataworks_client", "CreateConnection", {})},
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreateConnectionResponseBody | Error | None:
    if response.status_code == 200:
        response_200 = CreateConnectionResponseBody.from_dict(response.json())

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
) -> Response[CreateConnectionResponseBody | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    action: Literal["CreateConnection"] = "CreateConnection",
    version: Literal["2020-05-18"] = "2020-05-18",
    connection_type: str,
    content: str,
    env_type: CreateConnectionEnvType,
    name: str,
    project_id: int,
    region_id: str | Unset = UNSET,
    description: str | Unset = UNSET,
    sub_type: str | Unset = UNSET,
) -> Response[CreateConnectionResponseBody | Error]:
    """Call CreateConnection to create a data source.

     Call CreateConnection to create a data source.

    OpenAPI Explorer automatically calculates the signature value. For your convenience, the vendor
    recommends calling this operation in OpenAPI Explorer, which generates sample code for different
    SDKs.

    Deprecated: the official SDK marks this operation deprecated in favour of `CreateDataSource`.

    Sample request: `http(s)://[Endpoint]/?Action=CreateConnection&<Common request parameters>`.

    Args:
        action (Literal['CreateConnection']):  Default: 'CreateConnection'.
        version (Literal['2020-05-18']):  Default: '2020-05-18'.
        connection_type (str):
        content (str):
        env_type (CreateConnectionEnvType):
        name (str):
        project_id (int):
        region_id (str | Unset):
        description (str | Unset):
        sub_type (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateConnectionResponseBody | Error]
    """

    kwargs = _get_kwargs(
        action=action,
        version=version,
        connection_type=connection_type,
        content=content,
        env_type=env_type,
        name=name,
        project_id=project_id,
        region_id=region_id,
        description=description,
        sub_type=sub_type,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    action: Literal["CreateConnection"] = "CreateConnection",
    version: Literal["2020-05-18"] = "2020-05-18",
    connection_type: str,
    content: str,
    env_type: CreateConnectionEnvType,
    name: str,
    project_id: int,
    region_id: str | Unset = UNSET,
    description: str | Unset = UNSET,
    sub_type: str | Unset = UNSET,
) -> CreateConnectionResponseBody | Error | None:
    """Call CreateConnection to create a data source.

     Call CreateConnection to create a data source.

    OpenAPI Explorer automatically calculates the signature value. For your convenience, the vendor
    recommends calling this operation in OpenAPI Explorer, which generates sample code for different
    SDKs.

    Deprecated: the official SDK marks this operation deprecated in favour of `CreateDataSource`.

    Sample request: `http(s)://[Endpoint]/?Action=CreateConnection&<Common request parameters>`.

    Args:
        action (Literal['CreateConnection']):  Default: 'CreateConnection'.
        version (Literal['2020-05-18']):  Default: '2020-05-18'.
        connection_type (str):
        content (str):
        env_type (CreateConnectionEnvType):
        name (str):
        project_id (int):
        region_id (str | Unset):
        description (str | Unset):
        sub_type (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateConnectionResponseBody | Error
    """

    return sync_detailed(
        client=client,
        action=action,
        version=version,
        connection_type=connection_type,
        content=content,
        env_type=env_type,
        name=name,
        project_id=project_id,
        region_id=region_id,
        description=description,
        sub_type=sub_type,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    action: Literal["CreateConnection"] = "CreateConnection",
    version: Literal["2020-05-18"] = "2020-05-18",
    connection_type: str,
    content: str,
    env_type: CreateConnectionEnvType,
    name: str,
    project_id: int,
    region_id: str | Unset = UNSET,
    description: str | Unset = UNSET,
    sub_type: str | Unset = UNSET,
) -> Response[CreateConnectionResponseBody | Error]:
    """Call CreateConnection to create a data source.

     Call CreateConnection to create a data source.

    OpenAPI Explorer automatically calculates the signature value. For your convenience, the vendor
    recommends calling this operation in OpenAPI Explorer, which generates sample code for different
    SDKs.

    Deprecated: the official SDK marks this operation deprecated in favour of `CreateDataSource`.

    Sample request: `http(s)://[Endpoint]/?Action=CreateConnection&<Common request parameters>`.

    Args:
        action (Literal['CreateConnection']):  Default: 'CreateConnection'.
        version (Literal['2020-05-18']):  Default: '2020-05-18'.
        connection_type (str):
        content (str):
        env_type (CreateConnectionEnvType):
        name (str):
        project_id (int):
        region_id (str | Unset):
        description (str | Unset):
        sub_type (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateConnectionResponseBody | Error]
    """

    kwargs = _get_kwargs(
        action=action,
        version=version,
        connection_type=connection_type,
        content=content,
        env_type=env_type,
        name=name,
        project_id=project_id,
        region_id=region_id,
        description=description,
        sub_type=sub_type,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    action: Literal["CreateConnection"] = "CreateConnection",
    version: Literal["2020-05-18"] = "2020-05-18",
    connection_type: str,
    content: str,
    env_type: CreateConnectionEnvType,
    name: str,
    project_id: int,
    region_id: str | Unset = UNSET,
    description: str | Unset = UNSET,
    sub_type: str | Unset = UNSET,
) -> CreateConnectionResponseBody | Error | None:
    """Call CreateConnection to create a data source.

     Call CreateConnection to create a data source.

    OpenAPI Explorer automatically calculates the signature value. For your convenience, the vendor
    recommends calling this operation in OpenAPI Explorer, which generates sample code for different
    SDKs.

    Deprecated: the official SDK marks this operation deprecated in favour of `CreateDataSource`.

    Sample request: `http(s)://[Endpoint]/?Action=CreateConnection&<Common request parameters>`.

    Args:
        action (Literal['CreateConnection']):  Default: 'CreateConnection'.
        version (Literal['2020-05-18']):  Default: '2020-05-18'.
        connection_type (str):
        content (str):
        env_type (CreateConnectionEnvType):
        name (str):
        project_id (int):
        region_id (str | Unset):
        description (str | Unset):
        sub_type (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateConnectionResponseBody | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            action=action,
            version=version,
            connection_type=connection_type,
            content=content,
            env_type=env_type,
            name=name,
            project_id=project_id,
            region_id=region_id,
            description=description,
            sub_type=sub_type,
        )
    ).parsed


def _unwrap(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CreateConnectionResponseBody:
    if 200 <= response.status_code < 300:
        parsed: object = _parse_response(client=client, response=response)
        if hasattr(parsed, "_request_id"):
            setattr(parsed, "_request_id", response.extensions.get("request_id"))
        return cast(CreateConnectionResponseBody, parsed)
    raise errors.UnexpectedStatus(response.status_code, response.content)


def call(
    *,
    client: AuthenticatedClient | Client,
    action: Literal["CreateConnection"] = "CreateConnection",
    version: Literal["2020-05-18"] = "2020-05-18",
    connection_type: str,
    content: str,
    env_type: CreateConnectionEnvType,
    name: str,
    project_id: int,
    region_id: str | Unset = UNSET,
    description: str | Unset = UNSET,
    sub_type: str | Unset = UNSET,
) -> CreateConnectionResponseBody:
    """Call CreateConnection to create a data source.

    Returns the parsed success body or raises. A cloudsign client raises its cloud's typed error (after its
    retries) before this point; any other client raises errors.UnexpectedStatus.

    Args:
        action (Literal['CreateConnection']):  Default: 'CreateConnection'.
        version (Literal['2020-05-18']):  Default: '2020-05-18'.
        connection_type (str):
        content (str):
        env_type (CreateConnectionEnvType):
        name (str):
        project_id (int):
        region_id (str | Unset):
        description (str | Unset):
        sub_type (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the answer is not a 2xx and the client does not raise a typed error itself.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateConnectionResponseBody
    """

    kwargs = _get_kwargs(
        action=action,
        version=version,
        connection_type=connection_type,
        content=content,
        env_type=env_type,
        name=name,
        project_id=project_id,
        region_id=region_id,
        description=description,
        sub_type=sub_type,
    )

    kwargs["extensions"]["raise_for_status"] = True
    response = client.get_httpx_client().request(**kwargs)

    return _unwrap(client=client, response=response)


async def acall(
    *,
    client: AuthenticatedClient | Client,
    action: Literal["CreateConnection"] = "CreateConnection",
    version: Literal["2020-05-18"] = "2020-05-18",
    connection_type: str,
    content: str,
    env_type: CreateConnectionEnvType,
    name: str,
    project_id: int,
    region_id: str | Unset = UNSET,
    description: str | Unset = UNSET,
    sub_type: str | Unset = UNSET,
) -> CreateConnectionResponseBody:
    """Call CreateConnection to create a data source.

    Returns the parsed success body or raises. A cloudsign client raises its cloud's typed error (after its
    retries) before this point; any other client raises errors.UnexpectedStatus.

    Args:
        action (Literal['CreateConnection']):  Default: 'CreateConnection'.
        version (Literal['2020-05-18']):  Default: '2020-05-18'.
        connection_type (str):
        content (str):
        env_type (CreateConnectionEnvType):
        name (str):
        project_id (int):
        region_id (str | Unset):
        description (str | Unset):
        sub_type (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the answer is not a 2xx and the client does not raise a typed error itself.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateConnectionResponseBody
    """

    kwargs = _get_kwargs(
        action=action,
        version=version,
        connection_type=connection_type,
        content=content,
        env_type=env_type,
        name=name,
        project_id=project_id,
        region_id=region_id,
        description=description,
        sub_type=sub_type,
    )

    kwargs["extensions"]["raise_for_status"] = True
    response = await client.get_async_httpx_client().request(**kwargs)

    return _unwrap(client=client, response=response)
