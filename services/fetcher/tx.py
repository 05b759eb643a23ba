"""The fetcher's write transactions. SQLite lets one writer in at a time and its busy wait is not
fair: with dozens of sources writing at once, one writer can lose the race for the lock again and
again until its timeout ("database is locked"). So on SQLite the writers of one engine queue here
first; other databases (PostgreSQL) take writes concurrently and are not held back.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

_writers: weakref.WeakKeyDictionary[AsyncEngine, asyncio.Lock] = weakref.WeakKeyDictionary()


def _lock_for(sessionmaker: async_sessionmaker[AsyncSession]) -> asyncio.Lock | None:
    engine = sessionmaker.kw.get("bind")
    if not isinstance(engine, AsyncEngine) or engine.dialect.name != "sqlite":
        return None
    return _writers.setdefault(engine, asyncio.Lock())


@asynccontextmanager
async def transaction(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    """``async with transaction(sessionmaker) as session``: committed on exit, rolled back on
    an exception, and on SQLite one at a time per engine."""
    lock = _lock_for(sessionmaker)
    if lock is None:
        async with sessionmaker() as session, session.begin():
            yield session
        return
    async with lock, sessionmaker() as session, session.begin():
        yield session
