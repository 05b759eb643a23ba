"""Fixtures of the fetcher tests: a local HTTP server, the fetcher's HTTP client
(allowed to reach loopback), a SQLite database, and a
state database that is SQLite or (when one answers on 127.0.0.1:5432) PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from services.fetcher.state import create_tables
from services.fetcher.transport import GuardedClient
from shared.db import make_engine, make_sessionmaker
from shared.schemas import ArticleFetched
from shared.settings import FetcherSettings
from tests.pg import one_database

from .server import LocalServer

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


@pytest.fixture
def server() -> Iterator[LocalServer]:
    local = LocalServer().start()
    yield local
    local.stop()


@pytest.fixture
async def client() -> AsyncIterator[GuardedClient]:
    settings = FetcherSettings(allow_private_networks=True)
    async with GuardedClient(settings) as http:
        yield http


class Databases:
    """Opens sessionmakers on SQLite files; a second ``open`` of one file is a restart."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._engines: list = []

    async def open(self, name: str = "state.db") -> async_sessionmaker[AsyncSession]:
        engine = make_engine(f"sqlite+aiosqlite:///{self.directory / name}")
        self._engines.append(engine)
        await create_tables(engine)
        return make_sessionmaker(engine)

    async def close(self) -> None:
        for engine in self._engines:
            await engine.dispose()


@pytest.fixture
async def databases(tmp_path: Path) -> AsyncIterator[Databases]:
    dbs = Databases(tmp_path)
    yield dbs
    await dbs.close()


@pytest.fixture
async def sessionmaker(databases: Databases) -> async_sessionmaker[AsyncSession]:
    return await databases.open()


@pytest.fixture
def fetcher_settings() -> FetcherSettings:
    # Tests talk to 127.0.0.1, which the guard refuses by default.
    # No per-host delay: every test server is one host; the delay has tests of its own.
    return FetcherSettings(
        allow_private_networks=True, timeout_seconds=3.0, per_host_delay_seconds=0.0
    )


class Published(list[ArticleFetched]):
    """A ``publish`` callback that keeps what it was given."""

    async def __call__(self, article: ArticleFetched) -> None:
        self.append(article)


@pytest.fixture
def published() -> Published:
    return Published()


@dataclass
class StateDB:
    """One test database, SQLite or PostgreSQL; each ``sessionmaker()`` is a new engine on it,
    as another process (a restart, a second replica) would open."""

    url: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    engines: list[AsyncEngine] = field(default_factory=list)

    async def sessionmaker(self) -> async_sessionmaker[AsyncSession]:
        engine = make_engine(self.url, **self.kwargs)
        self.engines.append(engine)
        await create_tables(engine)
        return make_sessionmaker(engine)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def state_db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[StateDB]:
    async with one_database(request.param, tmp_path / "state.db", "fetcher") as (url, kwargs):
        db = StateDB(url, kwargs)
        yield db
        for engine in db.engines:
            await engine.dispose()
