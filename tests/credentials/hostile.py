"""A hostile local HTTP server for the provider tests: answers every request with what ``answer`` returns (status,
headers, body, delay), records every request it got, and listens on 127.0.0.1 only."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Seen:
    method: str
    target: str  # as sent: a path, or an absolute URL when the server is used as a proxy
    headers: dict[str, str]
    body: bytes


@dataclass
class Answer:
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "application/json"})
    body: bytes = b"{}"
    delay: float = 0.0


class Hostile:
    def __init__(self, answer: Callable[[Seen], Answer]) -> None:
        self.answer = answer
        self.seen: list[Seen] = []
        self._lock = threading.Lock()

    def record(self, seen: Seen) -> Answer:
        with self._lock:
            self.seen.append(seen)
        return self.answer(seen)


@contextmanager
def serving(answer: Callable[[Seen], Answer]) -> Iterator[tuple[str, Hostile]]:
    """``(url, server)`` while the server runs; ``url`` is ``http://127.0.0.1:<port>``."""
    hostile = Hostile(answer)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _any(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            reply = hostile.record(Seen(self.command, self.path, dict(self.headers.items()), body))
            if reply.delay:
                time.sleep(reply.delay)
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)

        do_GET = do_POST = do_PUT = _any

        def log_message(self, format: str, *args: object) -> None:
            pass

    class Server(ThreadingHTTPServer):
        def handle_error(self, request: object, client_address: object) -> None:
            pass  # a client that hangs up on a bomb or a slow answer is what these tests do

    server = Server(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hostile
    finally:
        server.shutdown()
        server.server_close()
