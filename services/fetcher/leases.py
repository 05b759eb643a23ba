"""Leases that let several fetcher replicas share one database without polling a source twice.

A replica may poll a source only while it holds the source's lease (``lease_owner`` and
``lease_until`` on ``fetcher_sources``) and only once the source is due (``next_poll_at``). A claim
is one conditional UPDATE, atomic on SQLite (one writer at a time) and on PostgreSQL, where the
rows are picked ``FOR UPDATE SKIP LOCKED`` so two replicas never wait on each other's claims.
Releasing a lease sets the next poll time, so whichever replica claims next does so one
interval later. Functions take an ``AsyncSession`` and never commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.fetcher.state import CHUNK, SourceState, aware, ensure_rows, from_row, sources


@dataclass(frozen=True)
class Slot:
    """When a replica should next try to claim a source (its own view of the shared row)."""

    url: str
    next_poll_at: dt.datetime | None
    lease_owner: str | None
    lease_until: dt.datetime | None

    def next_try(self, owner: str, now: dt.datetime, recheck: dt.timedelta) -> dt.datetime:
        """Held by another replica: look again after ``recheck`` (its poll will have set the
        next due time by then) or when its lease ends, if sooner (it may have died)."""
        at = self.next_poll_at or now
        if self.lease_owner not in (None, owner) and self.lease_until and self.lease_until > at:
            at = max(at, min(self.lease_until, now + recheck))
        return at


async def register(session: AsyncSession, urls: Sequence[str]) -> None:
    """A row for every configured source that has none yet (never polled, due at once)."""
    await ensure_rows(session, urls)


async def slots(session: AsyncSession, urls: Sequence[str]) -> dict[str, Slot]:
    found: dict[str, Slot] = {}
    columns = (sources.c.url, sources.c.next_poll_at, sources.c.lease_owner, sources.c.lease_until)
    for start in range(0, len(urls), CHUNK):
        query = select(*columns).where(sources.c.url.in_(urls[start : start + CHUNK]))
        for row in (await session.execute(query)).all():
            found[row.url] = Slot(
                row.url, aware(row.next_poll_at), row.lease_owner, aware(row.lease_until)
            )
    return found


async def claim(
    session: AsyncSession, urls: Sequence[str], owner: str, *, now: dt.datetime, ttl: float
) -> dict[str, SourceState]:
    """Lease those of ``urls`` that are due and not leased by another replica; returns their
    state (so the poll need not read it again)."""
    due = or_(sources.c.next_poll_at.is_(None), sources.c.next_poll_at <= now)
    free = or_(
        sources.c.lease_until.is_(None),
        sources.c.lease_until <= now,
        sources.c.lease_owner == owner,
    )
    until = now + dt.timedelta(seconds=ttl)
    claimed: dict[str, SourceState] = {}
    for start in range(0, len(urls), CHUNK):
        picked = (
            select(sources.c.url)
            .where(sources.c.url.in_(urls[start : start + CHUNK]), due, free)
            .with_for_update(skip_locked=True)  # PostgreSQL; SQLite has one writer anyway
        )
        statement = (
            update(sources)
            .where(sources.c.url.in_(picked), due, free)
            .values(lease_owner=owner, lease_until=until)
            .returning(*sources.c)
        )
        for row in (await session.execute(statement)).all():
            claimed[row.url] = from_row(row)
    return claimed


async def renew(
    session: AsyncSession, urls: Sequence[str], owner: str, *, now: dt.datetime, ttl: float
) -> set[str]:
    """Extend this replica's leases of ``urls``; returns those it still held."""
    renewed: set[str] = set()
    until = now + dt.timedelta(seconds=ttl)
    for start in range(0, len(urls), CHUNK):
        statement = (
            update(sources)
            .where(sources.c.url.in_(urls[start : start + CHUNK]), sources.c.lease_owner == owner)
            .values(lease_until=until)
            .returning(sources.c.url)
        )
        renewed.update((await session.scalars(statement)).all())
    return renewed


async def release_many(
    session: AsyncSession, owner: str, done: Sequence[tuple[str, dt.datetime]]
) -> None:
    """Give back this replica's leases of the polls done, each with the time its source is due
    next (one statement for all); a lease another replica took over is left alone."""
    if not done:
        return
    statement = (
        update(sources)
        .where(sources.c.url == bindparam("key"), sources.c.lease_owner == owner)
        .values(lease_owner=None, lease_until=None, next_poll_at=bindparam("next"))
    )
    await session.execute(statement, [{"key": url, "next": at} for url, at in done])
