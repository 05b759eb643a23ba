"""``silence_started``: has a watched pair gone past its threshold without a contact?

Pure.  A silence begins on the first day past the pair's threshold after its last known
contact.  It is raised once: its alert id derives from the pair and that last contact, so the
next check finds it raised, and only a new contact (then a new silence) can raise another.  It
is raised only while fresh: a silence that began more than ``max_age_days`` ago (the notifier
was down, or the history was imported) is old news, like any other backfill.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from services.notifier.alerts import alert_id
from services.notifier.thresholds import SilenceRules

SILENCE_STARTED = "silence_started"


@dataclass(frozen=True)
class Silence:
    pair_key: str
    last_contact: dt.date
    began: dt.date  # the first day past the threshold: the alert's date
    days: int  # days without contact on that day

    @property
    def alert_id(self) -> str:
        return alert_id(self.pair_key, SILENCE_STARTED, self.last_contact)


def is_watched(pair_key: str, rules: SilenceRules) -> bool:
    return rules.watched is None or pair_key in rules.watched


def silence_due(
    pair_key: str, dates: Sequence[dt.date], rules: SilenceRules, today: dt.date
) -> Silence | None:
    """The pair's silence if it has begun by ``today`` and is still fresh, else None.

    ``dates``: every known contact date of the pair.  The threshold is the one the pair's
    next contact would be judged by (all these dates are earlier than it).
    """
    if not dates:
        return None
    last = max(dates)
    days = math.floor(rules.threshold(pair_key, dates)) + 1
    began = last + dt.timedelta(days=days)
    if today < began or (today - began).days > rules.max_age_days:
        return None
    return Silence(pair_key, last, began, days)
