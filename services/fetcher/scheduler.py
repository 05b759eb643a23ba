"""Poll every source once (``poll --once``, benchmarks), plus the clock, wait and limiter that the
service's loop (``dispatcher.py``) shares.

Sources run concurrently under one ``Limiter``; a broken or slow source never delays the others.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.fetcher import state
from services.fetcher.articles import Publish
from services.fetcher.cycle import poll_and_deliver
from services.fetcher.limits import Limiter
from services.fetcher.models import Counters, SourceSummary
from services.fetcher.transport import GuardedClient
from services.fetcher.updates import StateWriter
from shared.settings import FetcherSettings, Settings

log = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]
Wait = Callable[[asyncio.Event, float], Awaitable[None]]
JITTER = 0.1  # +-10% on every interval, so sources sharing an interval drift apart
WRITE_BATCH = 500  # source states written per statement by poll_once


def utc_now() -> dt.datetime:
    """The fetcher's clock: aware UTC (SQLite hands back naive values; see ``state.aware``)."""
    return dt.datetime.now(dt.UTC)


async def wait_or_stop(stop: asyncio.Event, seconds: float) -> None:
    """Sleep ``seconds`` but wake at once when ``stop`` is set."""
    try:
        await asyncio.wait_for(stop.wait(), timeout=max(seconds, 0.0))
    except TimeoutError:
        pass


def limiter_for(settings: FetcherSettings) -> Limiter:
    return Limiter(
        settings.concurrency,
        settings.per_host_concurrency,
        delay=settings.per_host_delay_seconds,
    )


async def poll_once(
    client: GuardedClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    settings: Settings,
    publish: Publish,
    *,
    now: dt.datetime | None = None,
    fetch_pages: bool = True,
    counters: Counters | None = None,
) -> list[SourceSummary]:
    """Poll every configured source once (ignoring their schedules), publish what is new, and
    return one summary per source, in configuration order. Never raises for a source's fault.

    The sources' state is read in one query and the cheap outcomes written in batches, so an
    unchanged cycle costs a few statements, not a few per source.
    """
    limiter = limiter_for(settings.fetcher)
    urls = [source.url for source in settings.sources]
    async with sessionmaker() as session:
        states = await state.load_sources(session, urls)
    writer = StateWriter(sessionmaker, batch=WRITE_BATCH)
    # A few workers take the sources in turn, so a cycle never holds more database connections
    # or parsed feeds than a few times the request concurrency (and makes no task per source).
    summaries: list[SourceSummary | None] = [None] * len(settings.sources)
    pending = iter(enumerate(settings.sources))  # shared: each source is taken once

    async def worker() -> None:
        for index, source in pending:
            summaries[index] = await poll_and_deliver(
                client,
                sessionmaker,
                source,
                settings.fetcher,
                publish,
                now=now,
                limiter=limiter,
                fetch_pages=fetch_pages,
                counters=counters,
                states=states,
                writer=writer,
            )

    width = min(max(settings.fetcher.concurrency * 2, 1), len(settings.sources))
    await asyncio.gather(*(worker() for _ in range(width)))
    try:
        await writer.flush()
    except Exception:  # only the bookkeeping of 304s and errors is lost: the next poll redoes it
        log.exception(
            "poll: cannot store the sources' state (database): the next poll fetches them in"
            " full again; check [database] url"
        )
    return [summary for summary in summaries if summary is not None]
