"""A raw HTTP/1.1 server on 127.0.0.1 that answers each request with bytes a test chose, however malformed: a bad
status line, an oversized header, a redirect elsewhere, a compression bomb. It records each request it read
(head and body) so a test can tell what reached it."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field


@dataclass
class Seen:
    """The requests a server read, as raw bytes (head and body)."""

    requests: list[bytes] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, raw: bytes) -> None:
        with self.lock:
            self.requests.append(raw)


def _read_request(conn: socket.socket) -> bytes | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


def answer(status: str, body: bytes = b"", headers: tuple[tuple[str, str], ...] = (), *, length: bool = True) -> bytes:
    """One HTTP/1.1 answer as bytes: ``status`` is the text after ``HTTP/1.1 `` (``200 OK``)."""
    lines = [f"HTTP/1.1 {status}", *(f"{k}: {v}" for k, v in headers)]
    if length:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


@contextlib.contextmanager
def hostile(reply: Callable[[bytes], bytes], *, keep_alive: bool = True) -> Iterator[tuple[str, Seen]]:
    """Serve until the block ends; ``reply(request) -> answer bytes``. Yields (base URL, what was seen)."""
    seen = Seen()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    stop = threading.Event()

    def serve(conn: socket.socket) -> None:
        with conn:
            conn.settimeout(10)
            try:
                while not stop.is_set():
                    raw = _read_request(conn)
                    if raw is None:
                        return
                    seen.add(raw)
                    conn.sendall(reply(raw))
                    if not keep_alive:
                        return
            except OSError:
                return

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", seen
    finally:
        stop.set()
        with contextlib.suppress(OSError):
            listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
        listener.close()
