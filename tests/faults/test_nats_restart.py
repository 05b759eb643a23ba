"""NATS restarted under running services (same port, same store): the extractor and notifier
processes reconnect and go on, and nothing published before, during or after is lost.  SIGTERM
while NATS is down still stops a service cleanly."""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import nats
import pytest

from shared import subjects
from shared.natsserver import EmbeddedNats
from shared.schemas import AlertRaised
from tests.cluster.jetstream import drained, publish_until_acked, read_stream, until
from tests.cluster.procs import ServiceProcess
from tests.cluster.synthetic import generate
from tests.e2e.servers import LoopbackHTTP
from tests.faults.helpers import HOOK

pytestmark = [pytest.mark.nats, pytest.mark.slow]


async def test_services_reconnect_after_a_nats_restart_and_lose_nothing(
    tmp_path: Path,
    own_nats: EmbeddedNats,
    slack: LoopbackHTTP,
    make_config: Callable[..., Path],
) -> None:
    articles = generate(40, readout_share=0.5, seed=21)
    expected = {a.url for a in articles if a.kind is not None}
    config = make_config(own_nats.url, nats={"ack_wait_seconds": 10})
    procs = [
        ServiceProcess(role, config, tmp_path / f"{role}.log") for role in ("extractor", "notifier")
    ]
    nc = await nats.connect(own_nats.url, max_reconnect_attempts=-1, reconnect_time_wait=0.5)
    try:
        for proc in procs:
            proc.start()
        await asyncio.gather(*(asyncio.to_thread(p.wait_ready) for p in procs))
        js = nc.jetstream()
        for article in articles[:20]:
            fetched = article.fetched()
            await publish_until_acked(js, subjects.ARTICLES, fetched, fetched.msg_id())
        await until(lambda: slack.posts(HOOK), 60, "the first alert")

        # Stop the broker while the first batch is still on its way through the services;
        # while it is down they keep retrying.
        await asyncio.to_thread(own_nats.stop)
        await asyncio.sleep(2)  # the outage itself: long enough for both to notice
        await asyncio.to_thread(own_nats.start)

        for article in articles[20:]:
            fetched = article.fetched()
            await publish_until_acked(js, subjects.ARTICLES, fetched, fetched.msg_id())
        await until(lambda: len(slack.posts(HOOK)) >= len(expected), 90, "every alert")
        await until(lambda: drained(js, subjects.ARTICLES, subjects.EXTRACTOR_DURABLE), 30, "x")
        await until(lambda: drained(js, subjects.READOUTS, subjects.NOTIFIER_DURABLE), 30, "n")
        # the bus is an alert output like Slack: a publish that failed while NATS was down
        # waits in the outbox and is retried with backoff, so wait for it as for Slack's
        alerts: list[AlertRaised] = []

        async def on_the_bus() -> bool:
            alerts[:] = await read_stream(js, subjects.ALERTS, AlertRaised)
            return len({url for a in alerts for url in a.sources}) >= len(expected)

        await until(on_the_bus, 90, "every alert on the bus")
        assert all(p.proc is not None and p.proc.poll() is None for p in procs), "a service died"
    finally:
        await nc.close()
        for proc in procs:
            await asyncio.to_thread(proc.stop)

    assert sorted(url for a in alerts for url in a.sources) == sorted(expected)
    assert set(Counter(a.alert_id for a in alerts).values()) == {1}
    posted = Counter(
        re.findall(r"alert (al_[0-9a-f]+)", "".join(p.body.decode() for p in slack.posts(HOOK)))
    )
    assert set(posted) == {a.alert_id for a in alerts} and set(posted.values()) == {1}


async def test_sigterm_while_nats_is_down_stops_the_service_cleanly(
    tmp_path: Path, own_nats: EmbeddedNats, make_config: Callable[..., Path]
) -> None:
    """With no server to drain to, the connection is closed instead, and the exit code is 0."""
    service = ServiceProcess("extractor", make_config(own_nats.url), tmp_path / "extractor.log")
    service.start()
    try:
        await asyncio.to_thread(service.wait_ready)
        await asyncio.to_thread(own_nats.stop)
        code = await asyncio.to_thread(service.terminate, 30)
    finally:
        await asyncio.to_thread(service.stop)
    assert code == 0, service.tail()
    log = service.tail(10**6)
    assert log.index('"msg": "stopping: draining') < log.index("closed without draining")
    assert log.index("closed without draining") < log.index('"msg": "stopped"')
