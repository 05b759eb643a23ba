"""Held contacts that are no contact (issue 11g): a call that has not happened yet told with a
contraction, a habit ("whenever they meet"), a name standing for its
government ("the Biden administration"); and one call told twice with its party's name spelt
two ways (sentences written for these tests after the shape of real reports)."""

from __future__ import annotations

import datetime as dt

import pytest

from .rules_helpers import held, participant_names, run

DAY = dt.date(2023, 3, 16)  # a Thursday


@pytest.mark.parametrize("apostrophe", ["'", "\u2019"])
def test_a_contraction_denies_the_contact(apostrophe: str) -> None:
    text = (
        f"German Chancellor Olaf Scholz hasn{apostrophe}t called French President Emmanuel "
        "Macron since the summit, officials in Berlin say."
    )
    assert held(run(text, day=DAY)) == []


def test_the_same_call_without_the_contraction_is_held() -> None:
    text = "German Chancellor Olaf Scholz called French President Emmanuel Macron on Tuesday."
    assert [participant_names(c) for c in held(run(text, day=DAY))] == [
        frozenset({"Olaf Scholz", "Emmanuel Macron"})
    ]


def test_a_habit_is_no_contact() -> None:
    text = (
        "Trade always comes up whenever German Chancellor Olaf Scholz meets French President "
        "Emmanuel Macron, an aide said."
    )
    assert held(run(text, day=DAY)) == []
    text = "Every time Scholz meets French President Emmanuel Macron, trade comes up."
    assert held(run(text, day=DAY)) == []


def test_a_meeting_told_after_a_habit_of_another_clause_is_held() -> None:
    text = (
        "German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on "
        "Tuesday, an aide said."
    )
    assert len(held(run(text, day=DAY))) == 1


@pytest.mark.parametrize("word", ["administration", "Administration", "government", "-era"])
def test_a_name_standing_for_its_government_takes_no_part(word: str) -> None:
    gap = "" if word.startswith("-") else " "
    text = (
        "Serbian President Aleksandar Vucic met on Wednesday with a former envoy of the "
        f"Biden{gap}{word} in Belgrade."
    )
    assert not any("Joe Biden" in participant_names(c) for c in held(run(text, day=DAY)))


def test_a_titled_name_before_administration_words_still_takes_part() -> None:
    text = (
        "Serbian President Aleksandar Vucic met on Wednesday with US President Joe Biden, "
        "whose administration has backed the talks."
    )
    pairs = [participant_names(c) for c in held(run(text, day=DAY))]
    assert pairs == [frozenset({"Aleksandar Vučić", "Joe Biden"})]


def test_one_call_told_with_a_name_spelt_two_ways_is_one() -> None:
    text = (
        "Secretary of State Antony Blinken spoke by phone with Indian Foreign Minister "
        "Subrahmanyam Jaishankar on Tuesday. Secretary of State Anthony Blinken had his call "
        "with Indian Foreign Minister Subrahmanyam Jaishankar on Tuesday to discuss trade."
    )
    assert len(held(run(text, day=DAY))) == 1


def test_one_occasion_reads_people_by_surname_and_country() -> None:
    from services.extractor.contacts import _one_occasion
    from shared.schemas import Contact, Person

    def call(first: str, day: dt.date | None = DAY) -> Contact:
        people = [
            Person(name=f"{first} Blinken", country="US"),
            Person(name="Jo Doe", country="IN"),
        ]
        return Contact(kind="call", date=day, participants=people)

    assert len(_one_occasion([call("Antony"), call("Anthony")])) == 1
    # near miss: undated, the pair told twice may be two calls; another day is another call
    assert len(_one_occasion([call("Antony", None), call("Anthony", None)])) == 2
    assert len(_one_occasion([call("Antony"), call("Anthony", dt.date(2023, 3, 1))])) == 2


