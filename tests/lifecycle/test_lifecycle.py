"""The connection lifecycle of both clouds through the generated functions against the emulators: sync and async,
every signing scheme; the emulators' resource state (paging, filters, accounts, projects, batches); bad input
refused before anything is sent."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from cloudsign import alibabacloud, huaweicloud
from cloudsign._core.errors import InvalidParameterError
from cloudsign.alibabacloud import errors as ali_errors
from cloudsign.emulator.alibabacloud import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET
from cloudsign.emulator.alibabacloud import create_app as dataworks_app
from cloudsign.emulator.app import running
from cloudsign.emulator.huaweicloud import DEMO_AK, DEMO_IAM_TOKEN, DEMO_SK
from cloudsign.emulator.huaweicloud import create_app as das_app
from cloudsign.huaweicloud import errors as das_errors

from .lifecycles import DAS_INSTANCE, DAS_PROJECT, DW_CONTENT, DW_PROJECT, das_lifecycle, dataworks_lifecycle

OTHER_AK, OTHER_SK = "CLOUDSIGNOTHERAK00002", "other-sk-lifecycle"
OTHER_ID, OTHER_SECRET = "LTAIotherLifecycleKey", "other-secret-lifecycle"


class Counting:
    """An ASGI app that counts the HTTP requests reaching the emulator behind it."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.state = app.state
        self.count = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            self.count += 1
        await self.app(scope, receive, send)


@pytest.fixture(scope="module")
def das() -> Iterator[tuple[str, Counting]]:
    app = Counting(das_app(credentials={DEMO_AK: DEMO_SK, OTHER_AK: OTHER_SK}, tokens=[DEMO_IAM_TOKEN]))
    with running(app) as url:
        yield url, app


@pytest.fixture(scope="module")
def dataworks() -> Iterator[tuple[str, Counting]]:
    app = Counting(dataworks_app(credentials={DEMO_ACCESS_KEY_ID: DEMO_ACCESS_KEY_SECRET, OTHER_ID: OTHER_SECRET}))
    with running(app) as url:
        yield url, app


def das_client(url: str, scheme: str = "SDK-HMAC-SHA256", ak: str = DEMO_AK, sk: str = DEMO_SK) -> Any:
    if scheme == "iam-token":
        return huaweicloud.das_client(endpoint=url, iam_token=DEMO_IAM_TOKEN)
    return huaweicloud.das_client(endpoint=url, credentials=huaweicloud.Credentials(ak, sk), algorithm=scheme)


def dw_client(url: str, scheme: str = "ACS3-HMAC-SHA256", key: str = DEMO_ACCESS_KEY_ID, secret: str = "") -> Any:
    creds = alibabacloud.Credentials(key, secret or DEMO_ACCESS_KEY_SECRET)
    return alibabacloud.dataworks_client(region="cn-shanghai", endpoint=url, credentials=creds, signature=scheme)


def _walk(make: Any, lifecycle: Any, mode: str, label: str) -> list[str]:
    if mode == "sync":
        with make() as client:
            return asyncio.run(lifecycle(client, False, label))

    async def run() -> list[str]:
        async with make() as client:
            return list(await lifecycle(client, True, label))

    return asyncio.run(run())


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("scheme", ["SDK-HMAC-SHA256", "SDK-HMAC-SM3", "iam-token"])
def test_das_lifecycle(das: tuple[str, Counting], scheme: str, mode: str) -> None:
    url, app = das
    steps = _walk(lambda: das_client(url, scheme), das_lifecycle, mode, f"{scheme}-{mode}")
    assert len(steps) == 6, steps
    assert app.state.emulator.resources.count() == 0  # what the walk made, it deleted


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("scheme", ["ACS3-HMAC-SHA256", "HMAC-SHA1"])
def test_dataworks_lifecycle(dataworks: tuple[str, Counting], scheme: str, mode: str) -> None:
    url, app = dataworks
    steps = _walk(lambda: dw_client(url, scheme), dataworks_lifecycle, mode, f"{scheme}-{mode}")
    assert len(steps) == 5, steps
    assert app.state.emulator.resources.count() == 0


