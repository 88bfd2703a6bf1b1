"""The official SDK clients (test-only oracles) walk the connection lifecycle against the emulators: every new
operation is sent as the vendor sends it, accepted, and its answer parsed by the vendor's own models; a use after
the delete gets the vendor client's error with the status and code the spec chose."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.applications import Starlette

from cloudsign.emulator.alibabacloud import create_app as dataworks_app
from cloudsign.emulator.app import running
from cloudsign.emulator.huaweicloud import create_app as das_app

from ..huaweicloud.conftest import AK, PROJECT_ID, SK, official_client, official_request
from .lifecycles import DW_CONTENT

ALI_KEY, ALI_SECRET = "LTAIofficialLifecycle", "official-lifecycle-secret"


@pytest.fixture
def das() -> Iterator[tuple[str, Starlette]]:
    app = das_app(credentials={AK: SK})
    with running(app) as url:
        yield url, app


@pytest.fixture
def dataworks() -> Iterator[tuple[str, Starlette]]:
    app = dataworks_app(credentials={ALI_KEY: ALI_SECRET})
    with running(app) as url:
        yield url, app


def test_huawei_official_client_walks_the_lifecycle(das: tuple[str, Starlette]) -> None:
    from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
    from huaweicloudsdkdas.v3 import (
        BatchDeleteConnectionNewRequest,
        BatchDeleteConnectionNewRequestBody,
        ConnectionIdsItem,
        ListConnectionsRequest,
        ModifyConnectionRequest,
        ModifyConnectionRequestBody,
        ShowConnectionDetailRequest,
    )

    url, app = das
    official = official_client(url)
    body = {"engine_type": "mysql", "network_type": "rds", "username": "root", "is_save_password": True}
    created = official.create_instance_connection(official_request({**body, "password": "pw", "remarks": "oracle"}))
    cid = created.connection_id
    shown = official.show_connection_detail(ShowConnectionDetailRequest(connection_id=cid))
    assert shown.status_code == 200
    assert (shown.das_conn_info.connection_id, shown.das_conn_info.remarks) == (cid, "oracle")
    assert shown.das_conn_info.user_name == "root" and shown.das_conn_info.engine_type == "mysql"
    listed = official.list_connections(
        ListConnectionsRequest(condition="oracle", offset=0, limit=10, x_language="en-us")
    )
    assert listed.total_record == 1 and [c.connection_id for c in listed.das_conn_info_list] == [cid]
    change = ModifyConnectionRequestBody(username="admin", password="pw2", is_save_password=False, remarks="changed")
    modified = official.modify_connection(ModifyConnectionRequest(connection_id=cid, body=change))
    assert modified.status_code == 200
    shown = official.show_connection_detail(ShowConnectionDetailRequest(connection_id=cid))
    assert (shown.das_conn_info.user_name, shown.das_conn_info.remarks) == ("admin", "changed")
    doomed = BatchDeleteConnectionNewRequestBody(connection_ids=[ConnectionIdsItem(connection_id=cid)])
    assert official.batch_delete_connection_new(BatchDeleteConnectionNewRequest(body=doomed)).status_code == 200
    with pytest.raises(ClientRequestException) as info:
        official.show_connection_detail(ShowConnectionDetailRequest(connection_id=cid))
    assert (info.value.status_code, info.value.error_code) == (400, "DAS.200100")
    made = [c["operation"] for c in app.state.emulator.creations.snapshot()]
    assert made == [
        "CreateInstanceConnection",
        "ShowConnectionDetail",
        "ListConnections",
        "ModifyConnection",
        "ShowConnectionDetail",
        "BatchDeleteConnectionNew",
    ]
    assert all(c["project_id"] == PROJECT_ID for c in app.state.emulator.creations.snapshot())


@pytest.mark.parametrize("algorithm", [None, "v2"])
def test_alibaba_official_client_walks_the_lifecycle(dataworks: tuple[str, Starlette], algorithm: str | None) -> None:
    from alibabacloud_dataworks_public20200518 import models
    from alibabacloud_dataworks_public20200518.client import Client
    from alibabacloud_tea_openapi import models as openapi_models

    url, app = dataworks
    config = openapi_models.Config(
        access_key_id=ALI_KEY,
        access_key_secret=ALI_SECRET,
        endpoint=url.split("//", 1)[1],
        protocol="http",
        signature_algorithm=algorithm,
    )
    official: Any = Client(config)
    created = official.create_connection(
        models.CreateConnectionRequest(
            connection_type="rds", content=DW_CONTENT, env_type=1, name="oracle", project_id=3
        )
    ).body
    cid = created.data
    listed = official.list_connections(
        models.ListConnectionsRequest(project_id=3, name="oracle", env_type=1, page_number=1, page_size=5)
    ).body
    assert listed.success is True and listed.http_status_code == 200
    assert (listed.data.total_count, listed.data.page_number, listed.data.page_size) == (1, 1, 5)
    assert [(c.id, c.name, c.connection_type) for c in listed.data.connections] == [(cid, "oracle", "rds")]
    updated = official.update_connection(
        models.UpdateConnectionRequest(connection_id=cid, description="changed", env_type=0, status="DISABLED")
    ).body
    assert updated.data is True and updated.success is True
    listed = official.list_connections(models.ListConnectionsRequest(project_id=3, status="DISABLED")).body
    assert [(c.id, c.description, c.env_type, c.status) for c in listed.data.connections] == [(cid, "changed", 0, 2)]
    deleted = official.delete_connection(models.DeleteConnectionRequest(connection_id=cid)).body
    assert deleted.data is True and deleted.success is True
    with pytest.raises(Exception) as info:
        official.delete_connection(models.DeleteConnectionRequest(connection_id=cid))
    assert getattr(info.value, "code", None) == "Invalid.Tenant.ConnectionNotExists"
    assert getattr(info.value, "statusCode", None) == 400
    assert app.state.emulator.resources.count() == 0
