"""The notifier under faults, through NATS: killed mid-delivery, Slack down for a while, one
contact reported five times in random order.  Each test owns a nats-server: the durable
consumer names are fixed, and a leftover readout of another test would be delivered here."""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import nats
import pytest

from services.notifier.service import NotifierService
from services.runtime import running
from shared import bus, subjects
from shared.metrics import DELIVERIES
from shared.natsserver import EmbeddedNats
from shared.schemas import ReadoutFound
from shared.settings import NatsSettings, Settings, load_settings
from tests.e2e.servers import LoopbackHTTP, Recorded
from tests.notifier.builders import BIDEN, NETANYAHU, SEEDS_IN_PUBLICATION_ORDER, contact, readout

pytestmark = [pytest.mark.nats, pytest.mark.slow]
WAIT = 60.0


@pytest.fixture
def nats_url(tmp_path: Path) -> Iterator[str]:
    server = EmbeddedNats(tmp_path / "nats").start()
    yield server.url
    server.stop()


def _write_config(tmp_path: Path, url: str, slack: LoopbackHTTP, **alerts: float) -> Path:
    path = tmp_path / "readoutwatch.toml"
    lines = [f"{key} = {value}" for key, value in alerts.items()]
    path.write_text(
        f'data_dir = "{tmp_path / "data"}"\n[nats]\nurl = "{url}"\n[http]\nport = -1\n'
        f"[output]\nconsole = false\n[alerts]\n" + "\n".join(lines) + "\n"
        f'[[subscriptions]]\nname = "desk"\nslack_webhook = "{slack.base}/hook"\n',
        encoding="utf-8",
    )
    return path


def _slack_rows(settings: Settings) -> list[tuple[str, str, int]]:
    db = settings.data_dir / "readoutwatch.db"
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT alert_id, status, attempts FROM deliveries WHERE channel = 'slack'"
        ).fetchall()
    return [(str(a), str(s), int(n)) for a, s, n in rows]


def _alert_of(request: Recorded) -> str:
    """The alert id a Slack message carries in its context block."""
    blocks = json.loads(request.body)["blocks"]
    return str(blocks[-1]["elements"][0]["text"]).removeprefix("alert ")


async def _publish(url: str, *readouts: ReadoutFound) -> None:
    await bus.ensure_streams(url, NatsSettings())
    nc = await nats.connect(url)
    try:
        js = nc.jetstream()
        for found in readouts:
            await js.publish(
                subjects.READOUTS, found.model_dump_json().encode(), headers=_msg_id(found)
            )
    finally:
        await nc.close()


def _msg_id(found: ReadoutFound) -> dict[str, str]:
    return {"Nats-Msg-Id": found.msg_id()}


async def _until(done: Callable[[], bool], what: str) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT
    while not done():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.1)


