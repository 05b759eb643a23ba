"""The fetcher's persistent per-source state: validators, body hash, health and next poll time.

Own ``MetaData`` (tables prefixed ``fetcher_``, seen entries in ``seen.py``), created with
``create_tables`` at start-up. Repository functions take an ``AsyncSession`` and never commit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Boolean, Column, DateTime, Integer, MetaData, String, Table, Text, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from services.fetcher.models import Validators
from shared.errors import TransientError

metadata = MetaData()

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


async def create_tables(engine: AsyncEngine) -> None:
    """Create the fetcher's tables (sources and seen entries) if they do not exist."""
    from services.fetcher import seen  # noqa: F401  (registers fetcher_entries on `metadata`)

    try:
        async with engine.begin() as conn:
            await conn.run_sync(metadata.create_all)
    except SQLAlchemyError as exc:
        raise TransientError(f"cannot create fetcher tables: {exc}") from exc


async def load_source(session: AsyncSession, url: str) -> SourceState | None:
    row = (await session.execute(select(sources).where(sources.c.url == url))).first()
    if row is None:
        return None
    return SourceState(
        url=url,
        validators=Validators(row.etag, row.last_modified, row.content_hash),
        initialised=bool(row.initialised),
        consecutive_failures=row.consecutive_failures or 0,
        last_error=row.last_error,
        last_success_at=_aware(row.last_success_at),
        next_poll_at=_aware(row.next_poll_at),
    )


async def record_success(
    session: AsyncSession,
    url: str,
    *,
    now: dt.datetime,
    next_poll_at: dt.datetime,
    validators: Validators | None = None,
) -> None:
    """The source answered and parsed; ``validators`` (if given) replace the stored ones."""
    values: dict[str, object] = {
        "initialised": True,
        "last_polled_at": now,
        "last_success_at": now,
        "last_error": None,
        "consecutive_failures": 0,
        "next_poll_at": next_poll_at,
    }
    if validators is not None:
        values.update(
            etag=validators.etag,
            last_modified=validators.last_modified,
            content_hash=validators.content_hash,
        )
    await _upsert(session, url, values)


async def record_failure(
    session: AsyncSession,
    url: str,
    error: str,
    *,
    failures: int,
    now: dt.datetime,
    next_poll_at: dt.datetime,
) -> None:
    """The poll failed; ``failures`` is the new count of consecutive failures."""
    values = {
        "last_polled_at": now,
        "last_error": error,
        "consecutive_failures": failures,
        "next_poll_at": next_poll_at,
    }
    await _upsert(session, url, values)


async def _upsert(session: AsyncSession, url: str, values: dict[str, object]) -> None:
    # Select-then-write keeps this portable (SQLite and PostgreSQL); one task owns a source.
    exists = await session.scalar(select(sources.c.url).where(sources.c.url == url))
    if exists is None:
        await session.execute(sources.insert().values(url=url, **values))
    else:
        await session.execute(sources.update().where(sources.c.url == url).values(**values))


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    # SQLite hands back naive datetimes; everything stored here is UTC.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value
