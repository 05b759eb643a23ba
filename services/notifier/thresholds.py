"""Silence rules of the configuration, and the threshold they give one pair.

A pair's threshold is, first match wins: its own ``[[alerts.pairs]] silence_days``; the smaller
of its two people's ``person_silence_days``; the adaptive rule (``adaptive_factor`` times the
pair's median gap, once it has ``adaptive_min_contacts`` known contacts); ``silence_days``.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise

from services.notifier.pairs import name_key, pair_key, pair_people
from shared.settings import AlertSettings


@dataclass(frozen=True)
class SilenceRules:
    default_days: int = 21
    pair_days: Mapping[str, int] = field(default_factory=dict)  # pair key -> days
    person_days: Mapping[str, int] = field(default_factory=dict)  # name key -> days
    adaptive_factor: float = 0.0  # 0: no adaptive rule
    adaptive_min_contacts: int = 10
    max_age_days: int = 14  # a contact older than this at arrival is history only (silence.py)
    watched: frozenset[str] | None = frozenset()  # pair keys; None: every pair with history

    @classmethod
    def from_settings(cls, alerts: AlertSettings) -> SilenceRules:
        pair_days = {
            pair_key(*p.people): p.silence_days for p in alerts.pairs if p.silence_days is not None
        }
        watched = frozenset(pair_key(*p.people) for p in alerts.pairs if p.watch)
        return cls(
            default_days=alerts.silence_days,
            pair_days=pair_days,
            person_days={name_key(name): days for name, days in alerts.person_silence_days.items()},
            adaptive_factor=alerts.adaptive_factor,
            adaptive_min_contacts=alerts.adaptive_min_contacts,
            max_age_days=alerts.max_age_days,
            watched=None if alerts.watch == "history" else watched,
        )

    def threshold(self, key: str, earlier: Iterable[dt.date]) -> float:
        """Days of silence the pair ``key`` may have before a contact ends a silence.

        ``earlier``: the dates of the pair's known contacts before the one being decided.
        """
        if key in self.pair_days:
            return float(self.pair_days[key])
        people = [self.person_days[p] for p in pair_people(key) if p in self.person_days]
        if people:
            return float(min(people))
        if self.adaptive_factor > 0:
            gap = median_gap(earlier, min_contacts=self.adaptive_min_contacts)
            if gap is not None:
                return self.adaptive_factor * gap
        return float(self.default_days)


def median_gap(dates: Iterable[dt.date], *, min_contacts: int) -> float | None:
    """The median of the days between consecutive contacts, or None below ``min_contacts``.

    Two contacts on one day are one contact here: a gap of 0 days says nothing about silence.
    """
    days = sorted(set(dates))
    if len(days) < max(min_contacts, 2):
        return None
    return float(statistics.median((b - a).days for a, b in pairwise(days)))
