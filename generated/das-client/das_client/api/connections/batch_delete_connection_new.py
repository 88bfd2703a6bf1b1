from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.batch_delete_connection_new_request_body import BatchDeleteConnectionNewRequestBody
from ...models.batch_delete_connection_new_response_body import BatchDeleteConnectionNewResponseBody
from ...models.error import Error
from ...types import Response


def _segment(value: object) -> str:
    """A path value as ``quote(str(value), safe="")`` spells it; ASCII letters and digits, the usual ids, as they are."""
    text = str(value)
    return text if text.isalnum() and text.isascii() else quote(text, safe="")


def _get_kwargs(
    project_id: str,
    *,
    body: BatchDeleteConnectionNewRequestBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": f"/v3/{_segment(project_id)}/batch-delete-connections",
        "extensions": {"openapi_operation": ("das_client", "BatchDeleteConnectionNew", {"project_id": project_id})},
    }

    # cloudsign: a body the type checker could not vouch for (None, a str, a dict) goes to the client as it is, whose
    # validation refuses it naming `body` before anything is sent (instead of an AttributeError here).
    _kwargs["json"] = body.to_dict() if hasattr(body, "to_dict") else body
    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BatchDeleteConnectionNewResponseBody | Error | None:
    if response.status_code == 200:
        response_200 = BatchDeleteConnectionNewResponseBody.from_dict(response.json())

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
) -> Response[BatchDeleteConnectionNewResponseBody | Error]:
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
    body: BatchDeleteConnectionNewRequestBody,
) -> Response[BatchDeleteConnectionNewResponseBody | Error]:
    """Deleting Connections in Batches

     This API is used to delete connections in batches (the official SDK's `BatchDeleteConnectionNew`):
    the
    listed connections, or every connection of the project with `delete_all`.

    URI: `DELETE /v3/{project_id}/batch-delete-connections`. A list naming an unknown or deleted
    connection
    is refused as a whole, with 400 `DAS.200100`, and nothing is deleted (see "Resolutions of
    ambiguities").

    Args:
        project_id (str):
        body (BatchDeleteConnectionNewRequestBody): Request body parameters of Deleting
            Connections in Batches: the connections to delete, or `delete_all`.
            `connection_ids`, when sent, names at least one connection: an empty list deletes nothing
            and is refused
            before it is sent (a choice of this document; the vendor does not say how the service
            answers it).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchDeleteConnectionNewResponseBody | Error]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: BatchDeleteConnectionNewRequestBody,
) -> BatchDeleteConnectionNewResponseBody | Error | None:
    """Deleting Connections in Batches

     This API is used to delete connections in batches (the official SDK's `BatchDeleteConnectionNew`):
    the
    listed connections, or every connection of the project with `delete_all`.

    URI: `DELETE /v3/{project_id}/batch-delete-connections`. A list naming an unknown or deleted
    connection
    is refused as a whole, with 400 `DAS.200100`, and nothing is deleted (see "Resolutions of
    ambiguities").

    Args:
        project_id (str):
        body (BatchDeleteConnectionNewRequestBody): Request body parameters of Deleting
            Connections in Batches: the connections to delete, or `delete_all`.
            `connection_ids`, when sent, names at least one connection: an empty list deletes nothing
            and is refused
            before it is sent (a choice of this document; the vendor does not say how the service
            answers it).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchDeleteConnectionNewResponseBody | Error
    """

    return sync_detailed(
        project_id=project_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: BatchDeleteConnectionNewRequestBody,
) -> Response[BatchDeleteConnectionNewResponseBody | Error]:
    """Deleting Connections in Batches

     This API is used to delete connections in batches (the official SDK's `BatchDeleteConnectionNew`):
    the
    listed connections, or every connection of the project with `delete_all`.

    URI: `DELETE /v3/{project_id}/batch-delete-connections`. A list naming an unknown or deleted
    connection
    is refused as a whole, with 400 `DAS.200100`, and nothing is deleted (see "Resolutions of
    ambiguities").

    Args:
        project_id (str):
        body (BatchDeleteConnectionNewRequestBody): Request body parameters of Deleting
            Connections in Batches: the connections to delete, or `delete_all`.
            `connection_ids`, when sent, names at least one connection: an empty list deletes nothing
            and is refused
            before it is sent (a choice of this document; the vendor does not say how the service
            answers it).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchDeleteConnectionNewResponseBody | Error]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: BatchDeleteConnectionNewRequestBody,
) -> BatchDeleteConnectionNewResponseBody | Error | None:
    """Deleting Connections in Batches

     This API is used to delete connections in batches (the official SDK's `BatchDeleteConnectionNew`):
    the
    listed connections, or every connection of the project with `delete_all`.

    URI: `DELETE /v3/{project_id}/batch-delete-connections`. A list naming an unknown or deleted
    connection
    is refused as a whole, with 400 `DAS.200100`, and nothing is deleted (see "Resolutions of
    ambiguities").

    Args:
        project_id (str):
        body (BatchDeleteConnectionNewRequestBody): Request body parameters of Deleting
            Connections in Batches: the connections to delete, or `delete_all`.
            `connection_ids`, when sent, names at least one connection: an empty list deletes nothing
            and is refused
            before it is sent (a choice of this document; the vendor does not say how the service
            answers it).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchDeleteConnectionNewResponseBody | Error
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            client=client,
            body=body,
        )
    ).parsed


def _unwrap(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BatchDeleteConnectionNewResponseBody:
    if 200 <= response.status_code < 300:
        parsed: object = _parse_response(client=client, response=response)
        if hasattr(parsed, "_request_id"):
            setattr(parsed, "_request_id", response.extensions.get("request_id"))
        return cast(BatchDeleteConnectionNewResponseBody, parsed)
    raise errors.UnexpectedStatus(response.status_code, response.content)


def call(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: BatchDeleteConnectionNewRequestBody,
) -> BatchDeleteConnectionNewResponseBody:
    """Deleting Connections in Batches

    Returns the parsed success body or raises. A cloudsign client raises its cloud's typed error (after its
    retries) before this point; any other client raises errors.UnexpectedStatus.

    Args:
        project_id (str):
        body (BatchDeleteConnectionNewRequestBody): Request body parameters of Deleting
            Connections in Batches: the connections to delete, or `delete_all`.
            `connection_ids`, when sent, names at least one connection: an empty list deletes nothing
            and is refused
            before it is sent (a choice of this document; the vendor does not say how the service
            answers it).

    Raises:
        errors.UnexpectedStatus: If the answer is not a 2xx and the client does not raise a typed error itself.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchDeleteConnectionNewResponseBody
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        body=body,
    )

    kwargs["extensions"]["raise_for_status"] = True
    response = client.get_httpx_client().request(**kwargs)

    return _unwrap(client=client, response=response)


async def acall(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: BatchDeleteConnectionNewRequestBody,
) -> BatchDeleteConnectionNewResponseBody:
    """Deleting Connections in Batches

    Returns the parsed success body or raises. A cloudsign client raises its cloud's typed error (after its
    retries) before this point; any other client raises errors.UnexpectedStatus.

    Args:
        project_id (str):
        body (BatchDeleteConnectionNewRequestBody): Request body parameters of Deleting
            Connections in Batches: the connections to delete, or `delete_all`.
            `connection_ids`, when sent, names at least one connection: an empty list deletes nothing
            and is refused
            before it is sent (a choice of this document; the vendor does not say how the service
            answers it).

    Raises:
        errors.UnexpectedStatus: If the answer is not a 2xx and the client does not raise a typed error itself.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchDeleteConnectionNewResponseBody
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        body=body,
    )

    kwargs["extensions"]["raise_for_status"] = True
    response = await client.get_async_httpx_client().request(**kwargs)

    return _unwrap(client=client, response=response)
