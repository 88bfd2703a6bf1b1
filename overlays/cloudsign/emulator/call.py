"""One request as an emulator receives it (``Call``: from Starlette, or handed over in process) and the operation
it was routed to (``Routed``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._core.wire import parse_query

if TYPE_CHECKING:
    from starlette.requests import Request

    from .._core.registry import Operation

__all__ = ["Call", "Routed"]


@dataclass(slots=True)
class Call:
    """One request as it arrived: the raw path and query (what was signed) and the headers decoded as UTF-8
    (names lowercased, repeated headers joined with ``,``), as the signers encoded them."""

    method: str
    raw_path: str
    raw_query: str
    headers: dict[str, str]
    body: bytes
    request_id: str
    _query: list[tuple[str, str]] | None = None  # parsed once, on first use (routing, auth and validation read it)
    _form: list[tuple[str, str]] | None = None
    _query_map: dict[str, str] | None = None

    @classmethod
    async def receive(cls, request: Request, request_id: str) -> Call:
        scope = request.scope
        raw_path: bytes = scope.get("raw_path") or scope["path"].encode()
        headers: dict[str, str] = {}
        for name, value in scope["headers"]:
            key = name.decode("latin-1").lower()
            text = value.decode("utf-8", "replace")
            headers[key] = f"{headers[key]},{text}" if key in headers else text
        query: bytes = scope.get("query_string", b"")
        body = await request.body()
        return cls(request.method, raw_path.decode("latin-1"), query.decode("latin-1"), headers, body, request_id)

    @classmethod
    def of(cls, method: str, url: str, sent: Mapping[str, str], body: bytes, request_id: str) -> Call:
        """The request a client in this process hands over (``url`` as the signer produced it), as an HTTP server
        would receive it: header names lowercased, ``Host`` and ``Content-Length`` added when missing."""
        _, _, rest = url.partition("://")
        netloc, slash, target = rest.partition("/")
        raw_path, _, query = (slash + target).partition("?")
        headers = {name.lower(): value for name, value in sent.items()}
        if len(headers) != len(sent):  # two names differing only in case: joined as a server joins them
            headers = {}
            for name, value in sent.items():
                key = name.lower()
                headers[key] = f"{headers[key]},{value}" if key in headers else value
        if "host" not in headers:
            headers["host"] = netloc
        if body and "content-length" not in headers:
            headers["content-length"] = str(len(body))
        return cls(method, raw_path or "/", query, headers, body, request_id)

    @property
    def target(self) -> str:
        """Path and query exactly as received."""
        return self.raw_path + ("?" + self.raw_query if self.raw_query else "")

    @property
    def url(self) -> str:
        return "http://" + self.headers.get("host", "localhost") + self.target

    @property
    def is_form(self) -> bool:
        """The body is ``application/x-www-form-urlencoded`` (RPC parameters may travel there)."""
        content_type = self.headers.get("content-type", "")
        return content_type.split(";")[0].strip().lower() == "application/x-www-form-urlencoded"

    def query_pairs(self) -> list[tuple[str, str]]:
        """The query's parameters, parsed once per request (callers must not change the list)."""
        if self._query is None:
            self._query = parse_query(self.raw_query)
        return self._query

    def query_map(self) -> dict[str, str]:
        """The query's parameters by name (the last of a repeated one), built once per request."""
        if self._query_map is None:
            self._query_map = dict(self.query_pairs())
        return self._query_map

    def form_pairs(self) -> list[tuple[str, str]]:
        """The parameters of a form-encoded body (none for any other body), parsed once per request."""
        if self._form is None:
            self._form = parse_query(self.body.decode("utf-8", "replace")) if self.body and self.is_form else []
        return self._form


@dataclass(slots=True)
class Routed:
    """The operation a call is for, its path parameters and the parameters the route itself fixed (an RPC
    action's ``Action`` and ``Version``, which ACS3 sends as headers): those fill in what the query lacks."""

    operation: Operation
    path_params: dict[str, str] = field(default_factory=dict)
    implied: dict[str, Any] = field(default_factory=dict)
    flat: dict[str, Any] | None = None  # the checked values' ``flat_fields``, made once for the resource and the record
