"""Who takes part and who is senior (issue 11k). A South Asian "Foreign Secretary" is the
foreign ministry's career head, no senior official (the United Kingdom's is the minister); the
officials an adviser, aide or envoy works for ("advisers to A, B and C") are not present; and
gazetteer gaps: a name the gazetteer spells with its honorific ("President Sheikh Mohamed"),
Vietnam's earlier leaders, the Sahrawi Republic's president. Each rule has a near-miss twin.
Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from services.extractor.titled import civil_servant_title

from .rules_helpers import held_pairs, run

DAY = dt.date(2023, 6, 10)  # Macron, Scholz and Meloni in office; Wang Yi foreign minister


@pytest.mark.parametrize(
    "sentence",
    [
        "Indian Foreign Secretary Arun Prakash Menon called on Chinese Foreign Minister Wang Yi"
        " in Beijing on Tuesday.",
        "The Foreign Secretary of Pakistan, Sadia Rahim Khan, met Chinese Foreign Minister"
        " Wang Yi in Beijing on Tuesday.",
        "Bangladeshi Foreign Secretary Rafiqul Karim held talks with Chinese Foreign Minister"
        " Wang Yi on Tuesday.",
    ],
)
def test_a_south_asian_foreign_secretary_is_no_senior_party(sentence: str) -> None:
    out = run(sentence, day=DAY)
    assert not out.is_readout
    assert held_pairs(sentence, day=DAY) == []


def test_the_british_foreign_secretary_is_the_minister() -> None:
    day = dt.date(2025, 3, 12)
    sentence = (
        "British Foreign Secretary David Lammy met Chinese Foreign Minister Wang Yi in Beijing"
        " on Tuesday."
    )
    assert frozenset({"David Lammy", "Wang Yi"}) in held_pairs(sentence, day=day)
    assert not civil_servant_title("foreign secretary", "GB")
    assert civil_servant_title("foreign secretary", "LK")
    assert not civil_servant_title("foreign minister", "IN")


@pytest.mark.parametrize(
    "sentence",
    [
        "Diplomatic advisers to Macron, Scholz and Meloni met in Brussels on Tuesday to prepare"
        " the summit.",
        "Senior aides of President Emmanuel Macron and Chancellor Olaf Scholz met in Paris on"
        " Tuesday.",
        "The envoys of Macron and Scholz held talks in Berlin on Tuesday.",
    ],
)
def test_those_an_adviser_works_for_are_not_present(sentence: str) -> None:
    assert held_pairs(sentence, day=DAY) == []


@pytest.mark.parametrize(
    ("sentence", "people"),
    [
        (
            "Macron, Scholz and Meloni met in Brussels on Tuesday to prepare the summit.",
            frozenset({"Emmanuel Macron", "Olaf Scholz", "Giorgia Meloni"}),
        ),
        (
            "With their advisers to one side, Macron met Scholz in Paris on Tuesday.",
            frozenset({"Emmanuel Macron", "Olaf Scholz"}),
        ),
        (
            "Macron met Scholz in Paris on Tuesday, with an adviser to each at the table.",
            frozenset({"Emmanuel Macron", "Olaf Scholz"}),
        ),
    ],
)
def test_leaders_beside_advisers_still_take_part(sentence: str, people: frozenset[str]) -> None:
    assert people in held_pairs(sentence, day=DAY)


@pytest.mark.parametrize(
    ("sentence", "day", "people"),
    [
        # a name the gazetteer spells with its honorific, after a title
        (
            "President Sheikh Mohamed on Wednesday held a phone call with President Hassan"
            " Sheikh Mohamud of Somalia.",
            dt.date(2025, 3, 19),
            frozenset({"Mohamed bin Zayed", "Hassan Sheikh Mohamud"}),
        ),
        # the other Sheikh Mohammed keeps his own name
        (
            "Sheikh Mohammed bin Rashid received Prime Minister Narendra Modi in Dubai on"
            " Wednesday.",
            dt.date(2025, 3, 19),
            frozenset({"Mohammed bin Rashid Al Maktoum", "Narendra Modi"}),
        ),
        # Vietnam's three-part names, read whole
        (
            "Prime Minister Nguyen Tan Dung and Thai Prime Minister Prayut Chan-o-cha met in"
            " Bangkok on Sunday.",
            dt.date(2015, 12, 21),
            frozenset({"Nguyen Tan Dung", "Prayut Chan-o-cha"}),
        ),
        (
            "President Tran Dai Quang held talks with President Joko Widodo in Hanoi on Monday.",
            dt.date(2017, 9, 12),
            frozenset({"Tran Dai Quang", "Joko Widodo"}),
        ),
        # the Sahrawi Republic's president
        (
            "President Cyril Ramaphosa hosted Sahrawi President Brahim Ghali in Pretoria on"
            " Tuesday.",
            dt.date(2022, 10, 18),
            frozenset({"Cyril Ramaphosa", "Brahim Ghali"}),
        ),
    ],
)
def test_gazetteer_names(sentence: str, day: dt.date, people: frozenset[str]) -> None:
    assert people in held_pairs(sentence, day=day)
