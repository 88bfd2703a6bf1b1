"""cloudsign: the generated ``call`` / ``acall`` of ``das_client.api.connections.create_instance_connection`` and
``dataworks_client.api.data_sources.create_connection`` on the factory clients (``huaweicloud.das_client()``,
``alibabacloud.dataworks_client()``) with their defaults: validation before sending, retries, typed errors, the
stdlib (http.client) backend for sync calls and the aiohttp backend for async ones. Each call builds the request
model from the same seed input as every other contender."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from . import fixtures as fx
from .contenders import AsyncCall, Contender, SyncCall


def _das(url: str) -> Any:
    from cloudsign import huaweicloud

    return huaweicloud.das_client(
        endpoint=url, credentials=huaweicloud.Credentials(fx.HW_AK, fx.HW_SK, project_id=fx.DAS_PROJECT_ID)
    )


def das_sync(url: str) -> SyncCall:
    from das_client.api.connections import create_instance_connection
    from das_client.models import CreateInstanceConnectionRequestBody

    client = _das(url)

    def call() -> Any:
        body = CreateInstanceConnectionRequestBody.from_dict(fx.das_body())
        return create_instance_connection.call(
            fx.DAS_PROJECT_ID, fx.DAS_INSTANCE_ID, client=client, body=body
        ).connection_id

    return call


async def das_async(url: str) -> tuple[AsyncCall, Callable[[], Awaitable[None]]]:
    from das_client.api.connections import create_instance_connection
    from das_client.models import CreateInstanceConnectionRequestBody

    client = _das(url)

    async def call() -> Any:
        body = CreateInstanceConnectionRequestBody.from_dict(fx.das_body())
        result = await create_instance_connection.acall(fx.DAS_PROJECT_ID, fx.DAS_INSTANCE_ID, client=client, body=body)
        return result.connection_id

    async def close() -> None:
        await client.get_async_httpx_client().aclose()

    return call, close


def _dataworks(url: str) -> Any:
    from cloudsign import alibabacloud

    return alibabacloud.dataworks_client(
        region=fx.DW_REGION, endpoint=url, credentials=alibabacloud.Credentials(fx.ALI_AK, fx.ALI_SK)
    )


def _dw_args() -> dict[str, Any]:
    return {"connection_type": "rds", "content": fx.DW_CONTENT, "env_type": 1, "name": "abc", "project_id": 1}


def dataworks_sync(url: str) -> SyncCall:
    from dataworks_client.api.data_sources import create_connection

    client = _dataworks(url)

    def call() -> Any:
        return create_connection.call(client=client, **_dw_args()).data

    return call


async def dataworks_async(url: str) -> tuple[AsyncCall, Callable[[], Awaitable[None]]]:
    from dataworks_client.api.data_sources import create_connection

    client = _dataworks(url)

    async def call() -> Any:
        return (await create_connection.acall(client=client, **_dw_args())).data

    async def close() -> None:
        await client.get_async_httpx_client().aclose()

    return call, close


def available() -> str | None:
    """None when the factories and the generated ``call``/``acall`` import, else why not."""
    try:
        from cloudsign import alibabacloud, huaweicloud
        from das_client.api.connections import create_instance_connection
        from dataworks_client.api.data_sources import create_connection

        for name in ("call", "acall"):
            getattr(create_instance_connection, name)
            getattr(create_connection, name)
        huaweicloud.das_client  # noqa: B018 - lazy attributes: import them now
        alibabacloud.dataworks_client  # noqa: B018
    except (ImportError, AttributeError) as exc:
        return f"cloudsign not ready: {exc}"
    return None


def contenders(api: str) -> list[Contender]:
    if api == "das":
        return [Contender("ours", "cloudsign", api, "ours", das_sync, das_async)]
    return [Contender("ours", "cloudsign", api, "ours", dataworks_sync, dataworks_async)]
