"""Who took part in the reported contact: an official who joined the call later, a head of
government met with a minister of the same side, a holder of the title whose surname is
misspelt by one letter. Sentences written for the tests."""

from __future__ import annotations

import datetime as dt

from services.extractor.titled import _one_letter

from .rules_helpers import held, participant_names, run

DAY = dt.date(2023, 10, 21)
CALL = (
    "Egyptian President Abdel Fattah al-Sisi spoke with US President Joe Biden by phone on Friday. "
)


def test_an_official_who_joined_the_call_later_took_part_in_it() -> None:
    text = (
        CALL + "The two leaders discussed Gaza. The Jordanian monarch, King Abdullah II, joined "
        "their call for its last twenty minutes, Cairo said."
    )
    [call] = held(run(text, day=DAY))
    assert participant_names(call) == {"Abdel Fattah el-Sisi", "Joe Biden", "King Abdullah II"}


def test_joining_something_else_adds_no_one() -> None:
    for later in (
        "King Abdullah II of Jordan joined the coalition in 2014.",
        "King Abdullah II of Jordan joined the meeting of Arab leaders in Cairo.",
        "King Abdullah II of Jordan later joined the talks in Amman.",
    ):
        call = held(run(CALL + later, day=DAY))[0]
        assert participant_names(call) == {"Abdel Fattah el-Sisi", "Joe Biden"}, later


def test_a_title_holder_misspelt_by_one_letter_is_that_holder() -> None:
    text = "Spanish Prime Minister Pedro Sanchez held talks with French President Emmanuel Macrn."
    [talks] = held(run(text, day=DAY))
    assert participant_names(talks) == {"Pedro Sánchez", "Emmanuel Macron"}
    assert _one_letter("bide", "biden") and _one_letter("macrn", "macron")
    assert _one_letter("shoukri", "shoukry") and not _one_letter("biden", "biden")
    assert not _one_letter("bush", "obama") and not _one_letter("putin", "pu")


def test_a_head_of_government_with_a_minister_of_the_same_side_is_one_meeting() -> None:
    text = (
        "Croatian Prime Minister Andrej Plenkovic met Hungarian Prime Minister Viktor Orban and "
        "Foreign Minister Peter Szijjarto in Zagreb to discuss a pipeline."
    )
    pairs = [participant_names(c) for c in held(run(text, day=DAY))]
    assert pairs == [{"Andrej Plenković", "Viktor Orbán", "Péter Szijjártó"}]


def test_two_heads_of_one_country_met_in_turn_stay_two_meetings() -> None:
    text = (
        "Visiting Indian External Affairs Minister Subrahmanyam Jaishankar met Sri Lankan "
        "President Ranil Wickremesinghe and Prime Minister Dinesh Gunawardena in Colombo."
    )
    pairs = [participant_names(c) for c in held(run(text, day=dt.date(2023, 6, 21)))]
    assert len(pairs) == 2


def test_joining_the_meeting_of_others_puts_no_one_on_the_call() -> None:
    later = "The Qatari emir joined the meeting of Gulf rulers in Riyadh the same day."
    for contact in held(run(CALL + later, day=DAY)):
        assert "Tamim bin Hamad Al Thani" not in participant_names(contact)
