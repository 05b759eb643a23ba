"""Office-holders real articles meet outside the 2020+ list (Gulf prime ministers and crown
princes, earlier heads of government and foreign ministers), read at the article's date."""

from __future__ import annotations

import datetime as dt

import pytest

from .rules_helpers import held, participant_names, run


@pytest.mark.parametrize(
    ("title", "day", "holder"),
    [
        ("Qatari Prime Minister", dt.date(2021, 5, 3), "Khalid bin Khalifa bin Abdulaziz Al Thani"),
        ("Qatari Prime Minister", dt.date(2018, 5, 3), "Abdullah bin Nasser bin Khalifa Al Thani"),
        ("Kuwaiti Crown Prince", dt.date(2021, 5, 3), "Mishal Al-Ahmad Al-Jaber Al-Sabah"),
        ("British Prime Minister", dt.date(2018, 5, 3), "Theresa May"),
        ("US Secretary of State", dt.date(2015, 5, 3), "John Kerry"),
        ("US Secretary of State", dt.date(2017, 5, 3), "Rex Tillerson"),
        ("UN Secretary-General", dt.date(2016, 5, 3), "Ban Ki-moon"),
        ("Indian External Affairs Minister", dt.date(2016, 5, 3), "Sushma Swaraj"),
        ("Irish Taoiseach", dt.date(2018, 5, 3), "Leo Varadkar"),
        ("Mongolian Prime Minister", dt.date(2019, 5, 3), "Ukhnaagiin Khürelsükh"),
    ],
)
def test_a_title_is_read_as_its_holder_that_day(title: str, day: dt.date, holder: str) -> None:
    out = run(
        f"Turkish President Recep Tayyip Erdogan held a telephone conversation with the {title} "
        "on Monday.",
        day=day,
    )
    assert [participant_names(c) for c in held(out)] == [
        frozenset({"Recep Tayyip Erdoğan", holder})
    ]


def test_spellings_of_listed_people() -> None:
    out = run(
        "South African President Matamela Cyril Ramaphosa held a telephone conversation with "
        "American President Donald John Trump on Thursday afternoon.",
        day=dt.date(2020, 4, 19),
    )
    assert [participant_names(c) for c in held(out)] == [
        frozenset({"Cyril Ramaphosa", "Donald Trump"})
    ]


@pytest.mark.parametrize(
    ("named", "holder"),
    [
        ("King Abdullah of Saudi Arabia", "King Abdullah bin Abdulaziz"),
        ("King Abdullah of Jordan", "King Abdullah II"),
        ("King Abdullah", "King Abdullah II"),
    ],
)
def test_a_country_after_a_name_picks_that_countrys_official(named: str, holder: str) -> None:
    out = run(
        f"Egyptian President Abdel Fattah al-Sisi held talks with {named} in Cairo on Friday.",
        day=dt.date(2014, 6, 21),
    )
    assert [participant_names(c) for c in held(out)] == [
        frozenset({"Abdel Fattah el-Sisi", holder})
    ]


def test_a_titled_full_name_spelt_another_way_is_the_known_official() -> None:
    out = run(
        "Czech Prime Minister Petr Fiala received Austrian Chancellor Karel Nehammer in Prague "
        "on Tuesday. Fiala and Chancellor Karl Nehammer discussed energy.",
        day=dt.date(2022, 5, 18),
    )
    assert [participant_names(c) for c in held(out)] == [frozenset({"Petr Fiala", "Karl Nehammer"})]


def test_indias_national_security_adviser() -> None:
    out = run(
        "Sri Lankan President Ranil Wickremesinghe met National Security Adviser Ajit Doval in "
        "New Delhi on Friday.",
        day=dt.date(2023, 7, 22),
    )
    assert [participant_names(c) for c in held(out)] == [
        frozenset({"Ranil Wickremesinghe", "Ajit Doval"})
    ]


def test_a_name_holding_its_title_serves_whatever_day_roles_are_read_at() -> None:
    text = (
        "Argentine President Javier Milei met Italian Prime Minister Giorgia Meloni in Rome on "
        "Monday. In addition to meeting with Pope Francis, Milei visited the Senate."
    )
    out = run(text, day=dt.date(2026, 6, 1))  # read long after the Pope's death
    pairs = [participant_names(c) for c in held(out)]
    assert frozenset({"Javier Milei", "Pope Francis"}) in pairs


def test_the_late_pope_is_no_serving_official() -> None:
    text = "Argentine President Javier Milei recalled meeting the late Pope Francis in Rome."
    out = run(text, day=dt.date(2026, 6, 1))
    assert not held(out)


def test_a_titled_name_at_a_funeral_is_no_serving_official() -> None:
    text = (
        "President Joe Biden spoke to the governor today on his way back from the state funeral "
        "for Queen Elizabeth II."
    )
    out = run(text, day=dt.date(2022, 9, 19))
    assert not held(out)
