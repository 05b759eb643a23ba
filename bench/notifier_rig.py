"""The notifier as the benchmark drives it: the real ``NotifierService`` behind a real embedded
nats-server, started by ``services.runtime.running`` as ``readoutwatch notifier`` starts it,
with one webhook subscription pointing at the receiver process.

Readouts go in as ``ReadoutFound`` messages on ``rw.readouts.found``, published by another
process as the extractor would (``bench.notifier_publisher``); a readout's clock starts just
before its message is published and stops when the receiver has its alert's webhook POST in
full (the receiver's own time left out).
Every alert also goes to the service's other outputs (alerts.jsonl, ``rw.alerts.raised``),
as in production.
"""

from __future__ import annotations

import asyncio
import contextlib
import statistics
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
from pydantic import SecretStr

from bench.notifier_publisher import PublisherProcess
from bench.webhook_receiver import ReceiverProcess
from services.notifier.alerts import alert_id
from services.notifier.pairs import pair_key
from services.notifier.service import NotifierService
from services.runtime import running
from shared.natsserver import EmbeddedNats
from shared.schemas import ReadoutFound
from shared.settings import HttpSettings, NatsSettings, OutputSettings, Settings
from shared.settings import SubscriptionSettings as Subscription


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def expected_alert(found: ReadoutFound) -> str:
    """The id of the one alert a benchmark readout raises (content-derived, see alerts.py)."""
    contact = found.contacts[0]
    a, b = contact.participants
    assert contact.date is not None and a.name and b.name
    return alert_id(pair_key(a.name, b.name), contact.kind, contact.date)


def bench_settings(data_dir: Path, nats_url: str, receiver: ReceiverProcess) -> Settings:
    return Settings(
        data_dir=data_dir,
        nats=NatsSettings(url=nats_url),
        http=HttpSettings(port=-1),
        output=OutputSettings(console=False),
        subscriptions=[Subscription(name="bench", webhook=SecretStr(receiver.url + "/in"))],
    )


@contextlib.asynccontextmanager
async def embedded_nats(store: Path) -> AsyncIterator[str]:
    server = EmbeddedNats(store)
    await asyncio.to_thread(server.start)
    try:
        yield server.url
    finally:
        await asyncio.to_thread(server.stop)


class Rig:
    """The running service, a publisher, and the receiver's notes of what arrived."""

    def __init__(
        self, service: NotifierService, receiver: ReceiverProcess, publisher: PublisherProcess
    ) -> None:
        self.service, self.receiver, self.publisher = service, receiver, publisher
        self.client = httpx.AsyncClient(timeout=20)
        self._seen = 0  # alerts the receiver had when the last wait ended

    @classmethod
    @contextlib.asynccontextmanager
    async def started(cls, settings: Settings, receiver: ReceiverProcess) -> AsyncIterator[Rig]:
        service = NotifierService(settings)
        publisher = await asyncio.to_thread(PublisherProcess, settings.nats.url)
        async with running(settings, [service], settings.nats.url, http=False):
            rig = cls(service, receiver, publisher)
            try:
                rig._seen = (await rig.client.get(receiver.url + "/count")).json()
                yield rig
            finally:
                await rig.client.aclose()
                await asyncio.to_thread(publisher.stop)

    async def throughput(self, readouts: list[ReadoutFound]) -> float:
        """Readouts per second: first message published to last delivery accepted."""
        started = await self._feed(readouts, rate=None)
        arrivals = await self._delivered(started)
        elapsed = max(arrivals[a] for a in started) - min(started.values())
        return len(readouts) / elapsed

    async def latency(self, readouts: list[ReadoutFound], rate: float) -> tuple[float, float]:
        """p50 and p99 ms from each message (``rate`` per second) to its delivery accepted."""
        started = await self._feed(readouts, rate=rate)
        arrivals = await self._delivered(started)
        waits = [arrivals[a] - t for a, t in started.items()]
        return 1000 * statistics.median(waits), 1000 * percentile(waits, 0.99)

    async def _feed(self, readouts: list[ReadoutFound], *, rate: float | None) -> dict[str, float]:
        """Publish the readouts (paced when ``rate`` is given); alert id -> publish time."""
        times = await asyncio.to_thread(self.publisher.feed, readouts, rate)
        return {expected_alert(r): t for r, t in zip(readouts, times, strict=True)}

    async def _delivered(self, started: dict[str, float], within: float = 300) -> dict[str, float]:
        """The receiver's arrival notes once it has every alert of ``started``."""
        deadline = time.monotonic() + within
        arrivals: dict[str, float] = {}
        while time.monotonic() < deadline:
            await asyncio.sleep(0.05)
            count: int = (await self.client.get(self.receiver.url + "/count")).json()
            if count < self._seen + len(started):
                continue
            arrivals = (await self.client.get(self.receiver.url + "/arrivals")).json()
            if started.keys() <= arrivals.keys():
                self._seen = len(arrivals)
                return arrivals
        missing = len(started.keys() - arrivals.keys())
        raise SystemExit(f"{missing} of {len(started)} alerts not delivered in {within:.0f} s")
