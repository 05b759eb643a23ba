"""Runs one or more services on one broker connection: the body of `run`, `fetcher`, … and `replay`.

Order of start: broker (embedded unless ``[nats] url``), a look at whether the servers use the
TLS that ``[nats]`` asks for, streams, the health endpoint, the connection, the services' own
resources and loops, then the subscribers.  Stop runs the same steps backwards, so in-flight
messages finish and are acked (FastStream's graceful timeout) while the services' resources are
still open, and before the broker goes away.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator, Sequence
from typing import Protocol

from faststream.nats import NatsBroker

from shared import bus, lag
from shared.health import HealthServer
from shared.logs import redact_url
from shared.natsconn import check_tls_offered
from shared.natsserver import EmbeddedNats, find_server_binary
from shared.settings import Settings

log = logging.getLogger(__name__)


class Service(Protocol):
    name: str

    def register(self, broker: NatsBroker) -> None: ...
    async def start(self, broker: NatsBroker) -> None: ...
    async def stop(self) -> None: ...


@contextlib.asynccontextmanager
async def nats_url(settings: Settings) -> AsyncIterator[str]:
    """The configured NATS URL, or an embedded nats-server's for as long as the block runs."""
    if settings.nats.url:
        yield settings.nats.url
        return
    binary = find_server_binary(settings.nats.server_bin)
    server = EmbeddedNats(settings.data_dir / "nats", binary=binary)
    await asyncio.to_thread(server.start)
    try:
        yield server.url
    finally:
        await asyncio.to_thread(server.stop)


@contextlib.asynccontextmanager
async def running(
    settings: Settings, services: Sequence[Service], url: str, *, http: bool = True
) -> AsyncIterator[NatsBroker]:
    """Start ``services`` against the broker at ``url``; stop them cleanly on exit."""
    await check_tls_offered(url, settings.nats)  # nats-py would fall back to plain text
    await bus.ensure_streams(url, settings.nats)
    broker = bus.make_broker(url, settings.nats)
    for service in services:
        service.register(broker)
    ready = False
    health = None
    if http and settings.http.port >= 0:
        health = HealthServer(settings.http.host, settings.http.port, lambda: ready)
        await health.start()
    await broker.connect()  # services may publish from start(); nothing is consumed yet
    started: list[Service] = []
    try:
        for service in services:
            await service.start(broker)
            started.append(service)
        # Subscribers last: a message must not reach a handler whose service has no database
        # engine or client yet (it would fail and be redelivered for nothing).
        await broker.start()
        ready = True
        log.info("running: %s on %s", ", ".join(s.name for s in services), redact_url(url))
        async with lag.watching(broker):  # readoutwatch_consumer_pending, every 10 s
            yield broker
    finally:
        ready = False
        # Drain first: in-flight handlers finish and ack while the services' engines, clients
        # and outbox are still open; only then stop the services, then close the connection.
        for subscriber in broker.subscribers:
            await subscriber.stop()
        for service in reversed(started):
            await service.stop()
        await broker.stop()
        if health is not None:
            await health.stop()


async def serve_until_signal(settings: Settings, services: Sequence[Service]) -> None:
    """Run until SIGINT/SIGTERM, then drain and return."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with nats_url(settings) as url, running(settings, services, url):
        await stop.wait()
        log.info("stopping: draining in-flight work")
    log.info("stopped")
