"""Repository functions over the notifier's tables; each takes the caller's ``AsyncSession``.

Nothing here commits: ``record_readouts`` owns the transaction, so contacts, alerts and their
outbox rows become visible together or not at all.  Hot-path writes are Core statements on the
tables, one per table for a whole batch of readouts (one round trip each, and none of the ORM's
per-row machinery): on SQLite every statement also costs a hop to the driver's thread.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from services.notifier.models import (
    AlertRow,
    ContactRow,
    ContactSourceRow,
    DeliveryRow,
    table_of,
    utc_now,
)
from services.notifier.routing import Route
from shared.schemas import AlertRaised


async def lock_history(session: AsyncSession, pair_keys: Iterable[str]) -> None:
    """Serialise writers of the same pairs, so two workers cannot both create one contact.

    PostgreSQL: a transaction-scoped advisory lock per pair, taken in sorted order (no deadlock).
    SQLite: the database write lock, taken before the first read; otherwise both transactions
    would read "no such contact" before either writes.
    """
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        await session.execute(_LOCK_SQLITE)
    elif dialect == "postgresql":
        for key in sorted(set(pair_keys)):
            digest = hashlib.sha256(key.encode()).digest()[:8]
            lock_id = int.from_bytes(digest, "big", signed=True)
            await session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": lock_id})


_NEWEST = select(func.max(ContactRow.date))
_LOCK_SQLITE = text("UPDATE contacts SET id = id WHERE 1 = 0")
_SOURCE = select(ContactSourceRow.id).where(
    ContactSourceRow.contact_id == bindparam("contact_id"), ContactSourceRow.url == bindparam("url")
)


async def newest_contact_date(session: AsyncSession) -> dt.date | None:
    """The date of the newest contact the history knows (any pair): its present."""
    return await session.scalar(_NEWEST)


_CONTACTS = table_of(ContactRow)
# No ``sort_by_parameter_order``: SQLite has no INSERT form that keeps the order of generated ids,
# so SQLAlchemy would fall back to one statement per row.  The rows are matched back by their
# unique key (pair, kind, date) instead.
_INSERT_CONTACTS = insert(_CONTACTS).returning(
    _CONTACTS.c.id, _CONTACTS.c.pair_key, _CONTACTS.c.kind, _CONTACTS.c.date
)
_CONTACT_COLUMNS = [c.key for c in _CONTACTS.columns if c.key != "id"]


async def insert_contacts(session: AsyncSession, rows: Sequence[ContactRow]) -> None:
    """Insert new contacts built as plain (transient) objects, and give each its id.

    One statement for them all (RETURNING id with the unique key of each row), outside the ORM's
    unit of work; the objects stay out of the session.
    """
    if not rows:
        return
    for row in rows:
        row.created_at = row.created_at or utc_now()
    values = [{key: getattr(row, key) for key in _CONTACT_COLUMNS} for row in rows]
    result = await session.execute(_INSERT_CONTACTS, values)
    ids = {(pair_key, kind, date): new_id for new_id, pair_key, kind, date in result}
    for row in rows:
        row.id = ids[(row.pair_key, row.kind, row.date)]


async def source_exists(session: AsyncSession, contact_id: int, url: str) -> bool:
    return await session.scalar(_SOURCE, {"contact_id": contact_id, "url": url}) is not None


async def insert_sources(
    session: AsyncSession, sources: Sequence[tuple[int, str, dt.date | None]]
) -> None:
    """Attach articles (contact id, url, published) to contacts, in one statement."""
    if sources:
        created = utc_now()
        await session.execute(
            insert(table_of(ContactSourceRow)),
            [
                {"contact_id": i, "url": url, "published": published, "created_at": created}
                for i, url, published in sources
            ],
        )


async def source_urls(session: AsyncSession, contact_id: int) -> list[str]:
    rows = await session.scalars(
        select(ContactSourceRow.url)
        .where(ContactSourceRow.contact_id == contact_id)
        .order_by(ContactSourceRow.id)
    )
    return list(rows)


async def insert_alert(
    session: AsyncSession,
    contact_id: int,
    alert: AlertRaised,
    routes: Sequence[Route],
    *,
    now: dt.datetime,
) -> None:
    """Store an alert with one pending outbox row per route, due at once."""
    await insert_alerts(session, [(contact_id, alert, routes)], now=now)


@dataclass(frozen=True)
class LeasedDelivery:
    """An outbox row stored already claimed by its writer (attempt 1, leased), to send at once."""

    id: int
    alert: AlertRaised
    route: Route


async def insert_alerts(
    session: AsyncSession,
    alerts: Sequence[tuple[int, AlertRaised, Sequence[Route]]],
    *,
    now: dt.datetime,
    lease_until: dt.datetime | None = None,
    claimed_by: str | None = None,
) -> list[LeasedDelivery]:
    """Store alerts (contact id, alert, routes) with their pending outbox rows: two statements.

    Without ``lease_until`` the rows are due at once, for whichever outbox pass claims them.
    With it they are stored as claimed by the caller, ``claimed_by`` (attempt 1, hidden until
    ``lease_until``) and returned with their ids: the writer sends them itself, without a
    claim transaction, and if it dies first they fall due when the lease ends, like any
    claimed delivery.
    """
    if not alerts:
        return []
    if any(alert.date is None for _, alert, _ in alerts):
        raise ValueError("an alert needs a date")
    created = utc_now()
    await session.execute(
        insert(table_of(AlertRow)),
        [
            {
                "id": alert.alert_id,
                "contact_id": contact_id,
                "type": alert.type,
                "date": alert.date,
                "silence_days": alert.silence_days,
                "previous_contact": alert.previous_contact,
                "payload": alert.model_dump(mode="json"),
                "created_at": created,
            }
            for contact_id, alert, _ in alerts
        ],
    )
    deliveries = [
        {
            "alert_id": alert.alert_id,
            "subscription": route.subscription,
            "channel": route.channel,
            "target": route.target,
            "status": "pending",
            "attempts": 0 if lease_until is None else 1,
            "next_attempt_at": now if lease_until is None else lease_until,
            "claimed_by": None if lease_until is None else claimed_by,
            "created_at": now,
        }
        for _, alert, routes in alerts
        for route in routes
    ]
    if not deliveries:
        return []
    if lease_until is None:
        await session.execute(insert(_DELIVERIES), deliveries)
        return []
    # Matched back by the route's unique key: SQLite returns generated ids in no promised order.
    stored = await session.execute(_INSERT_LEASED, deliveries)
    ids = {(a, Route(s, c, t)): i for i, a, s, c, t in stored}
    return [
        LeasedDelivery(ids[(alert.alert_id, route)], alert, route)
        for _, alert, routes in alerts
        for route in routes
    ]


_DELIVERIES = table_of(DeliveryRow)
_INSERT_LEASED = insert(_DELIVERIES).returning(
    _DELIVERIES.c.id,
    _DELIVERIES.c.alert_id,
    _DELIVERIES.c.subscription,
    _DELIVERIES.c.channel,
    _DELIVERIES.c.target,
)