def test_officials_who_were_joined_in_the_call_by_others_share_one_call() -> None:
    text = (
        "German Chancellor Olaf Scholz held a videoconference with French President Emmanuel "
        "Macron and European Council President Charles Michel. The three were joined in the "
        "videoconference by Italian Prime Minister "
        "Giorgia Meloni and Spanish Prime Minister Pedro Sanchez."
    )
    pairs = [participant_names(c) for c in held(run(text, day=DAY))]
    assert pairs == [
        frozenset(
            {"Olaf Scholz", "Emmanuel Macron", "Charles Michel", "Giorgia Meloni", "Pedro Sánchez"}
        )
    ]


def test_a_joined_by_without_the_contact_word_adds_no_one() -> None:
    text = (
        "German Chancellor Olaf Scholz held a videoconference with French President Emmanuel "
        "Macron on Tuesday. He was joined by Italian Prime Minister Giorgia Meloni at a dinner "
        "in Rome later that week."
    )
    pairs = [participant_names(c) for c in held(run(text, day=DAY))]
    assert frozenset({"Olaf Scholz", "Emmanuel Macron"}) in pairs
    assert not any("Giorgia Meloni" in p and "Emmanuel Macron" in p for p in pairs)


def _pairs(text: str, day: dt.date = DAY) -> list[frozenset[str | None]]:
    return [participant_names(c) for c in held(run(text, day=day))]


def test_who_after_a_name_holds_the_contact_of_its_relative_clause() -> None:
    text = (
        "German Chancellor Olaf Scholz spoke with French President Emmanuel Macron on "
        "Wednesday. The call came after Italian Prime Minister Giorgia Meloni, who spoke with "
        "Spanish Prime Minister Pedro Sanchez on Tuesday, urged restraint."
    )
    assert frozenset({"Giorgia Meloni", "Pedro Sánchez"}) in _pairs(text)


def test_who_of_another_verb_is_no_party() -> None:
    # near miss: the relative clause tells no contact; the contact after it is the clause's
    text = (
        "Italian Prime Minister Giorgia Meloni, who arrived on Tuesday, met Spanish Prime "
        "Minister Pedro Sanchez on Wednesday."
    )
    assert _pairs(text) == [frozenset({"Giorgia Meloni", "Pedro Sánchez"})]


def test_a_phone_dialogue_led_by_two_ministers_is_theirs() -> None:
    text = (
        "The president said at her briefing that a phone dialogue took place led by Indian "
        "Foreign Minister Subrahmanyam Jaishankar and Secretary of State Antony Blinken."
    )
    assert _pairs(text) == [frozenset({"S. Jaishankar", "Antony Blinken"})]


def test_a_call_with_a_minister_led_by_the_speaker_stays_the_speakers() -> None:
    # near miss: "with" names the other party; nothing is "led by" anyone
    text = (
        "Indian Foreign Minister Subrahmanyam Jaishankar held a phone conversation with "
        "Secretary of State Antony Blinken on Tuesday."
    )
    assert _pairs(text) == [frozenset({"S. Jaishankar", "Antony Blinken"})]


def test_first_term_us_officials_are_known() -> None:
    day = dt.date(2018, 9, 14)
    text = (
        "NATO Secretary General Jens Stoltenberg met Secretary of Defense James Mattis on Thursday."
    )
    assert _pairs(text, day) == [frozenset({"Jens Stoltenberg", "James Mattis"})]


def test_a_dated_call_the_news_follows_is_held() -> None:
    text = (
        "Secretary of State Antony Blinken spoke today with Indian Foreign Minister Subrahmanyam "
        "Jaishankar to discuss next steps following the March 3 call between President Joe "
        "Biden and Prime Minister Narendra Modi."
    )
    out = run(text, day=DAY)
    recalled = [c for c in out.contacts if participant_names(c) == {"Joe Biden", "Narendra Modi"}]
    assert [c.status for c in recalled] == ["held"]


def test_a_call_the_news_prepares_is_planned() -> None:
    # near miss: "ahead of" a call, which "will" take place
    text = (
        "Secretary of State Antony Blinken spoke today with Indian Foreign Minister Subrahmanyam "
        "Jaishankar ahead of the call President Joe Biden will hold with Prime Minister "
        "Narendra Modi."
    )
    out = run(text, day=DAY)
    recalled = [c for c in out.contacts if participant_names(c) == {"Joe Biden", "Narendra Modi"}]
    assert all(c.status != "held" for c in recalled)


