"""Synthetic contact history and readouts for the notifier benchmark.

People and pairs are made up but shaped like the real thing: a hundred leaders of different
countries, pairs among them talking every 3 to 12 days, their last contacts a month ago, so the
benchmark's readouts (one per pair and round, three days apart) are all news and each raises
exactly one alert.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from itertools import combinations, islice

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.notifier.models import ContactRow, ContactSourceRow, PersonRow, table_of
from services.notifier.pairs import name_key, pair_key
from shared.schemas import Contact, Person, ReadoutFound

CHUNK = 5_000


@dataclass(frozen=True)
class History:
    pairs: int = 2_000
    people: int = 100
    seed: int = 5

    @property
    def base(self) -> dt.date:
        """The last contact of every pair; the benchmark's readouts come after it."""
        return dt.datetime.now(dt.UTC).date() - dt.timedelta(days=30)

    def person(self, i: int) -> Person:
        return Person(name=f"Leader {i:03d} Example", role="President", country=f"C{i:03d}")

    def pair_list(self) -> list[tuple[Person, Person]]:
        people = [self.person(i) for i in range(self.people)]
        pairs = list(islice(combinations(people, 2), self.pairs))
        if len(pairs) < self.pairs:
            raise ValueError(f"{self.people} people make fewer than {self.pairs} pairs")
        return pairs


async def fill_history(
    sessionmaker: async_sessionmaker[AsyncSession], history: History, contacts: int
) -> None:
    """Bulk-insert ``contacts`` contacts (one source each) spread evenly over the pairs."""
    pairs = history.pair_list()
    people = [history.person(i) for i in range(history.people)]
    async with sessionmaker() as session, session.begin():
        await session.execute(
            insert(table_of(PersonRow)),
            [_person_row(p, history.base) for p in people],
        )
    rows = []
    for n in range(contacts):
        a, b = pairs[n % len(pairs)]
        every = 3 + (n % len(pairs)) % 10
        date = history.base - dt.timedelta(days=every * (n // len(pairs)))
        rows.append(
            {
                "id": n + 1,
                "pair_key": pair_key(a.name or "", b.name or ""),
                "kind": "call",
                "date": date,
                "origin": "reported",
                "participants": [a.model_dump(), b.model_dump()],
            }
        )
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        async with sessionmaker() as session, session.begin():
            await session.execute(insert(table_of(ContactRow)), chunk)
            await session.execute(
                insert(table_of(ContactSourceRow)),
                [
                    {"contact_id": r["id"], "url": f"https://history.example/{r['id']}"}
                    | {"published": r["date"]}
                    for r in chunk
                ],
            )


def _person_row(person: Person, seen: dt.date) -> dict[str, object]:
    return {
        "key": name_key(person.name or ""),
        "name": person.name,
        "country": person.country,
        "role": person.role,
        "last_seen": seen,
    }


def readouts_for_round(history: History, n: int, count: int) -> list[ReadoutFound]:
    """``count`` readouts of round ``n``, each about a different pair, in random order."""
    date = history.base + dt.timedelta(days=3 * (n + 1))
    pairs = random.Random(history.seed + n).sample(history.pair_list(), count)
    return [
        ReadoutFound(
            url=f"https://news.example/{n}/{i}",
            published=date,
            is_readout=True,
            contacts=[Contact(kind="call", date=date, participants=[a, b], source="readout")],
        )
        for i, (a, b) in enumerate(pairs)
    ]
