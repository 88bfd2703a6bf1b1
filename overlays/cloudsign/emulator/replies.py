"""What an emulator answers, without Starlette: a status, headers and a body. Served over HTTP it becomes a
Starlette response (``app``); answered in process, its bytes go straight to the client (``direct``)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .._core.wire import header_name_bytes

__all__ = ["Reply", "json_reply"]


class Reply:
    """An answer as Starlette's ``Response`` would send it: the given headers, then ``content-length`` and
    ``content-type`` (``; charset=utf-8`` for text) unless given."""

    __slots__ = ("body", "headers", "media_type", "status")

    def __init__(
        self, body: bytes, status: int = 200, headers: Mapping[str, str] | None = None, media_type: str | None = None
    ) -> None:
        self.body = body
        self.status = status
        self.headers = dict(headers or {})
        self.media_type = media_type

    def raw_headers(self) -> list[tuple[bytes, bytes]]:
        """The header pairs on the wire (names lowercased), as Starlette's ``Response.init_headers`` makes them."""
        raw = [(header_name_bytes(k), v.encode("latin-1")) for k, v in self.headers.items()]
        names = {k for k, _ in raw}
        if b"content-length" not in names and not (self.status < 200 or self.status in (204, 304)):
            raw.append((b"content-length", str(len(self.body)).encode("latin-1")))
        media = self.media_type
        if media is not None and b"content-type" not in names:
            if media.startswith("text/") and "charset=" not in media.lower():
                media += "; charset=utf-8"
            raw.append((b"content-type", media.encode("latin-1")))
        return raw


def json_reply(data: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> Reply:
    """``data`` as JSON, rendered as Starlette's ``JSONResponse`` renders it."""
    body = json.dumps(data, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":")).encode("utf-8")
    return Reply(body, status, headers, "application/json")
