"""Source health on NATS: the fetcher service against loopback feeds and a real nats-server puts
each source's health into the rw_sources bucket, which ``read_health`` reads back (the web role's
only way to it); plus the pure status rule and the projection of a poll onto the stored state."""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import nats
import pytest
from nats.js import JetStreamContext

from services.fetcher import health, updates
from services.fetcher.models import Validators
from services.fetcher.service import FetcherService
from services.fetcher.state import SourceState
from services.runtime import running
from shared import bus, subjects
from shared.natsserver import EmbeddedNats
from shared.settings import FetcherSettings, HttpSettings, NatsSettings, Settings, SourceSettings
from shared.source_health import (
    SourceHealth,
    ensure_bucket,
    health_key,
    put_health,
    read_health,
)

from .server import LocalServer
from .test_poll_server import feed

NOW = dt.datetime(2024, 3, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def own_nats(tmp_path: Path) -> Iterator[EmbeddedNats]:
    """A nats-server of the test's own: the bucket's name is fixed, and it must start absent."""
    server = EmbeddedNats(tmp_path / "nats").start()
    yield server
    server.stop()


@pytest.fixture
async def js(own_nats: EmbeddedNats) -> AsyncIterator[JetStreamContext]:
    nc = await nats.connect(own_nats.url)
    yield nc.jetstream()
    await nc.close()


async def until_health(
    js: JetStreamContext, ready: Callable[[dict[str, SourceHealth]], bool], within: float = 20
) -> dict[str, SourceHealth]:
    async with asyncio.timeout(within):
        while True:
            found = {h.url: h for h in await read_health(js)}
            if ready(found):
                return found
            await asyncio.sleep(0.1)


async def test_reader_returns_nothing_before_the_bucket_exists(
    own_nats: EmbeddedNats, js: JetStreamContext
) -> None:
    assert await read_health(js) == []
    await bus.ensure_streams(own_nats.url, NatsSettings())  # where the services create it
    assert await read_health(js) == []
    first = SourceHealth(url="https://example.gov/feed?a=1&b=2", kind="feed", last_polled=NOW)
    await put_health(js, first)
    await put_health(js, first.model_copy(update={"entries_seen": 7}))  # the last value wins
    assert await read_health(js) == [first.model_copy(update={"entries_seen": 7})]
    kv = await js.key_value(subjects.SOURCES_BUCKET)
    assert (await kv.get(health_key(first.url))).value is not None


async def test_an_existing_bucket_is_brought_to_the_configured_ttl(js: JetStreamContext) -> None:
    await js.create_key_value(bucket=subjects.SOURCES_BUCKET, ttl=60)
    await ensure_bucket(js)
    info = await js.stream_info(f"KV_{subjects.SOURCES_BUCKET}")
    assert info.config.max_age == 30 * 24 * 3600
    await ensure_bucket(js)  # and again: nothing to change, no error


def dated_feed(server: LocalServer, when: dt.datetime) -> str:
    """One item published at ``when`` (RSS date), its page served too."""
    server.route(
        "/articles/fresh", "<html><body><p>Fresh.</p></body></html>", content_type="text/html"
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Fresh</title><link>/</link>'
        f"<item><title>Fresh</title><link>/articles/fresh</link><guid>fresh</guid>"
        f"<pubDate>{email.utils.format_datetime(when)}</pubDate></item></channel></rss>"
    )


async def test_fetcher_publishes_broken_quiet_and_ok_sources(
    tmp_path: Path, own_nats: EmbeddedNats, js: JetStreamContext
) -> None:
    server = LocalServer().start()
    try:
        quiet = server.route("/quiet", feed(server, [1]), etag='"v1"')  # answers 304 after
        broken = server.route("/broken", "down", status=500, content_type="text/plain")
        fresh = server.route("/fresh", dated_feed(server, dt.datetime.now(dt.UTC)))
        gone = "https://example.gov/no-longer-configured"
        await bus.ensure_streams(own_nats.url, NatsSettings())
        await put_health(js, SourceHealth(url=gone, kind="feed"))
        settings = Settings(
            data_dir=tmp_path / "data",
            fetcher=FetcherSettings(allow_private_networks=True, per_host_delay_seconds=0),
            sources=[SourceSettings(url=u, every="0.3") for u in (quiet, broken, fresh)],
            http=HttpSettings(port=-1),
        )
        async with running(settings, [FetcherService(settings)], own_nats.url, http=False):
            found = await until_health(
                js,
                lambda h: (
                    h.get(broken, SourceHealth(url="", kind="")).consecutive_failures >= 3
                    and len(server.hits("/quiet")) >= 3
                    and fresh in h
                ),
            )
            assert gone not in found  # a source no longer configured is dropped at start-up
            bad = found[broken]
            assert bad.status == "broken" and bad.last_error == "HTTP 500 Internal Server Error"
            assert bad.failing_since is not None and bad.last_polled is not None
            assert bad.failing_since < bad.last_polled  # since the first failure, not the last
            assert bad.last_success is None and bad.next_poll and bad.next_poll > bad.last_polled

            ok = found[quiet]
            assert server.hits("/quiet")[-1].headers.get("if-none-match") == '"v1"'  # 304s
            assert (ok.consecutive_failures, ok.failing_since, ok.last_error) == (0, None, None)
            assert ok.entries_seen == 1 and ok.last_success is not None
            # Its only entry is from 2024: polled fine, nothing new lately.
            assert ok.last_new_entry == dt.datetime(2024, 1, 19, tzinfo=dt.UTC)
            assert ok.status == "quiet" and found[fresh].status == "ok"

            # The broken source comes back: no longer failing, and no longer "since".
            server.route("/broken", feed(server, [2]))
            found = await until_health(js, lambda h: h[broken].consecutive_failures == 0)
            assert found[broken].failing_since is None and found[broken].last_error is None
            assert found[broken].status == "quiet" and found[broken].entries_seen == 1
    finally:
        server.stop()


# ---------------------------------------------------------------- pure: status and projection


def test_status_tells_new_broken_quiet_and_ok_apart() -> None:
    polled = SourceHealth(url="u", kind="feed", last_polled=NOW, last_new_entry=NOW)
    assert SourceHealth(url="u", kind="feed").status_at(NOW) == "new"
    assert polled.status_at(NOW + dt.timedelta(days=7)) == "ok"
    assert polled.status_at(NOW + dt.timedelta(days=7, seconds=1)) == "quiet"
    assert polled.model_copy(update={"last_new_entry": None}).status_at(NOW) == "quiet"
    failing = polled.model_copy(update={"consecutive_failures": 1, "failing_since": NOW})
    assert failing.status_at(NOW) == "broken"
    assert polled.status_at(NOW, quiet_after=dt.timedelta(hours=1)) == "ok"


def test_projection_keeps_failing_since_across_failures_and_clears_it_on_success() -> None:
    source = SourceSettings(url="https://example.gov/feed", kind="sitemap")
    assert health.project(source, None) == SourceHealth(url=source.url, kind="sitemap")
    later = NOW + dt.timedelta(minutes=5)
    first = updates.failure(source.url, "HTTP 502", failures=1, now=NOW, next_poll_at=later)
    known = SourceState(
        url=source.url,
        validators=Validators(),
        initialised=True,
        consecutive_failures=1,
        last_error="HTTP 502",
        last_success_at=None,
        next_poll_at=later,
        last_polled_at=NOW,
        failing_since=NOW,
        entries_seen=12,
    )
    assert health.project(source, None, first).failing_since == NOW
    second = updates.failure(
        source.url, "timeout", failures=2, now=later, next_poll_at=later, failing_since=NOW
    )
    again = health.project(source, known, second)
    assert (again.failing_since, again.last_error, again.consecutive_failures) == (
        NOW,
        "timeout",
        2,
    )
    assert again.entries_seen == 12 and again.status_at(later) == "broken"
    fine = health.project(source, known, updates.success(source.url, now=later, next_poll_at=later))
    assert (fine.failing_since, fine.last_error, fine.consecutive_failures) == (None, None, 0)
    assert fine.last_success == later and fine.entries_seen == 12


async def test_start_up_publishing_gives_up_at_the_first_failure(
    caplog: pytest.LogCaptureFixture,
) -> None:
    tried: list[str] = []

    async def down(health: SourceHealth) -> None:
        tried.append(health.url)
        raise ConnectionError("no server")

    sources = [SourceSettings(url=f"https://example.gov/{i}") for i in range(100)]
    await health.report_all(down, sources, {})
    assert tried == ["https://example.gov/0"]
    warnings = [r for r in caplog.records if "at start-up" in r.getMessage()]
    assert len(warnings) == 1 and "no server" in warnings[0].getMessage()
