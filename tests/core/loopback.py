"""Small HTTP/1.1 servers on 127.0.0.1 for the network tests: a quiet handler base that answers with framed
bodies, and a context manager that serves a handler class (optionally over TLS) in a daemon thread."""

from __future__ import annotations

import contextlib
import http.server
import ssl
import threading
from collections.abc import Iterator, Sequence
from typing import Any


class QuietHandler(http.server.BaseHTTPRequestHandler):
    """Keep-alive HTTP/1.1, no access log. ``reply`` sends exactly the headers given (framing is the test's);
    ``reply_json`` sends a 200 JSON answer with its Content-Length."""

    protocol_version = "HTTP/1.1"

    def reply(self, status: int, body: bytes, headers: Sequence[tuple[str, str]]) -> None:
        self.send_response(status)
        for key, value in headers:
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def reply_json(self, body: bytes, extra: Sequence[tuple[str, str]] = ()) -> None:
        headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body))), *extra]
        self.reply(200, body, headers)

    def log_message(self, *args: Any) -> None:
        pass


class CountingHandler(QuietHandler):
    """Records every connection it serves in ``connections`` and every request path in ``paths`` (lists a
    subclass made by ``recording()`` owns)."""

    paths: list[str]
    connections: list[int]
    _lock = threading.Lock()

    @classmethod
    def recording(cls) -> tuple[type[CountingHandler], list[str], list[int]]:
        """A subclass with fresh lists, and the lists."""
        paths: list[str] = []
        connections: list[int] = []
        return type(cls.__name__, (cls,), {"paths": paths, "connections": connections}), paths, connections

    def setup(self) -> None:
        super().setup()
        with self._lock:
            self.connections.append(1)

    def note_path(self) -> None:
        with self._lock:
            self.paths.append(self.path)


@contextlib.contextmanager
def serving(
    handler: type[http.server.BaseHTTPRequestHandler],
    *,
    tls: ssl.SSLContext | None = None,
    backlog: int = 5,
) -> Iterator[tuple[str, http.server.ThreadingHTTPServer]]:
    """Serve ``handler`` on 127.0.0.1 until the block ends; yields (base URL, server). ``backlog``: pending
    connections the socket queues (raise it for tests that connect many at once)."""
    server_class = type("Server", (http.server.ThreadingHTTPServer,), {"request_queue_size": backlog})
    server = server_class(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.handle_error = lambda *args: None  # clients that drop an answer or refuse our certificate
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"{'https' if tls else 'http'}://127.0.0.1:{server.server_address[1]}", server
    finally:
        server.shutdown()
        server.server_close()
