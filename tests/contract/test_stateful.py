"""The stateful phase, against both emulators in process, bounded.

* DAS: schemathesis' state machine from the document's OpenAPI links (CreateInstanceConnection's ``connection_id``
  feeds ShowConnectionDetail and ModifyConnection), plus a rule that deletes a connection the scenario created with
  BatchDeleteConnectionNew (its ids go in the body, which no link fills: see the document), every response checked
  against the spec; after every successful delete, each deleted id is read again and must be refused with the
  status and code the read operation's ``x-cloudsign-resource`` names (schemathesis' own ``use_after_free`` only
  follows a DELETE with path parameters, not a batch delete with ids in the body).
* DataWorks (one document per action, so no links across them): a Hypothesis rule-based state machine over the
  generated functions, with a model of what exists: create, list (filters and pages compared with the model),
  update, delete, and a use of a deleted id, which must be refused. The client checks every answer against the
  action's document.

Counts of what ran are printed (``-s``) and asserted, so a run that silently did nothing fails.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, invariant, rule, run_state_machine_as_test

from cloudsign._core.registry import service
from cloudsign.emulator.app import running
from cloudsign.emulator.huaweicloud import DEMO_AK, DEMO_SK
from cloudsign.emulator.huaweicloud import create_app as das_app
from cloudsign.emulator.resources import ResourceRule, pointer_values, rule_of
from cloudsign.huaweicloud import Credentials, requests_auth

from ._schemas import bound_schema

SCENARIOS = 12  # state machine runs per cloud; each at most STEPS calls (plus the use-after-delete probes)
STEPS = 8
BOUNDED = settings(
    max_examples=SCENARIOS,
    stateful_step_count=STEPS,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


def rules_of(service_name: str) -> dict[str, ResourceRule]:
    """operationId -> resource rule, for every operation of the service that takes part in a resource's life."""
    return {op.operation_id: r for op in service(service_name).operations if (r := rule_of(op)) is not None}


# -- DAS: schemathesis' state machine from the OpenAPI links ----------------------------------------------------------


def test_das_stateful_links_and_use_after_delete() -> None:
    from contract_cleanup import Created, delete_request  # type: ignore[import-not-found]  # scripts/, via _schemas

    app = das_app(credentials={DEMO_AK: DEMO_SK})
    auth = requests_auth(Credentials(DEMO_AK, DEMO_SK))
    schema = bound_schema("huaweicloud-das.yaml", app, auth, mode="positive")
    rules = rules_of("huaweicloud-das")
    seen: Counter[tuple[str, int]] = Counter()
    probes: Counter[str] = Counter()
    scenarios = Counter[str]()

    def after_delete(case: Any, response: Any) -> None:
        rule = rules.get(case.operation.definition.raw.get("operationId", ""))
        if rule is None or rule.role != "delete" or not 200 <= response.status_code < 300:
            return
        values = {**case.path_parameters, **(case.query or {}), "body": case.body}
        reader_id, reader = next((o, r) for o, r in rules.items() if r.name == rule.name and r.role == "read")
        assert reader.missing is not None and reader.id is not None
        for gone in pointer_values(values, rule.id or ""):
            path = {reader.id.lstrip("/"): gone}
            if reader.project and rule.project:
                path[reader.project] = values[rule.project]
            probe = schema.find_operation_by_id(reader_id).Case(path_parameters=path)
            answer = probe.call(auth=auth)
            body = answer.json()
            assert answer.status_code == reader.missing.status, (gone, answer.status_code, body)
            assert reader.missing.code in body.values(), body
            probes[f"{reader_id} after delete"] += 1

    creator_id, creator = next((o, r) for o, r in rules.items() if r.role == "create")
    deleter_id, deleter = next((o, r) for o, r in rules.items() if r.name == creator.name and r.role == "delete")
    deleter_op = next(op for op in service("huaweicloud-das").operations if op.operation_id == deleter_id)

    class Workflow(schema.as_state_machine()):  # type: ignore[misc]
        """The links' transitions, plus one rule of its own: delete a connection this scenario created (the
        batch delete takes its ids in the body, which no link of the document fills)."""

        def setup(self) -> None:
            scenarios["run"] += 1
            self.created: list[Created] = []

        def validate_response(self, response: Any, case: Any, **kwargs: Any) -> None:
            operation_id = case.operation.definition.raw.get("operationId", "")
            seen[(operation_id, response.status_code)] += 1
            super().validate_response(response, case, **kwargs)
            after_delete(case, response)
            if operation_id == creator_id and response.status_code == 200:
                scope = {creator.project: case.path_parameters[creator.project]} if creator.project else {}
                for new in pointer_values(response.json(), creator.id or ""):
                    self.created.append(Created("huaweicloud-das", creator.name, new, scope))

        @rule()
        def delete_a_created_connection(self) -> None:
            if not self.created:
                return
            item = self.created.pop(0)
            _, _, _, body = delete_request(deleter_op, deleter, item)
            operation = schema.find_operation_by_id(deleter_id)
            case = operation.Case(path_parameters=dict(item.scope), body=body)
            response = case.call(auth=auth)
            operation.validate_response(response)  # the answer against the spec (the auth checks need generated auth)
            seen[(deleter_id, response.status_code)] += 1
            after_delete(case, response)

    Workflow.run(settings=BOUNDED)
    print(f"DAS stateful: {scenarios['run']} scenarios, {sum(seen.values())} calls {dict(seen)}, probes {dict(probes)}")
    # Links carried created ids: a random connection_id would never be found.
    for operation in ("ShowConnectionDetail", "ModifyConnection", "BatchDeleteConnectionNew"):
        assert seen[(operation, 200)] > 0, seen
    assert probes["ShowConnectionDetail after delete"] > 0, probes
    assert (
        app.state.emulator.resources.count()
        == seen[("CreateInstanceConnection", 200)] - probes["ShowConnectionDetail after delete"]
    )


