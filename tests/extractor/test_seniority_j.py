"""Who is a senior official (issue 11j), by the labelling rules: reigning monarchs and
*governing* crown princes count; an heir who does not govern (Jordan's, Oman's crown prince) is
listed in the gazetteer so that his name is read, but is no senior party to a contact. Each rule
has a twin on the other side. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from services.extractor.data import load

from .rules_helpers import held_pairs, run

DAY = dt.date(2023, 5, 2)


@pytest.mark.parametrize(
    "who",
    [
        "Jordan's Crown Prince",
        "the Jordanian crown prince",
        "the Crown Prince of Jordan, Hussein bin Abdullah,",
        "Crown Prince Hussein of Jordan",
    ],
)
def test_an_heir_who_does_not_govern_is_no_senior_party(who: str) -> None:
    text = f"Egyptian President Abdel Fattah al-Sisi held a phone call with {who} on Monday."
    assert held_pairs(text, day=DAY) == []
    assert not run(text, day=DAY).is_readout


@pytest.mark.parametrize(
    "who",
    [
        "Saudi Arabia's Crown Prince Mohammed bin Salman",
        "the Crown Prince of Saudi Arabia, Mohammed bin Salman,",
        "King Abdullah II of Jordan",
    ],
)
def test_a_governing_crown_prince_or_a_king_is_senior(who: str) -> None:
    text = f"Egyptian President Abdel Fattah al-Sisi held a phone call with {who} on Monday."
    assert len(held_pairs(text, day=DAY)) == 1
    assert run(text, day=DAY).is_readout


def test_the_heir_beside_his_father_is_left_out_of_the_contact() -> None:
    text = (
        "King Abdullah II, accompanied by Crown Prince Hussein, met Egyptian President "
        "Abdel Fattah al-Sisi in Amman on Monday."
    )
    assert held_pairs(text, day=DAY) == [frozenset({"King Abdullah II", "Abdel Fattah el-Sisi"})]


def test_heirs_are_listed_with_an_office_that_is_not_senior() -> None:
    people = {o.name: o for o in load().people}
    for name in ("Crown Prince Hussein", "Theyazin bin Haitham"):
        assert [r.senior for r in people[name].roles] == [False]
    assert all(r.senior for r in people["Mohammed bin Salman"].roles)
