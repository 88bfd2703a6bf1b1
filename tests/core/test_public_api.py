"""The public names the README and other code rely on exist, and importing them stays light."""

from __future__ import annotations

import subprocess
import sys


def test_contract_names() -> None:
    from cloudsign import alibabacloud, errors, huaweicloud, testing

    for name in ("Credentials", "das_client", "create_instance_connection", "acreate_instance_connection"):
        assert hasattr(huaweicloud, name), name
    for name in ("Credentials", "dataworks_client", "create_connection", "acreate_connection", "RdsContent"):
        assert hasattr(alibabacloud, name), name
    assert issubclass(huaweicloud.errors.ThrottlingError, errors.ThrottlingError)
    assert issubclass(alibabacloud.errors.ThrottlingError, errors.ThrottlingError)
    assert testing.Fault(status=429).status == 429


def test_importing_a_front_door_does_not_import_heavy_modules() -> None:
    code = (
        "import sys\n"
        "import cloudsign.huaweicloud, cloudsign.alibabacloud, cloudsign.errors\n"
        "heavy = {'aiohttp', 'starlette', 'yaml', 'fastjsonschema', 'uvicorn', 'hypothesis', 'asyncio'}\n"
        "loaded = heavy & set(sys.modules)\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
