"""Politeness per host: bounded concurrency (overall and per host), a minimum delay between the
starts of two requests to one host, and a pause when a host answered 429/503 with Retry-After.

Slots are taken per request hop, so a redirect to another host counts against that host.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from urllib.parse import urlsplit

from shared.errors import TransientError

MAX_PAUSE_SECONDS = 24 * 3600.0  # a Retry-After beyond a day is taken as a day


class HostPaused(TransientError):
    """The host asked us to come back later; no request was sent."""

    def __init__(self, host: str, retry_after: float) -> None:
        super().__init__(f"host {host} asked to wait (Retry-After), {retry_after:.0f}s left")
        self.retry_after = retry_after


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


class Limiter:
    """``async with limiter.slot(url)`` holds one overall slot and one slot of the URL's host.

    ``clock`` and ``sleep`` are injectable so tests never wait on real time.
    """

    def __init__(
        self,
        total: int,
        per_host: int,
        *,
        delay: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._total = asyncio.Semaphore(max(total, 1))
        self._per_host = max(per_host, 1)
        self._delay = max(delay, 0.0)
        self._clock, self._sleep = clock, sleep
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._next_start: dict[str, float] = {}
        self._paused_until: dict[str, float] = {}

    def pause(self, url: str, seconds: float) -> None:
        """No request to the URL's host for ``seconds`` (only ever lengthens a pause)."""
        host = host_of(url)
        until = self._clock() + min(max(seconds, 0.0), MAX_PAUSE_SECONDS)
        self._paused_until[host] = max(self._paused_until.get(host, 0.0), until)

    def _check_pause(self, host: str) -> None:
        left = self._paused_until.get(host, 0.0) - self._clock()
        if left > 0:
            raise HostPaused(host, left)
        self._paused_until.pop(host, None)

    @asynccontextmanager
    async def slot(self, url: str) -> AsyncIterator[None]:
        """Raises HostPaused at once, without waiting, while the host's pause lasts."""
        host = host_of(url)
        self._check_pause(host)
        semaphore = self._hosts.setdefault(host, asyncio.Semaphore(self._per_host))
        # Host first: waiting for a busy host must not hold one of the overall slots.
        async with semaphore:
            self._check_pause(host)  # it may have been paused while we queued
            if self._delay:
                now = self._clock()
                start = max(now, self._next_start.get(host, 0.0))
                self._next_start[host] = start + self._delay
                if start > now:
                    await self._sleep(start - now)
            async with self._total:
                yield
