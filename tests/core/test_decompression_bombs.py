"""A brotli bomb against every backend (issue 22, M3): a few KiB of ``br`` that decode to 512 MiB. Each call must end
in a typed error with peak memory bounded: measured as the growth of the process's peak RSS
(``resource.getrusage``) in a fresh subprocess, so nothing else in the test run counts."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

brotli = pytest.importorskip("brotli")
resource = pytest.importorskip("resource")

DECODED_MIB = 512
BACKENDS = [("sync", "stdlib"), ("sync", "urllib3"), ("sync", "httpx"), ("async", "aiohttp"), ("async", "httpx")]

_PROBE = textwrap.dedent(
    """
    import asyncio, json, resource, sys
    sys.path.insert(0, sys.argv[4])
    from hostile import answer, hostile
    from cloudsign import huaweicloud
    from cloudsign._core.errors import CloudSignError

    mode, backend, bomb_path = sys.argv[1], sys.argv[2], sys.argv[3]
    bomb = open(bomb_path, "rb").read()
    replies = [answer("200 OK", b"{}", (("Content-Type", "application/json"),)),
               answer("200 OK", bomb, (("Content-Type", "application/json"), ("Content-Encoding", "br")))]
    with hostile(lambda _r: replies.pop(0)) as (url, _):
        kind = {"sync_backend" if mode == "sync" else "async_backend": backend}
        client = huaweicloud.das_client(endpoint=url, credentials=huaweicloud.Credentials("ak", "sk"),
                                        max_attempts=1, **kind)
        async def twice(http):
            first = await http.request("POST", "/warm", content=b"{}")
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            try:
                await http.request("POST", "/bomb", content=b"{}")
                outcome = "accepted"
            except CloudSignError as exc:
                outcome = type(exc).__name__
            await http.aclose()
            return before, outcome
        if mode == "sync":
            http = client.get_httpx_client()
            http.request("POST", "/warm", content=b"{}")
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            try:
                http.request("POST", "/bomb", content=b"{}")
                outcome = "accepted"
            except CloudSignError as exc:
                outcome = type(exc).__name__
        else:
            before, outcome = asyncio.run(twice(client.get_async_httpx_client()))
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"growth_kib": after - before, "outcome": outcome}))
    """
)


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    packer = brotli.Compressor(quality=5)
    zeros = b"\0" * (1 << 20)
    data = b"".join(packer.process(zeros) for _ in range(DECODED_MIB)) + packer.finish()
    path = tmp_path_factory.mktemp("bomb") / "bomb.br"
    path.write_bytes(data)
    assert len(data) < 4096
    return path


@pytest.mark.parametrize(("mode", "backend"), BACKENDS, ids=[f"{m}-{b}" for m, b in BACKENDS])
def test_a_brotli_bomb_is_refused_with_bounded_memory(bomb: Path, mode: str, backend: str) -> None:
    here = str(Path(__file__).parent)
    run = subprocess.run(
        [sys.executable, "-c", _PROBE, mode, backend, str(bomb), here], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    print(f"{mode}-{backend}: peak RSS grew {result['growth_kib'] / 1024:.1f} MiB, {result['outcome']}")
    assert result["outcome"] in ("ResponseTooLargeError", "APIConnectionError"), result
    assert result["growth_kib"] < 64 * 1024, f"peak RSS grew {result['growth_kib'] // 1024} MiB"
