"""Which entries of a source were already seen, and which failed delivery (and how often).

An entry counts as seen when any of its keys (normalised URL, GUID, text hash) is recorded in a
state other than "failed". Functions take an ``AsyncSession`` and never commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import Column, DateTime, Integer, String, Table, Text, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.fetcher.models import FeedEntry
from services.fetcher.state import metadata

# One row per seen key (normalised URL, GUID, or text hash) of an entry. ``state`` "failed" means
# the entry is known but not yet delivered; every other state counts as seen.
entries = Table(
    "fetcher_entries",
    metadata,
    Column("source_url", String(2048), primary_key=True),
    Column("key", String(2048), primary_key=True),
    Column("state", String(16), nullable=False),  # published|backfilled|gave_up|empty|failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("first_seen_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)


async def seen_keys(session: AsyncSession, source_url: str, keys: Iterable[str]) -> set[str]:
    """The subset of ``keys`` already seen (delivered, backfilled or given up) for the source."""
    found = await key_states(session, source_url, keys)
    return {key for key, state in found.items() if state != "failed"}


async def key_states(session: AsyncSession, source_url: str, keys: Iterable[str]) -> dict[str, str]:
    """The state of each of ``keys`` recorded for the source (absent: never met)."""
    wanted, found = list(dict.fromkeys(keys)), dict[str, str]()
    for start in range(0, len(wanted), 500):  # stay below every backend's bound-parameter limit
        chunk = wanted[start : start + 500]
        query = select(entries.c.key, entries.c.state).where(
            entries.c.source_url == source_url, entries.c.key.in_(chunk)
        )
        found.update({row.key: row.state for row in (await session.execute(query)).all()})
    return found


async def mark_seen(
    session: AsyncSession,
    source_url: str,
    items: Iterable[FeedEntry],
    *,
    now: dt.datetime,
    state: str = "published",
) -> None:
    """Record every key of ``items`` in ``state`` (a few statements per 500 keys, not per key)."""
    keys = list(dict.fromkeys(key for item in items for key in item.keys()))
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        mine = entries.c.source_url == source_url
        existing = set(
            (
                await session.scalars(select(entries.c.key).where(mine, entries.c.key.in_(chunk)))
            ).all()
        )
        if existing:
            await session.execute(
                entries.update()
                .where(mine, entries.c.key.in_(existing))
                .values(state=state, updated_at=now, last_error=None)
            )
        rows = [
            {
                "source_url": source_url,
                "key": key,
                "state": state,
                "attempts": 0,
                "first_seen_at": now,
                "updated_at": now,
            }
            for key in chunk
            if key not in existing
        ]
        if rows:
            await session.execute(entries.insert(), rows)


async def prune(
    session: AsyncSession,
    source_url: str,
    current: Iterable[str],
    *,
    now: dt.datetime,
    days: int,
) -> int:
    """Forget the source's keys first seen more than ``days`` ago that are not ``current`` (the
    keys of the entries the source lists now), so the table does not grow for ever. An entry
    still listed is always kept: forgetting it would publish it again. Returns rows deleted."""
    if days <= 0:
        return 0
    cutoff = now - dt.timedelta(days=days)
    mine = entries.c.source_url == source_url
    old = set(
        (
            await session.scalars(
                select(entries.c.key).where(mine, entries.c.first_seen_at < cutoff)
            )
        ).all()
    )
    stale = sorted(old.difference(current))
    for start in range(0, len(stale), 500):
        chunk = stale[start : start + 500]
        await session.execute(entries.delete().where(mine, entries.c.key.in_(chunk)))
    return len(stale)


async def record_entry_failure(
    session: AsyncSession, source_url: str, item: FeedEntry, error: str, *, now: dt.datetime
) -> int:
    """Count a failed delivery attempt of ``item``; returns the number of attempts so far."""
    key = item.keys()[0]
    query = select(entries.c.attempts).where(
        entries.c.source_url == source_url, entries.c.key == key
    )
    attempts = (await session.scalar(query) or 0) + 1
    await _put_entry(session, source_url, key, now, state="failed", attempts=attempts, error=error)
    return attempts


async def _put_entry(
    session: AsyncSession,
    source_url: str,
    key: str,
    now: dt.datetime,
    *,
    state: str,
    attempts: int | None = None,
    error: str | None = None,
) -> None:
    where = (entries.c.source_url == source_url) & (entries.c.key == key)
    values: dict[str, object] = {"state": state, "updated_at": now, "last_error": error}
    if attempts is not None:
        values["attempts"] = attempts
    result = await session.execute(entries.update().where(where).values(**values))
    if not result.rowcount:  # type: ignore[attr-defined]
        values.setdefault("attempts", 0)
        row = {"source_url": source_url, "key": key, "first_seen_at": now, **values}
        await session.execute(entries.insert().values(**row))
