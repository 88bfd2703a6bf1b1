"""Emulated in process against the same emulator over loopback: ``cloudsign.testing.emulated()`` versus the emulator
served by uvicorn on 127.0.0.1 (``cloudsign.testing.running``), the same client and call on both sides.

Both sides run the same generated ``call`` / ``acall`` on a factory client with the bench keys, and the emulator
does the same work (verify the signature, validate against the spec, record the call, build the answer): only the
way there differs. The loopback client is built outside the emulation and called while it is not active, so its
calls really cross the socket. Sync and async (sequential ``acall``), both APIs; repeats interleaved, the ratio
taken within each repeat.

Standalone: ``PYTHONPATH=scripts .venv/bin/python -m bench.emulated [--repeats N] [--calls N] [--cpu]``.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from . import fixtures as fx

APIS = ("das", "dataworks")
MODES = ("sync", "async")
KEYS = {"huaweicloud": {fx.HW_AK: fx.HW_SK}, "alibabacloud": {fx.ALI_AK: fx.ALI_SK}}


def _client(api: str, url: str) -> Any:
    from cloudsign import alibabacloud, huaweicloud

    if api == "das":
        creds = huaweicloud.Credentials(fx.HW_AK, fx.HW_SK, project_id=fx.DAS_PROJECT_ID)
        return huaweicloud.das_client(endpoint=url, credentials=creds)
    return alibabacloud.dataworks_client(
        region=fx.DW_REGION, endpoint=url, credentials=alibabacloud.Credentials(fx.ALI_AK, fx.ALI_SK)
    )


def _calls(api: str, client: Any) -> tuple[Callable[[], Any], Callable[[], Any]]:
    """(sync call, async call) of the API's create operation on ``client``."""
    if api == "das":
        from das_client.api.connections import create_instance_connection as das_op
        from das_client.models import CreateInstanceConnectionRequestBody

        def das_body() -> Any:
            return CreateInstanceConnectionRequestBody.from_dict(fx.das_body())

        return (
            lambda: das_op.call(fx.DAS_PROJECT_ID, fx.DAS_INSTANCE_ID, client=client, body=das_body()),
            lambda: das_op.acall(fx.DAS_PROJECT_ID, fx.DAS_INSTANCE_ID, client=client, body=das_body()),
        )
    from dataworks_client.api.data_sources import create_connection as dw_op

    args: dict[str, Any] = {
        "connection_type": "rds",
        "content": fx.DW_CONTENT,
        "env_type": 1,
        "name": "abc",
        "project_id": 1,
    }
    return lambda: dw_op.call(client=client, **args), lambda: dw_op.acall(client=client, **args)


@contextmanager
def _loopback() -> Iterator[dict[str, str]]:
    """Both emulators served on 127.0.0.1 (any free port), accepting the bench keys; yields their URLs by API."""
    from cloudsign.emulator.alibabacloud import create_app as alibaba_app
    from cloudsign.emulator.huaweicloud import create_app as huawei_app
    from cloudsign.testing import running

    with (
        running(huawei_app(credentials=KEYS["huaweicloud"])) as das,
        running(alibaba_app(credentials=KEYS["alibabacloud"])) as dw,
    ):
        yield {"das": das, "dataworks": dw}


# Wall time by default; ``--cpu`` takes the process's CPU time instead (client, emulator and, over loopback, the
# server thread: what the machine spends per call, much less sensitive to other load than wall time).
CLOCKS: dict[str, Callable[[], float]] = {"wall": time.perf_counter, "cpu": time.process_time}
_clock = time.perf_counter


def _time_sync(call: Callable[[], Any], n: int) -> float:
    started = _clock()
    for _ in range(n):
        call()
    return (_clock() - started) / n * 1e6


def _time_async(api: str, url: str, n: int) -> float:
    """Sequential ``acall``s on a client of this event loop, closed at the end."""

    async def run() -> float:
        async with _client(api, url) as client:
            call = _calls(api, client)[1]
            await call()  # the session (or nothing, emulated) made outside the timing
            started = _clock()
            for _ in range(n):
                await call()
            return (_clock() - started) / n * 1e6

    return asyncio.run(run())


def _time_sync_of(call: Callable[[], Any], _api: str, n: int) -> float:
    return _time_sync(call, n)


def _time_async_at(urls: dict[str, str], api: str, n: int) -> float:
    return _time_async(api, urls[api], n)


def run(repeats: int = 5, calls: int = 200, clock: str = "wall") -> dict[str, tuple[list[float], list[float]]]:
    """``"<api>/<mode>"`` -> (µs per call over loopback, µs per call emulated), one value per repeat."""
    global _clock
    from cloudsign.testing import emulated

    _clock = CLOCKS[clock]

    out: dict[str, tuple[list[float], list[float]]] = {f"{a}/{m}": ([], []) for a in APIS for m in MODES}
    with _loopback() as urls:
        clients = {api: _client(api, urls[api]) for api in APIS}
        timers: dict[str, Callable[[str, int], float]] = {}
        for api in APIS:
            sync_call = _calls(api, clients[api])[0]
            timers[f"{api}/sync"] = functools.partial(_time_sync_of, sync_call)
            timers[f"{api}/async"] = functools.partial(_time_async_at, urls)
        for key, timer in timers.items():  # warm both paths (imports, spec loading, connections)
            timer(key.split("/")[0], 20)
            with emulated(credentials=KEYS):
                timer(key.split("/")[0], 20)
        for repeat in range(repeats):
            for key, timer in timers.items():
                loop_side, emulated_side = out[key]
                order = ("loopback", "emulated") if repeat % 2 == 0 else ("emulated", "loopback")
                for side in order:
                    if side == "loopback":
                        loop_side.append(timer(key.split("/")[0], calls))
                    else:
                        with emulated(credentials=KEYS):
                            emulated_side.append(timer(key.split("/")[0], calls))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.emulated", description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--cpu", action="store_true", help="time the process's CPU time instead of wall time")
    args = parser.parse_args(argv)
    for key, (loopback, inproc) in run(args.repeats, args.calls, "cpu" if args.cpu else "wall").items():
        ratios = [a / b for a, b in zip(loopback, inproc, strict=True)]
        print(
            f"{key:16} loopback {statistics.median(loopback):7.0f} µs  emulated {statistics.median(inproc):6.0f} µs  "
            f"loopback/emulated median {statistics.median(ratios):5.1f}x ({min(ratios):.1f}..{max(ratios):.1f})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
