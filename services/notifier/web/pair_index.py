"""Every pair's contact days, kept in memory by the web role and caught up on each request.

Grouping 100,000 contacts by pair on every page costs tens of milliseconds; catching up costs
one cheap statement when nothing changed.  Contacts are only ever inserted, and a stored
contact's pair and date never change (later articles fill other fields), so the days read once
stay true.  Each request compares the table's (row count, highest id) with what the index has
read: a higher id, read the rows above the last one read; any other difference (a lower id
committed late, on PostgreSQL, or a row deleted by hand) reads everything again.  Counting
rows costs PostgreSQL ~15 ms at 100,000 contacts, so while the highest id stays the same the
count is taken at most every ``RECOUNT_SECONDS``: a late-committed contact shows that late.
"""

from __future__ import annotations

import asyncio
import bisect
import datetime as dt
import time

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.notifier.web.filters import CONTACTS

_STATE = select(func.count(), func.max(CONTACTS.c.id))
_HIGHEST = select(func.max(CONTACTS.c.id))
RECOUNT_SECONDS = 10.0


class PairIndex:
    def __init__(self) -> None:
        self._days: dict[str, list[dt.date]] = {}
        self._rows = 0  # contacts read
        self._upto = 0  # highest id read
        self._lock = asyncio.Lock()
        self._counted = -RECOUNT_SECONDS  # when the rows were last counted (monotonic)
        self._ordered: dict[bool, list[str]] = {}

    async def refresh(self, session: AsyncSession) -> None:
        """Bring the index up to the table as ``session`` sees it."""
        now = time.monotonic()
        if now - self._counted < RECOUNT_SECONDS:
            if (await session.scalar(_HIGHEST) or 0) == self._upto:
                return
        async with self._lock:
            self._counted = now
            count, highest = (await session.execute(_STATE)).one()
            highest = highest or 0
            if (count, highest) == (self._rows, self._upto):
                return
            if highest < self._upto or count < self._rows:
                self._days, self._rows, self._upto = {}, 0, 0
            await self._read(session, above=self._upto, upto=highest)
            if self._rows != count:  # an id below the last read arrived late: read it all
                self._days, self._rows = {}, 0
                await self._read(session, above=0, upto=highest)
            self._upto = highest
            self._ordered.clear()

    async def _read(self, session: AsyncSession, *, above: int, upto: int) -> None:
        query = select(CONTACTS.c.pair_key, CONTACTS.c.date).where(
            CONTACTS.c.id > above, CONTACTS.c.id <= upto
        )
        for key, date in await session.execute(query):
            bisect.insort(self._days.setdefault(key, []), date)
            self._rows += 1

    def ordered(self, *, newest_first: bool) -> list[str]:
        """The pair keys by last contact (oldest or newest first), then by key."""
        if newest_first not in self._ordered:
            sign = -1 if newest_first else 1
            self._ordered[newest_first] = sorted(self._days, key=lambda k: self.rank(k, sign))
        return self._ordered[newest_first]

    def rank(self, key: str, sign: int) -> tuple[int, str]:
        return sign * self._days[key][-1].toordinal(), key

    def days(self, key: str) -> list[dt.date]:
        """The pair's contact days, oldest first (one per contact: a day may repeat)."""
        return self._days.get(key, [])
