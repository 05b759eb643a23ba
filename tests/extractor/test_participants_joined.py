"""Who took part in the reported contact: an official who joined the call later, a holder of
the title whose surname is misspelt by one letter. Sentences written for the tests."""

from __future__ import annotations

import datetime as dt

from services.extractor.titled import _one_letter

from .rules_helpers import held, participant_names, run

DAY = dt.date(2023, 2, 4)


def test_an_official_who_joined_the_call_later_took_part_in_it() -> None:
    text = (
        "Iraqi Prime Minister Mohammed Shia al-Sudani spoke with US President Joe Biden by "
        "phone on Friday. The two leaders discussed security cooperation. "
        "Jordan's King Abdullah II joined the phone call later, the readout said."
    )
    [call] = held(run(text, day=DAY))
    assert participant_names(call) == {"Mohammed Shia al-Sudani", "Joe Biden", "King Abdullah II"}


def test_joining_something_else_adds_no_one() -> None:
    text = (
        "Iraqi Prime Minister Mohammed Shia al-Sudani spoke with US President Joe Biden by "
        "phone on Friday. Jordan's King Abdullah II joined the coalition in 2014."
    )
    [call] = held(run(text, day=DAY))
    assert participant_names(call) == {"Mohammed Shia al-Sudani", "Joe Biden"}


def test_a_title_holder_misspelt_by_one_letter_is_that_holder() -> None:
    text = (
        "Iraqi Prime Minister Mohammed Shia al-Sudani held a telephone call with U.S. President "
        "Joe Bide on Friday."
    )
    [call] = held(run(text, day=DAY))
    assert participant_names(call) == {"Mohammed Shia al-Sudani", "Joe Biden"}
    assert _one_letter("bide", "biden") and _one_letter("macro", "macron")
    assert _one_letter("shoukri", "shoukry") and not _one_letter("biden", "biden")
    assert not _one_letter("bush", "obama") and not _one_letter("putin", "pu")


def test_a_head_of_government_with_a_minister_of_the_same_side_is_one_meeting() -> None:
    text = (
        "In Belgrade, Serbian President Aleksandar Vucic met with Hungarian Prime Minister Viktor "
        "Orban and Foreign Minister Peter Szijjarto, with whom he discussed energy projects."
    )
    pairs = [participant_names(c) for c in held(run(text, day=dt.date(2023, 3, 25)))]
    assert pairs == [{"Aleksandar Vučić", "Viktor Orbán", "Péter Szijjártó"}]


def test_two_heads_of_one_country_met_in_turn_stay_two_meetings() -> None:
    text = (
        "Visiting Indian External Affairs Minister Subrahmanyam Jaishankar met Sri Lankan "
        "President Ranil Wickremesinghe and Prime Minister Dinesh Gunawardena in Colombo."
    )
    pairs = [participant_names(c) for c in held(run(text, day=dt.date(2023, 6, 21)))]
    assert len(pairs) == 2


def test_joining_a_meeting_of_others_or_of_another_kind_adds_no_one() -> None:
    call = (
        "Iraqi Prime Minister Mohammed Shia al-Sudani spoke with US President Joe Biden by "
        "phone on Friday. "
    )
    for later in (
        "Jordan's King Abdullah II joined the meeting of Arab leaders in Cairo.",
        "Jordan's King Abdullah II later joined the talks in Amman.",
    ):
        held_call = held(run(call + later, day=DAY))[0]
        assert participant_names(held_call) == {"Mohammed Shia al-Sudani", "Joe Biden"}, later
