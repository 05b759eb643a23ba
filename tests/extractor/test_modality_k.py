"""Round ten (issue-11k-modality): contacts that did not happen taken as held. Sentences written
for these tests, each class with near-misses on the other side of the rule."""

from __future__ import annotations

import datetime as dt

import pytest

from .rules_helpers import held, run

DAY = dt.date(2023, 3, 14)  # a Tuesday


# the contact's verb as the infinitive of an effort, a preparation or a trip still under way
GOVERNED_PLANS = [
    "Paris is making efforts to hold a phone call between French President Emmanuel Macron "
    "and German Chancellor Olaf Scholz in the next few days, an aide said.",
    "Italian Prime Minister Giorgia Meloni is preparing to meet French President Emmanuel "
    "Macron in Rome for the third time this year.",
    "Arrangements are under way for a phone call between French President Emmanuel Macron "
    "and German Chancellor Olaf Scholz, the Elysee said on Tuesday.",
    "Ankara renewed its initiative to organise a meeting between French President Emmanuel "
    "Macron and German Chancellor Olaf Scholz in Geneva, the spokesman said.",
    "French President Emmanuel Macron is visiting Berlin on Friday to hold talks with German "
    "Chancellor Olaf Scholz ahead of the EU summit.",
]


@pytest.mark.parametrize("text", GOVERNED_PLANS)
def test_a_contact_governed_by_an_effort_or_preparation_is_not_held(text: str) -> None:
    out = run(text, day=DAY)
    assert not out.is_readout, text
    assert not held(out), text


# the same verbs told as facts: a past trip with its purpose, an effort the held contact serves
GOVERNED_HELD = [
    "French President Emmanuel Macron travelled to Berlin on Monday to hold talks with German "
    "Chancellor Olaf Scholz.",
    "French President Emmanuel Macron held talks with German Chancellor Olaf Scholz in Berlin "
    "on Monday as part of efforts to ease tensions over energy.",
    "French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Monday, "
    "before the EU summit in Brussels.",
]


@pytest.mark.parametrize("text", GOVERNED_HELD)
def test_a_held_contact_beside_an_effort_stays_a_readout(text: str) -> None:
    assert run(text, day=DAY).is_readout, text


def test_the_summit_a_preview_prepares_for_is_not_held() -> None:
    text = (
        "French President Emmanuel Macron is visiting Berlin on Friday to hold talks with German "
        "Chancellor Olaf Scholz. The visit aims to coordinate the two governments before the "
        "summit in Brussels."
    )
    assert not run(text, day=DAY).is_readout


def test_a_headline_announcing_a_meeting_is_a_plan() -> None:
    title = "Macron announces Elysee meeting with Scholz"
    text = "The visit in April will focus on energy, officials in Paris said on Tuesday."
    out = run(text, day=DAY, title=title)
    assert not out.is_readout
    assert not held(out)  # the headline's "announces ... meeting" names the plan


def test_an_announcement_after_a_meeting_stays_a_readout() -> None:
    title = "Macron announces new aid after meeting German chancellor"
    text = (
        "French President Emmanuel Macron met German Chancellor Olaf Scholz in Paris on Monday "
        "and announced new aid for farmers after the talks."
    )
    assert run(text, day=DAY, title=title).is_readout


def test_a_claimed_call_the_lead_says_did_not_take_place_is_no_readout() -> None:
    text = (
        'Berlin on Tuesday insisted that "no phone call" took place between German Chancellor '
        "Olaf Scholz and French President Emmanuel Macron, after Macron said he had spoken "
        "with Scholz."
    )
    assert not run(text, day=DAY).is_readout


@pytest.mark.parametrize(
    "text",
    [
        # the denial is of another call, and the sentence turns to assert this one
        "Berlin said no phone call took place on Sunday, but confirmed that German Chancellor "
        "Olaf Scholz spoke with French President Emmanuel Macron on Monday.",
        # the held verb comes first: the denial is of something after it
        "German Chancellor Olaf Scholz spoke with French President Emmanuel Macron by phone on "
        "Monday; no meeting took place.",
    ],
)
def test_a_call_asserted_beside_a_denial_stays_a_readout(text: str) -> None:
    assert run(text, day=DAY).is_readout, text


def test_a_preview_recalling_other_leaders_meeting_is_no_readout() -> None:
    text = (
        "Italian Prime Minister Giorgia Meloni is expected to meet Canadian Prime Minister "
        "Justin Trudeau on the sidelines of the G20 summit this week. On Monday, French "
        "President Emmanuel Macron and German Chancellor Olaf Scholz met in Bali ahead of the "
        "summit, amid tension over energy prices."
    )
    assert not run(text, day=DAY).is_readout


def test_a_held_meeting_in_the_headline_keeps_the_news_its_own() -> None:
    title = "Macron and Scholz meet in Bali"
    text = (
        "Italian Prime Minister Giorgia Meloni is expected to meet Canadian Prime Minister "
        "Justin Trudeau on the sidelines of the G20 summit this week. On Monday, French "
        "President Emmanuel Macron and German Chancellor Olaf Scholz met in Bali ahead of the "
        "summit, amid tension over energy prices."
    )
    assert run(text, day=DAY, title=title).is_readout
