"""The async client's aiohttp sessions (issue 22 L5, issue 28): one per event loop, bounded, each closed on its own
loop: by ``aclose()``, by ``async with``, or when ``asyncio.run`` shuts its loop down. Run with
``-W error::ResourceWarning`` in a subprocess, so an unclosed session, connector or socket fails the test."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

_PRELUDE = textwrap.dedent(
    """
    import asyncio, gc, sys, threading, warnings
    sys.path.insert(0, sys.argv[1])
    from hostile import answer, hostile
    from cloudsign import huaweicloud

    def client(url):
        return huaweicloud.das_client(endpoint=url, credentials=huaweicloud.Credentials("ak", "sk"))

    async def calls(http, n):
        for i in range(n):
            assert (await http.request("POST", f"/{i}", content=b"{}")).json() == {}

    def made_sessions():
        import aiohttp
        return sum(isinstance(o, aiohttp.ClientSession) for o in gc.get_objects())

    ok = lambda _r: answer("200 OK", b"{}", (("Content-Type", "application/json"),))
    """
)

SCENARIOS = {
    "aclose": """
        with hostile(ok) as (url, _):
            async def main():
                http = client(url).get_async_httpx_client()
                await calls(http, 3)
                await http.aclose()
            asyncio.run(main())
        """,
    "async with": """
        with hostile(ok) as (url, _):
            async def main():
                async with client(url).get_async_httpx_client() as http:
                    await calls(http, 3)
            asyncio.run(main())
        """,
    "two asyncio.run": """
        with hostile(ok) as (url, _):
            http = client(url).get_async_httpx_client()
            asyncio.run(calls(http, 2))
            asyncio.run(calls(http, 2))
            asyncio.run(http.aclose())
        """,
    "two asyncio.run, httpx backend": """
        with hostile(ok) as (url, _):
            http = huaweicloud.das_client(
                endpoint=url, credentials=huaweicloud.Credentials("ak", "sk"), async_backend="httpx"
            ).get_async_httpx_client()
            asyncio.run(calls(http, 2))
            asyncio.run(calls(http, 2))  # the first loop's shutdown closed its session and freed the client
        """,
    "never closed": """
        with hostile(ok) as (url, _):
            http = client(url).get_async_httpx_client()
            asyncio.run(calls(http, 2))  # its shutdown closes the session
        """,
    "two loops at once": """
        with hostile(ok) as (url, _):
            http = client(url).get_async_httpx_client()
            errors = []
            def worker():
                try:
                    asyncio.run(calls(http, 40))
                except BaseException as exc:
                    errors.append(exc)
            threads = [threading.Thread(target=worker) for _ in range(2)]
            for t in threads: t.start()
            for t in threads: t.join()
            assert not errors, errors
            assert http._wire.sessions.count() <= 2
            print("sessions made:", made_sessions())
            assert made_sessions() <= 2, made_sessions()
        """,
}


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_sessions_are_bounded_and_closed(scenario: str) -> None:
    code = _PRELUDE + textwrap.dedent(SCENARIOS[scenario]) + "\ngc.collect()\nprint('done')\n"
    run = subprocess.run(
        [sys.executable, "-W", "error::ResourceWarning", "-X", "dev", "-c", code, str(Path(__file__).parent)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0 and run.stdout.strip().endswith("done"), run.stdout[-1500:] + run.stderr[-3000:]
    for sign in ("Unclosed", "unclosed", "ResourceWarning", "Exception ignored", "never awaited"):
        assert sign not in run.stderr, run.stderr[-3000:]