# -- DataWorks: a model-based state machine over the generated functions ---------------------------------------------


@pytest.fixture(scope="module")
def dataworks_url() -> Iterator[tuple[str, Any]]:
    from cloudsign.emulator.alibabacloud import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, create_app

    app = create_app(credentials={DEMO_ACCESS_KEY_ID: DEMO_ACCESS_KEY_SECRET})
    with running(app) as url:
        yield url, app


CONTENT = '{"database":"db","instanceName":"rm-1","password":"pw-stateful","rdsOwnerId":"1","username":"u"}'
PROJECT = 77


def test_dataworks_stateful_model(dataworks_url: tuple[str, Any]) -> None:
    from cloudsign import alibabacloud
    from cloudsign.emulator.alibabacloud import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET
    from dataworks_client.api.data_sources import (
        create_connection,
        delete_connection,
        list_connections,
        update_connection,
    )

    url, app = dataworks_url
    rules = rules_of("alibabacloud-dataworks")
    found = next(r.missing for r in rules.values() if r.role == "update")
    assert found is not None
    missing = found
    creds = alibabacloud.Credentials(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET)
    client = alibabacloud.dataworks_client(region="cn-shanghai", endpoint=url, credentials=creds)
    calls: Counter[str] = Counter()

    class Model(RuleBasedStateMachine):
        """``model`` maps each live data source id to (name, env, description, status shown)."""

        live = Bundle("live")
        dead = Bundle("dead")

        def __init__(self) -> None:
            super().__init__()
            client.get_httpx_client().post("/_emulator/reset")
            self.model: dict[int, tuple[str, int, str, int]] = {}
            calls["scenarios"] += 1

        @rule(target=live, name=st.sampled_from(["a", "b", "c"]), env=st.sampled_from([0, 1]))
        def create(self, name: str, env: Any) -> int:
            cid = create_connection.call(
                client=client, connection_type="rds", content=CONTENT, env_type=env, name=name, project_id=PROJECT
            ).data
            assert isinstance(cid, int) and cid not in self.model
            self.model[cid] = (name, env, "abc", 1)  # Description: the spec example's; Status: 1 (normal)
            calls["CreateConnection"] += 1
            return cid

        @rule(cid=live, description=st.text("xyz", min_size=1, max_size=4), disable=st.booleans())
        def update(self, cid: int, description: str, disable: bool) -> None:
            if cid not in self.model:
                return
            status: Any = "DISABLED" if disable else "ENABLED"
            result = update_connection.call(client=client, connection_id=cid, description=description, status=status)
            assert result.data is True
            name, env, _, _ = self.model[cid]
            self.model[cid] = (name, env, description, 2 if disable else 1)
            calls["UpdateConnection"] += 1

        @rule(target=dead, cid=consumes(live))
        def delete(self, cid: int) -> int:
            if cid in self.model:
                assert delete_connection.call(client=client, connection_id=cid).data is True
                del self.model[cid]
                calls["DeleteConnection"] += 1
                self.use_after_delete(cid)
            return cid

        @rule(cid=dead)
        def use_after_delete(self, cid: int) -> None:
            """A deleted id, used again (right after the delete, and later as a rule of its own): refused."""
            if cid in self.model:
                return
            detailed = update_connection.sync_detailed(client=client, connection_id=cid, description="late")
            assert detailed.status_code == missing.status, detailed
            assert missing.code in str(detailed.content), detailed.content
            calls["UpdateConnection after delete"] += 1

        @rule(
            name=st.sampled_from([None, "a", "b"]),
            env=st.sampled_from([None, 0, 1]),
            size=st.integers(1, 3),
            page=st.integers(1, 3),
        )
        def list_page(self, name: str | None, env: Any, size: int, page: int) -> None:
            query: dict[str, Any] = {"name": name, "env_type": env} if name is not None else {"env_type": env}
            query = {k: v for k, v in query.items() if v is not None}
            data: Any = list_connections.call(
                client=client, project_id=PROJECT, page_size=size, page_number=page, **query
            ).data
            wanted = [
                (cid, *fields)
                for cid, fields in self.model.items()
                if (name is None or fields[0] == name) and (env is None or fields[1] == env)
            ]
            shown = [(c.id, c.name, c.env_type, c.description, c.status) for c in data.connections]
            assert shown == wanted[(page - 1) * size : page * size], (query, page, size)
            assert data.total_count == len(wanted)
            calls["ListConnections"] += 1

        @invariant()
        def nothing_else_is_kept(self) -> None:
            assert app.state.emulator.resources.count() == len(self.model)

    run_state_machine_as_test(Model, settings=settings(BOUNDED, database=None))
    print(f"DataWorks stateful: {dict(calls)}")
    for action in ("CreateConnection", "ListConnections", "UpdateConnection", "DeleteConnection"):
        assert calls[action] > 0, calls
    assert calls["UpdateConnection after delete"] > 0, calls
