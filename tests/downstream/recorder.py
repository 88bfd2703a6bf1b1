"""A recording HTTP server on 127.0.0.1: downstream clients talk to it so a test can see exactly what they sent."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit


@dataclass(frozen=True)
class Recorded:
    """One request as it arrived on the wire."""

    method: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]  # names lowercased
    body: bytes


@dataclass
class Recorder:
    """What to answer, and what was asked; `base_url` is set once the server listens."""

    status: int = 200
    answer: Any = None
    requests: list[Recorded] = field(default_factory=list)
    base_url: str = ""


def _handler(rec: Recorder) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _record(self) -> None:
            split = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            rec.requests.append(
                Recorded(
                    method=self.command,
                    path=split.path,
                    query=parse_qsl(split.query, keep_blank_values=True),
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=self.rfile.read(length) if length else b"",
                )
            )
            payload = json.dumps(rec.answer).encode()
            self.send_response(rec.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _record

        def log_message(self, format: str, *args: Any) -> None:
            """Keep pytest output clean."""

    return Handler


@contextmanager
def recording_server(status: int, answer: Any) -> Iterator[Recorder]:
    """Serve `answer` with `status` to every request until the block ends."""
    rec = Recorder(status=status, answer=answer)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(rec))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    rec.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield rec
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
