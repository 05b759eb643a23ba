"""A pair's stored contacts, loaded once per batch of readouts and kept current while it is
recorded.

Merging ("is this a contact we know?") and deciding ("what came before it?") both read this
list, so recording a batch costs one query for all its pairs rather than one per question.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.notifier.models import ContactRow
from services.notifier.silence import Known, Origin

MERGE_WINDOW_DAYS = 1  # articles about one contact may date it a day apart (time zones)


@dataclass(frozen=True)
class Stored:
    id: int
    date: dt.date
    kind: str
    origin: Origin


@dataclass
class PairHistory:
    key: str
    contacts: list[Stored] = field(default_factory=list)

    def closest(self, date: dt.date, kind: str | None = None) -> Stored | None:
        """The contact within a day of ``date`` (of ``kind`` if given), nearest and held first."""
        near = [
            c
            for c in self.contacts
            if abs((c.date - date).days) <= MERGE_WINDOW_DAYS and kind in (None, c.kind)
        ]
        return min(
            near,
            key=lambda c: (abs((c.date - date).days), c.origin != "reported", c.id),
            default=None,
        )

    def known(self, *, exclude_id: int) -> list[Known]:
        return [Known(c.date, c.origin) for c in self.contacts if c.id != exclude_id]

    def note(self, row: ContactRow) -> None:
        """Record a row just inserted or changed, so later questions in this readout see it."""
        stored = Stored(row.id, row.date, row.kind, _origin(row.origin))
        self.contacts = [c for c in self.contacts if c.id != row.id] + [stored]


async def load_histories(session: AsyncSession, pair_keys: Iterable[str]) -> dict[str, PairHistory]:
    """The histories of several pairs in one query (a pair without contacts gets an empty one)."""
    keys = sorted(set(pair_keys))
    histories = {key: PairHistory(key) for key in keys}
    if not keys:
        return histories
    rows = await session.execute(
        select(
            ContactRow.pair_key, ContactRow.id, ContactRow.date, ContactRow.kind, ContactRow.origin
        )
        .where(ContactRow.pair_key.in_(keys))
        .order_by(ContactRow.id)
    )
    for key, i, d, k, o in rows:
        histories[key].contacts.append(Stored(i, d, k, _origin(o)))
    return histories


def _origin(value: str) -> Origin:
    return "mentioned" if value == "mentioned" else "reported"
