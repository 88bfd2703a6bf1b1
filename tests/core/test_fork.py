"""Fork safety (issue 22, M1): after ``os.fork()`` the child must not reuse the keep-alive connection it inherited.

The parent makes a call (its connection stays pooled), forks, and then parent and child each make calls on the
same client at the same time. The server echoes each request's path after a short pause, so had both processes
written to the one inherited socket, each would read answers meant for the other."""

from __future__ import annotations

import asyncio
import json
import os
import time
from typing import Any

import pytest

from cloudsign import huaweicloud

from .hostile import answer, hostile

CALLS = 6
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


def _echo(request: bytes) -> bytes:
    time.sleep(0.05)  # both processes have written before either reads
    path = request.split(b" ", 2)[1].decode()
    return answer("200 OK", json.dumps({"path": path}).encode(), (("Content-Type", "application/json"),))


def _client(url: str, **kw: Any) -> Any:
    return huaweicloud.das_client(endpoint=url, credentials=huaweicloud.Credentials("ak", "sk"), max_attempts=1, **kw)


def _sync_calls(http: Any, who: str) -> list[bool]:
    out = []
    for n in range(CALLS):
        path = f"/{who}-{n}"
        try:
            out.append(http.request("POST", path, content=b"{}").json()["path"] == path)
        except Exception:
            out.append(False)
    return out


async def _async_calls(http: Any, who: str) -> list[bool]:
    out = []
    for n in range(CALLS):
        path = f"/{who}-{n}"
        try:
            out.append((await http.request("POST", path, content=b"{}")).json()["path"] == path)
        except Exception:
            out.append(False)
    return out


def _forked(parent_work: Any, child_work: Any) -> tuple[list[bool], list[bool]]:
    """Run ``child_work`` in a forked child and ``parent_work`` here, at once; each returns its list of results."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report and leave without running any of the parent's cleanup
        code = 1
        try:
            os.close(read_end)
            os.write(write_end, json.dumps(child_work()).encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    parent = parent_work()
    with os.fdopen(read_end, "rb") as pipe:
        child = json.loads(pipe.read() or b"[]")
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    return parent, child


@pytest.mark.parametrize("backend", ["stdlib", "urllib3", "httpx"])
def test_sync_child_and_parent_each_get_their_own_answers(backend: str) -> None:
    with hostile(_echo) as (url, seen):
        http = _client(url, sync_backend=backend).get_httpx_client()
        assert http.request("POST", "/before", content=b"{}").json() == {"path": "/before"}  # pooled now
        parent, child = _forked(lambda: _sync_calls(http, "parent"), lambda: _sync_calls(http, "child"))
    assert child == [True] * CALLS, f"child answers right: {sum(child)}/{CALLS}"
    assert parent == [True] * CALLS, f"parent answers right: {sum(parent)}/{CALLS}"
    assert len(seen.requests) == 1 + 2 * CALLS


@pytest.mark.parametrize("backend", ["aiohttp", "httpx"])
def test_async_child_and_parent_each_get_their_own_answers(backend: str) -> None:
    with hostile(_echo) as (url, _):
        http = _client(url, async_backend=backend).get_async_httpx_client()
        loop = asyncio.new_event_loop()  # kept open over the fork: its session and connection stay alive
        try:
            assert loop.run_until_complete(http.request("POST", "/before", content=b"{}")).json()["path"]
            parent, child = _forked(
                lambda: loop.run_until_complete(_async_calls(http, "parent")),
                lambda: asyncio.run(_async_calls(http, "child")),  # the child's own loop, as a forked worker runs
            )
            loop.run_until_complete(http.aclose())
        finally:
            loop.close()
    assert child == [True] * CALLS and parent == [True] * CALLS, (sum(child), sum(parent))
