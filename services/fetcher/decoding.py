"""Bounded Content-Encoding decoding (gzip, deflate, br): a small compressed body must not be
able to expand past ``max_body_bytes`` in memory, whatever the compression ratio.

HTTP clients' own decoders inflate each received chunk without an output limit (a 64 kB brotli
chunk can hold gigabytes), so the fetcher reads raw bytes (aiohttp with ``auto_decompress``
off) and decodes them here.
"""

from __future__ import annotations

import zlib
from typing import Protocol

import brotli

from shared.errors import SourceError

ACCEPT_ENCODING = "gzip, deflate, br"


class _Step(Protocol):
    def feed(self, data: bytes, limit: int) -> bytes: ...


class _Zlib:
    """gzip, or "deflate" (zlib-wrapped as the RFC says, raw as some servers send it)."""

    def __init__(self, wbits: int) -> None:
        self._obj = zlib.decompressobj(wbits)
        self._may_be_raw = wbits == zlib.MAX_WBITS

    def feed(self, data: bytes, limit: int) -> bytes:
        try:
            # One byte over the limit tells "too big" apart from "exactly the limit".
            out = self._obj.decompress(data, limit + 1)
        except zlib.error as exc:
            if self._may_be_raw:  # the first bytes are no zlib header: raw deflate
                self._obj, self._may_be_raw = zlib.decompressobj(-zlib.MAX_WBITS), False
                return self.feed(data, limit)
            raise SourceError(f"corrupt compressed body: {exc}") from exc
        self._may_be_raw = self._may_be_raw and not data
        return out


class _Brotli:
    def __init__(self) -> None:
        self._obj = brotli.Decompressor()

    def feed(self, data: bytes, limit: int) -> bytes:
        try:
            return self._obj.process(data, output_buffer_limit=limit + 1)
        except brotli.error as exc:
            raise SourceError(f"corrupt brotli body: {exc}") from exc


def _step(coding: str) -> _Step:
    if coding in ("gzip", "x-gzip"):
        return _Zlib(16 + zlib.MAX_WBITS)
    if coding == "deflate":
        return _Zlib(zlib.MAX_WBITS)
    if coding == "br":
        return _Brotli()
    raise SourceError(f"unsupported Content-Encoding {coding!r}")


class BodyDecoder:
    """Feed raw chunks, get decoded bytes; raises SourceError once the output passes ``limit``."""

    def __init__(self, content_encoding: str | None, limit: int) -> None:
        codings = [c.strip().lower() for c in (content_encoding or "").split(",")]
        # Codings are listed in the order applied, so they are undone last to first.
        self._steps = [_step(c) for c in reversed(codings) if c and c != "identity"]
        self._limit = limit
        self._size = 0

    def feed(self, chunk: bytes) -> bytes:
        data = chunk
        for step in self._steps:
            data = step.feed(data, self._limit - self._size)
        self._size += len(data)
        if self._size > self._limit:
            raise SourceError(f"body exceeds max_body_bytes={self._limit} (decoded)")
        return data
