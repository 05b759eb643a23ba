"""The running system of the load benchmark: an embedded nats-server, a notifier on SQLite and
extractor processes, fed articles while the bench listens to rw.alerts.raised.

The broker and the notifier start first; the extractors are started separately, so that a
backlog can be published before any of them runs (then the publisher cannot be what limits
their throughput).  ``sample`` reads, at one instant, how many articles the extractors have
handled and the CPU time of every process, so the bench can cut a steady window out of a run.
"""

from __future__ import annotations

import asyncio
import os
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import nats
from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.errors import NotFoundError

from shared import bus, subjects
from shared.natsserver import EmbeddedNats
from shared.schemas import AlertRaised, ArticleFetched
from shared.settings import NatsSettings
from tests.cluster.jetstream import drained, until
from tests.cluster.procs import ServiceProcess, cpu_seconds, write_config

WINDOW = 256  # publishes awaiting their JetStream ack at once
_HANDLER_SUM = f'readoutwatch_processing_seconds_sum{{subject="{subjects.ARTICLES}"}} '


@dataclass
class Sample:
    """The system at one instant."""

    at: float  # perf_counter seconds
    handled: int  # articles the extractors have acked
    cpu: dict[str, float]  # process name -> CPU seconds so far ("bench" is this process)
    busy: float  # CPU seconds the whole machine has been busy so far (/proc/stat)
    notifier_backlog: int  # readouts waiting for the notifier
    handler: float  # seconds the extractors have spent in their message handlers so far


def busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy (or stolen by the host), from /proc/stat."""
    ticks = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    busy = sum(ticks) - ticks[3] - ticks[4]  # all but idle and iowait; steal counts as taken
    return busy / os.sysconf("SC_CLK_TCK")


class Pipeline:
    """A running system (broker, notifier, extractors) and the bench's view of rw.alerts.raised."""

    def __init__(self, work: Path, extractors: int) -> None:
        self.server = EmbeddedNats(work / "nats")
        self.config = work / "rw.toml"
        self.notifier = ServiceProcess("notifier", self.config, work / "notifier.log")
        self.extractors = [
            ServiceProcess("extractor", self.config, work / f"extractor{n + 1}.log")
            for n in range(extractors)
        ]
        self.data_dir = work / "data"
        self.sent: dict[str, float] = {}
        self.arrived: dict[str, float] = {}
        self.awaited: set[str] = set()  # readouts whose alert has not landed yet
        self.landed = asyncio.Event()

    async def start(self) -> JetStreamContext:
        """Broker, streams and notifier; the extractors wait for ``start_extractors``."""
        self.server.start()
        config = {"data_dir": str(self.data_dir), "nats": {"url": self.server.url}}
        write_config(self.config, {**config, "output": {"console": False}})
        await bus.ensure_streams(self.server.url, NatsSettings())
        self.notifier.start()
        await asyncio.to_thread(self.notifier.wait_ready)
        self.http = httpx.AsyncClient(timeout=5.0)
        self.nc = await nats.connect(self.server.url)
        await self.nc.subscribe(subjects.ALERTS, cb=self._on_alert)
        return self.nc.jetstream()

    def start_extractors(self) -> None:
        for proc in self.extractors:
            proc.start()

    async def extractors_ready(self) -> None:
        await asyncio.gather(*(asyncio.to_thread(p.wait_ready) for p in self.extractors))

    async def _on_alert(self, msg: Msg) -> None:
        url = AlertRaised.model_validate_json(msg.data).sources[0]
        self.arrived[url] = time.perf_counter()
        self.awaited.discard(url)
        if not self.awaited:
            self.landed.set()

    def pids(self) -> dict[str, int]:
        procs = [self.notifier, *self.extractors]
        found = {p.log.stem: p.proc.pid for p in procs if p.proc}
        return found | {"nats-server": self.server.pid or 0}

    async def sample(self, js: JetStreamContext, total: int) -> Sample:
        """The system now: ``total`` is how many articles the stream holds."""
        left = await _unfinished(js, subjects.ARTICLES, subjects.EXTRACTOR_DURABLE, total)
        backlog = await _unfinished(js, subjects.READOUTS, subjects.NOTIFIER_DURABLE, 0)
        cpu = {name: cpu_seconds(pid) for name, pid in self.pids().items()}
        cpu["bench"] = time.process_time()
        handler = sum(
            await asyncio.gather(*(_handler_seconds(self.http, p) for p in self.extractors))
        )
        return Sample(time.perf_counter(), total - left, cpu, busy_seconds(), backlog, handler)

    async def publish(
        self, js: JetStreamContext, items: list[ArticleFetched], readouts: set[str], rate: float
    ) -> None:
        """Publish ``items`` (all at once, or at ``rate``/s), each acked by JetStream."""
        self.awaited |= {m.url for m in items} & readouts
        self.landed.clear()
        start, step = time.perf_counter(), max(1, int(rate / 20)) if rate else WINDOW
        for i in range(0, len(items), step):
            await asyncio.sleep(max(0.0, start + i / rate - time.perf_counter()) if rate else 0)
            batch = items[i : i + step]
            self.sent.update((m.url, time.perf_counter()) for m in batch)
            data = [(m.model_dump_json().encode(), {"Nats-Msg-Id": m.msg_id()}) for m in batch]
            await asyncio.gather(*(js.publish(subjects.ARTICLES, d, headers=h) for d, h in data))

    async def settle(self, js: JetStreamContext) -> None:
        """Return when every published article is handled and every awaited alert has landed."""
        if self.awaited:
            await asyncio.wait_for(self.landed.wait(), 600)
        await until(lambda: drained(js, subjects.ARTICLES, subjects.EXTRACTOR_DURABLE), 600, "x")

    async def redelivered(self, js: JetStreamContext) -> dict[str, int]:
        """Messages each consumer got more than once (a lost ack, or ack_wait run out)."""
        out = {}
        for subject, durable in [
            (subjects.ARTICLES, subjects.EXTRACTOR_DURABLE),
            (subjects.READOUTS, subjects.NOTIFIER_DURABLE),
        ]:
            info = await js.consumer_info(subjects.stream_for(subject), durable, timeout=5.0)
            out[durable] = info.num_redelivered or 0
        return out

    async def stop(self) -> None:
        if hasattr(self, "nc"):
            await self.nc.close()
            await self.http.aclose()
        for proc in [*self.extractors, self.notifier]:
            await asyncio.to_thread(proc.stop)
        self.server.stop()


async def _unfinished(js: JetStreamContext, subject: str, durable: str, unknown: int) -> int:
    """Messages of ``durable`` not yet acked; ``unknown`` before the consumer exists."""
    try:
        info = await js.consumer_info(subjects.stream_for(subject), durable, timeout=5.0)
    except NotFoundError:
        return unknown
    return (info.num_pending or 0) + (info.num_ack_pending or 0)


async def _handler_seconds(client: httpx.AsyncClient, proc: ServiceProcess) -> float:
    """The extractor's handler time so far, from its /metrics; 0 before it serves them (its
    health endpoint starts before it consumes anything)."""
    try:
        text = (await client.get(f"http://127.0.0.1:{proc.http_port}/metrics")).text
    except httpx.TransportError:
        return 0.0
    for line in text.splitlines():
        if line.startswith(_HANDLER_SUM):
            return float(line.rsplit(" ", 1)[1])
    return 0.0
