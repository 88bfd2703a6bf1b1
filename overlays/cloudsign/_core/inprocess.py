"""The transport of emulation in process: one attempt answered by the cloud's emulator (an ASGI app) called in
this process, instead of bytes sent. No socket is opened and no name resolved.

The clients consult ``switch.ACTIVE`` once per attempt, after signing (``sync_client`` / ``async_client``: one
line each), and call ``send`` / ``asend`` here only while an emulation is active. The request reaches the emulator
as the bytes the signer produced (method, URL, headers, body), so the emulator verifies the signature, validates
against the spec, keeps its state and applies its faults exactly as over HTTP; the answer comes back as the
backends build it.

An async call awaits the app on the caller's own event loop. A sync call drives the app's coroutine to its end in
the caller's thread, without any event loop, as the handler awaits nothing real; when a fault is queued (its
latency needs a clock to wait on, and the read timeout applies) it runs on one private event loop in a daemon
thread instead, shared by every thread of the process (sync code may run inside someone else's event loop, where
``run_until_complete`` is not allowed). ``cloudsign.testing`` builds the apps and activates them; this module
imports neither Starlette nor any cloud, and asyncio only when an emulated call is made.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from typing import TYPE_CHECKING, Any, Protocol, TypeVar
from urllib.parse import unquote

import httpx

from .logs import logger
from .pause import Pause
from .pipeline import Call, too_large
from .responses import response_for
from .switch import App, Direct, Emulation
from .wire import header_name_bytes

_T = TypeVar("_T")

if TYPE_CHECKING:
    import asyncio

__all__ = ["asend", "send"]


class _Client(Protocol):
    """What a sync or async cloudsign client hands over: its pipeline (the cloud) and its default timeout."""

    pipeline: Any
    timeout: httpx.Timeout


# -- the exchange ------------------------------------------------------------------------------------------------


def _scope(method: str, url: str, headers: Mapping[str, str], body: bytes) -> dict[str, Any]:
    """The ASGI scope of a request as an HTTP server would make it from these bytes (``url`` is what the signer
    produced: ``scheme://host[:port]/path[?query]``, already encoded)."""
    scheme, _, rest = url.partition("://")
    netloc, slash, target = rest.partition("/")
    raw_path, _, query = (slash + target).partition("?")
    raw_path = raw_path or "/"
    pairs = [(k.lower().encode("latin-1"), v.encode()) for k, v in headers.items()]
    names = {k for k, _ in pairs}
    if b"host" not in names:
        pairs.append((b"host", netloc.encode()))
    if body and b"content-length" not in names:
        pairs.append((b"content-length", str(len(body)).encode()))
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": method,
        "scheme": scheme,
        "path": unquote(raw_path) if "%" in raw_path else raw_path,
        "raw_path": raw_path.encode("latin-1"),
        "query_string": query.encode("latin-1"),
        "root_path": "",
        "headers": pairs,
        "client": ("127.0.0.1", 0),
        "server": None,
    }


class _Answer:
    __slots__ = ("body", "complete", "headers", "status")

    def __init__(self) -> None:
        self.status = 0
        self.headers: list[tuple[bytes, bytes]] = []
        self.body: bytearray | bytes = bytearray()  # bytes when the handler's answer is taken as it is
        self.complete = False


async def _exchange(app: App, scope: dict[str, Any], body: bytes, read_timeout: float | None) -> _Answer:
    """Call the app once; a break-off (the emulator's dropped connection) is the error a client would see."""
    import asyncio

    answer = _Answer()
    given = False

    async def receive() -> dict[str, Any]:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            answer.status = message["status"]
            answer.headers = list(message.get("headers") or [])
        elif message["type"] == "http.response.body":
            answer.body += message.get("body", b"")
            answer.complete = not message.get("more_body", False)

    try:
        if read_timeout is None:
            await app(scope, receive, send)
        else:
            async with asyncio.timeout(read_timeout):
                await app(scope, receive, send)
    except TimeoutError:
        raise httpx.ReadTimeout("the emulator did not answer within the read timeout") from None
    except Exception as exc:  # what uvicorn would do: a complete answer stands, anything else is a cut connection
        if not answer.complete:
            raise httpx.RemoteProtocolError(f"the emulator broke off its answer ({type(exc).__name__})") from None
        logger.warning(
            "the emulator raised %s after answering %s (the answer stands)", type(exc).__name__, answer.status
        )
    if not answer.complete:
        raise httpx.RemoteProtocolError("the emulator ended without a complete answer")
    return answer


