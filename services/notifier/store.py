"""Repository functions over the notifier's tables; each takes the caller's ``AsyncSession``.

Nothing here commits: ``record_readout`` owns the transaction, so contacts, alerts and their
outbox rows become visible together or not at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from services.notifier.models import AlertRow, ContactRow, ContactSourceRow, DeliveryRow
from services.notifier.routing import Route
from services.notifier.silence import Known, Origin
from shared.schemas import AlertRaised

MERGE_WINDOW = dt.timedelta(days=1)


async def lock_history(session: AsyncSession, pair_keys: Iterable[str]) -> None:
    """Serialise writers of the same pairs, so two workers cannot both create one contact.

    PostgreSQL: a transaction-scoped advisory lock per pair, taken in sorted order (no deadlock).
    SQLite: the database write lock, taken before the first read; otherwise both transactions
    would read "no such contact" before either writes.
    """
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        await session.execute(text("UPDATE contacts SET id = id WHERE 1 = 0"))
    elif dialect == "postgresql":
        for key in sorted(set(pair_keys)):
            digest = hashlib.sha256(key.encode()).digest()[:8]
            lock_id = int.from_bytes(digest, "big", signed=True)
            await session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": lock_id})


async def find_contact(
    session: AsyncSession, pair_key: str, date: dt.date, kind: str | None = None
) -> ContactRow | None:
    """The pair's contact within a day of ``date`` (of ``kind`` if given), nearest date first."""
    query = select(ContactRow).where(
        ContactRow.pair_key == pair_key,
        ContactRow.date.between(date - MERGE_WINDOW, date + MERGE_WINDOW),
    )
    if kind is not None:
        query = query.where(ContactRow.kind == kind)
    rows = (await session.scalars(query.order_by(ContactRow.id))).all()
    return (
        min(rows, key=lambda r: (abs((r.date - date).days), r.origin != "reported", r.id))
        if rows
        else None
    )


async def pair_history(session: AsyncSession, pair_key: str, *, exclude_id: int) -> list[Known]:
    rows = await session.execute(
        select(ContactRow.date, ContactRow.origin).where(
            ContactRow.pair_key == pair_key, ContactRow.id != exclude_id
        )
    )
    return [Known(date, _origin(origin)) for date, origin in rows]


def _origin(value: str) -> Origin:
    return "mentioned" if value == "mentioned" else "reported"


async def add_source(
    session: AsyncSession, contact_id: int, url: str, published: dt.date | None
) -> bool:
    """Attach an article to a contact; False when it was already attached."""
    existing = await session.scalar(
        select(ContactSourceRow.id).where(
            ContactSourceRow.contact_id == contact_id, ContactSourceRow.url == url
        )
    )
    if existing is not None:
        return False
    session.add(ContactSourceRow(contact_id=contact_id, url=url, published=published))
    await session.flush()
    return True


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
    if alert.date is None:
        raise ValueError("an alert needs a date")
    session.add(
        AlertRow(
            id=alert.alert_id,
            contact_id=contact_id,
            type=alert.type,
            date=alert.date,
            silence_days=alert.silence_days,
            previous_contact=alert.previous_contact,
            payload=alert.model_dump(mode="json"),
        )
    )
    await session.flush()  # deliveries reference the alert
    for route in routes:
        session.add(
            DeliveryRow(
                alert_id=alert.alert_id,
                subscription=route.subscription,
                channel=route.channel,
                target=route.target,
                status="pending",
                attempts=0,
                next_attempt_at=now,
            )
        )
    await session.flush()
