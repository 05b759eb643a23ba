"""Round ten (11k): "had a call with A, and with B" repeats the preposition, so it tells two
calls, one with each; "with A and B" stays one contact unless something else says separate.
Sentences written for the tests."""

from __future__ import annotations

import datetime as dt

from tests.extractor.rules_helpers import held_pairs

_DAY = dt.date(2022, 1, 14)


def test_with_a_and_with_b_are_two_calls() -> None:
    text = (
        "Spanish Prime Minister Pedro Sánchez had a telephone conversation on Thursday with "
        "French President Emmanuel Macron, and with British Prime Minister Boris Johnson, "
        "about the coming NATO summit."
    )
    assert held_pairs(text, day=_DAY) == [
        frozenset({"Pedro Sánchez", "Emmanuel Macron"}),
        frozenset({"Pedro Sánchez", "Boris Johnson"}),
    ]


def test_with_a_and_b_in_one_meeting_stays_one() -> None:
    text = (
        "Spanish Prime Minister Pedro Sánchez held talks on Thursday with French President "
        "Emmanuel Macron and British Prime Minister Boris Johnson in Madrid."
    )
    assert held_pairs(text, day=_DAY) == [
        frozenset({"Pedro Sánchez", "Emmanuel Macron", "Boris Johnson"})
    ]
