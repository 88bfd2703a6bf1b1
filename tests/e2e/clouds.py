"""One adapter per API so the fault, validation, secrets and load tests run the same way against both clouds."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

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
    created_id: Callable[[Any], str]
    secrets: tuple[str, ...]


def _das() -> Cloud:
    from cloudsign import huaweicloud
    from cloudsign.huaweicloud.emulator import DEMO_AK, DEMO_SK, create_app

    def make_client(url: str, sk: str = DEMO_SK, **kw: Any) -> Any:
        creds = huaweicloud.Credentials(DEMO_AK, sk, security_token=kw.pop("token", None))
        return huaweicloud.das_client(endpoint=url, credentials=creds, **kw)

    def call(client: Any, **kw: Any) -> Any:
        body = kw.pop("body", DAS_BODY)
        return huaweicloud.create_instance_connection(client, DAS_PROJECT, DAS_INSTANCE, body=body, **kw)

    async def acall(client: Any, **kw: Any) -> Any:
        body = kw.pop("body", DAS_BODY)
        return await huaweicloud.acreate_instance_connection(client, DAS_PROJECT, DAS_INSTANCE, body=body, **kw)

    return Cloud(
        "das",
        lambda: create_app(credentials={DEMO_AK: DEMO_SK}),
        make_client,
        call,
        acall,
        lambda r: str(r.connection_id),
        (DEMO_SK, DAS_PASSWORD),
    )


def _dataworks(signature: str) -> Cloud:
    from cloudsign import alibabacloud
    from cloudsign.alibabacloud.emulator import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, create_app

    def make_client(url: str, sk: str = DEMO_ACCESS_KEY_SECRET, **kw: Any) -> Any:
        creds = alibabacloud.Credentials(DEMO_ACCESS_KEY_ID, sk, security_token=kw.pop("token", None))
        return alibabacloud.dataworks_client(
            region="cn-shanghai", endpoint=url, credentials=creds, signature=signature, **kw
        )

    def args(kw: dict[str, Any]) -> dict[str, Any]:
        return {
            "connection_type": "rds",
            "content": DW_CONTENT,
            "env_type": 1,
            "name": "abc",
            "project_id": 1,
            **kw,
        }

    def call(client: Any, **kw: Any) -> Any:
        return alibabacloud.create_connection(client, **args(kw))

    async def acall(client: Any, **kw: Any) -> Any:
        return await alibabacloud.acreate_connection(client, **args(kw))

    return Cloud(
        f"dataworks-{signature}",
        lambda: create_app(credentials={DEMO_ACCESS_KEY_ID: DEMO_ACCESS_KEY_SECRET}),
        make_client,
        call,
        acall,
        lambda r: str(r.data),
        (DEMO_ACCESS_KEY_SECRET, DW_PASSWORD),
    )


def clouds() -> list[Cloud]:
    found = [_das()]
    try:
        found += [_dataworks("ACS3-HMAC-SHA256"), _dataworks("HMAC-SHA1")]
    except ImportError:  # pragma: no cover - while the Alibaba overlay is being written
        pass
    return found


CLOUDS = clouds()
