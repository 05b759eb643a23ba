"""Pairs with their history in one line each: contacts, first and last, silence and threshold.

One ``GROUP BY pair_key`` over the contacts (through ``ix_contacts_pair_date``) pages the pairs
by keyset on (last contact, key); the page's own dates then give each pair the threshold the
notifier would judge its next contact by (``SilenceRules.threshold``), and the ``people`` table
their names as last seen.  A person's counterparts are the pairs of ``person=``, newest first.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import and_, func, not_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.notifier.models import PersonRow
from services.notifier.pairs import name_key, pair_people
from services.notifier.thresholds import SilenceRules
from services.notifier.watch import is_watched
from services.notifier.web.filters import CONTACTS, pair_clause, people_clauses
from services.notifier.web.params import PairsQuery, decode_cursor, encode_cursor, pair_names
from services.notifier.web.schemas import PairOut, PairPage, PersonOut
from services.notifier.web.timeline import Mark

_LAST = func.max(CONTACTS.c.date)


async def list_pairs(
    session: AsyncSession, q: PairsQuery, rules: SilenceRules, today: dt.date
) -> PairPage:
    dialect = session.get_bind().dialect.name
    where = people_clauses(dialect, person=q.person, pair=q.pair, country=q.country)
    if q.watched is not None and rules.watched is not None:
        watched = CONTACTS.c.pair_key.in_(sorted(rules.watched))
        where.append(watched if q.watched else not_(watched))
    elif q.watched is False:  # every pair with history is watched
        return PairPage(items=[], next=None)
    newest_first = q.sort == "recent"
    having = []
    if q.cursor:
        last, key = decode_cursor(q.cursor, dt.date, str)
        if newest_first:
            having.append(or_(_LAST < last, and_(_LAST == last, CONTACTS.c.pair_key > key)))
        else:
            having.append(or_(_LAST > last, and_(_LAST == last, CONTACTS.c.pair_key > key)))
    query = (
        select(CONTACTS.c.pair_key, func.count(), func.min(CONTACTS.c.date), _LAST)
        .where(*where)
        .group_by(CONTACTS.c.pair_key)
        .having(*having)
        .order_by(_LAST.desc() if newest_first else _LAST, CONTACTS.c.pair_key)
        .limit(q.limit + 1)
    )
    rows = (await session.execute(query)).all()
    more = len(rows) > q.limit
    rows = rows[: q.limit]
    keys = [row[0] for row in rows]
    dates = await _dates(session, keys)
    people = await _people(session, keys)
    first = name_key(q.person or pair_names(q.pair or "|")[0]) if q.person or q.pair else None
    items = [
        _pair_out(key, count, first_day, last_day, dates[key], people, rules, today, first)
        for key, count, first_day, last_day in rows
    ]
    following = encode_cursor(rows[-1][3], rows[-1][0]) if more else None
    return PairPage(items=items, next=following)


async def _dates(session: AsyncSession, keys: Sequence[str]) -> dict[str, list[dt.date]]:
    found: dict[str, list[dt.date]] = defaultdict(list)
    if keys:
        query = select(CONTACTS.c.pair_key, CONTACTS.c.date).where(CONTACTS.c.pair_key.in_(keys))
        for key, date in await session.execute(query):
            found[key].append(date)
    return found


async def _people(session: AsyncSession, keys: Sequence[str]) -> dict[str, PersonOut]:
    wanted = {person for key in keys for person in pair_people(key)}
    if not wanted:
        return {}
    query = select(PersonRow.key, PersonRow.name, PersonRow.country).where(
        PersonRow.key.in_(sorted(wanted))
    )
    return {
        key: PersonOut(name=name, country=country)
        for key, name, country in await session.execute(query)
    }


def _pair_out(
    key: str,
    count: int,
    first_day: dt.date,
    last_day: dt.date,
    dates: list[dt.date],
    people: dict[str, PersonOut],
    rules: SilenceRules,
    today: dt.date,
    first: str | None,
) -> PairOut:
    one, other = pair_people(key)
    if first == other:
        one, other = other, one  # a person's page names them first
    names = [people.get(k) or PersonOut(name=k.title()) for k in (one, other)]
    threshold = math.floor(rules.threshold(key, dates))
    silence = max((today - last_day).days, 0)
    return PairOut(
        people=names,
        contacts=count,
        first_contact=first_day,
        last_contact=last_day,
        silence_days=silence,
        threshold_days=threshold,
        past_threshold=silence > threshold,
        watched=is_watched(key, rules),
        pair=f"{names[0].name}|{names[1].name}",
    )


async def pair_marks(session: AsyncSession, pair: str) -> list[Mark]:
    """Every contact of one pair (``NAME|NAME``) for its timeline, oldest first."""
    query = (
        select(CONTACTS.c.date, CONTACTS.c.kind, CONTACTS.c.origin)
        .where(pair_clause(pair))
        .order_by(CONTACTS.c.date)
    )
    return [Mark(date, kind, origin) for date, kind, origin in await session.execute(query)]


async def people_names(session: AsyncSession, limit: int = 2000) -> list[str]:
    """Names for the search form's suggestions, most recently seen first."""
    query = select(PersonRow.name).order_by(PersonRow.last_seen.desc()).limit(limit)
    return list(await session.scalars(query))
