"""One adapter per API so the fault, validation, secrets and load tests run the same way against both clouds.

Every call goes through the generated functions with a client from the cloud's factory: ``call``/``acall`` are the
generated ``call``/``acall`` (parsed model or typed error), ``detailed``/``adetailed`` the generated
``sync_detailed``/``asyncio_detailed`` (the generated ``Response`` for any final HTTP answer). Per-call options are
``client.with_options(...)``, as a user writes them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

# The (generated entry point, backend) pairs the wire comparisons with the official SDKs run: every backend, the
# default (stdlib) first, sync and async.
WIRE_WAYS = [
    ("call", "stdlib"),
    ("sync_detailed", "stdlib"),
    ("call", "urllib3"),
    ("sync_detailed", "httpx"),
    ("acall", "aiohttp"),
    ("asyncio_detailed", "httpx"),
]
DAS_PROJECT = "052041494800d57c2f02c00275b4c247"
DAS_INSTANCE = "bcfa975193f1402fa11a6d4fd6baf5fbin01"
DAS_PASSWORD = "Gauss_2345-DAS-pw"
DW_PASSWORD = "DataWorks-pw-8a7f"
DAS_BODY = {
    "engine_type": "mysql",
    "network_type": "rds",
    "username": "root",
    "is_save_password": True,
    "password": DAS_PASSWORD,
    "sql_record_flag": True,
    "remarks": "create by api",
}
DW_CONTENT = (
    '{"database":"dbname","instanceName":"instancename","password":"' + DW_PASSWORD + '",'
    '"rdsOwnerId":"123","username":"username"}'
)


@dataclass(frozen=True)
class Cloud:
    name: str
    make_app: Callable[..., Any]
    make_client: Callable[..., Any]
    call: Callable[..., Any]
    acall: Callable[..., Awaitable[Any]]
    detailed: Callable[..., Any]
    adetailed: Callable[..., Awaitable[Any]]
    created_id: Callable[[Any], str]
    secrets: tuple[str, ...]


class RawBody:
    """A request body the generated model cannot hold (a required field missing, an enum value it refuses): the
    generated functions only call ``body.to_dict()``, so this stands for a caller the type checker could not
    vouch for. What it carries reaches the pipeline exactly as given, and the pipeline must refuse it."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = dict(data)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.data)


def das_body(body: Any) -> Any:
    """The generated model for a dict body when the model holds it unchanged, else a ``RawBody``."""
    from das_client.models import CreateInstanceConnectionRequestBody

    if not isinstance(body, Mapping):
        return body
    try:
        model = CreateInstanceConnectionRequestBody.from_dict(body)
    except (KeyError, TypeError, ValueError):
        return RawBody(body)
    return model if model.to_dict() == dict(body) else RawBody(body)


def _das() -> Cloud:
    from cloudsign import huaweicloud
    from cloudsign.emulator.huaweicloud import DEMO_AK, DEMO_SK, create_app
    from das_client.api.connections import create_instance_connection as op

    def make_client(url: str, sk: str = DEMO_SK, **kw: Any) -> Any:
        creds = huaweicloud.Credentials(DEMO_AK, sk, security_token=kw.pop("token", None))
        return huaweicloud.das_client(endpoint=url, credentials=creds, **kw)

    def args(client: Any, kw: dict[str, Any]) -> dict[str, Any]:
        return {
            "project_id": kw.pop("project_id", DAS_PROJECT),
            "instance_id": kw.pop("instance_id", DAS_INSTANCE),
            "client": client,
            "body": das_body(kw.pop("body", DAS_BODY)),
            **kw,
        }

    def call(client: Any, **kw: Any) -> Any:
        return op.call(**args(client, kw))

    async def acall(client: Any, **kw: Any) -> Any:
        return await op.acall(**args(client, kw))

    def detailed(client: Any, **kw: Any) -> Any:
        return op.sync_detailed(**args(client, kw))

    async def adetailed(client: Any, **kw: Any) -> Any:
        return await op.asyncio_detailed(**args(client, kw))

    return Cloud(
        "das",
        lambda: create_app(credentials={DEMO_AK: DEMO_SK}),
        make_client,
        call,
        acall,
        detailed,
        adetailed,
        lambda r: str(r.connection_id),
        (DEMO_SK, DAS_PASSWORD),
    )


def _dataworks(signature: str) -> Cloud:
    from cloudsign import alibabacloud
    from cloudsign.emulator.alibabacloud import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, create_app
    from dataworks_client.api.data_sources import create_connection as op

    def make_client(url: str, sk: str = DEMO_ACCESS_KEY_SECRET, **kw: Any) -> Any:
        creds = alibabacloud.Credentials(DEMO_ACCESS_KEY_ID, sk, security_token=kw.pop("token", None))
        return alibabacloud.dataworks_client(
            region="cn-shanghai", endpoint=url, credentials=creds, signature=signature, **kw
        )

    def args(client: Any, kw: dict[str, Any]) -> dict[str, Any]:
        return {
            "client": client,
            "connection_type": "rds",
            "content": DW_CONTENT,
            "env_type": 1,
            "name": "abc",
            "project_id": 1,
            **kw,
        }

    def call(client: Any, **kw: Any) -> Any:
        return op.call(**args(client, kw))

    async def acall(client: Any, **kw: Any) -> Any:
        return await op.acall(**args(client, kw))

    def detailed(client: Any, **kw: Any) -> Any:
        return op.sync_detailed(**args(client, kw))

    async def adetailed(client: Any, **kw: Any) -> Any:
        return await op.asyncio_detailed(**args(client, kw))

    return Cloud(
        f"dataworks-{signature}",
        lambda: create_app(credentials={DEMO_ACCESS_KEY_ID: DEMO_ACCESS_KEY_SECRET}),
        make_client,
        call,
        acall,
        detailed,
        adetailed,
        lambda r: str(r.data),
        (DEMO_ACCESS_KEY_SECRET, DW_PASSWORD),
    )


def clouds() -> list[Cloud]:
    """Every API and scheme; an import that fails fails collection (nothing is quietly left out)."""
    return [_das(), _dataworks("ACS3-HMAC-SHA256"), _dataworks("HMAC-SHA1")]


CLOUDS = clouds()
