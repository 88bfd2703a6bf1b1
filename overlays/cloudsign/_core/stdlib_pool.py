"""Keep-alive ``http.client`` connections to one origin: what the default sync backend sends through.

In ``make bench`` a urllib3 connection pool with inline signing costs clearly more than a bare ``http.client`` call
carrying the same signature (the figures are in docs/benchmarks.md, never in code): urllib3's own layer takes more than
a whole call may cost over that signed floor. So direct (unproxied) calls use http.client itself, and this module adds
only what a client needs around it: idle connections reused last-in first-out by any number of threads, an idle
connection the server or a load balancer has closed found before reuse (its socket reads as ready: EOF or stray bytes)
and replaced (looked for once it has been idle ``CHECK_IDLE_AFTER``: back-to-back calls skip that system call),
connect and read timeouts, TLS through the client's ``SSLContext``, answers read with a bound on their decoded size.
HTTP/1.1 itself (request line, framing, chunked bodies, header parsing) stays http.client's.
"""

from __future__ import annotations

import http.client
import select
import socket
import ssl
import time
from collections import deque
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

import httpx

from .bodies import INFLATED, READ_CHUNK, inflate_steps, inflater

# An idle connection is polled for a close before reuse only once it has been idle this long (seconds). A server that
# closes a kept-alive connection does so after its idle timeout (seconds to minutes) or says ``Connection: close``
# (never reused); a connection used again within a millisecond of its answer races any close the server sent along
# with it anyway, so back-to-back calls skip the ``poll`` system call.
CHECK_IDLE_AFTER = 0.001
_monotonic = time.monotonic


class _OneWrite:
    """Mixed into http.client's connections. ``send`` (the public method every write goes through) sends the
    request head and a ``body`` set for it in one write: http.client writes them apart, which with TCP_NODELAY is
    two segments, and two wake-ups of the server, for one request. It also keeps what saves system calls per
    request: the read timeout last set on the socket, and a poller registered on it once."""

    body = b""
    read_timeout: float | None = None
    poller: Any = None
    idle_since = 0.0  # when it was put back in the pool (``time.monotonic``)
    sock: socket.socket | None

    def send(self, data: Any) -> None:
        body = self.body
        if body and isinstance(data, bytes):
            self.body = b""
            data += body
        super().send(data)  # type: ignore[misc]

    def dropped(self) -> bool:
        """An idle keep-alive socket that is readable has been closed by the peer (or holds bytes nobody asked
        for)."""
        sock = self.sock
        if sock is None:
            return True
        poller = self.poller
        if poller is None:
            if not hasattr(select, "poll"):  # pragma: no cover - platforms without poll
                return bool(select.select([sock], [], [], 0)[0])
            poller = self.poller = select.poll()
            poller.register(sock, select.POLLIN)
        return bool(poller.poll(0))

    def set_read_timeout(self, timeout: float | None) -> None:
        if self.sock is not None and timeout != self.read_timeout:
            self.sock.settimeout(timeout)
            self.read_timeout = timeout


class _Connection(_OneWrite, http.client.HTTPConnection):
    pass


class _TLSConnection(_OneWrite, http.client.HTTPSConnection):
    pass


def unframed(version: int, status: int, headers: Any, method: str) -> bool:
    """An HTTP/1.1 answer that should have a body but gives no length, no chunking and no bytes: what a head cut
    short looks like after http.client's parse (every gateway frames its answers). ``headers``: case-insensitive
    (http.client's message, urllib3's HTTPHeaderDict)."""
    return (
        version == 11
        and method != "HEAD"
        and status not in (204, 304)
        and status >= 200
        and "content-length" not in headers
        and "chunked" not in (headers.get("transfer-encoding") or "").lower()
    )


def _failure(exc: BaseException) -> httpx.HTTPError:
    """A failure after the connection was made, as httpx's class: the request may have reached the server."""
    if isinstance(exc, TimeoutError):
        return httpx.ReadTimeout(str(exc) or "timed out")
    if isinstance(exc, http.client.HTTPException | ConnectionResetError | BrokenPipeError):
        return httpx.RemoteProtocolError(f"{type(exc).__name__}: {exc}")
    return httpx.ReadError(f"{type(exc).__name__}: {exc}")


class HeaderPairs:
    """An answer's (name, value) pairs in wire order, read from http.client's message when iterated: the generated
    ``call()`` never reads the headers, so most answers never list them."""

    __slots__ = ("msg",)

    def __init__(self, msg: http.client.HTTPMessage) -> None:
        self.msg = msg

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.msg.items())


