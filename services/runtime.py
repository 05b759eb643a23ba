"""Runs one or more services on one broker connection: the body of `run`, `fetcher`, … and `replay`.

Order of start: broker (embedded unless ``[nats] url``), a look at whether the servers use the
TLS that ``[nats]`` asks for, streams, the health endpoint, the connection, the services' own
resources and loops, then the subscribers.  Stop runs the same steps backwards, so in-flight
messages finish and are acked (FastStream's graceful timeout) while the services' resources are
still open, and before the broker goes away.

``serve_until_signal`` waits for SIGINT/SIGTERM or a fatal NATS error, whichever comes first: a
reconnect the server refuses (other credentials, another certificate) can never succeed, so
the service drains and stops as on SIGTERM, then raises the ``BrokerError`` (exit code 1 with
its one-line reason); ``until_fatal`` does the same for a command that ends by itself
(``replay``).  Commands that open a plain nats-py client (``dlq``, ``replay``) use
``connect_client``, so they make the same checks before connecting as the services.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator, Awaitable, Sequence
from typing import Any, Protocol, TypeVar, runtime_checkable

import nats
from aiohttp import web
from faststream.nats import NatsBroker

from shared import bus, lag
from shared.errors import BrokerError
from shared.health import HealthServer
from shared.logs import redact_url
from shared.natsconn import check_tls_offered, fatal_errors
from shared.natsserver import EmbeddedNats, find_server_binary
from shared.settings import NatsSettings, Settings

log = logging.getLogger(__name__)
T = TypeVar("T")
CLOSE_SECONDS = 5.0  # closing a connection that has no server (see _stop_broker)


class Service(Protocol):
    name: str

    def register(self, broker: NatsBroker) -> None: ...
    async def start(self, broker: NatsBroker) -> None: ...
    async def stop(self) -> None: ...


@runtime_checkable
class ServesHttp(Protocol):
    """A service with routes of its own on the process's HTTP server (beside /healthz)."""

    def add_routes(self, app: web.Application) -> None: ...


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
        # a service that serves pages (the web role) adds its routes: one server per process
        extend = [s.add_routes for s in services if isinstance(s, ServesHttp)]
        health = HealthServer(settings.http.host, settings.http.port, lambda: ready, extend)
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
        await _stop_broker(broker)
        if health is not None:
            await health.stop()


async def _stop_broker(broker: NatsBroker) -> None:
    """Drain and close the connection; one without a server (NATS down, or a reconnect refused
    for good) cannot be drained, only closed: what it still buffers is lost, nothing acked.

    After a failed TLS handshake nats-py's close waits for ever on the socket it handed to TLS,
    so that close is given ``CLOSE_SECONDS``; its reading and pinging tasks are stopped by then.
    """
    try:
        await broker.stop()
    except nats.errors.ConnectionReconnectingError:
        log.warning("NATS connection closed without draining: no server to drain to")
        with contextlib.suppress(OSError, TimeoutError):  # a dead socket, or the wait above
            await asyncio.wait_for(broker.connection.close(), CLOSE_SECONDS)


async def connect_client(url: str, cfg: NatsSettings, **overrides: Any) -> nats.NATS:
    """A nats-py client of ``url`` for a command, after the checks ``running`` makes too."""
    await check_tls_offered(url, cfg)  # nats-py would fall back to plain text
    return await nats.connect(bus.server_urls(url), **{**bus.connect_options(cfg), **overrides})


async def until_fatal(work: Awaitable[T]) -> T:
    """``work``'s result; if a fatal NATS error comes first, ``work`` is cancelled (its own
    ``finally`` blocks stop what it started) and the error raised.  For commands that end."""
    with fatal_errors() as fatal:
        task = asyncio.ensure_future(work)  # the task's connections report to ``fatal``
        either: list[asyncio.Future[Any]] = [task, fatal]
        await asyncio.wait(either, return_when=asyncio.FIRST_COMPLETED)
        if task.done():
            return task.result()
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        raise fatal.result()


async def serve_until_signal(settings: Settings, services: Sequence[Service]) -> None:
    """Run until SIGINT/SIGTERM, then drain and return; on a fatal NATS error drain and raise."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    with fatal_errors() as fatal:
        async with nats_url(settings) as url, running(settings, services, url):
            await _first_of(stop, fatal)
            if fatal.done():
                log.error("stopping: %s", fatal.result())
            else:
                log.info("stopping: draining in-flight work")
    log.info("stopped")
    if fatal.done():
        raise fatal.result()


async def _first_of(stop: asyncio.Event, fatal: asyncio.Future[BrokerError]) -> None:
    """Wait until ``stop`` is set or ``fatal`` has its result."""
    signalled = asyncio.ensure_future(stop.wait())
    either: list[asyncio.Future[Any]] = [signalled, fatal]
    try:
        await asyncio.wait(either, return_when=asyncio.FIRST_COMPLETED)
    finally:
        signalled.cancel()