def _das_create(client: Any, remarks: str, project: str = DAS_PROJECT, engine: Any = "mysql") -> str:
    from das_client.api.connections import create_instance_connection
    from das_client.models import CreateInstanceConnectionRequestBody

    body = CreateInstanceConnectionRequestBody(
        engine_type=engine, network_type="rds", username="u", is_save_password=False, password="p", remarks=remarks
    )
    return str(create_instance_connection.call(project, DAS_INSTANCE, client=client, body=body).connection_id)


def test_das_paging_filters_scope_and_batches(das: tuple[str, Counting]) -> None:
    from das_client.api.connections import batch_delete_connection_new, list_connections, show_connection_detail
    from das_client.models import BatchDeleteConnectionNewRequestBody

    url, app = das
    client, other = das_client(url), das_client(url, ak=OTHER_AK, sk=OTHER_SK)
    made = [_das_create(client, f"page-{i}", engine="mysql" if i % 2 else "postgresql") for i in range(5)]
    project2 = "1" * 32
    elsewhere = _das_create(client, "page-other-project", project=project2)

    def ids(**query: Any) -> tuple[list[str], int]:
        page: Any = list_connections.call(DAS_PROJECT, client=client, **query)
        return [c.connection_id for c in page.das_conn_info_list], page.total_record

    assert ids() == (made, 5)  # creation order; the other project's is not listed
    assert ids(offset=1, limit=2) == (made[1:3], 5)
    assert ids(datastore_type="mysql") == ([made[1], made[3]], 2)
    assert ids(condition="PAGE-4") == ([made[4]], 1)  # a keyword of the remarks, any case
    assert ids(connection_type="SHARE") == ([], 0)
    # another AK sees none of them; another project's path does not show them
    assert list_connections.call(DAS_PROJECT, client=other).total_record == 0
    with pytest.raises(das_errors.DAS200100Error):
        show_connection_detail.call(DAS_PROJECT, made[0], client=other)
    with pytest.raises(das_errors.DAS200100Error):
        show_connection_detail.call(project2, made[0], client=client)
    # a batch naming one unknown id is refused as a whole: nothing is deleted
    unknown = "00000000-0000-0000-0000-000000000000"
    body = BatchDeleteConnectionNewRequestBody.from_dict(
        {"connection_ids": [{"connection_id": made[0]}, {"connection_id": unknown}]}
    )
    with pytest.raises(das_errors.DAS200100Error) as info:
        batch_delete_connection_new.call(DAS_PROJECT, client=client, body=body)
    assert info.value.status_code == 400
    assert ids()[1] == 5
    batch_delete_connection_new.call(
        DAS_PROJECT, client=client, body=BatchDeleteConnectionNewRequestBody.from_dict({"delete_all": True})
    )
    assert ids() == ([], 0)
    shown: Any = show_connection_detail.call(project2, elsewhere, client=client)
    assert shown.das_conn_info.remarks == "page-other-project"
    client.get_httpx_client().post("/_emulator/reset")
    assert app.state.emulator.resources.count() == 0


