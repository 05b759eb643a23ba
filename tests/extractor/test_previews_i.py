"""Round eight (issue-11i-fp): a preview read as a held contact. Sentences written for these
tests, each with a near-miss twin on the other side of the rule."""

from __future__ import annotations

import datetime as dt

from .rules_helpers import held_pairs, run

DAY = dt.date(2023, 3, 14)
SCHOLZ_MACRON = frozenset({"Olaf Scholz", "Emmanuel Macron"})


def test_a_contact_named_as_the_time_of_a_future_clause_is_planned() -> None:
    for text in (
        # "scheduled to" / "slated to" are futures, as "set to" and "due to" were
        "German Chancellor Olaf Scholz is scheduled to address reporters after his meeting "
        "with French President Emmanuel Macron.",
        "German Chancellor Olaf Scholz is slated to sign the accord following his talks with "
        "French President Emmanuel Macron.",
        "German Chancellor Olaf Scholz is scheduled to have meetings during the visit with "
        "French President Emmanuel Macron and Prime Minister Elisabeth Borne.",
        # a fronted "During ..." whose main clause is a future
        "During the summit with French President Emmanuel Macron, German Chancellor Olaf "
        "Scholz will present a plan on energy.",
    ):
        assert not run(text, day=DAY).is_readout, text
        assert not held_pairs(text, day=DAY), text


def test_a_contact_named_as_the_time_of_a_past_clause_twin_is_held() -> None:
    for text in (
        "German Chancellor Olaf Scholz had meetings during the visit with French President "
        "Emmanuel Macron on Monday.",
        "German Chancellor Olaf Scholz addressed reporters after his meeting with French "
        "President Emmanuel Macron on Monday.",
        "German Chancellor Olaf Scholz signed the accord on Monday following his talks with "
        "French President Emmanuel Macron.",
        "During the summit with French President Emmanuel Macron on Monday, German Chancellor "
        "Olaf Scholz presented a plan on energy.",
    ):
        assert run(text, day=DAY).is_readout, text
        assert held_pairs(text, day=DAY) == [SCHOLZ_MACRON], text


_PREVIEW = (
    "German Chancellor Olaf Scholz will meet French President Emmanuel Macron in Paris on "
    "Thursday, the government said on Tuesday. The two leaders are expected to discuss energy "
    "prices and the war in Ukraine. Officials said a joint statement was being prepared. "
    "Scholz first met Macron in Paris in December 2021, days after taking office. "
    "The chancellor has visited France several times since then. "
)


def test_a_preview_whose_lead_only_recalls_a_held_meeting_is_no_readout() -> None:
    # the held contact told as news comes after the lead; the lead only recalls an old one
    text = _PREVIEW + "Scholz also spoke with Macron at a dinner in Brussels."
    assert not run(text, day=DAY).is_readout


def test_a_preview_whose_lead_tells_a_held_call_twin_is_a_readout() -> None:
    text = (
        "German Chancellor Olaf Scholz spoke by phone with French President Emmanuel Macron "
        "on Monday, the government said on Tuesday. " + _PREVIEW
    )
    assert run(text, day=DAY).is_readout
