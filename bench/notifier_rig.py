"""The notifier as the benchmark drives it: ``record_readout`` per readout, the outbox loop
beside it on the same event loop, a webhook subscription pointing at the receiver process.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from types import TracebackType

import httpx
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bench.webhook_receiver import ReceiverProcess
from services.notifier.channels.base import Channel
from services.notifier.channels.webhook import WebhookChannel
from services.notifier.outbox import run_outbox
from services.notifier.record import record_readout
from services.notifier.thresholds import SilenceRules
from shared.schemas import ReadoutFound
from shared.settings import AlertSettings, SubscriptionSettings


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


class Rig:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        receiver: ReceiverProcess,
        client: httpx.AsyncClient,
    ) -> None:
        self.sessions, self.receiver, self.client = sessions, receiver, client
        url = SecretStr(receiver.url + "/in")
        self.subscription = SubscriptionSettings(name="bench", webhook=url)
        self.channels: dict[str, Channel] = {"webhook": WebhookChannel(client, {"bench": url})}
        self.rules = SilenceRules.from_settings(AlertSettings())
        self._stop, self._wake = asyncio.Event(), asyncio.Event()
        self._outbox: asyncio.Task[None] | None = None

    async def __aenter__(self) -> Rig:
        self._outbox = asyncio.create_task(
            run_outbox(self.sessions, self.channels, stop=self._stop, wake=self._wake)
        )
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        if self._outbox is not None:
            await self._outbox

    async def throughput(self, readouts: list[ReadoutFound]) -> tuple[float, float]:
        """Readouts per second end to end, and the mean ms spent in ``record_readout``."""
        started, recording = await self._feed(readouts, rate=None)
        arrivals = await self._delivered(started)
        elapsed = max(arrivals[a] for a in started) - min(started.values())
        return len(readouts) / elapsed, 1000 * recording / len(readouts)

    async def latency(self, readouts: list[ReadoutFound], rate: float) -> tuple[float, float]:
        """p50 and p99 ms from each readout's arrival (``rate`` per second) to its delivery."""
        started, _ = await self._feed(readouts, rate=rate)
        arrivals = await self._delivered(started)
        waits = [arrivals[a] - t for a, t in started.items()]
        return 1000 * statistics.median(waits), 1000 * percentile(waits, 0.99)

    async def _feed(
        self, readouts: list[ReadoutFound], *, rate: float | None
    ) -> tuple[dict[str, float], float]:
        """Record each readout (at its arrival time when paced); alert id -> arrival time."""
        started: dict[str, float] = {}
        recording, first = 0.0, time.time()
        for i, found in enumerate(readouts):
            arrival = time.time() if rate is None else first + i / rate
            if arrival > time.time():
                await asyncio.sleep(arrival - time.time())
            t0 = time.perf_counter()
            async with self.sessions() as session:
                alerts = await record_readout(
                    session, found, rules=self.rules, subscriptions=[self.subscription], outputs=[]
                )
            recording += time.perf_counter() - t0
            if len(alerts) != 1:
                raise SystemExit(f"{found.url}: expected one alert, got {len(alerts)}")
            started[alerts[0].alert_id] = arrival
            self._wake.set()
        return started, recording

    async def _delivered(self, started: dict[str, float]) -> dict[str, float]:
        while True:
            arrivals: dict[str, float] = (
                await self.client.get(self.receiver.url + "/arrivals")
            ).json()
            if started.keys() <= arrivals.keys():
                return arrivals
            await asyncio.sleep(0.05)