def _notifier(config: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("READOUTWATCH_")}
    with log.open("ab") as stderr:  # a file, not a pipe: a full pipe would block the notifier
        return subprocess.Popen(
            [sys.executable, "-m", "services.cli", "notifier", "--config", str(config)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )


async def test_sigkill_mid_delivery_then_restart_sends_once_at_once(
    tmp_path: Path, nats_url: str
) -> None:
    """The receiver hangs on the first POST (never answers), the notifier is killed with
    SIGKILL while waiting for it, and the restarted notifier must send the alert once.  With
    the default 5-minute lease: the restarted notifier (same host, the old process gone) takes
    its predecessor's claim back at start, sends within seconds, and logs that it did."""
    arrived, release = threading.Event(), threading.Event()
    accepted: list[Recorded] = []

    def answer(request: Recorded) -> int:
        if not arrived.is_set():
            arrived.set()
            release.wait(WAIT)  # hang: the notifier dies before this ever answers
            return 500
        accepted.append(request)
        return 200

    slack = LoopbackHTTP(post_status=answer).start()
    config = _write_config(tmp_path, nats_url, slack)
    settings = load_settings(config)
    assert settings.alerts.lease_seconds > 2 * WAIT  # the lease cannot end within this test
    log = tmp_path / "notifier.log"
    first = _notifier(config, log)
    try:
        await _publish(nats_url, SEEDS_IN_PUBLICATION_ORDER[-1])  # one alert: silence ended
        assert await asyncio.to_thread(arrived.wait, WAIT), "the notifier never sent the alert"
        first.send_signal(signal.SIGKILL)
        assert first.wait(10) == -signal.SIGKILL
        ((alert_id, status, attempts),) = _slack_rows(settings)
        assert (status, attempts, accepted) == ("pending", 1, [])  # committed, claimed, unsent

        second = _notifier(config, log)
        try:
            await _until(lambda: _slack_rows(settings)[0][1] == "done", "the resend")
            second.send_signal(signal.SIGTERM)
            assert second.wait(30) == 0, log.read_text(errors="replace")[-2000:]
        finally:
            second.kill()
    finally:
        first.kill()
        release.set()
        slack.stop()
    assert [_alert_of(r) for r in accepted] == [alert_id]
    assert len(slack.posts("/hook")) == 2  # the hung one and the one accepted
    assert _slack_rows(settings) == [(alert_id, "done", 2)]
    jsonl = (settings.data_dir / "alerts.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(jsonl) == 1  # sent before the kill, and not again
    logged = log.read_text(errors="replace")
    assert f"of alert {alert_id} over slack" in logged, logged[-2000:]


@pytest.fixture
def notifier_for(tmp_path: Path, nats_url: str) -> Callable[[LoopbackHTTP], NotifierService]:
    """An in-process notifier on this test's broker, retrying fast; started by ``running``."""

    def make(slack: LoopbackHTTP) -> NotifierService:
        config = _write_config(
            tmp_path, nats_url, slack, retry_base_seconds=0.2, retry_max_seconds=1
        )
        return NotifierService(load_settings(config))

    return make


async def test_slack_down_for_a_while_then_every_alert_arrives_once(
    nats_url: str, notifier_for: Callable[[LoopbackHTTP], NotifierService]
) -> None:
    outage = 12  # the first twelve POSTs fail: every alert fails at least once
    answered: list[tuple[int, Recorded]] = []

    def answer(request: Recorded) -> int:
        status = 500 if len(answered) < outage else 200
        answered.append((status, request))
        return status

    slack = LoopbackHTTP(post_status=answer).start()
    notifier = notifier_for(slack)
    retries_before = DELIVERIES.labels("slack", "retry")._value.get()
    try:
        async with running(notifier.settings, [notifier], nats_url, http=False):
            await _publish(nats_url, *SEEDS_IN_PUBLICATION_ORDER)
            await _until(
                lambda: (
                    len(_slack_rows(notifier.settings)) == 7
                    and {s for _, s, _ in _slack_rows(notifier.settings)} == {"done"}
                ),
                "all seven alerts delivered",
            )
    finally:
        slack.stop()
    accepted = Counter(_alert_of(r) for status, r in answered if status == 200)
    assert sorted(accepted.values()) == [1] * 7
    assert set(accepted) == {alert_id for alert_id, _, _ in _slack_rows(notifier.settings)}
    assert sum(status == 500 for status, _ in answered) == outage
    assert DELIVERIES.labels("slack", "retry")._value.get() - retries_before == outage


async def test_five_articles_about_one_call_in_random_order_alert_once(
    nats_url: str, notifier_for: Callable[[LoopbackHTTP], NotifierService]
) -> None:
    days = ["2024-01-19", "2024-01-20", "2024-01-19", "2024-01-19", "2024-01-20"]
    articles = [
        readout(
            f"https://news{i}.example/biden-netanyahu-call",
            "2024-01-20",
            contact("call", day, *((BIDEN, NETANYAHU) if i % 2 else (NETANYAHU, BIDEN))),
        )
        for i, day in enumerate(days)
    ]
    random.Random(5).shuffle(articles)
    slack = LoopbackHTTP().start()
    notifier = notifier_for(slack)
    try:
        async with running(notifier.settings, [notifier], nats_url, http=False):
            await _publish(nats_url, *articles)
            nc = await nats.connect(nats_url)
            js = nc.jetstream()

            async def consumed() -> bool:
                info = await js.consumer_info(
                    subjects.stream_for(subjects.READOUTS), subjects.NOTIFIER_DURABLE
                )
                return not (info.num_pending or info.num_ack_pending)

            loop = asyncio.get_running_loop()
            deadline = loop.time() + WAIT
            while not (await consumed() and await notifier.outbox_idle() and slack.posts()):
                assert loop.time() < deadline, "the notifier did not finish"
                await asyncio.sleep(0.1)
            alerts = (await js.stream_info(subjects.stream_for(subjects.ALERTS))).state.messages
            await nc.close()
    finally:
        slack.stop()
    assert len(slack.posts("/hook")) == 1
    assert alerts == 1
    assert _slack_rows(notifier.settings)[0][1:] == ("done", 1)


@pytest.mark.parametrize("limit", [0, 1])
async def test_alerts_left_to_the_outbox_when_too_many_sends_are_in_flight_arrive_once(
    limit: int, nats_url: str, notifier_for: Callable[[LoopbackHTTP], NotifierService]
) -> None:
    """Past its limit of deliveries in flight the notifier leaves new ones to the outbox loop
    (0: all of them; 1: whatever arrives while a send is under way): each still arrives once."""
    slack = LoopbackHTTP().start()
    notifier = notifier_for(slack)
    notifier.hand_off_limit = limit
    try:
        async with running(notifier.settings, [notifier], nats_url, http=False):
            for seed in SEEDS_IN_PUBLICATION_ORDER:  # one at a time: several small batches
                await _publish(nats_url, seed)
            await _until(
                lambda: (
                    len(_slack_rows(notifier.settings)) == 7
                    and {s for _, s, _ in _slack_rows(notifier.settings)} == {"done"}
                ),
                "all seven alerts delivered",
            )
    finally:
        slack.stop()
    accepted = Counter(_alert_of(r) for r in slack.posts("/hook"))
    assert sorted(accepted.values()) == [1] * 7
    assert {attempts for _, _, attempts in _slack_rows(notifier.settings)} == {1}
