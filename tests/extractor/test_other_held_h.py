"""Held contacts that are no contact (issue 11h): a meeting the sentence says will not happen,
or whose holding is not yet settled, told after the meeting's own noun ("a meeting between A and
B will not take place", "a meeting with A has not yet been decided", "is still not defined").
Each rule has a near-miss twin that stays held. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from .rules_helpers import held_pairs

DAY = dt.date(2023, 3, 16)  # a Thursday
PAIR = frozenset({"Olaf Scholz", "Emmanuel Macron"})


@pytest.mark.parametrize(
    "predicate",
    [
        "will not take place this month",
        "won't happen before the summer",
        "would not take place as long as the dispute lasts",
    ],
)
def test_a_meeting_that_will_not_take_place_is_no_contact(predicate: str) -> None:
    text = (
        "A spokesman said that a meeting between German Chancellor Olaf Scholz and French "
        f"President Emmanuel Macron {predicate}."
    )
    assert held_pairs(text, day=DAY) == []


def test_a_meeting_that_took_place_is_held() -> None:
    text = (
        "A spokesman said that a meeting between German Chancellor Olaf Scholz and French "
        "President Emmanuel Macron took place in Berlin on Tuesday."
    )
    assert held_pairs(text, day=DAY) == [PAIR]


@pytest.mark.parametrize("verb", ["will not take place", "did not take place"])
def test_a_meeting_held_before_but_a_later_one_that_will_not_take_place(verb: str) -> None:
    # the denial is of another meeting, in a clause of its own after "but"
    text = (
        "German Chancellor Olaf Scholz met French President Emmanuel Macron on Tuesday, but a "
        f"second meeting {verb} this week."
    )
    assert held_pairs(text, day=DAY) == [PAIR]


@pytest.mark.parametrize(
    "predicate",
    [
        "has not yet been defined",
        "is still not decided",
        "has not been finalised",
        "is still not settled",
    ],
)
def test_a_meeting_not_yet_settled_is_no_contact(predicate: str) -> None:
    text = (
        "German Chancellor Olaf Scholz will travel to Paris for the fair, but a bilateral meeting "
        f"with French President Emmanuel Macron {predicate}, his office said."
    )
    assert held_pairs(text, day=DAY) == []


def test_a_meeting_that_defined_the_agenda_is_held() -> None:
    text = (
        "German Chancellor Olaf Scholz met French President Emmanuel Macron on Tuesday; the "
        "meeting defined the agenda of the summit, his office said."
    )
    assert held_pairs(text, day=DAY) == [PAIR]


def test_delegates_met_at_an_assembly_including_a_list_are_one_meeting_each() -> None:
    # two group words and where they were met, between "met several" and "including"
    text = (
        "Indian External Affairs Minister S. Jaishankar met several delegates and diplomats on "
        "the sidelines of the assembly, including Moroccan Foreign Minister Nasser Bourita and "
        "Belgian Prime Minister Alexander De Croo."
    )
    assert held_pairs(text, day=DAY) == [
        frozenset({"S. Jaishankar", "Nasser Bourita"}),
        frozenset({"S. Jaishankar", "Alexander De Croo"}),
    ]


def test_a_list_after_no_group_of_officials_is_not_split() -> None:
    # "reporters" are no officials: the names are not the people of the group word, so the
    # list is not read as one meeting each (the second name gets no meeting of its own)
    text = (
        "Indian External Affairs Minister S. Jaishankar met several reporters on the sidelines "
        "of the assembly, including Moroccan Foreign Minister Nasser Bourita and Belgian Prime "
        "Minister Alexander De Croo."
    )
    pairs = held_pairs(text, day=DAY)
    assert frozenset({"S. Jaishankar", "Alexander De Croo"}) not in pairs
    assert len(pairs) <= 1
