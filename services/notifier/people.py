"""People as last seen in held contacts: canonical name, country and role.

A person's row follows the most recent contact that names them (an older article arriving late
does not turn a Prime Minister back into a Foreign Minister), and only fills gaps otherwise.
``merge`` states the rule; on SQLite and PostgreSQL one upsert applies it in SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import case, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.dml import Insert

from services.notifier.models import PersonRow, table_of, utc_now
from services.notifier.pairs import name_key
from shared.schemas import AlertParticipant


@dataclass(frozen=True)
class Seen:
    name: str
    country: str | None
    role: str | None
    date: dt.date


def latest_sightings(seen: Iterable[tuple[AlertParticipant, dt.date]]) -> dict[str, Seen]:
    """One sighting per person (by name key): the latest, with gaps filled from the others."""
    latest: dict[str, Seen] = {}
    for person, date in seen:
        key = name_key(person.name)[:200]
        new = Seen(person.name[:200], person.country, person.role and person.role[:200], date)
        old = latest.get(key)
        latest[key] = new if old is None else merge(old, new)
    return latest


def merge(stored: Seen, new: Seen) -> Seen:
    """The later sighting wins each field it knows; the earlier one only fills gaps."""
    late, early = (new, stored) if new.date >= stored.date else (stored, new)
    return Seen(
        late.name,
        late.country or early.country,
        late.role or early.role,
        max(late.date, early.date),
    )


async def note_people(
    session: AsyncSession, seen: Iterable[tuple[AlertParticipant, dt.date]]
) -> None:
    """Insert or update the people seen in a readout (no commit: the caller owns it)."""
    sightings = latest_sightings(seen)
    if not sightings:
        return
    values = [
        {"key": key, "name": s.name, "country": s.country, "role": s.role, "last_seen": s.date}
        | {"created_at": utc_now()}
        for key, s in sightings.items()
    ]
    dialect = session.get_bind().dialect.name
    if dialect in ("sqlite", "postgresql"):
        await session.execute(_upsert(dialect), values)  # one round trip for everyone
    else:
        await _select_then_write(session, sightings, values)


@lru_cache(maxsize=2)
def _upsert(dialect: str) -> Insert:
    """INSERT ... ON CONFLICT DO UPDATE with ``merge``'s rule written in SQL."""
    people = table_of(PersonRow)
    stmt = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(people)
    new, old = stmt.excluded, people.c
    later = new.last_seen >= old.last_seen

    def field(name: str) -> Any:
        # the later sighting wins what it knows; the other one only fills a gap
        return case(
            (later, func.coalesce(new[name], old[name])),
            else_=func.coalesce(old[name], new[name]),
        )

    return stmt.on_conflict_do_update(
        index_elements=[old.key],
        set_={
            "name": case((later, new.name), else_=old.name),
            "country": field("country"),
            "role": field("role"),
            "last_seen": case((later, new.last_seen), else_=old.last_seen),
        },
    )


async def _select_then_write(
    session: AsyncSession, sightings: dict[str, Seen], values: list[dict[str, Any]]
) -> None:
    rows = await session.execute(
        select(
            PersonRow.key, PersonRow.name, PersonRow.country, PersonRow.role, PersonRow.last_seen
        ).where(PersonRow.key.in_(sightings))
    )
    known = set()
    for key, name, country, role, last_seen in rows:
        known.add(key)
        old = Seen(name, country, role, last_seen)
        new = merge(old, sightings[key])
        if new != old:
            await session.execute(
                update(PersonRow)
                .where(PersonRow.key == key)
                .values(name=new.name, country=new.country, role=new.role, last_seen=new.date)
            )
    fresh = [v for v in values if v["key"] not in known]
    if fresh:
        await session.execute(insert(table_of(PersonRow)), fresh)
