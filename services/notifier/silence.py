"""The silence rule: is a held contact new, does it end a long silence, or is it old news?

Pure functions over dates; the store supplies a pair's history, this module decides.

Old news (backfill) is what a source listed before readoutwatch first polled it (the fetcher
marks those articles), or a contact too old at arrival (``[alerts] max_age_days``), judged
against two clocks: the article's publication date, and the *present of the history* -- the
later of the newest contact already known and the article's publication date, never later than
today. The second clock is the history's, not the wall clock's, so a replay of 2023 articles in
publication order moves the present along with it and raises the alerts a live run would have
raised, while an archive crawl into a history that has reached today is recorded without
alerting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from shared.schemas import AlertType, ContactKind

Origin = Literal["reported", "mentioned"]


@dataclass(frozen=True)
class Known:
    """One earlier known contact of a pair: reported as held, or only mentioned ("first since")."""

    date: dt.date
    origin: Origin = "reported"


@dataclass(frozen=True)
class Decision:
    """What a contact means for its pair; ``type`` is None when it raises no alert."""

    type: AlertType | None
    kind: ContactKind
    silence_days: int | None = None
    previous_contact: dt.date | None = None

    @property
    def raises_alert(self) -> bool:
        return self.type is not None


def history_present(
    today: dt.date, newest_known: dt.date | None, published: dt.date | None
) -> dt.date | None:
    """The date a contact's age at arrival is measured against (None: nothing to measure by)."""
    known = [day for day in (newest_known, published) if day is not None]
    return min(today, max(known)) if known else None


def is_backfill(
    contact_date: dt.date,
    *,
    published: dt.date | None,
    present: dt.date | None,
    max_age_days: int,
    marked: bool = False,
) -> bool:
    """True when the contact is old news: history that raises no alert.

    Either its article was ``marked`` as backfill (listed by a source on its first poll, before
    readoutwatch watched it), or the contact is more than ``max_age_days`` older than its
    article or the present: a photo caption recalling a meeting of last October, or an archive
    page reaching the feed today.
    """
    if marked:
        return True
    return any(
        clock is not None and (clock - contact_date).days > max_age_days
        for clock in (published, present)
    )


def decide(
    contact_date: dt.date,
    kind: ContactKind,
    history: Iterable[Known],
    text_previous_contact: dt.date | None,
    threshold_days: float,
) -> Decision:
    """Decide on a held contact of a pair, given the pair's other known contacts.

    The previous contact is the later of the latest history date strictly before
    ``contact_date`` and the text's own "first since ..." date.  A contact older than the pair's
    latest held contact arrived out of order: history only.  A gap longer than
    ``threshold_days`` ends a silence.
    """
    known = list(history)
    latest_held = max((k.date for k in known if k.origin == "reported"), default=None)
    if latest_held is not None and contact_date < latest_held:
        return Decision(None, kind)

    candidates = [k.date for k in known if k.date < contact_date]
    if text_previous_contact is not None and text_previous_contact < contact_date:
        candidates.append(text_previous_contact)
    if not candidates:
        return Decision("new_contact", kind)
    previous = max(candidates)
    gap = (contact_date - previous).days
    if gap > threshold_days:
        return Decision("silence_ended", kind, silence_days=gap, previous_contact=previous)
    return Decision("new_contact", kind, silence_days=gap, previous_contact=previous)
