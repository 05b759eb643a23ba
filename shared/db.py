"""Database wiring shared by the services that keep state (fetcher, notifier).

``make_engine`` turns a SQLAlchemy async URL into an engine with the settings SQLite needs to be
shared by several tasks and processes (WAL, a busy timeout); PostgreSQL URLs pass through.

``one_connection=True`` (SQLite only) gives the engine a pool of one connection.  Tasks of one
process that write at the same time then take turns in the event loop, waiting for the pool,
instead of in SQLite's busy handler, which sleeps in the driver's thread for up to 100 ms at a
time while the lock may long be free.  Only for a service that never holds a session across
slow I/O (the notifier: its transactions are short and never nested); other processes on the
same file still meet the busy timeout.
Repository functions take an ``AsyncSession`` explicitly; engines are opened in a service's
lifespan and disposed there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

SQLITE_BUSY_TIMEOUT_MS = 30_000


def make_engine(url: str, *, one_connection: bool = False, **kwargs: Any) -> AsyncEngine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            if one_connection:
                kwargs = {"pool_size": 1, "max_overflow": 0} | kwargs
        engine = create_async_engine(url, connect_args={"timeout": 30}, **kwargs)

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    return create_async_engine(url, pool_pre_ping=True, **kwargs)


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
