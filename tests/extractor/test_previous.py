"""The previous contact of a pair, in the phrasings real reports use (sentences written for these
tests after the wording of wires, agencies and official readouts, not copied from them)."""

from __future__ import annotations

import datetime as dt

import pytest

from services.extractor.previous import previous_contact
from shared.schemas import ExtractInput

from .rules_helpers import held, run

DAY = dt.date(2025, 3, 14)


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        ("It was their first call since Dec. 23.", dt.date(2024, 12, 23)),
        ("The call was the first between the two leaders since 2 February.", dt.date(2025, 2, 2)),
        ("It was the first contact between them since November 5, 2024.", dt.date(2024, 11, 5)),
        (
            "It was their first meeting since they met in Lima, Peru, on Nov. 16.",
            dt.date(2024, 11, 16),
        ),
        (
            "The talks were the first since the leaders' summit on the sidelines of the G20 "
            "in Rio on 18 November 2024.",
            dt.date(2024, 11, 18),
        ),
        ("The two leaders last spoke by phone on January 9.", dt.date(2025, 1, 9)),
        ("They had last met in Brussels on 20 February.", dt.date(2025, 2, 20)),
        ("The two presidents last held a phone call on September 11, 2024.", dt.date(2024, 9, 11)),
        ("Their previous conversation was on 3 March.", dt.date(2025, 3, 3)),
        (
            "The last meeting between the two ministers took place in Ankara on January 28.",
            dt.date(2025, 1, 28),
        ),
        (
            "Putin's last known conversation with the French president, according to the "
            "Kremlin, was dated September 11, 2022.",
            dt.date(2022, 9, 11),
        ),
        ("Their most recent talks were held on Feb. 27 in Riyadh.", dt.date(2025, 2, 27)),
        ("It was the leaders' first call in 28 days.", dt.date(2025, 2, 14)),
        ("It was their first meeting in three weeks.", dt.date(2025, 2, 21)),
    ],
)
def test_previous_contact_phrasings(sentence: str, want: dt.date) -> None:
    assert previous_contact([sentence], DAY) == want


@pytest.mark.parametrize(
    "sentence",
    [
        # another event, not a contact of the pair
        "It was the king's first meeting with the president since his coronation in May 2023.",
        "It was their first meeting since he took office on January 20.",
        "It was the first visit since taking office last month.",
        # a month or a year, or a vague count: no day to give
        "They held their first phone call in nearly three years, having last talked in 2022.",
        "It was their first conversation since September 2022.",
        "The two leaders last spoke in November.",
        "It was the first meeting in more than two months.",
        # a year is not a day ("May 2023" is not May 20)
        "The leaders last met in May 2023 at the summit.",
    ],
)
def test_no_previous_contact_without_a_day_of_a_contact(sentence: str) -> None:
    assert previous_contact([sentence], DAY) is None


def test_previous_contact_of_an_undated_contact_needs_its_year() -> None:
    assert previous_contact(["They last spoke on July 23, 2020."], None) == dt.date(2020, 7, 23)
    assert previous_contact(["They last spoke on July 23."], None) is None
    assert previous_contact(["It was their first call in 28 days."], None) is None


def test_previous_contact_through_the_extractor() -> None:
    out = run(
        "Turkish President Recep Tayyip Erdogan held a telephone conversation with Russian "
        "President Vladimir Putin on Tuesday, the Turkish presidency said. The two leaders had "
        "last spoken by phone on February 2.",
        day=dt.date(2025, 3, 12),
    )
    # the news call, then the earlier call of the same pair as a contact of its own (issue 11e)
    assert [(c.date, c.previous_contact) for c in held(out)] == [
        (dt.date(2025, 3, 11), dt.date(2025, 2, 2)),
        (dt.date(2025, 2, 2), None),
    ]


def test_extract_input_keeps_its_contract_with_the_new_field() -> None:
    doc = ExtractInput.model_validate({"id": "a", "text": "x"})
    assert doc.fetched_at is None


def test_the_second_meeting_within_a_span_takes_the_dated_one_in_it() -> None:
    said = [
        "The talks were the second between the two presidents within two weeks.",
        "President Tinubu had hosted Talon in Paris on June 23 at a summit.",
        "Their first meeting was in March.",
    ]
    assert previous_contact(said, dt.date(2023, 7, 7)) == dt.date(2023, 6, 23)
    # a date outside the span is not it
    assert previous_contact(said, dt.date(2023, 9, 7)) is None
