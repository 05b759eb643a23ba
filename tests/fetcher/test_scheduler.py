"""run_forever: own intervals per source, backoff and stored schedules honoured, prompt stop."""

from __future__ import annotations

import asyncio
import datetime as dt
import random

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.fetcher import updates
from services.fetcher.dispatcher import run_forever
from services.fetcher.failures import backoff_seconds
from services.fetcher.models import Counters
from services.fetcher.transport import GuardedClient
from shared.settings import FetcherSettings, Settings, SourceSettings

from .conftest import Published
from .server import LocalServer
from .test_poll_server import feed


async def until(condition, within: float = 5.0) -> None:
    """Wait (bounded) for state that the poller's tasks change; they signal nothing."""
    async with asyncio.timeout(within):
        while not condition():  # noqa: ASYNC110
            await asyncio.sleep(0.02)


async def test_run_forever_delivers_new_items_and_stops_promptly(
    server: LocalServer,
    client: GuardedClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    fetcher_settings: FetcherSettings,
    published: Published,
) -> None:
    good = SourceSettings(url=server.route("/feed", feed(server, [1])), every="0.1", backfill=True)
    down = SourceSettings(url=server.route("/down", status=500), every="0.1")
    settings = Settings(fetcher=fetcher_settings, sources=[good, down])
    stop, counters = asyncio.Event(), Counters()
    task = asyncio.create_task(
        run_forever(client, sessionmaker, settings, published, stop, counters=counters)
    )
    await until(lambda: len(published) == 1)
    server.route("/feed", feed(server, [1, 2]))
    await until(lambda: len(published) == 2)
    await until(lambda: counters.polls_unchanged >= 2)
    stop.set()
    await asyncio.wait_for(task, timeout=2)
    assert [a.title for a in published] == ["Story 1", "Story 2"]
    assert counters.polls_failed >= 1 and counters.articles_published == 2
    # The failing source backs off (0.1, 0.2, 0.4 s ...) instead of being hammered every 0.1 s.
    assert len(server.hits("/down")) < len(server.hits("/feed"))


async def test_stored_next_poll_time_is_honoured_after_a_restart(
    server: LocalServer,
    client: GuardedClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    fetcher_settings: FetcherSettings,
    published: Published,
) -> None:
    now = dt.datetime(2024, 1, 19, 12, 0, tzinfo=dt.UTC)
    url = server.route("/feed", feed(server, [1]))
    async with sessionmaker() as session, session.begin():
        later = now + dt.timedelta(hours=1)
        await updates.record_failure(
            session, url, "HTTP 429", failures=1, now=now, next_poll_at=later
        )
    waits: list[float] = []
    stop = asyncio.Event()

    async def fake_wait(wake: asyncio.Event, seconds: float) -> None:
        waits.append(seconds)
        stop.set()

    settings = Settings(fetcher=fetcher_settings, sources=[SourceSettings(url=url, every="5m")])
    await run_forever(client, sessionmaker, settings, published, stop,
                      clock=lambda: now, wait=fake_wait, rng=random.Random(1))  # fmt: skip
    assert waits == [3600.0] and server.requests == []


def test_backoff_doubles_up_to_a_cap_and_respects_retry_after() -> None:
    assert [backoff_seconds(60, n) for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
    assert backoff_seconds(60, 30) == 6 * 3600
    assert backoff_seconds(60, 1, retry_after=900) == 900
    assert backoff_seconds(60, 1, retry_after=10**9) == 24 * 3600
    assert backoff_seconds(2 * 86400, 3) == 2 * 86400  # a long interval is never shortened
