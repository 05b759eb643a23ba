"""What every handler of the web role reads from: the store, the silence rules, source health.

The sessions arrive when the web service starts (after the routes were added); until then, and
when the store or the health bucket cannot be read, handlers raise ``Unavailable`` (a 503).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.notifier.models import utc_now
from services.notifier.thresholds import SilenceRules
from services.notifier.web.pair_index import PairIndex
from services.notifier.web.schemas import SourceOut


class Unavailable(RuntimeError):
    """The store or source health cannot be read now: a 503 with the reason."""


HealthReader = Callable[[], Awaitable[Sequence[SourceOut]]]


async def no_health() -> Sequence[SourceOut]:
    return []


class CachedHealth:
    """``read`` at most once every ``ttl`` seconds, however many pages ask (one reader at a
    time): sources change once a poll, and each bucket read opens a consumer on the server."""

    def __init__(self, read: HealthReader, ttl: float = 5.0) -> None:
        self._read, self._ttl = read, ttl
        self._value: Sequence[SourceOut] = ()
        self._at = -ttl
        self._lock = asyncio.Lock()

    async def __call__(self) -> Sequence[SourceOut]:
        if time.monotonic() - self._at < self._ttl:
            return self._value
        async with self._lock:
            if time.monotonic() - self._at >= self._ttl:
                self._value = await self._read()  # an error is not kept: the next page retries
                self._at = time.monotonic()
        return self._value


@dataclass
class WebContext:
    rules: SilenceRules
    health: HealthReader = no_health
    sessions: async_sessionmaker[AsyncSession] | None = None
    clock: Callable[[], dt.datetime] = utc_now
    version: str = "0"
    pairs: PairIndex = field(default_factory=PairIndex)

    def session(self) -> AsyncSession:
        if self.sessions is None:
            raise Unavailable("the web role is still starting")
        return self.sessions()

    def now(self) -> dt.datetime:
        return self.clock()

    def today(self) -> dt.date:
        return self.clock().astimezone(dt.UTC).date()


CONTEXT = web.AppKey("readoutwatch_web", WebContext)
