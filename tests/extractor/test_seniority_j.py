"""Who is a senior official (issue 11j), by the labelling rules: reigning monarchs and
*governing* crown princes count; an heir who does not govern (Jordan's, Oman's crown prince) is
listed in the gazetteer so that his name is read, but is no senior party to a contact. Each rule
has a twin on the other side. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from services.extractor.data import load
from services.extractor.pipeline import extract
from shared.schemas import ExtractInput

from .rules_helpers import held, held_pairs, participant_names, run

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


# Former leaders still titled. With no date on the page, the day roles are read at is a guess
# (today); the text's own word on who held which office wins over it.


def _undated_pairs(text: str) -> list[frozenset[str | None]]:
    out = extract(ExtractInput(id="t", text=text))
    assert out.error is None
    return [participant_names(c) for c in held(out)]


def test_undated_someone_called_former_is_no_serving_official_even_by_surname() -> None:
    text = (
        "Hungarian Prime Minister Viktor Orban held talks with former US President Donald Trump "
        "on Tuesday. The talks took place at the Trump estate in New Jersey, with Hungarian "
        "Foreign Minister Peter Szijjarto also in the meeting."
    )
    assert _undated_pairs(text) == []


def test_undated_a_serving_title_twin_is_a_contact() -> None:
    text = (
        "Hungarian Prime Minister Viktor Orban held talks with US President Donald Trump "
        "on Tuesday. The talks took place at the Trump estate in New Jersey."
    )
    assert _undated_pairs(text) == [frozenset({"Viktor Orbán", "Donald Trump"})]


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        (
            "Chairman of the People's Council of Turkmenistan Gurbanguly Berdimuhamedov had a "
            "telephone conversation with President of Turkey Recep Tayyip Erdogan.",
            [],
        ),
        (
            "President of Turkmenistan Gurbanguly Berdimuhamedov had a telephone conversation "
            "with President of Turkey Recep Tayyip Erdogan.",
            [frozenset({"Gurbanguly Berdimuhamedow", "Recep Tayyip Erdoğan"})],
        ),
        (
            "President of Kazakhstan Kassym-Jomart Tokayev met Dmitry Medvedev, Deputy Chairman "
            "of the Security Council of Russia, in Nur-Sultan.",
            [],
        ),
        (
            "President of Kazakhstan Kassym-Jomart Tokayev met Dmitry Medvedev, Prime Minister "
            "of Russia, in Nur-Sultan.",
            [frozenset({"Kassym-Jomart Tokayev", "Dmitry Medvedev"})],
        ),
        (
            "Chairman of the Sovereignty Council Abdel Fattah al-Burhan met President of Egypt "
            "Abdel Fattah al-Sisi in Cairo.",
            [frozenset({"Abdel Fattah al-Burhan", "Abdel Fattah el-Sisi"})],
        ),
    ],
)
def test_undated_an_office_written_next_to_the_name_is_theirs(
    text: str, pairs: list[frozenset[str]]
) -> None:
    assert _undated_pairs(text) == pairs


# Senior officials the gazetteer lacked or dated wrongly (facts, with their real terms).


@pytest.mark.parametrize(
    ("text", "day", "who"),
    [
        (
            "Cuban President Miguel Díaz-Canel received Spanish Prime Minister Pedro Sánchez in "
            "Havana on Thursday.",
            dt.date(2018, 11, 22),
            ("Miguel Díaz-Canel", "CU", "President"),
        ),
        (
            "Prime Minister Pedro Sánchez held a bilateral meeting with Polish Prime Minister "
            "Donald Tusk in Brussels on Thursday.",
            dt.date(2024, 3, 21),
            ("Donald Tusk", "PL", "Prime Minister"),
        ),
        (
            "Sheikh Mansour bin Zayed, the UAE Vice President, met Iraqi Prime Minister Mohammed "
            "Shia al-Sudani in Jeddah on Friday.",
            dt.date(2023, 5, 19),
            ("Mansour bin Zayed Al Nahyan", "AE", "Vice President"),
        ),
        (
            "Sheikh Mansour bin Zayed Al Nahyan, Vice President, Deputy Prime Minister and "
            "Minister of the Presidential Court, met Iraqi Prime Minister Mohammed Shia al-Sudani "
            "in Jeddah on Friday.",
            dt.date(2023, 5, 19),
            ("Mansour bin Zayed Al Nahyan", "AE", "Vice President"),
        ),
    ],
)
def test_offices_held_on_the_day(text: str, day: dt.date, who: tuple[str, str, str]) -> None:
    out = run(text, day=day)
    assert out.is_readout
    people = {(p.name, p.country, p.role) for c in held(out) for p in c.participants}
    assert who in people


def test_terms_added_to_the_gazetteer() -> None:
    people = {o.name: o for o in load().people}
    assert people["Mohammed bin Salman"].roles_at(dt.date(2016, 5, 1)) == ["Defence Minister"]
    assert people["Zoran Milanović"].roles_at(dt.date(2015, 5, 22)) == ["Prime Minister"]
    assert people["Miguel Díaz-Canel"].roles_at(dt.date(2018, 11, 22)) == ["President"]
    assert people["Miguel Díaz-Canel"].roles_at(dt.date(2018, 1, 1)) == []
    assert people["Edgars Rinkēvičs"].roles_at(dt.date(2021, 9, 13)) == ["Foreign Minister"]
    assert people["Sadyr Japarov"].roles_at(dt.date(2020, 11, 12)) == [
        "Prime Minister",
        "Acting President",
    ]
    assert people["Luis Videgaray"].roles_at(dt.date(2018, 12, 1)) == []


def test_a_spelling_of_a_listed_minister_is_that_minister() -> None:
    text = (
        "Foreign Minister Bilawal Bhutto-Zardari held a telephone call with Secretary of State "
        "Antony Blinken on Wednesday."
    )
    out = run(text, day=dt.date(2022, 10, 12))
    names = {p.name for c in held(out) for p in c.participants}
    assert names == {"Bilawal Bhutto Zardari", "Antony Blinken"}


def test_one_persons_list_of_offices_is_not_the_next_person() -> None:
    """'A, Vice President, Deputy Prime Minister and Minister of X, met B': the offices are A's;
    the twin: a list of two people, each with an office, stays two people."""
    day = dt.date(2023, 5, 19)
    one = (
        "Sheikh Mansour bin Zayed Al Nahyan, Vice President, Deputy Prime Minister and Minister "
        "of the Presidential Court, met Iraqi Prime Minister Mohammed Shia al-Sudani on Friday."
    )
    assert held_pairs(one, day=day) == [
        frozenset({"Mansour bin Zayed Al Nahyan", "Mohammed Shia al-Sudani"})
    ]
    two = (
        "Iraqi Prime Minister Mohammed Shia al-Sudani met Sheikh Mansour bin Zayed Al Nahyan, "
        "Vice President, and Prime Minister Sheikh Mohammed bin Rashid Al Maktoum on Friday."
    )
    names = {n for pair in held_pairs(two, day=day) for n in pair}
    assert {"Mansour bin Zayed Al Nahyan", "Mohammed bin Rashid Al Maktoum"} <= names


def test_undated_an_honorific_after_a_serving_title_is_not_another_office() -> None:
    text = (
        "The National Security Advisor of India, Ambassador Ajit Doval, held talks with "
        "Sri Lankan President Ranil Wickremesinghe in Colombo."
    )
    pairs = _undated_pairs(text)
    assert frozenset({"Ajit Doval", "Ranil Wickremesinghe"}) in pairs