async def _answer(
    app: App, direct: Direct | None, call: Call, url: str, headers: Mapping[str, str], read_timeout: float | None
) -> _Answer:
    """The emulator's answer: from its handler called directly when it can (no ASGI scope, routing or response
    objects), else from its app."""
    if direct is not None:
        got = await _within(_direct(direct, call, url, headers), read_timeout)
        if got is not None:
            return got
    return await _exchange(app, _scope(call.method, url, headers, call.body), call.body, read_timeout)


async def _direct(direct: Direct, call: Call, url: str, headers: Mapping[str, str]) -> _Answer | None:
    try:
        got = await direct(call.method, url, headers, call.body)
    except ConnectionAbortedError:
        raise httpx.RemoteProtocolError("the emulator broke off its answer (ConnectionAbortedError)") from None
    except Exception as exc:  # as the app's error middleware answers an emulator's bug: a 500
        logger.warning("the emulator raised %s; answering 500", type(exc).__name__)
        got = (500, [(b"content-type", b"text/plain; charset=utf-8")], b"Internal Server Error")
    if got is None:
        return None
    answer = _Answer()
    answer.status, answer.headers, answer.body, answer.complete = got[0], got[1], got[2], True
    return answer


def _response(client: _Client, call: Call, answer: _Answer) -> httpx.Response:
    wanted = header_name_bytes(client.pipeline.cloud.request_id_header)
    request_id = None
    for key, value in answer.headers:
        if key == wanted or key.lower() == wanted:
            request_id = value.decode("latin-1")
            break
    body = answer.body
    if len(body) > call.options.max_response_bytes:
        raise too_large(call, answer.status, request_id)
    return response_for(answer.status, answer.headers, body if body.__class__ is bytes else bytes(body), request_id)


def _app_for(active: Emulation, client: _Client) -> tuple[App, Direct | None]:
    cloud = client.pipeline.cloud.name
    app = active.apps.get(cloud)
    if app is None:
        raise httpx.ConnectError(f"no {cloud} emulator is active: emulated() serves {sorted(active.apps)}")
    return app, active.direct.get(cloud)


def _read_timeout(client: _Client, timeout: Any) -> float | None:
    t = client.timeout if timeout is httpx.USE_CLIENT_DEFAULT else httpx.Timeout(timeout)
    return t.read


async def asend(
    active: Emulation, client: _Client, call: Call, url: str, headers: Mapping[str, str], timeout: Any
) -> httpx.Response:
    """One attempt of an async client, answered by the emulator on the caller's event loop."""
    app, direct = _app_for(active, client)
    if direct is not None and not active.may_wait():
        # Run to its end at once (no timer armed per call); should a fault queued meanwhile make it wait, the rest
        # runs under the read timeout as below.
        coro = _direct(direct, call, url, headers)
        try:
            waiting = coro.send(None)
        except StopIteration as stop:
            answer = stop.value
        else:
            answer = await _within(_Resume(coro, waiting), _read_timeout(client, timeout))
        if answer is not None:
            return _response(client, call, answer)
        direct = None  # declined (a control route, an undocumented method): the app answers, not the handler again
    answer = await _answer(app, direct, call, url, headers, _read_timeout(client, timeout))
    return _response(client, call, answer)


