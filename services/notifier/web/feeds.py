"""Atom 1.0 feeds of contacts and alerts (feedgen): one entry per contact or alert.

Entry ids are stable and independent of database ids: a contact's derives from its pair, kind
and date (the history's unique key), an alert's is its ``alert_id``.  ``updated`` is when the
notifier recorded it.  The first source is the entry's ``alternate`` link, the others ``related``
(feedgen 1.0 drops the ``rel`` of entry links, which ``_LinkRelations`` puts back).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from typing import Any

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedEntry, FeedGenerator

from services.notifier.pairs import pair_key
from services.notifier.web.schemas import AlertOut, ContactOut
from services.notifier.web.text import alert_title, contact_title

ATOM_LINK = "{http://www.w3.org/2005/Atom}link"
CONTENT_TYPE = "application/atom+xml"


class _LinkRelations(BaseEntryExtension):  # type: ignore[misc]
    def __init__(self) -> None:
        self.rels: list[str] = []

    def extend_atom(self, entry: Any) -> Any:
        for element, rel in zip(entry.findall(ATOM_LINK), self.rels, strict=False):
            element.set("rel", rel)
        return entry


def contact_entry_id(contact: ContactOut) -> str:
    names = [p.name for p in contact.participants]
    key = f"{pair_key(names[0], names[-1])}|{contact.kind}|{contact.date}"
    return "urn:readoutwatch:contact:" + hashlib.sha256(key.encode()).hexdigest()[:32]


def contacts_feed(contacts: Sequence[ContactOut], *, title: str, self_url: str) -> bytes:
    fg = _feed("urn:readoutwatch:contacts:" + _digest(title), title, self_url)
    for contact in contacts:
        entry = _entry(fg, contact_entry_id(contact), contact_title(contact), contact.first_seen)
        _links(entry, contact.sources)
        topics = f" Topics: {', '.join(contact.topics)}." if contact.topics else ""
        entry.summary(f"{contact_title(contact)}.{topics} Sources: {', '.join(contact.sources)}")
    return _finish(fg, [c.first_seen for c in contacts])


def alerts_feed(alerts: Sequence[AlertOut], *, title: str, self_url: str) -> bytes:
    fg = _feed("urn:readoutwatch:alerts", title, self_url)
    for alert in alerts:
        entry = _entry(
            fg, f"urn:readoutwatch:alert:{alert.alert_id}", alert_title(alert), alert.raised_at
        )
        _links(entry, alert.sources)
        states = ", ".join(f"{d.subscription}/{d.channel}: {d.status}" for d in alert.deliveries)
        entry.summary(f"{alert_title(alert)}. Deliveries: {states or 'none'}.")
    return _finish(fg, [a.raised_at for a in alerts])


def _feed(feed_id: str, title: str, self_url: str) -> FeedGenerator:
    fg = FeedGenerator()
    fg.register_extension("linkrel", BaseExtension, _LinkRelations, rss=False)
    fg.id(feed_id)
    fg.title(title)
    fg.link(href=self_url, rel="self")
    fg.generator("readoutwatch")
    return fg


def _entry(fg: FeedGenerator, entry_id: str, title: str, updated: dt.datetime) -> FeedEntry:
    entry = fg.add_entry(order="append")
    entry.id(entry_id)
    entry.title(title)
    entry.updated(updated)
    return entry


def _links(entry: FeedEntry, sources: Sequence[str]) -> None:
    for n, url in enumerate(sources):
        entry.link(href=url, rel="alternate" if n == 0 else "related")
        entry.linkrel.rels.append("alternate" if n == 0 else "related")


def _finish(fg: FeedGenerator, times: Sequence[dt.datetime]) -> bytes:
    fg.updated(max(times, default=dt.datetime(2000, 1, 1, tzinfo=dt.UTC)))
    return bytes(fg.atom_str(pretty=True))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]
