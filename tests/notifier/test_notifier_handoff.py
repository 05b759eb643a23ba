"""New alerts handed over: deliveries committed as claimed with the contact, sent by their writer
without a claim transaction, written back a few outcomes per transaction; if the writer dies
first, the outbox sends them once the lease ends."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
from pydantic import SecretStr
from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from services.notifier.backoff import RetryPolicy
from services.notifier.channels.base import Channel
from services.notifier.channels.console import ConsoleChannel
from services.notifier.channels.jsonl import JsonlChannel
from services.notifier.channels.slack import SlackChannel
from services.notifier.channels.webhook import WebhookChannel
from services.notifier.deliver import Claimed, DeliveryStats, Sender, deliver_pending, handed_over
from services.notifier.models import DeliveryRow
from services.notifier.record import Recorded, record_and_lease
from services.notifier.thresholds import SilenceRules
from shared.db import make_sessionmaker
from shared.schemas import AlertRaised
from shared.settings import SubscriptionSettings
from tests.notifier.builders import SEEDS_IN_PUBLICATION_ORDER
from tests.notifier.conftest import Database, FakeClock
from tests.notifier.servers import HttpServer

Sessions = async_sessionmaker[AsyncSession]
BIDEN_NETANYAHU = SEEDS_IN_PUBLICATION_ORDER[-1]  # one alert: silence ended after 27 days
LEASE = dt.timedelta(seconds=RetryPolicy().lease_seconds)


class HangingChannel:
    """A channel whose send waits until the test lets it go (a Slack that does not answer)."""

    def __init__(self) -> None:
        self.entered, self.release = asyncio.Event(), asyncio.Event()

    async def send(self, alert: AlertRaised, subscription: str, target: str) -> None:
        self.entered.set()
        await self.release.wait()


@pytest.fixture
def subscriptions(http_server: HttpServer) -> list[SubscriptionSettings]:
    return [
        SubscriptionSettings(
            name="desk",
            slack_webhook=SecretStr(http_server.url + "/slack"),
            webhook=SecretStr(http_server.url + "/hook"),
        )
    ]


@pytest.fixture
def channels(
    http_client: aiohttp.ClientSession, subscriptions: list[SubscriptionSettings], tmp_path: Path
) -> dict[str, Channel]:
    desk = subscriptions[0]
    assert desk.slack_webhook is not None and desk.webhook is not None
    return {
        "console": ConsoleChannel(io.StringIO()),
        "jsonl": JsonlChannel(tmp_path / "alerts.jsonl"),
        "slack": SlackChannel(http_client, {"desk": desk.slack_webhook}),
        "webhook": WebhookChannel(http_client, {"desk": desk.webhook}),
    }


async def _record(
    sessionmaker: Sessions, clock: FakeClock, subscriptions: list[SubscriptionSettings]
) -> Recorded:
    async with sessionmaker() as session:
        return await record_and_lease(
            session,
            [BIDEN_NETANYAHU],
            rules=SilenceRules(),
            subscriptions=subscriptions,
            now=clock(),
            lease_until=clock() + LEASE,
        )


def _claimed(recorded: Recorded, clock: FakeClock) -> list[Claimed]:
    """The recorded deliveries as the service hands them to its sender."""
    return handed_over(recorded.leased, RetryPolicy().last_start(clock() + LEASE))


async def _rows(sessionmaker: Sessions) -> dict[str, DeliveryRow]:
    async with sessionmaker() as session:
        rows = (await session.scalars(select(DeliveryRow))).all()
    return {row.channel: row for row in rows}


@pytest.fixture
def commits(database: Database) -> Iterator[tuple[AsyncEngine, list[int]]]:
    """An engine on the test database and the count of transactions committed through it."""
    engine = database.engine()
    counted = [0]

    def count(*_: object) -> None:
        counted[0] += 1

    event.listen(engine.sync_engine, "commit", count)
    yield engine, counted


async def test_deliveries_are_committed_claimed_and_sent_by_their_writer(
    sessionmaker: Sessions,
    channels: dict[str, Channel],
    subscriptions: list[SubscriptionSettings],
    http_server: HttpServer,
    clock: FakeClock,
) -> None:
    recorded = await _record(sessionmaker, clock, subscriptions)
    ((alert,),) = recorded.alerts
    rows = await _rows(sessionmaker)
    assert set(rows) == {"console", "jsonl", "slack", "webhook"}
    assert {(r.status, r.attempts, r.next_attempt_at) for r in rows.values()} == {
        ("pending", 1, clock() + LEASE)
    }
    assert sorted((d.id, d.route.channel) for d in recorded.leased) == sorted(
        (r.id, r.channel) for r in rows.values()
    )
    assert {d.alert.alert_id for d in recorded.leased} == {alert.alert_id}
    # leased to the writer: an outbox pass leaves them alone
    assert (await deliver_pending(sessionmaker, channels, now=clock)).picked == 0

    sender = Sender(sessionmaker, channels, now=clock)
    assert await sender.send(_claimed(recorded, clock)) == DeliveryStats(delivered=4)
    assert {(r.status, r.attempts) for r in (await _rows(sessionmaker)).values()} == {("done", 1)}
    clock.advance(seconds=LEASE.total_seconds() + 1)
    assert (await deliver_pending(sessionmaker, channels, now=clock)).picked == 0
    assert sorted(r.path for r in http_server.requests) == ["/hook", "/slack"]


async def test_a_writer_that_dies_before_sending_leaves_them_to_the_outbox(
    database: Database,
    channels: dict[str, Channel],
    subscriptions: list[SubscriptionSettings],
    http_server: HttpServer,
    clock: FakeClock,
) -> None:
    before_crash = database.engine()
    await _record(make_sessionmaker(before_crash), clock, subscriptions)
    await before_crash.dispose()  # the process dies with its deliveries claimed, unsent

    after_restart = database.sessionmaker()
    assert (await deliver_pending(after_restart, channels, now=clock)).picked == 0
    clock.advance(seconds=LEASE.total_seconds())
    assert await deliver_pending(after_restart, channels, now=clock) == DeliveryStats(4, 4)
    assert {(r.status, r.attempts) for r in (await _rows(after_restart)).values()} == {("done", 2)}
    assert len(http_server.requests) == 2


async def test_outcomes_that_end_together_share_a_transaction(
    commits: tuple[AsyncEngine, list[int]],
    channels: dict[str, Channel],
    subscriptions: list[SubscriptionSettings],
    clock: FakeClock,
) -> None:
    engine, counted = commits
    sessionmaker = make_sessionmaker(engine)
    handed = handed_over(
        (await _record(sessionmaker, clock, subscriptions)).leased, clock() + LEASE
    )
    counted[0] = 0
    # a linger longer than any loopback POST: the two network outcomes are written together
    sender = Sender(sessionmaker, channels, now=clock, linger=10.0)
    assert await sender.send(handed) == DeliveryStats(delivered=4)
    # console and JSON Lines first (written before any network send starts), then the rest
    assert counted[0] == 2


async def test_a_hung_channel_holds_back_only_its_own_outcome(
    sessionmaker: Sessions,
    channels: dict[str, Channel],
    subscriptions: list[SubscriptionSettings],
    clock: FakeClock,
    tmp_path: Path,
) -> None:
    hanging = HangingChannel()
    handed = handed_over(
        (await _record(sessionmaker, clock, subscriptions)).leased, clock() + LEASE
    )
    sender = Sender(sessionmaker, channels | {"slack": hanging}, now=clock, linger=0.05)
    sending = asyncio.create_task(sender.send(handed))
    try:
        await asyncio.wait_for(hanging.entered.wait(), 10)
        for _ in range(200):  # the webhook's outcome is written after the linger, not later
            if (await _rows(sessionmaker))["webhook"].status == "done":
                break
            await asyncio.sleep(0.05)
        rows = await _rows(sessionmaker)
        assert {c: r.status for c, r in rows.items()} == {
            "console": "done",
            "jsonl": "done",
            "webhook": "done",
            "slack": "pending",
        }
        assert not sending.done()
    finally:
        hanging.release.set()
    assert await sending == DeliveryStats(delivered=4)
    assert len((tmp_path / "alerts.jsonl").read_text().splitlines()) == 1


async def test_a_delivery_that_waited_until_its_lease_nearly_ended_is_left_to_the_outbox(
    sessionmaker: Sessions,
    channels: dict[str, Channel],
    subscriptions: list[SubscriptionSettings],
    http_server: HttpServer,
    clock: FakeClock,
) -> None:
    """A send begun so late that it could still run when the lease ends might meet a second
    sender of the same delivery: it is not begun, and goes out once, after the lease."""
    handed = _claimed(await _record(sessionmaker, clock, subscriptions), clock)
    sender = Sender(sessionmaker, channels, now=clock)
    clock.advance(seconds=LEASE.total_seconds() - 10)  # within the last send's time of the lease
    assert await sender.send(handed) == DeliveryStats(delivered=2, expired=2)
    rows = await _rows(sessionmaker)
    assert {c: r.status for c, r in rows.items() if r.status == "pending"} == {
        "slack": "pending",
        "webhook": "pending",
    }
    assert http_server.requests == []
    clock.advance(seconds=10)
    assert await deliver_pending(sessionmaker, channels, now=clock) == DeliveryStats(2, 2)
    assert sorted(r.path for r in http_server.requests) == ["/hook", "/slack"]