class _Resume:
    """Awaiting it resumes a coroutine that was stepped once and is waiting on ``waiting`` (what it yielded)."""

    __slots__ = ("coro", "waiting")

    def __init__(self, coro: Coroutine[Any, Any, Any], waiting: Any) -> None:
        self.coro, self.waiting = coro, waiting

    def __await__(self) -> Any:
        coro, value = self.coro, self.waiting
        try:
            while True:
                try:
                    sent = yield value
                except BaseException as exc:  # a cancellation (the timeout) goes to the coroutine
                    value = coro.throw(exc)
                else:
                    value = coro.send(sent)
        except StopIteration as stop:
            return stop.value


async def _within(answering: Awaitable[_T], read_timeout: float | None) -> _T:
    """``answering`` awaited within the read timeout (``httpx.ReadTimeout`` past it)."""
    if read_timeout is None:
        return await answering
    import asyncio

    try:
        async with asyncio.timeout(read_timeout):
            return await answering
    except TimeoutError:
        raise httpx.ReadTimeout("the emulator did not answer within the read timeout") from None


def send(
    active: Emulation, client: _Client, call: Call, url: str, headers: Mapping[str, str], timeout: Any
) -> httpx.Response:
    """One attempt of a sync client: answered in the caller's thread, without an event loop (the emulator's
    handler awaits nothing real unless a fault makes it wait), or else on the private event loop."""
    app, direct = _app_for(active, client)
    if not active.may_wait():
        # A fault queued meanwhile by another thread is waited out here, within the read timeout (``Pause``).
        def read_timeout() -> float | None:
            return _read_timeout(client, timeout)

        if direct is not None:
            answer = _drive(_direct(direct, call, url, headers), read_timeout)
            if answer is not None:
                return _response(client, call, answer)
        exchange = _exchange(app, _scope(call.method, url, headers, call.body), call.body, None)
        return _response(client, call, _drive(exchange, read_timeout))
    import asyncio

    future = asyncio.run_coroutine_threadsafe(
        _answer(app, direct, call, url, headers, _read_timeout(client, timeout)), _private_loop()
    )
    return _response(client, call, future.result())


def _drive(coro: Coroutine[Any, Any, Any], read_timeout_of: Callable[[], float | None]) -> Any:
    """Run a coroutine that never suspends on a future to its end, in this thread (a bare ``yield`` is passed; a
    ``Pause`` is slept here, or for the read timeout, asked for only then, and then the call times out)."""
    try:
        while True:
            waiting = coro.send(None)
            if waiting is None:
                continue
            if waiting.__class__ is Pause:
                seconds, read_timeout = waiting.seconds, read_timeout_of()
                if read_timeout is not None and seconds > read_timeout:
                    time.sleep(read_timeout)
                    coro.close()
                    raise httpx.ReadTimeout("the emulator did not answer within the read timeout")
                time.sleep(seconds)
                continue
            coro.close()
            raise RuntimeError("the emulator waited for something while answering a sync call in process")
    except StopIteration as stop:
        return stop.value


# -- the private event loop of sync calls ------------------------------------------------------------------------

_LOOP: asyncio.AbstractEventLoop | None = None
_LOOP_LOCK = threading.Lock()


def _private_loop() -> asyncio.AbstractEventLoop:
    """One event loop in a daemon thread for the whole process, started by the first sync call that may wait (a
    fault queued: ``may_wait``)."""
    global _LOOP
    loop = _LOOP
    if loop is not None:
        return loop
    with _LOOP_LOCK:
        if _LOOP is None:
            import asyncio

            made = asyncio.new_event_loop()
            thread = threading.Thread(target=made.run_forever, name="cloudsign-emulation", daemon=True)
            thread.start()
            _LOOP = made
        return _LOOP


def _forget_loop_in_child() -> None:
    """A forked child has no loop thread: it starts its own on its first sync call."""
    global _LOOP, _LOOP_LOCK
    _LOOP, _LOOP_LOCK = None, threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_loop_in_child)
