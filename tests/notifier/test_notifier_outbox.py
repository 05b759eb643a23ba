"""The outbox: backoff on a failing Slack, exactly-once delivery, crash safety, the loop."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import json
from collections.abc import Mapping
from functools import partial
from pathlib import Path

import aiohttp
import pytest
from pydantic import SecretStr
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.notifier.backoff import RetryPolicy
from services.notifier.channels import build_channels, builtin_outputs
from services.notifier.channels.base import Channel
from services.notifier.channels.console import ConsoleChannel
from services.notifier.channels.jsonl import JsonlChannel
from services.notifier.channels.slack import SlackChannel
from services.notifier.channels.webhook import WebhookChannel
from services.notifier.deliver import DeliveryStats, deliver_pending
from services.notifier.models import DeliveryRow, utc_now
from services.notifier.outbox import run_outbox
from services.notifier.record import record_readout, record_readouts
from services.notifier.thresholds import SilenceRules
from shared.db import make_sessionmaker
from shared.schemas import AlertRaised
from shared.settings import Settings, SubscriptionSettings
from tests.notifier.builders import SEEDS_IN_PUBLICATION_ORDER
from tests.notifier.conftest import Database, FakeClock
from tests.notifier.servers import HttpServer

Sessions = async_sessionmaker[AsyncSession]
BIDEN_NETANYAHU = SEEDS_IN_PUBLICATION_ORDER[-1]  # one alert: silence ended after 27 days


class Crash(BaseException):
    """Stands for the process dying in the middle of a send."""


class CrashingChannel:
    async def send(self, alert: AlertRaised, subscription: str, target: str) -> None:
        raise Crash


async def _record(
    sessionmaker: Sessions, clock: FakeClock, subs: list[SubscriptionSettings]
) -> list[AlertRaised]:
    async with sessionmaker() as session:
        return await record_readout(
            session, BIDEN_NETANYAHU, rules=SilenceRules(), subscriptions=subs, now=clock()
        )


async def _rows(sessionmaker: Sessions) -> dict[str, DeliveryRow]:
    async with sessionmaker() as session:
        rows = (await session.scalars(select(DeliveryRow))).all()
    return {row.channel: row for row in rows}


@pytest.fixture
def desk(http_server: HttpServer) -> SubscriptionSettings:
    return SubscriptionSettings(name="desk", slack_webhook=SecretStr(http_server.url + "/hook"))


@pytest.fixture
def console() -> io.StringIO:
    return io.StringIO()


@pytest.fixture
def channels(
    http_client: aiohttp.ClientSession,
    desk: SubscriptionSettings,
    console: io.StringIO,
    tmp_path: Path,
) -> dict[str, Channel]:
    assert desk.slack_webhook is not None
    return {
        "console": ConsoleChannel(console),
        "jsonl": JsonlChannel(tmp_path / "alerts.jsonl"),
        "slack": SlackChannel(http_client, {"desk": desk.slack_webhook}),
    }


def test_backoff_grows_is_jittered_and_capped() -> None:
    policy = RetryPolicy(base_seconds=10, cap_seconds=3600)
    assert [policy.delay(n, 1.0).total_seconds() for n in (1, 2, 3, 4)] == [10, 20, 40, 80]
    assert policy.delay(3, 0.0).total_seconds() == 20  # jitter stays in the upper half
    assert policy.delay(30, 1.0).total_seconds() == 3600


def test_defaults_ride_out_hours_and_claims_fit_in_the_lease() -> None:
    policy = RetryPolicy()
    waited = sum(policy.delay(n, 0.0).total_seconds() for n in range(1, policy.max_attempts))
    assert waited > 3 * 3600  # even with the least jitter, Slack may be down for three hours
    # every claimed delivery is sent before its lease ends, even at 40 s per send
    rounds = -(-policy.claim_batch // policy.concurrency)
    assert rounds * 40 <= policy.lease_seconds
    assert RetryPolicy(lease_seconds=3).claim_batch == policy.concurrency  # one round at once


async def test_slack_500s_back_off_then_deliver_exactly_once(
    sessionmaker: Sessions,
    channels: Mapping[str, Channel],
    desk: SubscriptionSettings,
    http_server: HttpServer,
    clock: FakeClock,
    console: io.StringIO,
) -> None:
    await _record(sessionmaker, clock, [desk])
    http_server.fail(3, status=500)
    run = partial(deliver_pending, sessionmaker, channels, now=clock, rand=lambda: 1.0)

    assert await run() == DeliveryStats(picked=3, delivered=2, retried=1)
    waits = []
    for _ in range(3):
        due = (await _rows(sessionmaker))["slack"].next_attempt_at
        waits.append((due - clock()).total_seconds())
        clock.now = due - dt.timedelta(seconds=1)
        assert await run() == DeliveryStats()  # not due yet: nothing is sent early
        clock.advance(seconds=1)
        assert (await run()).picked == 1
    assert waits == [10, 20, 40]

    slack = (await _rows(sessionmaker))["slack"]
    assert (slack.status, slack.attempts, slack.last_error) == ("done", 4, None)
    clock.advance(days=30)
    assert await run() == DeliveryStats()
    assert len(http_server.requests) == 4
    assert console.getvalue().count("\n") == 1


async def test_gives_up_after_max_attempts(
    sessionmaker: Sessions,
    channels: Mapping[str, Channel],
    desk: SubscriptionSettings,
    http_server: HttpServer,
    clock: FakeClock,
) -> None:
    await _record(sessionmaker, clock, [desk])
    http_server.fail(10, status=503)
    policy = RetryPolicy(max_attempts=2)
    run = partial(
        deliver_pending, sessionmaker, channels, now=clock, rand=lambda: 0.5, policy=policy
    )
    assert (await run()).retried == 1
    clock.advance(hours=2)
    assert (await run()).failed == 1
    clock.advance(days=1)
    assert await run() == DeliveryStats()
    slack = (await _rows(sessionmaker))["slack"]
    assert (slack.status, slack.attempts) == ("failed", 2)
    assert "HTTP 503" in (slack.last_error or "") and "/hook" not in (slack.last_error or "")
    assert len(http_server.requests) == 2


async def test_unknown_channel_fails_at_once(
    sessionmaker: Sessions, desk: SubscriptionSettings, clock: FakeClock, tmp_path: Path
) -> None:
    await _record(sessionmaker, clock, [desk])
    only_jsonl = {"jsonl": JsonlChannel(tmp_path / "a.jsonl")}
    stats = await deliver_pending(sessionmaker, only_jsonl, now=clock)
    assert stats == DeliveryStats(picked=3, delivered=1, failed=2)
    assert "no channel 'slack'" in ((await _rows(sessionmaker))["slack"].last_error or "")


async def test_restart_after_crash_before_delivery_sends_once(
    database: Database,
    channels: Mapping[str, Channel],
    desk: SubscriptionSettings,
    http_server: HttpServer,
    clock: FakeClock,
    tmp_path: Path,
) -> None:
    before_crash = database.engine()
    await _record(make_sessionmaker(before_crash), clock, [desk])
    await before_crash.dispose()  # the process dies with every delivery still pending

    for _ in range(3):  # three restarts, each with a new engine on the same database
        await deliver_pending(database.sessionmaker(), channels, now=clock)
        clock.advance(days=1)
    assert len(http_server.requests) == 1
    assert len((tmp_path / "alerts.jsonl").read_text().splitlines()) == 1
    assert {row.status for row in (await _rows(database.sessionmaker())).values()} == {"done"}


async def test_crash_in_the_middle_of_a_send_resends_once_after_the_lease(
    database: Database,
    channels: dict[str, Channel],
    desk: SubscriptionSettings,
    http_server: HttpServer,
    clock: FakeClock,
) -> None:
    await _record(database.sessionmaker(), clock, [desk])
    crashing = channels | {"slack": CrashingChannel()}
    with pytest.raises(Crash):
        await deliver_pending(database.sessionmaker(), crashing, now=clock)

    after_restart = database.sessionmaker()
    slack = (await _rows(after_restart))["slack"]
    assert (slack.status, slack.attempts) == ("pending", 1)
    # console and jsonl went out before the crash; slack is still leased to the dead worker
    assert (await deliver_pending(after_restart, channels, now=clock)).picked == 0
    assert http_server.requests == []
    clock.advance(seconds=RetryPolicy().lease_seconds)
    assert await deliver_pending(after_restart, channels, now=clock) == DeliveryStats(1, 1)
    clock.advance(days=1)
    assert (await deliver_pending(database.sessionmaker(), channels, now=clock)).picked == 0
    assert len(http_server.requests) == 1


async def test_two_workers_at_once_send_each_delivery_once(
    database: Database,
    channels: Mapping[str, Channel],
    desk: SubscriptionSettings,
    http_server: HttpServer,
    clock: FakeClock,
    console: io.StringIO,
) -> None:
    await _record(database.sessionmaker(), clock, [desk])
    one, two = await asyncio.gather(
        deliver_pending(database.sessionmaker(), channels, now=clock),
        deliver_pending(database.sessionmaker(), channels, now=clock),
    )
    assert one.delivered + two.delivered == 3
    assert len(http_server.requests) == 1
    assert console.getvalue().count("\n") == 1


async def test_run_outbox_delivers_when_woken_and_stops(
    sessionmaker: Sessions,
    channels: Mapping[str, Channel],
    desk: SubscriptionSettings,
    http_server: HttpServer,
    clock: FakeClock,
) -> None:
    stop, wake = asyncio.Event(), asyncio.Event()
    # a long interval: only the wake-up can explain a prompt delivery
    task = asyncio.create_task(
        run_outbox(sessionmaker, channels, stop=stop, wake=wake, interval=60, now=clock)
    )
    await asyncio.sleep(0)
    await _record(sessionmaker, clock, [desk])
    wake.set()
    await asyncio.wait_for(http_server.received.wait(), timeout=10)
    stop.set()
    await asyncio.wait_for(task, timeout=10)
    assert len(http_server.requests) == 1


async def test_seed_replay_through_build_channels(
    sessionmaker: Sessions,
    http_client: aiohttp.ClientSession,
    http_server: HttpServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """What ``replay --config`` does: record every seed, then drain the outbox once."""
    settings = Settings.model_validate(
        {
            "data_dir": tmp_path,
            "subscriptions": [
                {"name": "silences", "webhook": http_server.url + "/in", "min_silence_days": 22}
            ],
        }
    )
    for found in SEEDS_IN_PUBLICATION_ORDER:
        async with sessionmaker() as session:
            await record_readout(
                session,
                found,
                rules=SilenceRules.from_settings(settings.alerts),
                subscriptions=settings.subscriptions,
                outputs=builtin_outputs(settings),
            )
    stats = await deliver_pending(sessionmaker, build_channels(settings, http_client))
    assert stats == DeliveryStats(picked=16, delivered=16)
    lines = settings.alerts_jsonl.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 7
    assert [r.json()["silence_days"] for r in http_server.requests] == [62, 27]
    assert capsys.readouterr().err.count(" silence_ended: ") == 2


async def test_run_outbox_retries_when_the_backoff_ends_not_at_the_next_tick(
    sessionmaker: Sessions,
    channels: Mapping[str, Channel],
    desk: SubscriptionSettings,
    http_server: HttpServer,
) -> None:
    await _record(sessionmaker, FakeClock(utc_now()), [desk])
    http_server.fail(1, status=503)
    stop = asyncio.Event()
    policy = RetryPolicy(base_seconds=0.2)  # the retry is due 0.1-0.2 s after the failure
    task = asyncio.create_task(
        run_outbox(sessionmaker, channels, stop=stop, interval=60, policy=policy)
    )
    deadline = asyncio.get_running_loop().time() + 10  # far less than the 60 s tick
    while len(http_server.requests) < 2:
        assert asyncio.get_running_loop().time() < deadline, "the retry waited for the tick"
        await asyncio.sleep(0.05)
    stop.set()
    await asyncio.wait_for(task, timeout=10)
    slack = (await _rows(sessionmaker))["slack"]
    assert (slack.status, slack.attempts) == ("done", 2)


async def test_a_batch_sent_at_once_retries_only_the_deliveries_the_receiver_refused(
    sessionmaker: Sessions,
    http_client: aiohttp.ClientSession,
    http_server: HttpServer,
    clock: FakeClock,
    tmp_path: Path,
) -> None:
    hook = SubscriptionSettings(name="hook", webhook=SecretStr(http_server.url + "/in"))
    async with sessionmaker() as session:
        found = await record_readouts(
            session,
            SEEDS_IN_PUBLICATION_ORDER,
            rules=SilenceRules(),
            subscriptions=[hook],
            outputs=["jsonl"],
            now=clock(),
        )
    stored = [alert for alerts in found for alert in alerts]
    alerts = [alert.alert_id for alert in stored]
    assert hook.webhook is not None and len(alerts) == 7
    channels: dict[str, Channel] = {
        "jsonl": JsonlChannel(tmp_path / "alerts.jsonl"),
        "webhook": WebhookChannel(http_client, {"hook": hook.webhook}),
    }
    policy = RetryPolicy(concurrency=4)
    run = partial(
        deliver_pending, sessionmaker, channels, now=clock, rand=lambda: 1.0, policy=policy
    )
    http_server.fail(3, status=503)  # whichever three webhook POSTs arrive first

    assert await run() == DeliveryStats(picked=14, delivered=11, retried=3)
    refused = [r.headers["x-readoutwatch-alert"] for r in http_server.requests[:3]]
    async with sessionmaker() as session:
        rows = (await session.scalars(select(DeliveryRow).order_by(DeliveryRow.id))).all()
    pending = {row.alert_id for row in rows if row.status == "pending"}
    assert pending == set(refused)
    assert all("HTTP 503" in (row.last_error or "") for row in rows if row.status == "pending")
    assert all(row.last_error is None for row in rows if row.status == "done")
    # JSON Lines went out one after another, in the order the alerts were stored
    lines = (tmp_path / "alerts.jsonl").read_text().splitlines()
    assert [json.loads(line) for line in lines] == [alert.public_json() for alert in stored]

    clock.advance(seconds=policy.base_seconds)
    assert await run() == DeliveryStats(picked=3, delivered=3)
    clock.advance(days=1)
    assert await run() == DeliveryStats()
    accepted = [r.headers["x-readoutwatch-alert"] for r in http_server.requests[3:]]
    assert sorted(accepted) == sorted(alerts)  # every alert accepted exactly once
