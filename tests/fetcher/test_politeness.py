"""Per-host politeness against loopback servers: a redirect's target host is the one limited, a
minimum delay separates requests to one host, and a 429 from an article page pauses its host."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.fetcher import state
from services.fetcher.cycle import poll_and_deliver
from services.fetcher.http import fetch
from services.fetcher.limits import HostPaused, Limiter
from services.fetcher.transport import GuardedClient
from shared.settings import FetcherSettings, SourceSettings

from .conftest import Published
from .server import LocalServer
from .test_poll_server import article

NOW = dt.datetime(2024, 1, 19, 12, 0, tzinfo=dt.UTC)


class FakeTime:
    """A monotonic clock and a sleep that only moves it."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


async def test_a_redirect_counts_against_its_target_host(
    server: LocalServer, client: GuardedClient, fetcher_settings: FetcherSettings
) -> None:
    # Both requests end on "localhost": one directly, one redirected there from 127.0.0.1.
    server.route("/slow", "<rss/>", hang_seconds=0.3)
    moved = server.route(
        "/moved", status=302, headers={"Location": server.url("/slow", "localhost")}
    )
    limiter = Limiter(10, per_host=1)
    await asyncio.gather(
        fetch(client, moved, fetcher_settings, limiter=limiter),
        fetch(client, server.url("/slow", "localhost"), fetcher_settings, limiter=limiter),
    )
    first, second = sorted(r.at for r in server.hits("/slow"))
    assert second - first >= 0.25  # one at a time on localhost, not two in parallel


async def test_requests_to_one_host_are_spaced_by_the_delay() -> None:
    clock = FakeTime()
    slept: list[float] = []

    async def sleep(seconds: float) -> None:  # the clock stands still: starts are computed
        slept.append(seconds)

    limiter = Limiter(10, per_host=5, delay=0.5, clock=clock, sleep=sleep)

    async def request(url: str) -> None:
        async with limiter.slot(url):
            pass

    urls = ["http://a/1", "http://a/2", "http://b/1", "http://a/3"]
    await asyncio.gather(*(request(u) for u in urls))
    assert sorted(slept) == [0.5, 1.0]  # a/2 and a/3 wait their turn; a/1 and b/1 do not


async def test_a_pause_refuses_at_once_then_expires() -> None:
    clock = FakeTime()
    limiter = Limiter(10, per_host=1, clock=clock, sleep=clock.sleep)
    limiter.pause("http://a/page", 120)
    with pytest.raises(HostPaused) as caught:
        async with limiter.slot("http://A/other"):
            pass
    assert caught.value.retry_after == 120
    async with limiter.slot("http://b/"):  # other hosts are not affected
        pass
    clock.now += 121
    async with limiter.slot("http://a/other"):
        pass
    assert clock.slept == []


async def test_retry_after_from_an_article_page_pauses_its_host(
    server: LocalServer,
    client: GuardedClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    fetcher_settings: FetcherSettings,
    published: Published,
) -> None:
    # The feed is on 127.0.0.1; its three articles on "localhost", which answers 429.
    items = "".join(
        f"<item><title>Story {i}</title><link>{server.url(f'/a/{i}', 'localhost')}</link></item>"
        for i in (3, 2, 1)  # newest first, as feeds list them
    )
    url = server.route("/feed", f'<rss version="2.0"><channel>{items}</channel></rss>')
    for i in (1, 2, 3):
        server.route(f"/a/{i}", status=429, headers={"Retry-After": "600"})
    other = server.route("/feed2", "<rss/>")  # a source on the paused host, polled later
    other = other.replace("127.0.0.1", "localhost")
    clock = FakeTime()
    limiter = Limiter(10, per_host=1, clock=clock, sleep=clock.sleep)
    source = SourceSettings(url=url, backfill=True)

    async def cycle(src: SourceSettings):
        return await poll_and_deliver(
            client, sessionmaker, src, fetcher_settings, published, now=NOW, limiter=limiter
        )

    summary = await cycle(source)
    assert (summary.new, summary.failed) == (0, 3)
    assert len([r for r in server.requests if r.path.startswith("/a/")]) == 1  # then paused
    paused = await cycle(SourceSettings(url=other))
    assert paused.status == "error" and "asked to wait" in (paused.error or "")
    assert server.hits("/feed2") == []
    async with sessionmaker() as session:
        known = await state.load_source(session, other)
    assert known and known.next_poll_at and known.next_poll_at >= NOW + dt.timedelta(seconds=590)

    clock.now += 601  # the pause is over, and the host is well again
    for i in (1, 2, 3):
        server.route(f"/a/{i}", article(i), content_type="text/html")
    summary = await cycle(source)
    assert (summary.new, summary.failed) == (3, 0)
    assert [a.title for a in published] == ["Story 1", "Story 2", "Story 3"]
