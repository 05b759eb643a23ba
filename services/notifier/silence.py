"""The silence rule: is a held contact new, does it end a long silence, or is it old news?

Pure functions over dates; the store supplies a pair's history, this module decides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from shared.schemas import AlertType, ContactKind

Origin = Literal["reported", "mentioned"]

# An article reporting a contact weeks after it happened (a photo caption, a background
# paragraph) recalls history; it does not announce news.
MAX_REPORT_LAG_DAYS = 14


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


def decide(
    contact_date: dt.date,
    kind: ContactKind,
    history: Iterable[Known],
    text_previous_contact: dt.date | None,
    threshold_days: int,
    *,
    published: dt.date | None = None,
    max_report_lag_days: int = MAX_REPORT_LAG_DAYS,
) -> Decision:
    """Decide on a held contact of a pair, given the pair's other known contacts.

    The previous contact is the later of the latest history date strictly before
    ``contact_date`` and the text's own "first since ..." date.  A contact older than the pair's
    latest held contact arrived out of order, and one reported long after it happened
    (``published`` more than ``max_report_lag_days`` later) is stale: both are history only.
    """
    known = list(history)
    latest_held = max((k.date for k in known if k.origin == "reported"), default=None)
    if latest_held is not None and contact_date < latest_held:
        return Decision(None, kind)
    if published is not None and (published - contact_date).days > max_report_lag_days:
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
