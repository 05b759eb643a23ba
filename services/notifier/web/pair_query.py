"""Pairs with their history in one line each: contacts, first and last, silence and threshold.

The pairs and their contact days come from the web role's ``PairIndex`` (caught up on each
request), paged by keyset on (last contact, key); each pair's days give it the threshold the
notifier would judge its next contact by (``SilenceRules.threshold``), and the ``people`` table
the names as last seen (and, for ``country=``, the people of that country).  A person's
counterparts are the pairs of ``person=``, newest first.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections.abc import Callable, Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.notifier.models import PersonRow
from services.notifier.pairs import name_key, pair_key, pair_people
from services.notifier.thresholds import SilenceRules
from services.notifier.watch import is_watched
from services.notifier.web.filters import CONTACTS, pair_clause
from services.notifier.web.pair_index import PairIndex
from services.notifier.web.params import PairsQuery, decode_cursor, encode_cursor, pair_names
from services.notifier.web.schemas import PairOut, PairPage, PersonOut
from services.notifier.web.timeline import Mark


async def list_pairs(
    session: AsyncSession, q: PairsQuery, rules: SilenceRules, today: dt.date, index: PairIndex
) -> PairPage:
    await index.refresh(session)
    keep = await _matcher(session, q, rules)
    newest_first = q.sort == "recent"
    sign = -1 if newest_first else 1
    if q.pair:  # one pair at most: no need to go through them all
        wanted = pair_key(*pair_names(q.pair))
        order = [wanted] if index.days(wanted) and keep(wanted) else []
    else:
        order = [key for key in index.ordered(newest_first=newest_first) if keep(key)]
    if q.cursor:
        last, after = decode_cursor(q.cursor, dt.date, str)
        mark = (sign * last.toordinal(), after)
        order = order[bisect.bisect_right(order, mark, key=lambda k: index.rank(k, sign)) :]
    page, more = order[: q.limit], len(order) > q.limit
    people = await _people(session, page)
    first = name_key(q.person or pair_names(q.pair or "|")[0]) if q.person or q.pair else None
    items = [_pair_out(key, index.days(key), people, rules, today, first) for key in page]
    following = encode_cursor(index.days(page[-1])[-1], page[-1]) if more else None
    return PairPage(items=items, next=following)


async def _matcher(
    session: AsyncSession, q: PairsQuery, rules: SilenceRules
) -> Callable[[str], bool]:
    """Whether a pair key passes the query's filters (person, pair, country, watched)."""
    tests: list[Callable[[str], bool]] = []
    if q.person:
        person = name_key(q.person)
        tests.append(lambda key: person in pair_people(key))
    if q.pair:
        wanted = pair_key(*pair_names(q.pair))
        tests.append(lambda key: key == wanted)
    if q.country:
        of_country = set(
            await session.scalars(select(PersonRow.key).where(PersonRow.country == q.country))
        )
        tests.append(lambda key: any(p in of_country for p in pair_people(key)))
    if q.watched is not None:
        watched = q.watched
        tests.append(lambda key: is_watched(key, rules) == watched)
    return lambda key: all(test(key) for test in tests)


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
    count, first_day, last_day = len(dates), dates[0], dates[-1]
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
