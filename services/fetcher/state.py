"""The fetcher's persistent per-source state: validators, body hash, health and next poll time.

Own ``MetaData`` (tables prefixed ``fetcher_``: seen entries in ``seen.py``, replicas in
``replicas.py``), created with ``create_tables`` at start-up, which also adds columns newer than
the database. Reading is here, writing in ``updates.py``. Functions take an ``AsyncSession`` and
never commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    DateTime,
    Integer,
    MetaData,
    Row,
    String,
    Table,
    Text,
    inspect,
    select,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from services.fetcher.models import Validators
from shared.errors import TransientError

metadata = MetaData()
CHUNK = 500  # urls per statement, below every backend's bound-parameter limit

sources = Table(
    "fetcher_sources",
    metadata,
    Column("url", String(2048), primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("content_hash", String(64)),
    Column("initialised", Boolean, nullable=False, default=False),  # first poll done (backfill)
    Column("last_polled_at", DateTime(timezone=True)),
    Column("last_success_at", DateTime(timezone=True)),
    Column("last_error", Text),
    Column("consecutive_failures", Integer, nullable=False, default=0),
    Column("next_poll_at", DateTime(timezone=True)),
    # Health beyond the above (published to NATS by health.py): since when the current run of
    # failures lasts, entries first seen in all, when an entry new to us was last listed.
    Column("failing_since", DateTime(timezone=True)),
    Column("entries_seen", Integer),
    Column("last_new_entry_at", DateTime(timezone=True)),
    # Which fetcher replica polls the source now, and until when (leases.py).
    Column("lease_owner", String(200)),
    Column("lease_until", DateTime(timezone=True)),
)


@dataclass(frozen=True)
class SourceState:
    url: str
    validators: Validators
    initialised: bool
    consecutive_failures: int
    last_error: str | None
    last_success_at: dt.datetime | None
    next_poll_at: dt.datetime | None
    last_polled_at: dt.datetime | None = None
    failing_since: dt.datetime | None = None
    entries_seen: int = 0
    last_new_entry_at: dt.datetime | None = None


async def create_tables(engine: AsyncEngine) -> None:
    """Create the fetcher's tables (sources and seen entries) if they do not exist."""
    # Registers fetcher_entries and fetcher_replicas on `metadata`.
    from services.fetcher import replicas, seen  # noqa: F401

    try:
        async with engine.begin() as conn:
            await conn.run_sync(metadata.create_all)
            await conn.run_sync(_add_missing_columns)
    except SQLAlchemyError as exc:
        raise TransientError(f"cannot create fetcher tables: {exc}") from exc


def _add_missing_columns(conn: Connection) -> None:
    """Columns added since a database was created (all nullable): ALTER TABLE ... ADD COLUMN."""
    for table in metadata.sorted_tables:
        present = {c["name"] for c in inspect(conn).get_columns(table.name)}
        for column in table.columns:
            if column.name not in present:
                kind = column.type.compile(dialect=conn.dialect)
                conn.execute(text(f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {kind}'))


async def load_source(session: AsyncSession, url: str) -> SourceState | None:
    return (await load_sources(session, [url])).get(url)


async def load_sources(session: AsyncSession, urls: Sequence[str]) -> dict[str, SourceState]:
    """The stored state of those ``urls`` that have a row (one query per 500 urls)."""
    found: dict[str, SourceState] = {}
    for start in range(0, len(urls), CHUNK):
        query = select(sources).where(sources.c.url.in_(urls[start : start + CHUNK]))
        for row in (await session.execute(query)).all():
            found[row.url] = from_row(row)
    return found


def from_row(row: Row[Any]) -> SourceState:
    return SourceState(
        url=row.url,
        validators=Validators(row.etag, row.last_modified, row.content_hash),
        initialised=bool(row.initialised),
        consecutive_failures=row.consecutive_failures or 0,
        last_error=row.last_error,
        last_success_at=aware(row.last_success_at),
        next_poll_at=aware(row.next_poll_at),
        last_polled_at=aware(row.last_polled_at),
        failing_since=aware(row.failing_since),
        entries_seen=row.entries_seen or 0,
        last_new_entry_at=aware(row.last_new_entry_at),
    )


async def ensure_rows(session: AsyncSession, urls: Sequence[str]) -> None:
    """A row for every url that has none yet (never polled); concurrent callers do not clash."""
    dialect = session.get_bind().dialect.name
    for start in range(0, len(urls), CHUNK):
        rows = [{"url": url} for url in urls[start : start + CHUNK]]
        if dialect == "postgresql":
            await session.execute(postgresql.insert(sources).on_conflict_do_nothing(), rows)
        elif dialect == "sqlite":
            await session.execute(sqlite.insert(sources).on_conflict_do_nothing(), rows)
        else:  # portable fallback; replicas starting at the same instant may race here
            chunk = [row["url"] for row in rows]
            query = select(sources.c.url).where(sources.c.url.in_(chunk))
            known = set((await session.scalars(query)).all())
            missing = [row for row in rows if row["url"] not in known]
            if missing:
                await session.execute(sources.insert(), missing)


def aware(value: dt.datetime | None) -> dt.datetime | None:
    # SQLite hands back naive datetimes; everything stored here is UTC.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value
