"""poll_once against a real HTTP server on 127.0.0.1: backfill, 304, unchanged bodies, exactly-once
delivery across restarts, and broken sources that never hold up the others."""

from __future__ import annotations

import datetime as dt
import time

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.fetcher import state
from services.fetcher.scheduler import poll_once
from services.fetcher.transport import GuardedClient
from shared.settings import FetcherSettings, Settings, SourceSettings

from .conftest import Databases, Published
from .server import LocalServer

NOW = dt.datetime(2024, 1, 19, 12, 0, tzinfo=dt.UTC)


def feed(
    server: LocalServer, ids: list[int], *, extra: str = "", full: set[int] = frozenset()
) -> str:
    """An RSS feed whose items link to /articles/<id> pages, which are served too."""
    items = []
    for i in ids:
        server.route(f"/articles/{i}", article(i), content_type="text/html; charset=utf-8")
        text = "Full text of the readout. " * 60
        body = f"<content:encoded><![CDATA[<p>{text}</p>]]></content:encoded>"
        items.append(
            f"<item><title>Story {i}</title><link>/articles/{i}?utm_source=rss</link>"
            f"<guid>story-{i}</guid><pubDate>Fri, 19 Jan 2024 0{i % 10}:00:00 +0000</pubDate>"
            f"{body if i in full else ''}</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Gov</title>'
        f"<link>/</link>{extra}{''.join(reversed(items))}</channel></rss>"
    )


def article(i: int) -> str:
    return (
        f"<html><head><title>Story {i}</title></head><body><p>Body of story {i}.</p></body></html>"
    )


def settings_for(fetcher: FetcherSettings, *sources: SourceSettings | str) -> Settings:
    items = [SourceSettings(url=s) if isinstance(s, str) else s for s in sources]
    return Settings(fetcher=fetcher, sources=items)


async def test_backfill_304_new_item_once_and_restart(
    server: LocalServer,
    client: GuardedClient,
    databases: Databases,
    sessionmaker: async_sessionmaker[AsyncSession],
    fetcher_settings: FetcherSettings,
    published: Published,
) -> None:
    url = server.route("/feed", feed(server, [1, 2]), etag='"v1"')
    settings = settings_for(fetcher_settings, url)

    (first,) = await poll_once(client, sessionmaker, settings, published, now=NOW)
    # The first poll brings what the feed lists into the history, marked: no alert on them.
    assert (first.status, first.new, first.backfill) == ("ok", 2, True)
    assert [(a.title, a.backfill) for a in published] == [("Story 1", True), ("Story 2", True)]
    published.clear()

    (second,) = await poll_once(client, sessionmaker, settings, published, now=NOW)
    assert second.status == "not_modified" and second.not_modified
    assert server.hits("/feed")[-1].headers["if-none-match"] == '"v1"'

    server.route("/feed", feed(server, [1, 2, 3]), etag='"v2"')
    (third,) = await poll_once(client, sessionmaker, settings, published, now=NOW)
    assert (third.status, third.new) == ("ok", 1)
    (story,) = published
    assert story.url == server.url("/articles/3?utm_source=rss")
    assert story.final_url == server.url("/articles/3?utm_source=rss")
    assert (story.source, story.title, story.published) == (url, "Story 3", dt.date(2024, 1, 19))
    assert story.html is not None and "Body of story 3." in story.html
    assert story.content_type == "text/html"

    (fourth,) = await poll_once(client, sessionmaker, settings, published, now=NOW)
    assert fourth.status == "not_modified" and len(published) == 1

    # Restart on the same database, against a server that ignores conditional GET.
    restarted = await databases.open()
    server.routes["/feed"].honour_conditional = False
    (fifth,) = await poll_once(client, restarted, settings, published, now=NOW)
    assert fifth.status == "unchanged" and len(published) == 1

    # A cosmetic change (new build date) is parsed, and still nothing old comes out.
    server.route("/feed", feed(server, [1, 2, 3], extra="<lastBuildDate>now</lastBuildDate>"))
    (sixth,) = await poll_once(client, restarted, settings, published, now=NOW)
    assert (sixth.status, sixth.new, len(published)) == ("ok", 0, 1)


