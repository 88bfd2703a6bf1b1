"""``make contract`` leaves nothing behind: every resource a run creates is deleted when it ends, also when it
breaks off midway, and what cannot be deleted is listed (exit status 4)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cloudsign.emulator.app import running

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import contract  # type: ignore[import-not-found]  # noqa: E402
from contract_cleanup import Created, cleanup, delete_request, read_ledger  # type: ignore[import-not-found]  # noqa: E402

PROJECT = "052041494800d57c2f02c00275b4c247"


def test_a_run_broken_off_midway_still_deletes_what_it_created(tmp_path: Path) -> None:
    """The request budget stops the run midway (exit 3); every connection it had created is deleted anyway."""
    from cloudsign.emulator.huaweicloud import create_app

    app = create_app()
    with running(app) as url:
        cmd = [sys.executable, str(ROOT / "scripts/contract.py"), "--url", url, "--spec", "specs/huaweicloud-das.yaml"]
        cmd += ["--phases", "examples,coverage", "--max-requests", "40", "--artifacts", str(tmp_path)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == contract.BUDGET_SPENT, proc.stdout[-3000:] + proc.stderr[-2000:]
    made = [c for c in app.state.emulator.creations.snapshot() if c["operation"] == "CreateInstanceConnection"]
    assert made, "the run created nothing: the test proves nothing"
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("cleanup:"))
    assert line == f"cleanup: {len(made)} resource(s) created, {len(made)} deleted, 0 left behind", line
    assert app.state.emulator.resources.count() == 0
    assert "deleted afterwards with BatchDeleteConnectionNew" in proc.stdout


def test_what_cannot_be_deleted_is_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A ledger from a killed run (its last line cut short): live ids are deleted, an id gone already counts as
    deleted (the spec's missing answer), one the deployment refuses to delete is listed as left behind."""
    from cloudsign.emulator.alibabacloud import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, create_app

    app = create_app(credentials={DEMO_ACCESS_KEY_ID: DEMO_ACCESS_KEY_SECRET})
    with running(app) as url:
        from cloudsign import alibabacloud
        from dataworks_client.api.data_sources import create_connection

        creds = alibabacloud.Credentials(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET)
        client = alibabacloud.dataworks_client(region="cn-shanghai", endpoint=url, credentials=creds)
        content = '{"database":"d","instanceName":"rm-1","password":"p","rdsOwnerId":"1","username":"u"}'
        live = [
            create_connection.call(
                client=client, connection_type="rds", content=content, env_type=0, name=f"c{i}", project_id=5
            ).data
            for i in range(2)
        ]
        ledger = tmp_path / "run.created.jsonl"
        entries = [Created("alibabacloud-dataworks", "connection", i, {"ProjectId": 5}) for i in [*live, 999999]]
        ledger.write_text("".join(json.dumps(e.__dict__) + "\n" for e in entries) + '{"service": "alibabac')
        args: Any = contract.parse_args(["--url", url, "--spec", "alibabacloud-dataworks"])
        assert contract.clean_up(args, ROOT / "specs/alibabacloud-dataworks.yaml", ledger) == 0
        assert app.state.emulator.resources.count() == 0
        assert "cleanup: 3 resource(s) created, 3 deleted, 0 left behind" in capsys.readouterr().out

        def refusing(method: str, path: str, query: dict[str, Any], body: Any) -> tuple[int, Any]:
            return 403, {"Code": "Forbidden.RAM", "Message": "not allowed"}

        deleted, left = cleanup(read_ledger(ledger), refusing)
        assert deleted == [] and [item.id for item, _ in left] == [*live, 999999]
        assert all("DeleteConnection answered 403" in why for _, why in left), left


def test_delete_requests_are_built_from_the_rule() -> None:
    """Where the id goes comes from the delete rule: a body array for DAS' batch, a query parameter for DataWorks."""
    from cloudsign._core.registry import service
    from cloudsign.emulator.resources import rule_of

    def deleter(name: str) -> tuple[Any, Any]:
        return next((op, r) for op in service(name).operations if (r := rule_of(op)) and r.role == "delete")

    op, rule = deleter("huaweicloud-das")
    item = Created("huaweicloud-das", "connection", "c" * 36, {"project_id": PROJECT})
    assert delete_request(op, rule, item) == (
        "DELETE",
        f"/v3/{PROJECT}/batch-delete-connections",
        {},
        {"connection_ids": [{"connection_id": "c" * 36}]},
    )
    op, rule = deleter("alibabacloud-dataworks")
    item = Created("alibabacloud-dataworks", "connection", 42, {"ProjectId": 5})
    assert delete_request(op, rule, item) == (
        "POST",
        "/",
        {"Action": "DeleteConnection", "Version": "2020-05-18", "ConnectionId": 42},
        None,
    )
