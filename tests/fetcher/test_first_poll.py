"""A new source's first poll against a real loopback server: the newest entries it lists are
published marked backfill (bounded by ``[fetcher] backfill_entries``), the older ones only
recorded; an entry whose delivery failed is retried as backfill; later entries are news."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.fetcher import backfill
from services.fetcher.models import FeedEntry
from services.fetcher.scheduler import poll_once
from services.fetcher.transport import GuardedClient
from shared.settings import FetcherSettings, Settings, SourceSettings

from .conftest import Published
from .server import LocalServer
from .test_poll_server import article, feed

DAY = dt.date(2024, 1, 1)


def dated_feed(server: LocalServer, ids: list[int], *, ascending: bool = False) -> str:
    """Item ``i`` published on DAY + i days, listed newest first (or oldest first, as many
    sitemaps are); its page is served too."""
    items = []
    for i in ids:
        server.route(f"/articles/{i}", article(i), content_type="text/html")
        day = DAY + dt.timedelta(days=i)
        items.append(
            f"<item><title>Story {i}</title><link>/articles/{i}</link><guid>story-{i}</guid>"
            f"<pubDate>{day.strftime('%a, %d %b %Y')} 12:00:00 +0000</pubDate></item>"
        )
    listed = items if ascending else items[::-1]
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Gov</title><link>/</link>'
        f"{''.join(listed)}</channel></rss>"
    )


async def test_a_long_listing_brings_only_its_newest_entries_into_the_history(
    server: LocalServer,
    client: GuardedClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    fetcher_settings: FetcherSettings,
    published: Published,
) -> None:
    url = server.route("/sitemapish", dated_feed(server, list(range(1, 31)), ascending=True))
    capped = fetcher_settings.model_copy(update={"backfill_entries": 5})
    settings = Settings(fetcher=capped, sources=[SourceSettings(url=url)])

    (first,) = await poll_once(client, sessionmaker, settings, published)
    assert (first.status, first.new, first.backfill, first.failed) == ("ok", 5, True, 0)
    assert [a.title for a in published] == [f"Story {i}" for i in range(26, 31)]  # oldest first
    assert all(a.backfill for a in published)
    assert len(server.hits("/articles/1")) == 0  # the older 25 cost no request
    assert first.health is not None and first.health.entries_seen == 30
    assert first.health.last_new_entry == dt.datetime(2024, 1, 31, tzinfo=dt.UTC)

    published.clear()
    server.route("/sitemapish", dated_feed(server, list(range(1, 32)), ascending=True))
    (second,) = await poll_once(client, sessionmaker, settings, published)
    assert (second.new, second.backfill) == (1, False)  # news: it may alert
    assert [(a.title, a.backfill) for a in published] == [("Story 31", False)]
    assert second.health is not None and second.health.entries_seen == 31


async def test_a_backfill_entry_that_failed_is_retried_as_backfill(
    server: LocalServer,
    client: GuardedClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    fetcher_settings: FetcherSettings,
    published: Published,
) -> None:
    url = server.route("/feed", feed(server, [1, 2]))
    server.route("/articles/2", "busy", status=503, content_type="text/plain")
    settings = Settings(fetcher=fetcher_settings, sources=[SourceSettings(url=url)])

    (first,) = await poll_once(client, sessionmaker, settings, published)
    assert (first.new, first.failed) == (1, 1)
    server.route("/articles/2", article(2), content_type="text/html")
    (second,) = await poll_once(client, sessionmaker, settings, published)
    assert (second.new, second.backfill) == (1, True)
    assert [(a.title, a.backfill) for a in published] == [("Story 1", True), ("Story 2", True)]
    assert second.health is not None and second.health.entries_seen == 2  # not counted twice

    server.route("/feed", feed(server, [1, 2, 3]))
    (third,) = await poll_once(client, sessionmaker, settings, published)
    assert (third.new, third.backfill, published[-1].backfill) == (1, False, False)


async def test_backfill_true_still_means_every_listed_entry_is_news(
    server: LocalServer,
    client: GuardedClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    fetcher_settings: FetcherSettings,
    published: Published,
) -> None:
    url = server.route("/feed", dated_feed(server, [1, 2, 3]))
    capped = fetcher_settings.model_copy(update={"backfill_entries": 1})  # no cap on these
    settings = Settings(fetcher=capped, sources=[SourceSettings(url=url, backfill=True)])
    (first,) = await poll_once(client, sessionmaker, settings, published)
    assert (first.new, first.backfill) == (3, False)
    assert [(a.title, a.backfill) for a in published] == [
        ("Story 1", False),
        ("Story 2", False),
        ("Story 3", False),
    ]


def test_split_takes_the_newest_by_date_and_keeps_listing_order_among_equals() -> None:
    def entry(name: str, day: int | None) -> FeedEntry:
        return FeedEntry(
            url=f"https://x.gov/{name}", published=DAY.replace(day=day) if day else None
        )

    listed = [entry("a", 3), entry("b", None), entry("c", 1), entry("d", 3), entry("e", 2)]
    plan = backfill.split(listed, 3)
    assert [e.url[-1] for e in plan.publish] == ["e", "a", "d"]
    assert [e.url[-1] for e in plan.record] == ["b", "c"]
    assert backfill.split(listed, 0).publish == [] and len(backfill.split(listed, 0).record) == 5
    assert backfill.split(listed, 10).record == []
