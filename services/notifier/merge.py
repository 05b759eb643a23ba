"""Merging what articles say into the stored history of a pair.

Articles about the same contact (same pair and kind, dates within a day) become one contact with
all their sources; a "first since Dec. 23" becomes a *mentioned* contact of the pair.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from services.notifier import store
from services.notifier.history import PairHistory
from services.notifier.models import ContactRow
from services.notifier.pairs import Pair, name_key
from shared.schemas import Contact, ReadoutFound


@dataclass(frozen=True)
class Merged:
    row: ContactRow
    was_reported: bool  # already a held contact of the history (not just a mention)
    created: bool  # inserted by this readout: its only source is this article


async def merge_contact(
    session: AsyncSession, pair: Pair, contact: Contact, history: PairHistory
) -> Merged:
    """The stored contact this one is about (same pair and kind, within a day), or a new one."""
    assert contact.date is not None
    match = history.closest(contact.date, contact.kind)
    row = await session.get(ContactRow, match.id) if match is not None else None
    created = row is None
    was_reported = row is not None and row.origin == "reported"
    if row is None:
        row = ContactRow(
            pair_key=pair.key,
            kind=contact.kind,
            date=contact.date,
            origin="reported",
            participants=[p.model_dump() for p in pair.participants],
        )
        _fill_missing(row, contact, pair)
        await store.insert_contact(session, row)
    else:
        row.origin = "reported"
        _fill_missing(row, contact, pair)
        await session.flush()
    history.note(row)
    return Merged(row, was_reported, created)


def _fill_missing(row: ContactRow, contact: Contact, pair: Pair) -> None:
    # Later articles complete a contact; they never overwrite what an earlier one stated.
    if row.duration_minutes is None and contact.duration_minutes is not None:
        row.duration_minutes = contact.duration_minutes
    if row.initiator is None and contact.initiator:
        row.initiator = contact.initiator[:200]
    if row.source is None and contact.source:
        row.source = contact.source[:400]
    fresh = {name_key(p.name): p for p in pair.participants}
    merged = []
    for stored in row.participants:
        new = fresh.get(name_key(stored["name"]))
        if new is not None:
            stored = {k: stored.get(k) or getattr(new, k) for k in ("name", "country", "role")}
        merged.append(stored)
    if merged != row.participants:
        row.participants = merged  # reassigned, not mutated: JSON columns track assignment only


async def record_mention(
    session: AsyncSession,
    pair: Pair,
    contact: Contact,
    readout: ReadoutFound,
    history: PairHistory,
) -> None:
    """Keep "first since Dec. 23" as history of the pair, unless that contact is already known."""
    previous = contact.previous_contact
    if previous is None or contact.date is None or previous >= contact.date:
        return
    if history.closest(previous) is not None:
        return
    row = ContactRow(
        pair_key=pair.key,
        kind=contact.kind,
        date=previous,
        origin="mentioned",
        participants=[p.model_dump() for p in pair.participants],
    )
    await store.insert_contact(session, row)
    history.note(row)
    await store.add_source(session, row.id, readout.url, readout.published, new_contact=True)