async def test_backfill_setting_emits_existing_entries_oldest_first(
    server: LocalServer,
    client: GuardedClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    fetcher_settings: FetcherSettings,
    published: Published,
) -> None:
    url = server.route("/feed", feed(server, [1, 2, 3], full={2}))
    source = SourceSettings(url=url, backfill=True)
    (summary,) = await poll_once(
        client, sessionmaker, settings_for(fetcher_settings, source), published
    )
    assert summary.new == 3
    assert [a.title for a in published] == ["Story 1", "Story 2", "Story 3"]
    # Story 2 carries its full text in the feed: its page is never fetched.
    assert "Full text of the readout." in (published[1].html or "")
    assert server.hits("/articles/2") == [] and len(server.hits("/articles/1")) == 1
    await poll_once(client, sessionmaker, settings_for(fetcher_settings, source), published)
    assert len(published) == 3


async def test_broken_sources_never_delay_or_stop_the_others(
    server: LocalServer,
    client: GuardedClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    published: Published,
) -> None:
    fetcher = FetcherSettings(
        allow_private_networks=True,
        timeout_seconds=1.0,
        max_body_bytes=1_000_000,
        per_host_delay_seconds=0.0,
    )
    good = SourceSettings(url=server.route("/good", feed(server, [1, 2])), backfill=True)
    server.route("/busy", status=429, headers={"Retry-After": "3600"})
    busy_url = server.url("/busy", host="localhost")
    broken = {
        server.route("/hang", feed(server, [7]), hang_seconds=30): "timed out after 1s",
        server.route("/down", "oops", status=500, content_type="text/plain"): "HTTP 500",
        server.route("/html", article(1), content_type="text/html"): "not a feed: HTML page served",
        server.route("/huge", stream_bytes=50_000_000): "exceeds max_body_bytes=1000000",
        # Under another host name: a 429 pauses its whole host (tested in test_politeness.py).
        busy_url: "HTTP 429",
        server.route("/gone", status=404, content_type="text/plain"): "HTTP 404",
        server.route("/bad", '<?xml version="1.0"?>\n<rss version="2.0">\n<channel>'): "XML error",
    }
    settings = settings_for(fetcher, good, *broken)
    started = time.monotonic()
    summaries = await poll_once(client, sessionmaker, settings, published, now=NOW)
    assert time.monotonic() - started < 2.5  # concurrent: one timeout, not the sum of them
    assert [a.title for a in published] == ["Story 1", "Story 2"]
    by_url = {s.source: s for s in summaries}
    assert by_url[good.url].status == "ok"
    for url, reason in broken.items():
        assert by_url[url].status == "error", url
        assert reason in (by_url[url].error or ""), (url, by_url[url].error)

    async with sessionmaker() as session:
        busy = await state.load_source(session, busy_url)
        down = await state.load_source(session, server.url("/down"))
    assert busy and busy.next_poll_at and busy.next_poll_at >= NOW + dt.timedelta(seconds=3600)
    assert (
        down
        and down.consecutive_failures == 1
        and down.last_error == "HTTP 500 Internal Server Error"
    )


async def test_backoff_grows_with_consecutive_failures(
    server: LocalServer,
    client: GuardedClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    fetcher_settings: FetcherSettings,
    published: Published,
) -> None:
    url = server.route("/down", status=502)
    settings = settings_for(fetcher_settings, SourceSettings(url=url, every="1m"))
    delays = []
    for _ in range(3):
        await poll_once(client, sessionmaker, settings, published, now=NOW)
        async with sessionmaker() as session:
            known = await state.load_source(session, url)
        assert known and known.next_poll_at
        delays.append((known.next_poll_at - NOW).total_seconds())
    assert delays == [60, 120, 240] and known.consecutive_failures == 3
    server.route("/down", feed(server, [1]))
    (summary,) = await poll_once(client, sessionmaker, settings, published, now=NOW)
    async with sessionmaker() as session:
        known = await state.load_source(session, url)
    assert summary.status == "ok" and known and known.consecutive_failures == 0


async def test_private_addresses_are_refused_by_default(
    server: LocalServer,
    sessionmaker: async_sessionmaker[AsyncSession],
    published: Published,
) -> None:
    url = server.route("/feed", feed(server, [1]))
    settings = settings_for(FetcherSettings(), url)  # allow_private_networks defaults to False
    async with GuardedClient(settings.fetcher) as client:
        (summary,) = await poll_once(client, sessionmaker, settings, published)
    assert summary.status == "error" and "refused 127.0.0.1" in (summary.error or "")
    assert server.requests == []


