"""The connection lifecycle of each cloud, walked through the generated functions (sync ``call`` or async ``acall``):
create, show or list, modify, list again, delete, then a use after the delete, which must be refused with the
status and code the spec chose. ``scripts/run.py`` and the tests share these walks.

Every step returns a line (operation, what was checked) so a caller can print or count them.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any

DAS_PROJECT = "052041494800d57c2f02c00275b4c247"
DAS_INSTANCE = "bcfa975193f1402fa11a6d4fd6baf5fbin01"
DW_PROJECT = 7
DW_CONTENT = '{"database":"db","instanceName":"rm-1","password":"pw-Lifecycle-1","rdsOwnerId":"1","username":"u"}'


async def _maybe(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value


def _runner(asynchronous: bool) -> Callable[[Any], Callable[..., Awaitable[Any]]]:
    """``run(module)(...)``: the module's ``acall`` or ``call``, awaited either way."""

    def run(module: Any) -> Callable[..., Awaitable[Any]]:
        function = module.acall if asynchronous else module.call
        return lambda *args, **kwargs: _maybe(function(*args, **kwargs))

    return run


async def das_lifecycle(client: Any, asynchronous: bool, remarks: str = "lifecycle") -> list[str]:
    """DAS: CreateInstanceConnection, ShowConnectionDetail, ListConnections, ModifyConnection,
    BatchDeleteConnectionNew, then ShowConnectionDetail refused (400 DAS.200100)."""
    from cloudsign.huaweicloud import errors
    from das_client.api.connections import (
        batch_delete_connection_new,
        create_instance_connection,
        list_connections,
        modify_connection,
        show_connection_detail,
    )
    from das_client.models import (
        BatchDeleteConnectionNewRequestBody,
        ConnectionIdsItem,
        CreateInstanceConnectionRequestBody,
        ModifyConnectionRequestBody,
    )

    run, steps = _runner(asynchronous), []
    body = CreateInstanceConnectionRequestBody(
        engine_type="mysql", network_type="rds", username="root", is_save_password=True, password="Gauss_2345",
        remarks=remarks,
    )  # fmt: skip
    created = await run(create_instance_connection)(DAS_PROJECT, DAS_INSTANCE, client=client, body=body)
    cid = created.connection_id
    steps.append(f"CreateInstanceConnection: connection_id {cid}")
    shown = (await run(show_connection_detail)(DAS_PROJECT, cid, client=client)).das_conn_info
    assert (shown.connection_id, shown.remarks, shown.user_name) == (cid, remarks, "root"), shown
    steps.append("ShowConnectionDetail: the created connection, as sent")
    page = await run(list_connections)(DAS_PROJECT, client=client, condition=remarks, limit=10)
    assert [c.connection_id for c in page.das_conn_info_list] == [cid], page
    steps.append(f"ListConnections: condition={remarks!r} finds it (total_record {page.total_record})")
    change = ModifyConnectionRequestBody(username="admin", password="Gauss_6789", is_save_password=False)
    change.remarks = remarks + "-modified"
    await run(modify_connection)(DAS_PROJECT, cid, client=client, body=change)
    shown = (await run(show_connection_detail)(DAS_PROJECT, cid, client=client)).das_conn_info
    assert (shown.user_name, shown.remarks, shown.is_save_password) == ("admin", change.remarks, False), shown
    steps.append("ModifyConnection: user, remarks and is_save_password changed")
    doomed = BatchDeleteConnectionNewRequestBody(connection_ids=[ConnectionIdsItem(connection_id=cid)])
    await run(batch_delete_connection_new)(DAS_PROJECT, client=client, body=doomed)
    steps.append("BatchDeleteConnectionNew: deleted")
    try:
        await run(show_connection_detail)(DAS_PROJECT, cid, client=client)
    except errors.DAS200100Error as exc:
        assert exc.status_code == 400, exc
        steps.append("ShowConnectionDetail after delete: refused, 400 DAS.200100")
    else:
        raise AssertionError("a deleted connection was shown")
    return steps


async def dataworks_lifecycle(client: Any, asynchronous: bool, name: str = "lifecycle") -> list[str]:
    """DataWorks: CreateConnection, ListConnections, UpdateConnection, ListConnections, DeleteConnection, then
    UpdateConnection refused (400 Invalid.Tenant.ConnectionNotExists)."""
    from cloudsign.alibabacloud import errors
    from dataworks_client.api.data_sources import (
        create_connection,
        delete_connection,
        list_connections,
        update_connection,
    )

    run, steps = _runner(asynchronous), []
    created = await run(create_connection)(
        client=client, connection_type="rds", content=DW_CONTENT, env_type=0, name=name, project_id=DW_PROJECT
    )
    cid = created.data
    steps.append(f"CreateConnection: Data {cid}")
    page = (await run(list_connections)(client=client, project_id=DW_PROJECT, name=name, page_size=10)).data
    assert [(c.id, c.name, c.env_type) for c in page.connections] == [(cid, name, 0)], page
    steps.append(f"ListConnections: Name={name!r} finds it (TotalCount {page.total_count})")
    await run(update_connection)(client=client, connection_id=cid, description="updated", status="DISABLED")
    page = (await run(list_connections)(client=client, project_id=DW_PROJECT, name=name)).data
    assert [(c.id, c.description, c.status) for c in page.connections] == [(cid, "updated", 2)], page
    steps.append("UpdateConnection: Description and Status (DISABLED shown as 2) changed")
    deleted = await run(delete_connection)(client=client, connection_id=cid)
    assert deleted.data is True, deleted
    steps.append("DeleteConnection: deleted")
    try:
        await run(update_connection)(client=client, connection_id=cid, description="again")
    except errors.InvalidTenantConnectionNotExistsError as exc:
        assert exc.status_code == 400, exc
        steps.append("UpdateConnection after delete: refused, 400 Invalid.Tenant.ConnectionNotExists")
    else:
        raise AssertionError("a deleted data source was updated")
    return steps
