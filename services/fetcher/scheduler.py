"""Poll all sources: once (``poll --once``) or forever on each source's own interval (service).

Sources run concurrently under one ``Limiter``; a broken or slow source never delays the others.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import random
from collections.abc import Awaitable, Callable

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.fetcher import state
from services.fetcher.articles import Publish
from services.fetcher.cycle import poll_and_deliver
from services.fetcher.guard import Resolver
from services.fetcher.limits import Limiter
from services.fetcher.models import Counters, SourceSummary
from shared.settings import FetcherSettings, Settings, SourceSettings

log = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]
Wait = Callable[[asyncio.Event, float], Awaitable[None]]
JITTER = 0.1  # +-10% on every interval, so sources sharing an interval drift apart


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def wait_or_stop(stop: asyncio.Event, seconds: float) -> None:
    """Sleep ``seconds`` but wake at once when ``stop`` is set."""
    try:
        await asyncio.wait_for(stop.wait(), timeout=max(seconds, 0.0))
    except TimeoutError:
        pass


async def poll_once(
    client: httpx.AsyncClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    settings: Settings,
    publish: Publish,
    *,
    now: dt.datetime | None = None,
    fetch_pages: bool = True,
    counters: Counters | None = None,
    resolve: Resolver | None = None,
) -> list[SourceSummary]:
    """Poll every configured source once (ignoring their schedules), publish what is new, and
    return one summary per source, in configuration order. Never raises for a source's fault."""
    limiter = Limiter(settings.fetcher.concurrency, settings.fetcher.per_host_concurrency)
    jobs = [
        poll_and_deliver(
            client,
            sessionmaker,
            source,
            settings.fetcher,
            publish,
            now=now,
            limiter=limiter,
            fetch_pages=fetch_pages,
            counters=counters,
            resolve=resolve,
        )
        for source in settings.sources
    ]
    return list(await asyncio.gather(*jobs))


async def run_forever(
    client: httpx.AsyncClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    settings: Settings,
    publish: Publish,
    stop: asyncio.Event,
    *,
    clock: Clock = utc_now,
    wait: Wait = wait_or_stop,
    rng: random.Random | None = None,
    counters: Counters | None = None,
    resolve: Resolver | None = None,
) -> None:
    """Poll each source on its own interval (with jitter, after backoff when failing) until
    ``stop`` is set; polls under way finish first (each bounded by ``timeout_seconds``).
    A stored next-poll time is honoured, so a restart does not poll everything at once."""
    limiter = Limiter(settings.fetcher.concurrency, settings.fetcher.per_host_concurrency)
    rng = rng or random.Random()
    counters = counters if counters is not None else Counters()
    async with asyncio.TaskGroup() as group:
        for source in settings.sources:
            loop = _source_loop(
                client,
                sessionmaker,
                source,
                settings.fetcher,
                publish,
                stop,
                limiter=limiter,
                clock=clock,
                wait=wait,
                rng=rng,
                counters=counters,
                resolve=resolve,
            )
            group.create_task(loop, name=f"poll {source.url}")


async def _source_loop(
    client: httpx.AsyncClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    source: SourceSettings,
    settings: FetcherSettings,
    publish: Publish,
    stop: asyncio.Event,
    *,
    limiter: Limiter,
    clock: Clock,
    wait: Wait,
    rng: random.Random,
    counters: Counters,
    resolve: Resolver | None,
) -> None:
    interval = source.interval_seconds
    delay = rng.uniform(0, JITTER * interval)  # spread the first polls of a fresh start
    try:
        async with sessionmaker() as session:
            known = await state.load_source(session, source.url)
        if known and known.next_poll_at:
            delay = max(delay, (known.next_poll_at - clock()).total_seconds())
    except Exception:
        log.exception("source %s: cannot read its state; polling now", source.url)
    while True:
        await wait(stop, delay)
        if stop.is_set():
            return
        try:
            summary = await poll_and_deliver(
                client,
                sessionmaker,
                source,
                settings,
                publish,
                now=clock(),
                limiter=limiter,
                counters=counters,
                resolve=resolve,
            )
            log.info("%s", summary.line())
            next_at = summary.next_poll_at or clock() + dt.timedelta(seconds=interval)
        except Exception:  # nothing may end this loop but `stop`
            log.exception("source %s: poll cycle failed", source.url)
            next_at = clock() + dt.timedelta(seconds=interval)
        delay = (next_at - clock()).total_seconds() * (1 + rng.uniform(-JITTER, JITTER))
