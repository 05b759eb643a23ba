"""Round eleven (issue-11l-fp): false readouts of classes the labelling rules define.

An office named by its title alone that its holder has not yet taken ("the President-elect of
Chile", "Peru's next president", "the incoming prime minister of Fiji") names no senior official:
presidents-elect are not counted. Such a title never resolves to the one serving on the day, so
a call with it is no contact between officials. Sentences written for these tests; each case has
a near-miss twin that must keep its contact.

Planned and conditional contacts are never held: an offer whose adverbial stands between
"ready" and "to" ("ready in principle to meet"), a contact someone suggests ("suggested talks
in Ankara", "suggested holding a meeting"), and a headline's contact "still being worked out"
without its auxiliary.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.extractor.rules_helpers import held_pairs, run

_DAY = dt.date(2021, 6, 9)


@pytest.mark.parametrize(
    "text",
    [
        # an elect title with its country after it, the holder misspelt or unnamed
        "UN Secretary-General Antonio Guterres on Tuesday telephoned Pedro Castilo, the "
        "President-elect of Peru, to congratulate him on his victory.",
        "UN Secretary-General Antonio Guterres on Tuesday telephoned the President-elect of "
        "Peru to congratulate him on his victory.",
        # "the next President of X": the office still to come, not today's holder
        "Canadian Prime Minister Justin Trudeau spoke on Tuesday with Pedro Castillo to "
        "congratulate him on his election as the next President of Peru.",
        # the country before "next"
        "Canadian Prime Minister Justin Trudeau spoke by phone on Tuesday with Peru's next "
        "president about trade.",
        "Canadian Prime Minister Justin Trudeau spoke by phone on Tuesday with the incoming "
        "President of Peru about trade.",
    ],
)
def test_a_call_with_an_office_still_to_come_is_no_readout(text: str) -> None:
    out = run(text, day=_DAY)
    assert not out.is_readout
    assert held_pairs(text, day=_DAY) == []


@pytest.mark.parametrize(
    "text",
    [
        # the serving holder, by title alone
        "Canadian Prime Minister Justin Trudeau spoke by phone on Tuesday with the President "
        "of Peru about trade.",
        # "next" that is no part of the title
        "Canadian Prime Minister Justin Trudeau spoke by phone on Tuesday with the President "
        "of Peru, the next host of the summit.",
    ],
)
def test_the_serving_holder_by_title_keeps_the_contact(text: str) -> None:
    out = run(text, day=_DAY)
    assert out.is_readout
    assert len(held_pairs(text, day=_DAY)) == 1


def test_a_named_serving_official_after_incoming_is_judged_by_the_gazetteer() -> None:
    # "incoming" before a named official: the name decides, as before (Macron served in 2021)
    text = (
        "Canadian Prime Minister Justin Trudeau met on Tuesday with the incoming French "
        "President Emmanuel Macron, who arrived in Ottawa that morning."
    )
    assert held_pairs(text, day=_DAY) == [frozenset({"Justin Trudeau", "Emmanuel Macron"})]


_SEP = dt.date(2024, 9, 12)


@pytest.mark.parametrize(
    "text",
    [
        "Turkish President Recep Tayyip Erdogan has said he is ready in principle to meet "
        "Greek Prime Minister Kyriakos Mitsotakis.",
        "Turkish President Recep Tayyip Erdogan suggested talks in Ankara with Greek Prime "
        "Minister Kyriakos Mitsotakis, which Athens turned down.",
        "Turkish President Recep Tayyip Erdogan suggested holding a meeting with Greek Prime "
        "Minister Kyriakos Mitsotakis before the winter.",
        "Erdogan-Mitsotakis meeting in New York still being worked out",
    ],
)
def test_an_offer_a_suggestion_or_a_meeting_in_the_works_is_not_held(text: str) -> None:
    out = run(text, day=_SEP)
    assert not out.is_readout
    assert held_pairs(text, day=_SEP) == []


@pytest.mark.parametrize(
    "text",
    [
        # the contact held, the suggestion another clause's
        "Turkish President Recep Tayyip Erdogan met Greek Prime Minister Kyriakos Mitsotakis "
        "in Ankara on Tuesday, as his aides had suggested.",
        # the adverb after "to meet", not between "ready" and "to"
        "Turkish President Recep Tayyip Erdogan met Greek Prime Minister Kyriakos Mitsotakis "
        "on Tuesday, and was quickly ready to sign the accord.",
        # "still being" of something else in another clause
        "Turkish President Recep Tayyip Erdogan met Greek Prime Minister Kyriakos Mitsotakis "
        "in Ankara on Tuesday while a maritime deal was still being negotiated.",
    ],
)
def test_a_held_contact_beside_an_offer_or_plan_stays_held(text: str) -> None:
    out = run(text, day=_SEP)
    assert out.is_readout
    assert held_pairs(text, day=_SEP) == [
        frozenset({"Recep Tayyip Erdoğan", "Kyriakos Mitsotakis"})
    ]
