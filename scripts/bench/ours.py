"""cloudsign: ``das_client()`` + ``create_instance_connection`` and ``dataworks_client()`` + ``create_connection``
with their defaults (validation before sending, retries, typed errors; the aiohttp backend for async calls)."""

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
    from cloudsign.huaweicloud import create_instance_connection

    client = _das(url)

    def call() -> Any:
        return create_instance_connection(
            client, fx.DAS_PROJECT_ID, fx.DAS_INSTANCE_ID, body=fx.das_body()
        ).connection_id

    return call


async def das_async(url: str) -> tuple[AsyncCall, Callable[[], Awaitable[None]]]:
    from cloudsign.huaweicloud import acreate_instance_connection

    client = _das(url)

    async def call() -> Any:
        result = await acreate_instance_connection(client, fx.DAS_PROJECT_ID, fx.DAS_INSTANCE_ID, body=fx.das_body())
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
    from cloudsign.alibabacloud import create_connection

    client = _dataworks(url)

    def call() -> Any:
        return create_connection(client, **_dw_args()).data

    return call


async def dataworks_async(url: str) -> tuple[AsyncCall, Callable[[], Awaitable[None]]]:
    from cloudsign.alibabacloud import acreate_connection

    client = _dataworks(url)

    async def call() -> Any:
        return (await acreate_connection(client, **_dw_args())).data

    async def close() -> None:
        await client.get_async_httpx_client().aclose()

    return call, close


def available() -> str | None:
    """None when both overlays import, else why not (they are written in parallel with this benchmark)."""
    try:
        from cloudsign import alibabacloud, huaweicloud

        for name in ("das_client", "create_instance_connection", "acreate_instance_connection"):
            getattr(huaweicloud, name)
        for name in ("dataworks_client", "create_connection", "acreate_connection"):
            getattr(alibabacloud, name)
    except (ImportError, AttributeError) as exc:
        return f"cloudsign not ready: {exc}"
    return None


def contenders(api: str) -> list[Contender]:
    if api == "das":
        return [Contender("ours", "cloudsign", api, "ours", das_sync, das_async)]
    return [Contender("ours", "cloudsign", api, "ours", dataworks_sync, dataworks_async)]
