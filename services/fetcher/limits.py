"""Bounded concurrency for outgoing requests: overall and per host."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlsplit


class Limiter:
    """``async with limiter.slot(url)`` holds one overall slot and one slot of the URL's host."""

    def __init__(self, total: int, per_host: int) -> None:
        self._total = asyncio.Semaphore(max(total, 1))
        self._per_host = max(per_host, 1)
        self._hosts: dict[str, asyncio.Semaphore] = {}

    @asynccontextmanager
    async def slot(self, url: str) -> AsyncIterator[None]:
        host = (urlsplit(url).hostname or "").lower()
        semaphore = self._hosts.setdefault(host, asyncio.Semaphore(self._per_host))
        # Host first: waiting for a busy host must not hold one of the overall slots.
        async with semaphore, self._total:
            yield
