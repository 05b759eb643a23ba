"""The fetcher as a NATS service: polls the configured sources and publishes ArticleFetched,
and each source's health into the ``rw_sources`` key-value bucket (``fetcher/health.py``).

``publish`` awaits JetStream's acknowledgement before the poller marks an entry seen, so a crash
re-publishes at most a few entries, which ``Nats-Msg-Id`` then deduplicates.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from dataclasses import fields

from faststream.nats import NatsBroker
from nats.js import JetStreamContext
from prometheus_client.core import CounterMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from services.fetcher.dispatcher import run_forever
from services.fetcher.health import Report, report_all
from services.fetcher.models import Counters
from services.fetcher.state import create_tables, load_sources
from services.fetcher.transport import GuardedClient
from shared import bus, subjects
from shared.db import make_engine, make_sessionmaker
from shared.metrics import REGISTRY
from shared.schemas import ArticleFetched
from shared.settings import Settings
from shared.source_health import SourceHealth, forget_others, put_health, send_health

log = logging.getLogger(__name__)


def make_client(settings: Settings) -> GuardedClient:
    """The fetcher's HTTP client: it connects only to addresses the guard vetted (no DNS
    rebinding) and follows redirects itself, checking each hop."""
    return GuardedClient(settings.fetcher)


class _CountersCollector(Collector):
    """Exports the poller's running totals as ``readoutwatch_fetcher_<name>_total``."""

    def __init__(self, counters: Counters) -> None:
        self.counters = counters

    def collect(self) -> Iterator[CounterMetricFamily]:
        for field in fields(self.counters):
            yield CounterMetricFamily(
                f"readoutwatch_fetcher_{field.name}",
                f"fetcher {field.name.replace('_', ' ')}",
                value=getattr(self.counters, field.name),
            )


class FetcherService:
    name = "fetcher"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.counters = Counters()
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._engine: AsyncEngine | None = None
        self._client: GuardedClient | None = None
        self._collector = _CountersCollector(self.counters)

    def register(self, broker: NatsBroker) -> None:
        return None  # the fetcher consumes nothing; it only publishes

    async def start(self, broker: NatsBroker) -> None:
        if not self.settings.sources:
            log.warning("fetcher: no [[sources]] configured; nothing to poll")
        self._engine = make_engine(self.settings.database_url)
        await create_tables(self._engine)
        sessions = make_sessionmaker(self._engine)
        self._client = make_client(self.settings)

        async def publish(article: ArticleFetched) -> None:
            await bus.publish(broker, subjects.ARTICLES, article, article.msg_id())

        nc = broker.connection
        js = nc.jetstream()

        async def put(health: SourceHealth) -> None:  # at start-up: acknowledged
            await put_health(js, health)

        async def report(health: SourceHealth) -> None:  # after each poll: cheap (see there)
            await send_health(nc, health)

        await self._publish_health(js, sessions, put)

        try:
            REGISTRY.register(self._collector)
        except ValueError:
            pass  # already registered by an earlier start in this process
        self._stop.clear()
        self._task = asyncio.create_task(
            run_forever(
                self._client,
                sessions,
                self.settings,
                publish,
                self._stop,
                counters=self.counters,
                report=report,
            ),
            name="fetcher",
        )

    async def _publish_health(
        self,
        js: JetStreamContext,
        sessions: async_sessionmaker[AsyncSession],
        report: Report,
    ) -> None:
        """Every configured source's stored health into the bucket (``new`` if never polled),
        and the health of sources no longer configured out of it."""
        urls = [source.url for source in self.settings.sources]
        try:
            async with sessions() as session:
                states = await load_sources(session, urls)
            await forget_others(js, urls)
        except Exception as exc:  # the fetcher polls without it; the next polls fill the bucket
            log.warning(
                "fetcher: cannot publish the sources' health: %s: %s", type(exc).__name__, exc
            )
            return
        await report_all(report, self.settings.sources, states)

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            await self._task
        if self._client is not None:
            await self._client.aclose()
        if self._engine is not None:
            await self._engine.dispose()
        try:
            REGISTRY.unregister(self._collector)
        except KeyError:
            pass
