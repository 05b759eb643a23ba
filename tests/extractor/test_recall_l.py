"""Round eleven (11l): missed readouts on the three dev pools, grouped by class (a rule only for
a class of three misses or more from two outlets or more in two pools or more). Sentences written
for the tests, each with a near-miss twin on the other side of the rule."""

from __future__ import annotations

import datetime as dt

from services.extractor.pipeline import extract
from shared.schemas import ExtractInput
from tests.extractor.rules_helpers import held_pairs

# Class: an earlier office-holder missing from the gazetteer, so the name has no country and the
# contact no second government (2006 presidents' meetings, a 2011 prime minister's call, a 2019
# acting defence secretary, a 2018 European Council president, a 2007 outgoing president).


def test_earlier_heads_of_government_are_known_on_their_day() -> None:
    text = (
        "President George W. Bush met Colombian President Alvaro Uribe at the White House on "
        "Thursday to discuss a trade pact."
    )
    assert held_pairs(text, day=dt.date(2006, 2, 17)) == [
        frozenset({"George W. Bush", "Álvaro Uribe"})
    ]
    text = (
        "Prime Minister Yoshihiko Noda held telephone talks with Australian Prime Minister "
        "Julia Gillard on Tuesday."
    )
    assert held_pairs(text, day=dt.date(2011, 9, 13)) == [
        frozenset({"Yoshihiko Noda", "Julia Gillard"})
    ]
    text = "Hugo Chavez held two hours of talks with Mahmoud Ahmadinejad in Tehran on Monday."
    assert held_pairs(text, day=dt.date(2007, 11, 20)) == [
        frozenset({"Hugo Chávez", "Mahmoud Ahmadinejad"})
    ]


def test_a_body_s_earlier_head_and_an_acting_minister_are_known() -> None:
    text = (
        "European Council President Donald Tusk said on Monday that his first telephone "
        "conversation with Spain's new prime minister had been very useful."
    )
    assert held_pairs(text, day=dt.date(2018, 6, 5)) == [
        frozenset({"Donald Tusk", "Pedro Sánchez"})
    ]
    text = (
        "Acting Secretary of Defense Patrick Shanahan met Brazilian Defense Minister Fernando "
        "Azevedo e Silva at the Pentagon on Tuesday."
    )
    assert held_pairs(text, day=dt.date(2019, 3, 26)) == [
        frozenset({"Patrick Shanahan", "Fernando Azevedo e Silva"})
    ]


def test_out_of_office_they_are_no_senior_party() -> None:
    # twins: the same people years after their terms
    text = "George W. Bush met Colombian President Gustavo Petro in Dallas on Thursday."
    assert held_pairs(text, day=dt.date(2023, 5, 4)) == []
    text = (
        "Olusegun Obasanjo held talks with Liberian President Joseph Boakai in Monrovia on "
        "Saturday."
    )
    assert held_pairs(text, day=dt.date(2024, 6, 1)) == []


def test_an_outgoing_president_still_in_office_is_a_party() -> None:
    text = (
        "Outgoing President Olusegun Obasanjo held talks with President Ellen Johnson Sirleaf "
        "in Monrovia on Saturday."
    )
    assert held_pairs(text, day=dt.date(2007, 5, 27)) == [
        frozenset({"Olusegun Obasanjo", "Ellen Johnson Sirleaf"})
    ]


# Class: an undated page whose roles were read at the latest year its text states, an old
# event's ("the 2006 resolution", "since February 2022", "in 2015"), which makes the officials
# it names in full nobody (set 5 as-046, set 6 me-060, real europe-americas-034).


def _undated(text: str) -> list[frozenset[str | None]]:
    out = extract(ExtractInput(id="t", text=text))
    assert out.error is None, out.error
    return [frozenset(p.name for p in c.participants) for c in out.contacts if c.status == "held"]


def test_an_official_first_in_office_after_the_stated_year_dates_the_page() -> None:
    # bare full names, no titles: only the gazetteer's terms say who they are
    text = (
        "Badr Abdelatty spoke by phone with Antony Blinken about the ceasefire in Lebanon. "
        "Abdelatty stressed the need to apply resolution 1701, adopted in 2006."
    )
    assert frozenset({"Badr Abdelatty", "Antony Blinken"}) in _undated(text)
    text = (
        "Christopher Luxon held his first call with Volodymyr Zelensky on Tuesday. New Zealand "
        "has backed Ukraine since February 2022, Luxon said."
    )
    assert frozenset({"Christopher Luxon", "Volodymyr Zelensky"}) in _undated(text)


def test_an_official_between_two_terms_does_not_move_the_page() -> None:
    # twin: Costa held an office before the stated year and another after it; named here as
    # the former prime minister, he dates nothing
    text = (
        "Luís Montenegro had lunch with António Costa in Lisbon on Monday. Costa, prime "
        "minister until April 2024, was chosen last week to chair the European Council."
    )
    assert _undated(text) == []
