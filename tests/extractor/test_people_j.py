"""The people of held contacts (issue 11j). A role told in general ("the leaders of A and B",
"an Australian prime minister") in a recalled contact dated to a year its holder of today held
no office in is not that holder: no contact is named for it. Each rule has a near-miss twin.
Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from .rules_helpers import held_pairs, run

DAY = dt.date(2023, 3, 16)  # Albanese prime minister since May 2022; Kishida since October 2021
ALBANESE_XI = frozenset({"Anthony Albanese", "Xi Jinping"})
KISHIDA_XI = frozenset({"Fumio Kishida", "Xi Jinping"})


@pytest.mark.parametrize(
    "sentence",
    [
        "The previous formal talks between an Australian prime minister and the Chinese"
        " president took place in 2017.",
        "The leaders of Japan and China last held a phone call in 2019, officials noted.",
    ],
)
def test_a_role_in_general_in_a_year_before_its_holder_is_nobody_named(sentence: str) -> None:
    assert held_pairs(sentence, day=DAY) == []


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        # the holder of today held the office in the year told
        (
            "The previous formal talks between an Australian prime minister and the Chinese"
            " president took place in 2022.",
            ALBANESE_XI,
        ),
        # no year told: today's holders, as before
        ("The leaders of Japan and China last held a phone call in January.", KISHIDA_XI),
        # the holders named and in office in the year told
        (
            "Prime Minister Fumio Kishida and President Xi Jinping last held a phone call"
            " in 2022, officials noted.",
            KISHIDA_XI,
        ),
    ],
)
def test_a_role_held_then_or_a_name_keeps_its_holder(sentence: str, pair: frozenset[str]) -> None:
    assert pair in held_pairs(sentence, day=DAY)


# Gazetteer spellings: one official under the spellings pages give him, so the news told twice
# is one contact, not a second one with an unknown person.
@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        ("Seyed Ebrahim Raisi", "Ebrahim Raisi"),
        ("Hossein Amir Abdollahian", "Hossein Amir-Abdollahian"),
        ("Badr bin Hamad Al Busaidi", "Badr Albusaidi"),
        ("U.Khurelsukh", "Ukhnaagiin Khürelsükh"),
    ],
)
def test_an_official_under_another_spelling_is_the_same_official(spelling: str, name: str) -> None:
    day = dt.date(2022, 6, 23) if "Khurelsukh" not in spelling else dt.date(2020, 9, 16)
    text = f"Minister Wang Yi held a phone call with {spelling} on Thursday."
    assert [
        p.name for c in run(text, day=day).contacts for p in c.participants if p.name != "Wang Yi"
    ] == [name]


def test_a_first_name_alone_is_not_the_official() -> None:
    text = "Minister Wang Yi held a phone call with Seyed Hossein Mousavian on Thursday."
    names = [p.name for c in run(text, day=dt.date(2022, 6, 23)).contacts for p in c.participants]
    assert "Ebrahim Raisi" not in names and "Hossein Amir-Abdollahian" not in names


# The predicate of a contact noun whose parties follow it ("the summit between A and B would
# ..."): past the parties, whose lowercase titles stop the rules on the noun's tail.
@pytest.mark.parametrize(
    "sentence",
    [
        "Officials hoped that the summit between French President Emmanuel Macron and German"
        " chancellor Olaf Scholz would calm the markets.",
        "Aides said the meeting of the leaders of France and Germany on energy will be held in"
        " Berlin.",
        "The call between the foreign ministers of France and Germany on the crisis has not yet"
        " been held, a spokesman said.",
        "Talk between the leaders of France and Germany on energy is not held, aides say",
    ],
)
def test_a_contact_noun_whose_predicate_past_its_parties_is_a_plan_or_denied(
    sentence: str,
) -> None:
    assert held_pairs(sentence, day=DAY) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials said that the summit between French President Emmanuel Macron and German"
        " chancellor Olaf Scholz took place in Paris.",
        "The call between the foreign ministers of France and Germany on the crisis was held on"
        " Monday, a spokesman said.",
    ],
)
def test_a_contact_noun_told_as_past_past_its_parties_is_held(sentence: str) -> None:
    assert len(held_pairs(sentence, day=DAY)) == 1


# Intent told in other forms of the words the plan rules know: "is looking forward to meeting",
# 'is "prepared" to talk to' (a quoted word), as "looks forward to" and "prepared to" already.
@pytest.mark.parametrize(
    "sentence",
    [
        "Chancellor Olaf Scholz said he is looking forward to meeting soon with President"
        " Emmanuel Macron.",
        'Chancellor Olaf Scholz said on Monday he is "prepared" to talk to President Emmanuel'
        " Macron.",
    ],
)
def test_a_contact_looked_forward_to_or_prepared_for_is_a_plan(sentence: str) -> None:
    assert held_pairs(sentence, day=DAY) == []
    # a plan or a readiness (issue-11j-verdict reads '"prepared" to' as readiness), never held
    assert all(c.status != "held" for c in run(sentence, day=DAY).contacts)
    assert not run(sentence, day=DAY).is_readout


def test_a_contact_told_with_no_intent_is_held() -> None:
    sentence = "Chancellor Olaf Scholz said he met President Emmanuel Macron on Monday."
    assert held_pairs(sentence, day=DAY) == [frozenset({"Olaf Scholz", "Emmanuel Macron"})]


MACRON_SCHOLZ = frozenset({"Emmanuel Macron", "Olaf Scholz"})
MACRON_SANCHEZ = frozenset({"Emmanuel Macron", "Pedro Sánchez"})


def test_a_headline_comma_list_of_guests_is_one_meeting_each() -> None:
    text = "Macron holds talks with chancellor Scholz, premier Sánchez"
    assert set(held_pairs(text, day=DAY)) == {MACRON_SANCHEZ, MACRON_SCHOLZ}


@pytest.mark.parametrize(
    "text",
    [
        # a call with a comma list: a conference call
        "Macron holds call with chancellor Scholz, premier Sánchez",
        # a sentence, not a headline: "talks with A, B" may be one trilateral meeting
        "Macron held talks with chancellor Scholz, premier Sánchez.",
    ],
)
def test_a_call_or_a_sentence_with_a_comma_list_stays_one_contact(text: str) -> None:
    assert [len(p) for p in held_pairs(text, day=DAY)] == [3]


def test_separate_talks_of_any_medium_are_one_contact_each() -> None:
    text = "Macron held separate long-distance talks with Chancellor Scholz and Premier Sánchez."
    assert set(held_pairs(text, day=DAY)) == {MACRON_SANCHEZ, MACRON_SCHOLZ}
    twin = "Macron held long-distance talks with Chancellor Scholz and Premier Sánchez."
    assert [len(p) for p in held_pairs(twin, day=DAY)] == [3]


# The one who invited is the party of the invitation, not (by those words) of the contact.
@pytest.mark.parametrize(
    "sentence",
    [
        "Foreign Minister Annalena Baerbock made a surprise appearance on the sidelines of the"
        " summit in Nice on Sunday at the invitation of French President Emmanuel Macron.",
        "Chancellor Olaf Scholz left today, Thursday, heading to France on an official visit, in"
        " response to an invitation from French President Emmanuel Macron.",
    ],
)
def test_the_inviter_is_no_party_of_the_contact(sentence: str) -> None:
    assert held_pairs(sentence, day=DAY) == []


def test_the_inviter_met_in_the_same_sentence_is_a_party() -> None:
    sentence = (
        "Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Sunday, at the"
        " invitation of the French president."
    )
    assert held_pairs(sentence, day=DAY) == [MACRON_SCHOLZ]
