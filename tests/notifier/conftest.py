"""Fixtures of the notifier tests: a fresh database per test (SQLite, and PostgreSQL if present)."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from services.notifier.channels.webpost import open_http
from services.notifier.migrate import upgrade_database
from shared.db import make_engine, make_sessionmaker
from tests.notifier.servers import HttpServer, SmtpServer
from tests.pg import one_database


@dataclass
class Database:
    """One test database; ``engine()`` opens another engine on it, as a restarted process would."""

    url: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    engines: list[AsyncEngine] = field(default_factory=list)

    def engine(self) -> AsyncEngine:
        engine = make_engine(self.url, **self.kwargs)
        self.engines.append(engine)
        return engine

    def sessionmaker(self) -> async_sessionmaker[AsyncSession]:
        return make_sessionmaker(self.engine())


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def database(request: pytest.FixtureRequest, tmp_path: Any) -> AsyncIterator[Database]:
    async with one_database(request.param, tmp_path / "notifier.db", "notifier") as (url, kw):
        db = Database(url, kw)
        await upgrade_database(db.url, **db.kwargs)
        yield db
        for engine in db.engines:
            await engine.dispose()


@pytest.fixture
def sessionmaker(database: Database) -> async_sessionmaker[AsyncSession]:
    return database.sessionmaker()


class FakeClock:
    """A clock the test moves by hand; backoff never waits on real time."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(dt.datetime(2024, 1, 20, 12, 0, tzinfo=dt.UTC))


@pytest.fixture
async def http_server() -> AsyncIterator[HttpServer]:
    server = HttpServer()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
async def http_client() -> AsyncIterator[aiohttp.ClientSession]:
    async with open_http() as client:
        yield client
