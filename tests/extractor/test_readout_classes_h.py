"""Round seven (issue-11h-readout): recurring classes of wording behind false readouts, each
with a near-miss twin that must not change (sentences written for these tests)."""

from __future__ import annotations

import datetime as dt

from .rules_helpers import held_pairs, run

DAY = dt.date(2023, 3, 14)
SCHOLZ_MACRON = frozenset({"Olaf Scholz", "Emmanuel Macron"})


def test_a_meeting_said_not_to_happen_or_not_settled_is_no_contact() -> None:
    for text in (
        # a future negated: "will not / won't take place, happen, go ahead"
        "A government spokesman said on Tuesday that talks between German Chancellor Olaf "
        "Scholz and French President Emmanuel Macron will not take place this month.",
        "A meeting between German Chancellor Olaf Scholz and French President Emmanuel "
        "Macron won't happen before the summer, officials said.",
        # not (yet / still) settled: defined, finalised, decided
        "German Chancellor Olaf Scholz confirmed his trip to Paris, however a bilateral "
        "meeting with French President Emmanuel Macron has not yet been finalised.",
        "Chancellor Olaf Scholz said a bilateral meeting with French President Emmanuel "
        "Macron is still not defined.",
        # the noun of a cancellation before the contact
        "Chancellor Olaf Scholz regretted the suspension of the meeting with French President "
        "Emmanuel Macron.",
        "German Chancellor Olaf Scholz explained the postponement of his talks with French "
        "President Emmanuel Macron.",
    ):
        assert not run(text, day=DAY).is_readout, text
        assert not held_pairs(text, day=DAY), text


def test_a_held_meeting_beside_a_contact_not_to_happen_twin_is_still_a_readout() -> None:
    for text in (
        # the negation is another clause's ("but", "though", a semicolon)
        "German Chancellor Olaf Scholz met French President Emmanuel Macron on Monday, but a "
        "second meeting will not take place this year.",
        "German Chancellor Olaf Scholz met French President Emmanuel Macron on Monday; a "
        "joint visit to Kyiv won't happen soon.",
        "German Chancellor Olaf Scholz met French President Emmanuel Macron on Monday, "
        "though the date of a summit has not yet been decided.",
        # a suspension as a topic of the talks, after the contact
        "German Chancellor Olaf Scholz met French President Emmanuel Macron on Monday and "
        "discussed the suspension of the fiscal rules.",
    ):
        assert run(text, day=DAY).is_readout, text
        assert held_pairs(text, day=DAY) == [SCHOLZ_MACRON], text


def test_a_contact_that_will_take_place_twin_stays_planned() -> None:
    text = (
        "A government spokesman said that talks between German Chancellor Olaf Scholz and "
        "French President Emmanuel Macron will take place this month."
    )
    out = run(text, day=DAY)
    assert not out.is_readout
    assert not held_pairs(text, day=DAY)
    assert [c.status for c in out.contacts] == ["planned"]
