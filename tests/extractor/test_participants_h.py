"""Round seven (11h): one host meeting a list of named guests. After a line telling of several
meetings or talks with leaders, the list is one meeting each; an office written before a
list item's name ("President of X, Given Names Surname") is that item's, not the previous
name's; items naming people who are not senior officials (a deputy minister, the speaker of a
council) do not end the list. Sentences written for the tests."""

from __future__ import annotations

import datetime as dt

from tests.extractor.rules_helpers import held_pairs

DAY = dt.date(2019, 2, 11)
HOST = (
    "Kenyan President Uhuru Kenyatta held a number of meetings with African leaders in Nairobi "
    "on Monday. "
)
GUESTS = (
    "Kenyatta met Ghanaian President Nana Akufo-Addo, Botswana's President Mokgweetsi Masisi "
    "and Rwandan President Paul Kagame at State House."
)


def test_after_a_line_of_several_meetings_each_named_guest_is_a_meeting() -> None:
    pairs = held_pairs(HOST + GUESTS, day=DAY)
    assert frozenset({"Uhuru Kenyatta", "Nana Akufo-Addo"}) in pairs
    assert frozenset({"Uhuru Kenyatta", "Mokgweetsi Masisi"}) in pairs
    assert frozenset({"Uhuru Kenyatta", "Paul Kagame"}) in pairs
    assert not any(len(p) > 2 for p in pairs)


def test_without_that_line_the_list_stays_one_meeting() -> None:
    pairs = held_pairs("On Monday, " + GUESTS, day=DAY)
    assert pairs == [
        frozenset({"Uhuru Kenyatta", "Nana Akufo-Addo", "Mokgweetsi Masisi", "Paul Kagame"})
    ]


def test_a_joint_meeting_after_that_line_stays_joint() -> None:
    text = HOST + GUESTS.replace("Kenyatta met", "Kenyatta held a joint meeting with")
    pairs = held_pairs(text, day=DAY)
    assert (
        frozenset({"Uhuru Kenyatta", "Nana Akufo-Addo", "Mokgweetsi Masisi", "Paul Kagame"})
        in pairs
    )


def test_an_office_before_a_list_item_s_name_is_that_item_s() -> None:
    text = HOST + (
        "Kenyatta met President of Ghana Nana Akufo-Addo, President of Rwanda, Paul Kagame, "
        "and President of Botswana Mokgweetsi Masisi."
    )
    pairs = held_pairs(text, day=DAY)
    assert frozenset({"Uhuru Kenyatta", "Paul Kagame"}) in pairs
    assert frozenset({"Uhuru Kenyatta", "Mokgweetsi Masisi"}) in pairs
    assert frozenset({"Uhuru Kenyatta", "Nana Akufo-Addo"}) in pairs


def test_an_office_after_a_name_still_describes_it() -> None:
    text = (
        "Paul Kagame, the President of Rwanda, met Kenyan President Uhuru Kenyatta in Nairobi "
        "on Monday."
    )
    assert held_pairs(text, day=DAY) == [frozenset({"Paul Kagame", "Uhuru Kenyatta"})]


def test_guests_who_are_no_senior_officials_do_not_end_the_list() -> None:
    text = HOST + (
        "Kenyatta met Ghanaian President Nana Akufo-Addo, Speaker of the Pan-African Parliament "
        "Roger Nkodo Dang, Nigerian Deputy Foreign Minister Zubairu Dada, Rwandan President "
        "Paul Kagame and Botswana's President Mokgweetsi Masisi."
    )
    pairs = held_pairs(text, day=DAY)
    assert frozenset({"Uhuru Kenyatta", "Paul Kagame"}) in pairs
    assert frozenset({"Uhuru Kenyatta", "Mokgweetsi Masisi"}) in pairs


def test_a_council_s_president_is_not_the_country_s() -> None:
    text = HOST + (
        "Kenyatta met Ghanaian President Nana Akufo-Addo, President of the Ghana Council "
        "Kwame Mensah, and Rwandan President Paul Kagame."
    )
    pairs = held_pairs(text, day=DAY)
    assert frozenset({"Uhuru Kenyatta", "Paul Kagame"}) in pairs
    assert not any("Kwame Mensah" in p for p in pairs)


# officials missing from the gazetteer (a foreign minister, a prime minister's noble title)
def test_a_long_ministry_name_between_title_and_name_is_the_title_s() -> None:
    text = (
        "Moroccan Foreign Minister Nasser Bourita held talks in Rabat on Monday with the Minister "
        "of Foreign Affairs, Cooperation and Mauritanians Abroad, Mohamed Salem Ould Merzoug."
    )
    pairs = held_pairs(text, day=dt.date(2023, 5, 8))
    assert pairs == [frozenset({"Nasser Bourita", "Mohamed Salem Ould Merzoug"})]


def test_a_clause_after_the_title_is_no_ministry_name() -> None:
    text = (
        "Moroccan Foreign Minister Nasser Bourita held talks in Rabat on Monday with the Minister "
        "of Foreign Affairs, who arrived late, and with Spanish Prime Minister Pedro Sanchez."
    )
    pairs = held_pairs(text, day=dt.date(2023, 5, 8))
    assert not any("Mohamed Salem Ould Merzoug" in p for p in pairs)


def test_a_prime_minister_named_by_his_noble_title() -> None:
    text = (
        "Fijian Prime Minister Sitiveni Rabuka met Tongan Prime Minister Hu'akavameiliku in Suva "
        "on Monday."
    )
    pairs = held_pairs(text, day=dt.date(2023, 5, 8))
    assert pairs == [frozenset({"Sitiveni Rabuka", "Siaosi Sovaleni"})]