def test_and_also_with_names_a_second_meeting() -> None:
    text = (
        "During the visit, Russian Foreign Minister Sergey Lavrov held talks with his Serbian "
        "counterpart Ivica Dacic and also with President Aleksandar Vucic on Tuesday."
    )
    pairs = _pairs(text)
    assert frozenset({"Sergey Lavrov", "Aleksandar Vučić"}) in pairs


def test_spoke_with_allies_including_several_is_one_call_each() -> None:
    text = (
        "Before the trip, Finnish President Alexander Stubb spoke with key allies, including "
        "Ukrainian President Volodymyr Zelensky, British Prime Minister Keir Starmer, France's "
        "Emmanuel Macron and others."
    )
    assert _pairs(text) == [
        frozenset({"Alexander Stubb", "Volodymyr Zelensky"}),
        frozenset({"Alexander Stubb", "Keir Starmer"}),
        frozenset({"Alexander Stubb", "Emmanuel Macron"}),
    ]


def test_a_place_possessive_before_the_subject_joins_nothing() -> None:
    # near miss: "both A and Ukraine's B" after a call with C: not a call of A with B
    text = (
        "After separate calls with French President Emmanuel Macron, both Russian President "
        "Vladimir Putin and Ukraine's Volodymyr Zelensky pressed for more talks."
    )
    assert frozenset({"Vladimir Putin", "Volodymyr Zelensky"}) not in _pairs(text)


def test_a_planned_list_of_talks_is_planned_item_by_item() -> None:
    text = (
        "Bilateral meetings of Chinese President Xi Jinping have been arranged for tomorrow, "
        "in particular a talk with French President Emmanuel Macron, a talk with German "
        "Chancellor Olaf Scholz and also talks with Italian Prime Minister Giorgia Meloni, "
        "a spokesman said."
    )
    out = run(text, day=DAY)
    assert held(out) == []
    assert not any({"Emmanuel Macron", "Olaf Scholz"} <= participant_names(c) for c in out.contacts)


def test_a_held_list_of_talks_stays_held() -> None:
    # near miss: the list's head is a held contact, so its items are held
    text = (
        "Chinese President Xi Jinping held several meetings on Tuesday, in particular a talk "
        "with French President Emmanuel Macron and a talk with German Chancellor Olaf Scholz."
    )
    pairs = _pairs(text)
    assert frozenset({"Xi Jinping", "Olaf Scholz"}) in pairs
    assert frozenset({"Emmanuel Macron", "Olaf Scholz"}) not in pairs


def test_announcing_a_meeting_is_a_plan() -> None:
    text = (
        "Japanese Prime Minister Fumio Kishida announced on Monday a meeting with Chinese "
        "President Xi Jinping."
    )
    assert held(run(text, day=DAY)) == []


def test_announcing_that_they_met_is_held() -> None:
    # near miss: the announcement tells a held contact
    text = (
        "Japanese Prime Minister Fumio Kishida announced on Monday that he met Chinese "
        "President Xi Jinping in Bali."
    )
    assert _pairs(text) == [frozenset({"Fumio Kishida", "Xi Jinping"})]


def test_a_call_that_should_take_place_is_a_plan() -> None:
    text = (
        "German Chancellor Olaf Scholz spoke with French President Emmanuel Macron on Tuesday "
        "and the two leaders agreed that a video conference between Chinese President Xi "
        "Jinping and Indian Prime Minister Narendra Modi should take place."
    )
    pairs = _pairs(text)
    assert frozenset({"Olaf Scholz", "Emmanuel Macron"}) in pairs
    assert not any("Xi Jinping" in p for p in pairs)


def test_a_quote_attributed_in_the_next_sentence_has_its_speaker() -> None:
    text = (
        '"I had telephone conversations with the presidents of France and Finland and '
        'thanked them for their support." This was reported by the President of Ukraine '
        "Volodymyr Zelensky."
    )
    pairs = _pairs(text)
    assert frozenset({"Volodymyr Zelensky", "Emmanuel Macron"}) in pairs
    assert not any({"Emmanuel Macron", "Alexander Stubb"} <= p for p in pairs)