def test_dataworks_paging_filters_and_accounts(dataworks: tuple[str, Counting]) -> None:
    from dataworks_client.api.data_sources import create_connection, delete_connection, list_connections

    url, _ = dataworks
    client, other = dw_client(url), dw_client(url, key=OTHER_ID, secret=OTHER_SECRET)
    envs: list[Any] = [0, 1, 0]
    made: list[Any] = [
        create_connection.call(
            client=client, connection_type="rds", content=DW_CONTENT, env_type=env, name=f"pg-{i}", project_id=99
        ).data
        for i, env in enumerate(envs)
    ]

    def ids(**query: Any) -> tuple[list[int], int, int, int]:
        data: Any = list_connections.call(client=client, project_id=99, **query).data
        return [c.id for c in data.connections], data.total_count, data.page_number, data.page_size

    assert ids() == (made, 3, 1, 10)
    assert ids(page_number=2, page_size=2) == (made[2:], 3, 2, 2)
    assert ids(env_type=1)[:2] == ([made[1]], 1)
    assert ids(status="DISABLED")[:2] == ([], 0)
    assert ids(name="pg-2")[:2] == ([made[2]], 1)
    elsewhere: Any = list_connections.call(client=client, project_id=DW_PROJECT + 1000).data
    assert elsewhere.total_count == 0
    seen_by_other: Any = list_connections.call(client=other, project_id=99).data
    assert seen_by_other.total_count == 0
    with pytest.raises(ali_errors.InvalidTenantConnectionNotExistsError):
        delete_connection.call(client=other, connection_id=made[0])
    for cid in made:
        assert delete_connection.call(client=client, connection_id=cid).data is True
    assert ids()[:2] == ([], 0)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        ("show_bad_id", "connection_id"),
        ("modify_bad_id", "connection_id"),
        ("list_limit_0", "limit"),
        ("list_limit_201", "limit"),
        ("list_offset_negative", "offset"),
        ("delete_empty_list", "body.connection_ids"),
        ("delete_bad_id", "body.connection_ids[0].connection_id"),
    ],
)
def test_das_bad_input_is_refused_before_sending(das: tuple[str, Counting], call: str, field: str) -> None:
    from das_client.api.connections import (
        batch_delete_connection_new,
        list_connections,
        modify_connection,
        show_connection_detail,
    )
    from das_client.models import BatchDeleteConnectionNewRequestBody, ModifyConnectionRequestBody

    url, app = das
    client = das_client(url)
    calls: dict[str, Callable[[], Any]] = {
        "show_bad_id": lambda: show_connection_detail.call(DAS_PROJECT, "not-a-connection-id", client=client),
        "modify_bad_id": lambda: modify_connection.call(
            DAS_PROJECT,
            "x" * 37,
            client=client,
            body=ModifyConnectionRequestBody(username="u", password="p", is_save_password=False),
        ),
        "list_limit_0": lambda: list_connections.call(DAS_PROJECT, client=client, limit=0),
        "list_limit_201": lambda: list_connections.call(DAS_PROJECT, client=client, limit=201),
        "list_offset_negative": lambda: list_connections.call(DAS_PROJECT, client=client, offset=-1),
        "delete_empty_list": lambda: batch_delete_connection_new.call(
            DAS_PROJECT, client=client, body=BatchDeleteConnectionNewRequestBody(connection_ids=[])
        ),
        "delete_bad_id": lambda: batch_delete_connection_new.call(
            DAS_PROJECT,
            client=client,
            body=BatchDeleteConnectionNewRequestBody.from_dict({"connection_ids": [{"connection_id": "short"}]}),
        ),
    }
    before = app.count
    with pytest.raises(InvalidParameterError) as info:
        calls[call]()
    assert info.value.field.replace("/", ".") in (field, field.removeprefix("body.")), info.value
    assert app.count == before  # nothing was sent


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ({"page_size": 101}, "PageSize"),
        ({"page_size": 0}, "PageSize"),
        ({"page_number": 0}, "PageNumber"),
        ({"status": "GONE"}, "Status"),
    ],
)
def test_dataworks_bad_input_is_refused_before_sending(
    dataworks: tuple[str, Counting], args: dict[str, Any], field: str
) -> None:
    from dataworks_client.api.data_sources import list_connections

    url, app = dataworks
    before = app.count
    with pytest.raises(InvalidParameterError) as info:
        list_connections.call(client=dw_client(url), project_id=DW_PROJECT, **args)
    assert info.value.field == field
    assert app.count == before
