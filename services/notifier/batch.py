"""What a batch of readouts changes, worked out in memory and written at the end.

``Batch.open`` takes the history lock and reads what the whole batch needs up front: the
histories of all its pairs (one query) and the history's newest date.  ``record_readouts`` then
goes through the readouts in order exactly as if each were recorded alone -- a contact created
by an earlier readout of the batch is merged into by a later one (five articles about one call:
one contact, one alert), an article already attached is not attached twice, the history's
present moves with the contacts added.  New contacts get provisional ids above every stored one
(ties between contacts break by id, as they would in the database), and ``write`` sends the
changes out at the end, one statement per table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy.ext.asyncio import AsyncSession

from services.notifier import store
from services.notifier.history import PairHistory, load_histories
from services.notifier.merge import Merged, fill_missing, new_contact
from services.notifier.models import ContactRow
from services.notifier.pairs import Pair
from services.notifier.people import note_people
from services.notifier.routing import Route
from shared.schemas import AlertParticipant, AlertRaised, Contact, ReadoutFound

PROVISIONAL_ID = 1 << 62  # above any real id: a contact new to the batch sorts after stored ones


class Batch:
    def __init__(
        self, session: AsyncSession, histories: dict[str, PairHistory], newest: dt.date | None
    ) -> None:
        self.session = session
        self.histories = histories
        self.newest = newest  # the newest contact date of the history, this batch's included
        self._new: dict[int, ContactRow] = {}  # provisional id -> contact to insert
        self._attached: dict[int, list[str]] = {}  # contact id -> urls this batch attached
        self._sources: list[tuple[int, str, dt.date | None]] = []
        self._alerts: list[tuple[int, AlertRaised, list[Route]]] = []
        self._seen: list[tuple[AlertParticipant, dt.date]] = []

    @classmethod
    async def open(cls, session: AsyncSession, pair_keys: Iterable[str]) -> Batch:
        keys = sorted(set(pair_keys))
        await store.lock_history(session, keys)
        newest = await store.newest_contact_date(session)
        return cls(session, await load_histories(session, keys), newest)

    def see(self, people: Iterable[tuple[AlertParticipant, dt.date]]) -> None:
        """Note people as seen on a date (written as one upsert with the rest)."""
        self._seen.extend(people)

    async def merge(self, pair: Pair, contact: Contact) -> Merged:
        """The contact this one is about (same pair and kind, within a day), or a new one."""
        assert contact.date is not None
        history = self.histories[pair.key]
        match = history.closest(contact.date, contact.kind)
        row = None
        if match is not None:
            row = self._new.get(match.id) or await self.session.get(ContactRow, match.id)
        created = row is None
        was_reported = row is not None and row.origin == "reported"
        if row is None:
            row = self._create(new_contact(pair, contact.kind, contact.date, "reported"))
        else:
            row.origin = "reported"  # a stored row: the session writes the change at flush
        fill_missing(row, contact, pair)
        history.note(row)
        return Merged(row, was_reported, created)

    async def mention(self, pair: Pair, contact: Contact, readout: ReadoutFound) -> None:
        """Keep "first since Dec. 23" as history of the pair, unless that contact is known."""
        previous = contact.previous_contact
        if previous is None or contact.date is None or previous >= contact.date:
            return
        history = self.histories[pair.key]
        if history.closest(previous) is not None:
            return
        row = self._create(new_contact(pair, contact.kind, previous, "mentioned"))
        history.note(row)
        await self.attach(row, readout.url, readout.published)

    async def attach(self, row: ContactRow, url: str, published: dt.date | None) -> bool:
        """Attach an article to a contact; False when it was already attached."""
        urls = self._attached.setdefault(row.id, [])
        if url in urls:
            return False
        if row.id not in self._new and await store.source_exists(self.session, row.id, url):
            return False
        urls.append(url)
        self._sources.append((row.id, url, published))
        return True

    async def source_urls(self, row: ContactRow) -> list[str]:
        """Every article of a contact, in the order they were attached."""
        stored = [] if row.id in self._new else await store.source_urls(self.session, row.id)
        return stored + self._attached.get(row.id, [])

    def add_alert(self, row: ContactRow, alert: AlertRaised, routes: list[Route]) -> None:
        self._alerts.append((row.id, alert, routes))

    async def write(
        self,
        now: dt.datetime,
        lease_until: dt.datetime | None = None,
        claimed_by: str | None = None,
    ) -> list[store.LeasedDelivery]:
        """Everything the batch changed: people, contacts, sources, alerts and deliveries
        (stored as claimed by ``claimed_by`` until ``lease_until`` when given:
        ``store.insert_alerts``)."""
        await note_people(self.session, self._seen)
        await self.session.flush()  # stored contacts merged into (few: the ORM's unit of work)
        new = list(self._new.values())
        provisional = [row.id for row in new]
        await store.insert_contacts(self.session, new)
        real = {old: row.id for old, row in zip(provisional, new, strict=True)}
        await store.insert_sources(
            self.session, [(real.get(i, i), url, published) for i, url, published in self._sources]
        )
        alerts = [(real.get(i, i), alert, routes) for i, alert, routes in self._alerts]
        return await store.insert_alerts(
            self.session, alerts, now=now, lease_until=lease_until, claimed_by=claimed_by
        )

    def _create(self, row: ContactRow) -> ContactRow:
        row.id = PROVISIONAL_ID + len(self._new)
        self._new[row.id] = row
        self.newest = row.date if self.newest is None else max(self.newest, row.date)
        return row
