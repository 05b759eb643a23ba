"""Merging what articles say into the stored history of a pair: the rules, without I/O.

Articles about the same contact (same pair and kind, dates within a day) become one contact with
all their sources; a "first since Dec. 23" becomes a *mentioned* contact of the pair.  Where the
contact is found and how it is written is ``batch.Batch``'s business.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.notifier.models import ContactRow
from services.notifier.pairs import Pair, name_key
from shared.schemas import Contact

MAX_TOPICS = 20


@dataclass(frozen=True)
class Merged:
    row: ContactRow
    was_reported: bool  # already a held contact of the history (not just a mention)
    created: bool  # inserted by this readout: its only source is this article


def new_contact(pair: Pair, kind: str, date: object, origin: str) -> ContactRow:
    """A contact of ``pair`` not yet in the database (a plain, transient object)."""
    return ContactRow(
        pair_key=pair.key,
        kind=kind,
        date=date,
        origin=origin,
        participants=[p.model_dump() for p in pair.participants],
    )


def fill_missing(row: ContactRow, contact: Contact, pair: Pair) -> None:
    """Later articles complete a contact; they never overwrite what an earlier one stated."""
    if row.duration_minutes is None and contact.duration_minutes is not None:
        row.duration_minutes = contact.duration_minutes
    if row.initiator is None and contact.initiator:
        row.initiator = contact.initiator[:200]
    if row.source is None and contact.source:
        row.source = contact.source[:400]
    if not row.topics and contact.topics:
        row.topics = [topic[:100] for topic in contact.topics[:MAX_TOPICS]]
    fresh = {name_key(p.name): p for p in pair.participants}
    merged = []
    for stored in row.participants:
        new = fresh.get(name_key(stored["name"]))
        if new is not None:
            stored = {k: stored.get(k) or getattr(new, k) for k in ("name", "country", "role")}
        merged.append(stored)
    if merged != row.participants:
        row.participants = merged  # reassigned, not mutated: JSON columns track assignment only
