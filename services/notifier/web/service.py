"""The web role as a service: the notifier's read side, served on the process's HTTP server.

It reads contacts and alerts from the notifier's store (migrated to the head at start, like the
notifier does, so it can start first) and each source's health from the fetcher's key-value
bucket on NATS (``shared.source_health``), never from the fetcher's code or database.  It
consumes nothing: its routes are added to the server that also answers /healthz.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version

from aiohttp import web
from faststream.nats import NatsBroker
from nats.errors import Error as NatsError
from sqlalchemy.ext.asyncio import AsyncEngine

from services.notifier.migrate import upgrade_database
from services.notifier.thresholds import SilenceRules
from services.notifier.web.app import add_web_routes
from services.notifier.web.context import CachedHealth, Unavailable, WebContext
from services.notifier.web.schemas import SourceOut
from shared.db import make_engine, make_sessionmaker
from shared.errors import ConfigError
from shared.settings import Settings
from shared.source_health import SourceHealth, read_health


def source_out(health: SourceHealth) -> SourceOut:
    return SourceOut.model_validate({**health.model_dump(), "status": health.status})


class WebService:
    name = "web"

    def __init__(self, settings: Settings) -> None:
        if settings.http.port < 0:
            raise ConfigError("the web role needs [http] port (>= 0; 0 picks a free port)")
        self.settings = settings
        self.context = WebContext(
            rules=SilenceRules.from_settings(settings.alerts),
            health=CachedHealth(self._health),
            version=_version(),
        )
        self._engine: AsyncEngine | None = None
        self._broker: NatsBroker | None = None

    def register(self, broker: NatsBroker) -> None:
        """Nothing to consume: the web role only reads."""

    def add_routes(self, app: web.Application) -> None:
        add_web_routes(app, self.context)

    async def start(self, broker: NatsBroker) -> None:
        await upgrade_database(self.settings.database_url)
        self._engine = make_engine(self.settings.database_url)
        self.context.sessions = make_sessionmaker(self._engine)
        self._broker = broker

    async def stop(self) -> None:
        self.context.sessions = None
        self._broker = None
        if self._engine is not None:
            await self._engine.dispose()
            self._engine = None

    async def _health(self) -> Sequence[SourceOut]:
        if self._broker is None:
            raise Unavailable("the web role is not connected to NATS")
        try:
            found = await read_health(self._broker.connection.jetstream())
        except (NatsError, TimeoutError) as exc:
            raise Unavailable(f"cannot read source health from NATS ({exc!r})") from exc
        return [source_out(h) for h in found]


def _version() -> str:
    try:
        return version("readoutwatch")
    except PackageNotFoundError:
        return "0"
