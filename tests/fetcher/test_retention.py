"""Seen entries are forgotten once old and out of the feed, never while the feed still lists them
(forgetting a listed entry would publish it again)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.fetcher.scheduler import poll_once
from services.fetcher.seen import entries
from services.fetcher.transport import GuardedClient
from shared.settings import FetcherSettings, Settings, SourceSettings

from .conftest import Published
from .server import LocalServer
from .test_poll_server import feed

START = dt.datetime(2024, 1, 19, 12, 0, tzinfo=dt.UTC)


async def remembered(sessionmaker: async_sessionmaker[AsyncSession]) -> set[int]:
    """The stories whose keys (normalised URL, GUID) are still recorded."""
    async with sessionmaker() as session:
        keys = (await session.scalars(select(entries.c.key))).all()
    return {int(key.rsplit("/", 1)[1].removeprefix("story-")) for key in keys}


async def test_old_entries_leave_the_table_once_out_of_the_feed(
    server: LocalServer,
    client: GuardedClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    fetcher_settings: FetcherSettings,
    published: Published,
) -> None:
    url = server.route("/feed", feed(server, [1, 2, 3]))
    settings = Settings(
        fetcher=fetcher_settings.model_copy(update={"seen_retention_days": 30}),
        sources=[SourceSettings(url=url)],
    )
    await poll_once(client, sessionmaker, settings, published, now=START)  # backfill 1, 2, 3
    assert await remembered(sessionmaker) == {1, 2, 3}
    published.clear()  # the first poll's backfill

    # A month and a half later the feed has moved on: 1 is gone, 2 and 3 still listed, 4 new.
    server.route("/feed", feed(server, [2, 3, 4]))
    later = START + dt.timedelta(days=45)
    (summary,) = await poll_once(client, sessionmaker, settings, published, now=later)
    assert (summary.status, summary.new) == ("ok", 1)
    assert await remembered(sessionmaker) == {2, 3, 4}

    # Still listed, however old: never forgotten, never published again.
    server.route("/feed", feed(server, [2, 3, 4], extra="<lastBuildDate>x</lastBuildDate>"))
    (summary,) = await poll_once(
        client, sessionmaker, settings, published, now=later + dt.timedelta(days=400)
    )
    assert (summary.status, summary.new, [a.title for a in published]) == ("ok", 0, ["Story 4"])
    assert await remembered(sessionmaker) == {2, 3, 4}