def test_a_quote_followed_by_another_report_has_no_speaker_from_it() -> None:
    # near miss: the next sentence is no attribution ("was reported by" is missing)
    text = (
        '"I had telephone conversations with the presidents of France and Finland." '
        "The President of Ukraine Volodymyr Zelensky arrived in Kyiv."
    )
    assert not any("Volodymyr Zelensky" in p for p in _pairs(text))


def test_earlier_there_was_a_call_is_an_earlier_contact_of_its_own() -> None:
    text = (
        "Russian President Vladimir Putin spoke by phone with US President Donald Trump on "
        "Tuesday. The conversation was frank. It is worth noting that earlier there was a "
        "telephone conversation between Putin and Trump."
    )
    contacts = held(run(text, day=DAY))
    pair = frozenset({"Vladimir Putin", "Donald Trump"})
    assert [(participant_names(c), c.date) for c in contacts] == [
        (pair, dt.date(2023, 3, 14)),
        (pair, None),
    ]


def test_there_was_a_call_without_earlier_is_the_news() -> None:
    # near miss: no word of another occasion, the news told again
    text = (
        "Russian President Vladimir Putin spoke by phone with US President Donald Trump on "
        "Tuesday. It is worth noting that there was a telephone conversation between Putin "
        "and Trump."
    )
    assert len(held(run(text, day=DAY))) == 1


def test_a_trip_to_mediate_talks_is_no_contact_held() -> None:
    text = (
        "Kenyan President William Ruto said Tanzanian President Samia Suluhu Hassan was in "
        "Nairobi last month to mediate talks between Ugandan President Yoweri Museveni and "
        "Ethiopian Prime Minister Abiy Ahmed."
    )
    assert not any("Yoweri Museveni" in p for p in _pairs(text))


def test_talks_mediated_and_held_are_held() -> None:
    # near miss: the talks are told as held, the mediator named apart
    text = (
        "Ugandan President Yoweri Museveni held talks with Ethiopian Prime Minister Abiy Ahmed "
        "in Nairobi on Tuesday, mediated by Kenya."
    )
    assert _pairs(text) == [frozenset({"Yoweri Museveni", "Abiy Ahmed"})]


def test_accompanying_the_host_to_receive_a_courtesy_visit_is_the_hosts_meeting() -> None:
    text = (
        "Foreign Minister Penny Wong spoke after accompanying Prime Minister Anthony Albanese "
        "to receive the courtesy visit of Fijian Prime Minister Sitiveni Rabuka in Canberra "
        "on Tuesday."
    )
    assert _pairs(text) == [frozenset({"Anthony Albanese", "Sitiveni Rabuka"})]


def test_receiving_a_courtesy_visit_of_a_delegation_names_no_one() -> None:
    # near miss: "the courtesy visit of" a delegation with no official named
    text = (
        "Prime Minister Anthony Albanese received the courtesy visit of a business delegation "
        "from Fiji on Tuesday."
    )
    assert _pairs(text) == []


def test_a_long_office_before_a_name_is_that_persons() -> None:
    day = dt.date(2018, 9, 14)
    text = (
        "NATO Secretary General Jens Stoltenberg met US Secretary of State Mike Pompeo on "
        "Thursday. During his visit, Stoltenberg also met the Assistant to the President and "
        "National Security Advisor, Ambassador John Bolton."
    )
    assert frozenset({"Jens Stoltenberg", "John Bolton"}) in _pairs(text, day)


def test_words_other_than_an_office_before_a_name_break_the_object() -> None:
    # near miss: the name after other words is not the one met
    day = dt.date(2018, 9, 14)
    text = (
        "NATO Secretary General Jens Stoltenberg met US Secretary of State Mike Pompeo on "
        "Thursday. Stoltenberg also met reporters at the Pentagon before the National Security "
        "Advisor, Ambassador John Bolton, arrived."
    )
    assert frozenset({"Jens Stoltenberg", "John Bolton"}) not in _pairs(text, day)
