"""Pure silence rules: thresholds and their precedence, backfill age, when a silence starts."""

from __future__ import annotations

import datetime as dt

import pytest

from services.notifier.pairs import pair_key
from services.notifier.people import Seen, latest_sightings, merge
from services.notifier.silence import history_present, is_backfill
from services.notifier.thresholds import SilenceRules, median_gap
from services.notifier.watch import silence_due
from shared.schemas import AlertParticipant
from shared.settings import AlertSettings
from tests.notifier.builders import d

BN = pair_key("Joe Biden", "Benjamin Netanyahu")
HH = pair_key("Kamala Harris", "Isaac Herzog")


def every(days: int, count: int, start: str = "2024-01-01") -> list[dt.date]:
    return [d(start) + dt.timedelta(days=days * i) for i in range(count)]


def _rules(**alerts: object) -> SilenceRules:
    return SilenceRules.from_settings(AlertSettings.model_validate(alerts))


def test_settings_become_rules_with_order_and_spelling_free_keys() -> None:
    rules = _rules(
        silence_days=30,
        person_silence_days={"Benjamín NETANYAHU": 10},
        pairs=[{"people": ["Isaac Herzog", "kamala harris"], "silence_days": 5, "watch": False}],
    )
    assert rules.pair_days == {HH: 5}
    assert rules.person_days == {"benjamin netanyahu": 10}
    assert rules.watched == frozenset()  # listed, but not watched
    assert _rules(watch="history").watched is None
    assert _rules(pairs=[{"people": ["Joe Biden", "Benjamin Netanyahu"]}]).watched == {BN}


def test_threshold_precedence_pair_then_person_then_adaptive_then_default() -> None:
    often = every(2, 12)  # a pair that talks every two days
    rules = SilenceRules(
        default_days=21,
        pair_days={HH: 5},
        person_days={"joe biden": 14, "benjamin netanyahu": 9},
        adaptive_factor=3,
        adaptive_min_contacts=10,
    )
    assert rules.threshold(HH, often) == 5  # the pair's own
    assert rules.threshold(BN, often) == 9  # the smaller of its people's
    other = pair_key("Emmanuel Macron", "Olaf Scholz")
    assert rules.threshold(other, often) == 6  # 3 x the 2-day median gap
    assert rules.threshold(other, often[:9]) == 21  # too little history: the default
    assert SilenceRules(adaptive_factor=0).threshold(other, often) == 21  # rule switched off


def test_median_gap_counts_days_not_articles() -> None:
    same_day_twice = [d("2024-01-01"), d("2024-01-01"), d("2024-01-05"), d("2024-01-06")]
    assert median_gap(same_day_twice, min_contacts=3) == 2.5
    assert median_gap(same_day_twice, min_contacts=4) is None  # three distinct contacts


def test_backfill_is_measured_against_the_article_and_the_history_present() -> None:
    today = d("2026-03-01")
    # replaying 2023 articles into a fresh history: the present moves with them
    present = history_present(today, None, d("2023-11-06"))
    assert present == d("2023-11-06")
    assert not is_backfill(
        d("2023-11-06"), published=d("2023-11-06"), present=present, max_age_days=14
    )
    # the same article reaching a history that is up to date: old news
    present = history_present(today, d("2026-02-28"), d("2023-11-06"))
    assert is_backfill(d("2023-11-06"), published=d("2023-11-06"), present=present, max_age_days=14)
    # an article recalling an old meeting (a photo caption): old news even in a fresh history
    assert is_backfill(d("2023-10-18"), published=d("2024-01-19"), present=None, max_age_days=14)
    # a wrong future date never moves the present past today
    assert history_present(today, d("2030-01-01"), None) == today
    assert history_present(today, None, None) is None
    assert not is_backfill(
        d("2024-01-05"), published=d("2024-01-19"), present=None, max_age_days=14
    )


def test_silence_starts_the_day_after_the_threshold_and_only_while_fresh() -> None:
    rules = SilenceRules(default_days=21, max_age_days=14)
    dates = [d("2024-01-01"), d("2024-01-19")]
    assert silence_due(BN, dates, rules, d("2024-02-09")) is None  # 21 days: not yet
    silence = silence_due(BN, dates, rules, d("2024-02-10"))
    assert silence is not None
    assert (silence.last_contact, silence.began, silence.days) == (
        d("2024-01-19"),
        d("2024-02-10"),
        22,
    )
    assert silence_due(BN, dates, rules, d("2024-02-24")) == silence  # still fresh
    assert silence_due(BN, dates, rules, d("2024-02-25")) is None  # began 15 days ago: old news
    assert silence_due(BN, [], rules, d("2024-02-10")) is None
    # the same silence (and alert id) whatever day it is checked
    again = silence_due(BN, dates, rules, d("2024-02-20"))
    assert again is not None and again.alert_id == silence.alert_id


def test_adaptive_silence_of_a_chatty_pair_starts_sooner() -> None:
    rules = SilenceRules(adaptive_factor=3, adaptive_min_contacts=10)
    dates = every(2, 12)  # last contact 2024-01-23, threshold 6 days
    silence = silence_due(BN, dates, rules, d("2024-01-30"))
    assert silence is not None and (silence.began, silence.days) == (d("2024-01-30"), 7)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # a later sighting wins what it knows, and keeps what only the older one knew
        (
            ("Israel Katz", "IL", "Foreign Minister", "2024-01-09"),
            ("Israel Katz", None, "Defence Minister", "2024-11-10"),
            ("Israel Katz", "IL", "Defence Minister", "2024-11-10"),
        ),
        # an older article arriving late never turns the role back
        (
            ("Israel Katz", "IL", "Defence Minister", "2024-11-10"),
            ("Israel Katz", "IL", "Foreign Minister", "2024-01-09"),
            ("Israel Katz", "IL", "Defence Minister", "2024-11-10"),
        ),
    ],
)
def test_people_as_last_seen(first: tuple, second: tuple, expected: tuple) -> None:
    def seen(name: str, country: str | None, role: str, date: str) -> Seen:
        return Seen(name, country, role, d(date))

    assert merge(seen(*first), seen(*second)) == seen(*expected)
    sightings = latest_sightings(
        (AlertParticipant(name=n, country=c, role=r), d(day)) for n, c, r, day in (first, second)
    )
    assert sightings == {"israel katz": seen(*expected)}
