"""Fixtures of the fetcher tests: a local HTTP server, an httpx client, a SQLite database."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.fetcher.state import create_tables
from shared.db import make_engine, make_sessionmaker
from shared.schemas import ArticleFetched
from shared.settings import FetcherSettings

from .server import LocalServer

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


@pytest.fixture
def server() -> Iterator[LocalServer]:
    local = LocalServer().start()
    yield local
    local.stop()


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(trust_env=False) as http:
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
    return FetcherSettings(allow_private_networks=True, timeout_seconds=3.0)


class Published(list[ArticleFetched]):
    """A ``publish`` callback that keeps what it was given."""

    async def __call__(self, article: ArticleFetched) -> None:
        self.append(article)


@pytest.fixture
def published() -> Published:
    return Published()
