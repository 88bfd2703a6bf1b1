"""Import + client construction time and peak RSS, each in a fresh process of the contender's own virtualenv.

The timer starts before the first import of the SDK and stops once the client is built; the process's wall time
(interpreter start-up included) is recorded as well. Bytecode is compiled beforehand and ``PYTHONDONTWRITEBYTECODE``
is dropped from the child's environment, so nobody pays for compiling sources.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from . import fixtures as fx
from .stats import rotate

_PRELUDE = "import time\n_t0 = time.perf_counter()\n"
# Peak RSS from VmHWM: ru_maxrss would carry the forking parent's size across exec.
_EPILOGUE = """
_t1 = time.perf_counter()
import json, sys
_hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")][0].split()[1]
print(json.dumps({"ms": (_t1 - _t0) * 1000, "rss_kib": int(_hwm), "modules": len(sys.modules)}))
"""

SNIPPETS = {
    # What a program imports to make the call: the factory and the generated operation module (with its models).
    "das/ours": f"""
from cloudsign.huaweicloud import Credentials, das_client
from das_client.api.connections import create_instance_connection
from das_client.models import CreateInstanceConnectionRequestBody
client = das_client(endpoint="http://127.0.0.1:9", credentials=Credentials({fx.HW_AK!r}, {fx.HW_SK!r}))
""",
    "dataworks/ours": f"""
from cloudsign.alibabacloud import Credentials, dataworks_client
from dataworks_client.api.data_sources import create_connection
client = dataworks_client(region="cn-shanghai", endpoint="http://127.0.0.1:9",
                          credentials=Credentials({fx.ALI_AK!r}, {fx.ALI_SK!r}))
""",
    "das/official": f"""
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkdas.v3 import CreateInstanceConnectionReq, CreateInstanceConnectionRequest, DasClient
client = (DasClient.new_builder().with_credentials(BasicCredentials({fx.HW_AK!r}, {fx.HW_SK!r}, {fx.DAS_PROJECT_ID!r}))
          .with_endpoints(["http://127.0.0.1:9"]).build())
""",
    "dataworks/official": f"""
from alibabacloud_dataworks_public20200518 import models
from alibabacloud_dataworks_public20200518.client import Client
from alibabacloud_tea_openapi.utils_models import Config
client = Client(Config(access_key_id={fx.ALI_AK!r}, access_key_secret={fx.ALI_SK!r}, endpoint="127.0.0.1:9",
                       protocol="http", region_id="cn-shanghai"))
""",
    # The ideal: httpx + attrs, a client object built, nothing else (in the same runtime-only virtualenv as ours).
    "any/httpx_attrs": """
import ssl
import attrs
import httpx
client = httpx.Client(base_url="http://127.0.0.1:9", verify=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT))
""",
}


@dataclass(frozen=True)
class Job:
    key: str
    python: Path
    snippet: str


def _child_env() -> dict[str, str]:
    drop = {"PYTHONDONTWRITEBYTECODE", "PYTHONPATH", "VIRTUAL_ENV", "PYTHONSTARTUP", "PYTHONPROFILEIMPORTTIME"}
    return {k: v for k, v in os.environ.items() if k not in drop}


def measure_once(job: Job) -> dict[str, float]:
    code = _PRELUDE + job.snippet + _EPILOGUE
    start = time.perf_counter()
    proc = subprocess.run([str(job.python), "-c", code], capture_output=True, text=True, env=_child_env(), check=False)
    wall = (time.perf_counter() - start) * 1000
    if proc.returncode != 0:
        raise RuntimeError(f"{job.key}: {proc.stderr.strip().splitlines()[-1:]}")
    data: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    data["wall_ms"] = wall
    return data


def run(jobs: list[Job], *, repeats: int) -> dict[str, list[dict[str, float]]]:
    """Interleaved fresh processes; one warm-up run per job is discarded."""
    for job in jobs:
        measure_once(job)
    out: dict[str, list[dict[str, float]]] = {job.key: [] for job in jobs}
    for r in range(repeats):
        for job in rotate(jobs, r):
            out[job.key].append(measure_once(job))
    return out


def import_profile(job: Job) -> list[tuple[float, str]]:
    """The 15 costliest imports (cumulative µs) of one run, from ``-X importtime``."""
    code = _PRELUDE + job.snippet
    proc = subprocess.run(
        [str(job.python), "-X", "importtime", "-c", code], capture_output=True, text=True, env=_child_env(), check=False
    )
    rows: list[tuple[float, str]] = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        parts = line[len("import time:") :].split("|")
        if len(parts) != 3:
            continue
        try:
            rows.append((float(parts[1]), parts[2].rstrip()))
        except ValueError:
            continue
    rows.sort(reverse=True)
    return rows[:15]
