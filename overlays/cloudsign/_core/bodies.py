"""Reading an answer's body with a bound on its decompressed size, for the httpx backends.

httpx decodes each received chunk whole, so a 64 KiB gzip chunk can become 64 MiB at once. gzip and deflate
bodies are therefore inflated here, ``READ_CHUNK`` decoded bytes at a time, from httpx's raw stream; other
encodings (br, zstd) are left to httpx's decoders. The caller stops as soon as its limit is passed."""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator, Iterator

import httpx

# Decoded bytes produced per step: bounds the memory a compression bomb can take at once.
READ_CHUNK = 16 * 1024
# The encodings inflated here (and by the stdlib backend); others are left to httpx.
INFLATED = ("gzip", "x-gzip", "deflate")


def inflater() -> zlib._Decompress:
    return zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib header, detected


def inflate_steps(unpack: zlib._Decompress, data: bytes) -> Iterator[bytes]:
    try:
        out = unpack.decompress(data, READ_CHUNK)
        yield out
        while unpack.unconsumed_tail:
            yield unpack.decompress(unpack.unconsumed_tail, READ_CHUNK)
    except zlib.error as exc:
        raise httpx.DecodingError(f"the body does not inflate: {exc}") from exc


def decoded_chunks(response: httpx.Response) -> Iterator[bytes]:
    """The body of a streamed response, decoded, in bounded steps."""
    if response.headers.get("content-encoding", "").strip().lower() not in INFLATED:
        yield from response.iter_bytes(READ_CHUNK)
        return
    unpack = inflater()
    for raw in response.iter_raw(READ_CHUNK):
        yield from inflate_steps(unpack, raw)


async def adecoded_chunks(response: httpx.Response) -> AsyncIterator[bytes]:
    """``decoded_chunks`` for an async streamed response."""
    if response.headers.get("content-encoding", "").strip().lower() not in INFLATED:
        async for chunk in response.aiter_bytes(READ_CHUNK):
            yield chunk
        return
    unpack = inflater()
    async for raw in response.aiter_raw(READ_CHUNK):
        for step in inflate_steps(unpack, raw):
            yield step