class Answer:
    """What one exchange read: status, headers (``msg``: case-insensitive; ``pairs``: in wire order) and the
    decoded body (None once it passed the limit)."""

    __slots__ = ("body", "msg", "pairs", "status")

    def __init__(self, response: http.client.HTTPResponse, body: bytes | None) -> None:
        self.status, self.msg, self.pairs, self.body = response.status, response.msg, HeaderPairs(response.msg), body


class OriginPool:
    """See the module docstring. One per client (and its ``with_options`` views), for the client's endpoint."""

    def __init__(self, base_url: str, ssl_context: ssl.SSLContext | None, maxsize: int) -> None:
        parts = urlsplit(base_url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self._https = parts.scheme == "https"
        self._host = parts.hostname or "localhost"
        self._port = parts.port or (443 if self._https else 80)
        self._context = ssl_context
        self._maxsize = maxsize
        self._idle: deque[_Connection | _TLSConnection] = deque()

    def _connect(self, connect_timeout: float | None, read_timeout: float | None) -> _Connection | _TLSConnection:
        conn: _Connection | _TLSConnection
        if self._https:
            conn = _TLSConnection(self._host, self._port, timeout=connect_timeout, context=self._context)
        else:
            conn = _Connection(self._host, self._port, timeout=connect_timeout)
        try:
            conn.connect()
        except TimeoutError as exc:
            conn.close()
            raise httpx.ConnectTimeout(f"connecting to {self.origin} timed out") from exc
        except OSError as exc:  # refused, unreachable, name not resolved, TLS handshake failed
            conn.close()
            raise httpx.ConnectError(f"{type(exc).__name__} connecting to {self.origin}: {exc}") from exc
        if conn.sock is not None:
            # The head and the body leave in one write (``_OneWrite``), but one larger than a segment would still have
            # its tail held back by Nagle's algorithm until an ACK comes (a delayed ACK: up to 40 ms). urllib3 sets
            # it too.
            conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            conn.set_read_timeout(read_timeout)
        return conn

    def _acquire(self, connect_timeout: float | None, read_timeout: float | None) -> _Connection | _TLSConnection:
        idle = self._idle
        while True:
            try:
                conn = idle.pop()
            except IndexError:
                return self._connect(connect_timeout, read_timeout)
            if _monotonic() - conn.idle_since >= CHECK_IDLE_AFTER and conn.dropped():
                conn.close()
                continue
            conn.set_read_timeout(read_timeout)
            return conn

    def _release(self, conn: _Connection | _TLSConnection) -> None:
        if len(self._idle) < self._maxsize:
            conn.idle_since = _monotonic()
            self._idle.append(conn)
        else:
            conn.close()

    def exchange(
        self,
        method: str,
        target: str,
        headers: Mapping[str, str],
        body: bytes,
        *,
        connect_timeout: float | None,
        read_timeout: float | None,
        limit: int,
    ) -> Answer:
        """Send one request (path and query) and read its answer whole; raises httpx's transport errors."""
        conn = self._acquire(connect_timeout, read_timeout)
        if body and "content-length" not in headers and "Content-Length" not in headers:
            headers = {**headers, "Content-Length": str(len(body))}
        try:
            conn.body = body  # sent with the head, in one write (``_OneWrite``)
            conn.request(method, target, headers=headers)
            response = conn.getresponse()
            content = _read(response, limit)
        except httpx.HTTPError:
            conn.close()
            raise
        except (OSError, http.client.HTTPException) as exc:
            conn.close()
            raise _failure(exc) from exc
        if content is None or response.will_close:
            conn.close()
        else:
            self._release(conn)
        if not content and content is not None and unframed(response.version, response.status, response.msg, method):
            # http.client ends a head at EOF as if it were complete: a head cut short reads as an empty 200.
            raise httpx.RemoteProtocolError("the answer ended without a complete head or any body (connection cut)")
        return Answer(response, content)

    def clear(self) -> None:
        while self._idle:
            try:
                self._idle.pop().close()
            except IndexError:  # another thread took the last one
                break


def _read(response: http.client.HTTPResponse, limit: int) -> bytes | None:
    """The decoded body, or None once it passes ``limit`` (the caller then drops the connection)."""
    coding = (response.msg.get("content-encoding") or "").strip().lower()
    if not coding and response.length is not None and response.length <= limit:
        return response.read()
    if coding and coding not in INFLATED:
        raise httpx.DecodingError(f"the answer is encoded as {coding!r}, which this backend does not decode")
    body = bytearray()
    unpack = inflater() if coding else None
    while True:
        raw = response.read(READ_CHUNK)
        if not raw:
            break
        for chunk in inflate_steps(unpack, raw) if unpack is not None else (raw,):
            body += chunk
            if len(body) > limit:
                return None
    return bytes(body)
