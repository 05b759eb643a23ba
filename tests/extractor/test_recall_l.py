"""Round eleven (11l): missed readouts on the three dev pools, grouped by class (a rule only for
a class of three misses or more from two outlets or more in two pools or more). Sentences written
for the tests, each with a near-miss twin on the other side of the rule."""

from __future__ import annotations

import datetime as dt

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
