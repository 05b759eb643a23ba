"""Contacts newest first, filtered and paged by keyset (date, id): the search, the pair's table.

Two statements a page: the contacts (through ``ix_contacts_date_id`` or ``ix_contacts_pair_date``)
and their sources (through the unique ``contact_id, url`` index).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.notifier.models import ContactSourceRow, table_of
from services.notifier.web.filters import CONTACTS, people_clauses
from services.notifier.web.params import ContactsQuery, decode_cursor, encode_cursor
from services.notifier.web.schemas import ContactOut, ContactPage, ParticipantOut

SOURCES = table_of(ContactSourceRow)
_COLUMNS = [
    CONTACTS.c.id,
    CONTACTS.c.date,
    CONTACTS.c.kind,
    CONTACTS.c.participants,
    CONTACTS.c.duration_minutes,
    CONTACTS.c.topics,
    CONTACTS.c.created_at,
    CONTACTS.c.origin,
]


async def list_contacts(session: AsyncSession, q: ContactsQuery) -> ContactPage:
    dialect = session.get_bind().dialect.name
    where = people_clauses(dialect, person=q.person, pair=q.pair, country=q.country)
    if q.kind:
        where.append(CONTACTS.c.kind == q.kind)
    if q.since:
        where.append(CONTACTS.c.date >= q.since)
    if q.until:
        where.append(CONTACTS.c.date <= q.until)
    if q.cursor:
        date, last_id = decode_cursor(q.cursor, dt.date, int)
        c = CONTACTS.c
        where.append(or_(c.date < date, and_(c.date == date, c.id < last_id)))
    query = (
        select(*_COLUMNS)
        .where(*where)
        .order_by(CONTACTS.c.date.desc(), CONTACTS.c.id.desc())
        .limit(q.limit + 1)
    )
    rows = (await session.execute(query)).all()
    more = len(rows) > q.limit
    rows = rows[: q.limit]
    sources = await sources_of(session, [r.id for r in rows])
    items = [contact_out(r, sources.get(r.id, [])) for r in rows]
    following = encode_cursor(rows[-1].date, rows[-1].id) if more else None
    return ContactPage(items=items, next=following)


async def sources_of(session: AsyncSession, ids: Sequence[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    if ids:
        query = (
            select(SOURCES.c.contact_id, SOURCES.c.url)
            .where(SOURCES.c.contact_id.in_(ids))
            .order_by(SOURCES.c.contact_id, SOURCES.c.id)
        )
        for contact_id, url in await session.execute(query):
            found[contact_id].append(url)
    return found


def contact_out(row: Any, sources: list[str]) -> ContactOut:
    created: dt.datetime = row.created_at
    return ContactOut(
        id=row.id,
        date=row.date,
        kind=row.kind,
        participants=[ParticipantOut.model_validate(p) for p in row.participants],
        sources=sources,
        duration_minutes=row.duration_minutes,
        topics=row.topics or [],
        first_seen=created if created.tzinfo else created.replace(tzinfo=dt.UTC),
        origin=row.origin,
    )