async def test_failed_article_is_retried_next_poll_and_published_once(
    server: LocalServer,
    client: GuardedClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    fetcher_settings: FetcherSettings,
    published: Published,
) -> None:
    url = server.route("/feed", feed(server, [1]), etag='"v1"')
    settings = settings_for(fetcher_settings, url)
    await poll_once(client, sessionmaker, settings, published)  # backfill: story 1, marked
    assert [(a.title, a.backfill) for a in published] == [("Story 1", True)]
    published.clear()
    server.route("/feed", feed(server, [1, 2]), etag='"v2"')
    server.route("/articles/2", "busy", status=503, content_type="text/plain")

    (summary,) = await poll_once(client, sessionmaker, settings, published)
    assert (summary.status, summary.new, summary.failed, published) == ("ok", 0, 1, [])

    server.route("/articles/2", article(2), content_type="text/html")
    (summary,) = await poll_once(client, sessionmaker, settings, published)
    # The validators of the failed poll were held back: the old ETag is sent, so v2 comes again.
    assert server.hits("/feed")[-1].headers["if-none-match"] == '"v1"'
    assert (summary.new, [a.title for a in published]) == (1, ["Story 2"])

    (summary,) = await poll_once(client, sessionmaker, settings, published)
    assert summary.status == "not_modified" and len(published) == 1


async def test_failed_publish_leaves_entries_for_the_next_poll(
    server: LocalServer,
    client: GuardedClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    fetcher_settings: FetcherSettings,
    published: Published,
) -> None:
    url = server.route("/feed", feed(server, [1, 2]))
    settings = settings_for(fetcher_settings, SourceSettings(url=url, backfill=True))

    async def broker_down(article: object) -> None:
        raise ConnectionError("no broker")

    (summary,) = await poll_once(client, sessionmaker, settings, broker_down)
    assert summary.new == 0 and "publish failed" in (summary.error or "")
    (summary,) = await poll_once(client, sessionmaker, settings, published)
    assert summary.new == 2 and len(published) == 2


async def test_redirected_feed_and_mislabelled_article_page(
    server: LocalServer,
    client: GuardedClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    fetcher_settings: FetcherSettings,
    published: Published,
) -> None:
    server.route("/feed", feed(server, [1]))
    old = server.route("/old-feed", status=301, headers={"Location": "/feed"})
    page = "<html><body><p>Le président a rencontré le chancelier à l'Élysée.</p></body></html>"
    server.route("/articles/1", page.encode("cp1252"), content_type="text/html; charset=utf-8")
    settings = settings_for(fetcher_settings, SourceSettings(url=old, backfill=True))
    (summary,) = await poll_once(client, sessionmaker, settings, published)
    assert summary.status == "ok" and summary.new == 1
    html = published[0].html or ""
    assert "chancelier" in html and ("Élysée" in html or "\ufffd" in html)


async def test_page_and_sitemap_sources(
    server: LocalServer,
    client: GuardedClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    fetcher_settings: FetcherSettings,
    published: Published,
) -> None:
    for i in (1, 2, 3):
        server.route(f"/articles/{i}", article(i), content_type="text/html")
    listing = server.route(
        "/press",
        '<html><body><a href="/about">About</a><ul class="news"><li><a href="/articles/1">One</a>'
        '</li><li><a href="/articles/2">Two</a></li></ul></body></html>',
        content_type="text/html",
    )
    server.route(
        "/sitemap-2024.xml",
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{server.url('/articles/3')}</loc></url></urlset>",
        content_type="application/xml",
    )
    index = server.route(
        "/sitemap.xml",
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<sitemap><loc>/sitemap-2024.xml</loc></sitemap></sitemapindex>",
        content_type="application/xml",
    )
    sources = [
        SourceSettings(url=listing, kind="page", selector="ul.news a", backfill=True),
        SourceSettings(url=index, kind="sitemap", backfill=True),
    ]
    summaries = await poll_once(
        client, sessionmaker, settings_for(fetcher_settings, *sources), published
    )
    assert [(s.status, s.new) for s in summaries] == [("ok", 2), ("ok", 1)]
    assert sorted(a.url for a in published) == [server.url(f"/articles/{i}") for i in (1, 2, 3)]
