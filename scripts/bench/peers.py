"""The official SDKs, pointed at nginx over http: huaweicloudsdkdas ``DasClient.create_instance_connection`` and
alibabacloud-dataworks-public20200518 ``Client.create_connection`` (default ACS3-HMAC-SHA256). Each call builds the
SDK's request model from the same seed input as every other contender."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

from . import fixtures as fx
from .contenders import AsyncCall, Contender, SyncCall


def _das_request() -> Any:
    from huaweicloudsdkdas.v3 import CreateInstanceConnectionReq, CreateInstanceConnectionRequest

    return CreateInstanceConnectionRequest(
        instance_id=fx.DAS_INSTANCE_ID, body=CreateInstanceConnectionReq(**fx.das_body())
    )


def _das_client(cls_name: str, url: str) -> Any:
    from huaweicloudsdkcore.auth.credentials import BasicCredentials
    from huaweicloudsdkdas import v3

    cls = getattr(v3, cls_name)
    creds = BasicCredentials(fx.HW_AK, fx.HW_SK, fx.DAS_PROJECT_ID)
    return cls.new_builder().with_credentials(creds).with_endpoints([url]).build()


def das_sync(url: str) -> SyncCall:
    client = _das_client("DasClient", url)

    def call() -> Any:
        return client.create_instance_connection(_das_request()).connection_id

    return call


async def das_async(url: str) -> tuple[AsyncCall, Callable[[], Awaitable[None]]]:
    client = _das_client("DasAsyncClient", url)

    async def call() -> Any:
        # The official "async" client returns a concurrent.futures.Future from its pool of 8 threads.
        # Await both futures it chains (submit, then the requests call) without blocking the loop; the SDK's own
        # result() then only post-processes.
        pending = client.create_instance_connection_async(_das_request())
        await asyncio.wrap_future(await asyncio.wrap_future(pending._future))
        return pending.result().connection_id

    async def close() -> None:
        client._http_client.executor.shutdown(wait=False)

    return call, close


def _dataworks_client(url: str) -> Any:
    from alibabacloud_dataworks_public20200518.client import Client
    from alibabacloud_tea_openapi.utils_models import Config

    parts = urlsplit(url)
    config = Config(
        access_key_id=fx.ALI_AK,
        access_key_secret=fx.ALI_SK,
        endpoint=parts.netloc,
        protocol="http",
        region_id=fx.DW_REGION,
    )
    return Client(config)


def _dataworks_request() -> Any:
    from alibabacloud_dataworks_public20200518 import models

    return models.CreateConnectionRequest(
        connection_type="rds", content=fx.DW_CONTENT, env_type=1, name="abc", project_id=1
    )


def dataworks_sync(url: str) -> SyncCall:
    client = _dataworks_client(url)

    def call() -> Any:
        return client.create_connection(_dataworks_request()).body.data

    return call


async def dataworks_async(url: str) -> tuple[AsyncCall, Callable[[], Awaitable[None]]]:
    client = _dataworks_client(url)

    async def call() -> Any:
        return (await client.create_connection_async(_dataworks_request())).body.data

    async def close() -> None:
        return None

    return call, close


def contenders(api: str) -> list[Contender]:
    if api == "das":
        return [Contender("official", "official huaweicloudsdkdas", api, "peer", das_sync, das_async)]
    return [Contender("official", "official alibabacloud-dataworks", api, "peer", dataworks_sync, dataworks_async)]
