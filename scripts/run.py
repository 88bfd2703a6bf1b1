"""``make run``: the main job end to end against local emulators of both clouds.

Regenerates the clients if specs/ changed, starts both emulators on 127.0.0.1, creates a DAS instance connection
(SDK-HMAC-SHA256) and a DataWorks connection (ACS3-HMAC-SHA256 and HMAC-SHA1) through the generated clients and
the cloudsign overlay, makes one call with a wrong secret, prints a table and stops the emulators.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def regenerate_if_needed() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([str(ROOT / "scripts/generate.sh"), tmp], check=True, capture_output=True)
        differs = subprocess.run(
            ["diff", "-rq", "-x", "__pycache__", "-x", "*.egg-info", "-x", "build", tmp, str(ROOT / "generated")],
            capture_output=True,
        ).returncode
    if differs:
        subprocess.run([str(ROOT / "scripts/generate.sh")], check=True, capture_output=True)
        return "regenerated from specs/"
    return "up to date with specs/"


def attempt(fn: Callable[[], str]) -> tuple[str, str]:
    """Run one call; return (status, id or error code)."""
    from cloudsign._core.errors import APIStatusError

    try:
        return "200", fn()
    except APIStatusError as exc:
        return str(exc.status_code), exc.code or "-"


def main() -> int:
    from cloudsign import alibabacloud, huaweicloud
    from cloudsign._core.emulation import running
    from cloudsign._core.specs import find_operation, load_spec
    from cloudsign.alibabacloud import emulator as dw_emulator
    from cloudsign.huaweicloud import emulator as das_emulator

    print(f"generated/: {regenerate_if_needed()}")
    das_spec = load_spec("huaweicloud-das")
    _, _, op = find_operation(das_spec, "CreateInstanceConnection")
    seed_body: dict[str, Any] = op["requestBody"]["content"]["application/json"]["examples"]["create_mysql_connection"][
        "value"
    ]
    project_id, instance_id = "052041494800d57c2f02c00275b4c247", "bcfa975193f1402fa11a6d4fd6baf5fbin01"
    das_port = int(os.environ.get("DAS_EMULATOR_PORT", "18780"))
    dw_port = int(os.environ.get("DATAWORKS_EMULATOR_PORT", "18781"))
    das_ak, das_sk = das_emulator.DEMO_AK, das_emulator.DEMO_SK
    dw_ak, dw_sk = dw_emulator.DEMO_ACCESS_KEY_ID, dw_emulator.DEMO_ACCESS_KEY_SECRET
    creds = {das_ak: das_sk}
    rows: list[tuple[str, str, str, str, str]] = []
    with (
        running(das_emulator.create_app(credentials=creds), das_port) as das_url,
        running(dw_emulator.create_app(credentials={dw_ak: dw_sk}), dw_port) as dw_url,
    ):

        def das_call(sk: str) -> Callable[[], str]:
            client = huaweicloud.das_client(endpoint=das_url, credentials=huaweicloud.Credentials(das_ak, sk))
            return lambda: (
                huaweicloud.create_instance_connection(
                    client, project_id, instance_id, body=seed_body, max_attempts=1
                ).connection_id
            )

        def dw_call(signature: str, secret: str) -> Callable[[], str]:
            client = alibabacloud.dataworks_client(
                region="cn-shanghai",
                endpoint=dw_url,
                credentials=alibabacloud.Credentials(dw_ak, secret),
                signature=signature,
            )
            return lambda: str(
                alibabacloud.create_connection(
                    client,
                    connection_type="rds",
                    content='{"database":"dbname","instanceName":"instancename","password":"password",'
                    '"rdsOwnerId":"123","username":"username"}',
                    env_type=1,
                    name="abc",
                    project_id=1,
                    max_attempts=1,
                ).data
            )

        plan = [
            ("DAS CreateInstanceConnection", "SDK-HMAC-SHA256", das_call(das_sk), "200"),
            ("DataWorks CreateConnection", "ACS3-HMAC-SHA256", dw_call("ACS3-HMAC-SHA256", dw_sk), "200"),
            ("DataWorks CreateConnection", "HMAC-SHA1 (RPC v1)", dw_call("HMAC-SHA1", dw_sk), "200"),
            ("DAS CreateInstanceConnection", "SDK-HMAC-SHA256, wrong SK", das_call("not-the-secret"), "401"),
            (
                "DataWorks CreateConnection",
                "ACS3-HMAC-SHA256, wrong secret",
                dw_call("ACS3-HMAC-SHA256", "nope"),
                "400",
            ),
        ]
        for api, scheme, fn, expected in plan:
            status, result = attempt(fn)
            rows.append((api, scheme, status, result, "ok" if status == expected else f"expected {expected}"))
    widths = [
        max(len(r[i]) for r in [("API", "scheme", "status", "id / error code", "check"), *rows]) for i in range(5)
    ]
    for row in [("API", "scheme", "status", "id / error code", "check"), *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
    failed = [r for r in rows if r[4] != "ok"]
    print(
        "emulators stopped;", "all calls behaved as expected" if not failed else f"{len(failed)} unexpected result(s)"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
