"""The running system of the load benchmark: an embedded nats-server, a notifier on SQLite and
extractor processes, fed articles while the bench listens to rw.alerts.raised."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import nats
from nats.aio.msg import Msg
from nats.js import JetStreamContext

from shared import bus, subjects
from shared.natsserver import EmbeddedNats
from shared.schemas import AlertRaised, ArticleFetched
from shared.settings import NatsSettings
from tests.cluster.jetstream import drained, until
from tests.cluster.procs import ServiceProcess, write_config

WINDOW = 256  # publishes awaiting their JetStream ack at once


class Pipeline:
    """A running system (broker, notifier, extractors) and the bench's view of rw.alerts.raised."""

    def __init__(self, work: Path, extractors: int) -> None:
        self.server = EmbeddedNats(work / "nats")
        self.config = work / "rw.toml"
        roles = ["notifier"] + ["extractor"] * extractors
        self.procs = [
            ServiceProcess(r, self.config, work / f"{r}{n}.log") for n, r in enumerate(roles)
        ]
        self.data_dir = work / "data"
        self.sent: dict[str, float] = {}
        self.arrived: dict[str, float] = {}
        self.awaited: set[str] = set()  # readouts whose alert has not landed yet
        self.landed = asyncio.Event()

    async def start(self) -> JetStreamContext:
        self.server.start()
        config = {"data_dir": str(self.data_dir), "nats": {"url": self.server.url}}
        write_config(self.config, {**config, "output": {"console": False}})
        await bus.ensure_streams(self.server.url, NatsSettings())
        for proc in self.procs:
            proc.start()
        await asyncio.gather(*(asyncio.to_thread(p.wait_ready) for p in self.procs))
        self.nc = await nats.connect(self.server.url)
        await self.nc.subscribe(subjects.ALERTS, cb=self._on_alert)
        return self.nc.jetstream()

    async def _on_alert(self, msg: Msg) -> None:
        url = AlertRaised.model_validate_json(msg.data).sources[0]
        self.arrived[url] = time.perf_counter()
        self.awaited.discard(url)
        if not self.awaited:
            self.landed.set()

    def pids(self) -> dict[str, int]:
        found = {f"{p.role}{n}": p.proc.pid for n, p in enumerate(self.procs) if p.proc}
        return found | {"nats-server": self.server.pid or 0}

    async def feed(
        self, js: JetStreamContext, items: list[ArticleFetched], readouts: set[str], rate: float
    ) -> None:
        """Publish ``items`` (all at once, or at ``rate``/s); return when every one is handled
        and the alert of every readout among them has landed."""
        self.awaited, self.landed = {m.url for m in items} & readouts, asyncio.Event()
        start, step = time.perf_counter(), max(1, int(rate / 20)) if rate else WINDOW
        for i in range(0, len(items), step):
            await asyncio.sleep(max(0.0, start + i / rate - time.perf_counter()) if rate else 0)
            batch = items[i : i + step]
            self.sent.update((m.url, time.perf_counter()) for m in batch)
            data = [(m.model_dump_json().encode(), {"Nats-Msg-Id": m.msg_id()}) for m in batch]
            await asyncio.gather(*(js.publish(subjects.ARTICLES, d, headers=h) for d, h in data))
        if self.awaited:
            await asyncio.wait_for(self.landed.wait(), 600)
        await until(lambda: drained(js, subjects.ARTICLES, subjects.EXTRACTOR_DURABLE), 600, "x")

    async def stop(self) -> None:
        if hasattr(self, "nc"):
            await self.nc.close()
        for proc in self.procs:
            await asyncio.to_thread(proc.stop)
        self.server.stop()
