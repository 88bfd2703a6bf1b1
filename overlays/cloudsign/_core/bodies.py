"""Reading an answer's body with a bound on its decompressed size, for the httpx backends.

httpx decodes each received chunk whole, so a 64 KiB gzip chunk can become 64 MiB at once, and 1.6 KiB of brotli
several GiB. Every encoding is therefore decoded here, from httpx's raw stream, ``READ_CHUNK`` decoded bytes at a
time: gzip and deflate with zlib, br with brotli's output limit (when brotli is installed). Any other encoding is
refused: nothing is ever decoded in one unbounded step. The caller stops as soon as its limit is passed."""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx

# Decoded bytes produced per step: bounds the memory a compression bomb can take at once.
READ_CHUNK = 16 * 1024
# The encodings inflated here (and by the stdlib backend).
INFLATED = ("gzip", "x-gzip", "deflate")
# No encoding: the body as it came.
_IDENTITY = ("", "identity")


def inflater() -> zlib._Decompress:
    return zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib header, detected


def inflate_steps(unpack: zlib._Decompress, data: bytes) -> Iterator[bytes]:
    try:
        out = unpack.decompress(data, READ_CHUNK)
        yield out
        while unpack.unconsumed_tail:
            yield unpack.decompress(unpack.unconsumed_tail, READ_CHUNK)
    except zlib.error as exc:
        raise httpx.DecodingError(f"the body does not inflate: {exc}") from None


def _brotli() -> Any:
    """The brotli module when it is installed and bounds its output (>= 1.2: ``output_buffer_limit``), else None."""
    try:
        import brotli  # type: ignore[import-untyped]
    except ImportError:
        return None
    return brotli if hasattr(brotli.Decompressor(), "can_accept_more_data") else None


def _brotli_steps(unpack: Any, data: bytes) -> Iterator[bytes]:
    """brotli's output limit: each step yields at most about ``READ_CHUNK`` bytes."""
    brotli = _brotli()
    try:
        yield unpack.process(data, output_buffer_limit=READ_CHUNK)
        while not unpack.can_accept_more_data():
            yield unpack.process(b"", output_buffer_limit=READ_CHUNK)
    except brotli.error as exc:
        raise httpx.DecodingError(f"the body does not decode as br: {exc}") from None


def _stepper(coding: str) -> Any:
    """A function (raw bytes -> decoded steps) for ``coding``, or None for a body sent as it is."""
    if coding in _IDENTITY:
        return None
    if coding in INFLATED:
        unpack = inflater()
        return lambda data: inflate_steps(unpack, data)
    brotli = _brotli() if coding == "br" else None
    if brotli is not None:
        decompressor = brotli.Decompressor()
        return lambda data: _brotli_steps(decompressor, data)
    raise httpx.DecodingError(f"the answer is encoded as {coding!r}, which cannot be decoded in bounded steps")


def decoded_chunks(response: httpx.Response) -> Iterator[bytes]:
    """The body of a streamed response, decoded, in bounded steps (one a user's transport already read, as
    ``httpx.MockTransport`` does, is its content)."""
    if response.is_stream_consumed:
        yield from response.iter_bytes(READ_CHUNK)
        return
    steps = _stepper(response.headers.get("content-encoding", "").strip().lower())
    for raw in response.iter_raw(READ_CHUNK):
        yield from (raw,) if steps is None else steps(raw)


async def adecoded_chunks(response: httpx.Response) -> AsyncIterator[bytes]:
    """``decoded_chunks`` for an async streamed response."""
    if response.is_stream_consumed:
        async for chunk in response.aiter_bytes(READ_CHUNK):
            yield chunk
        return
    steps = _stepper(response.headers.get("content-encoding", "").strip().lower())
    async for raw in response.aiter_raw(READ_CHUNK):
        for step in (raw,) if steps is None else steps(raw):
            yield step
