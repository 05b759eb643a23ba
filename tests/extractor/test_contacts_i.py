"""Held contacts and their people (issue 11i): the contact's predicate decides whether it took
place. A meeting told in the progressive present without "now / currently" is a preview, a
meeting on someone's schedule is a plan, and a meeting that is the occasion of a main clause in
the future ("in her meeting with X she would urge ...") has not happened yet. Each rule has a
near-miss twin that stays held. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from .rules_helpers import held_pairs, run

DAY = dt.date(2023, 3, 16)  # a Thursday
PAIR = frozenset({"Olaf Scholz", "Emmanuel Macron"})


@pytest.mark.parametrize(
    "clause",
    [
        "Chancellor Olaf Scholz is also meeting with French President Emmanuel Macron in Paris",
        "Chancellor Olaf Scholz is visiting France and meeting with President Emmanuel Macron",
    ],
)
def test_a_meeting_in_the_progressive_present_is_a_preview(clause: str) -> None:
    text = f"An aide said {clause}."
    assert held_pairs(text, day=DAY) == []
    assert [c.status for c in run(text, day=DAY).contacts] == ["planned"]


@pytest.mark.parametrize(
    "clause",
    [
        "Chancellor Olaf Scholz also met with French President Emmanuel Macron in Paris",
        "Chancellor Olaf Scholz visited France and met with President Emmanuel Macron",
        "Chancellor Olaf Scholz is currently meeting with French President Emmanuel Macron",
    ],
)
def test_a_meeting_told_in_the_past_or_under_way_is_held(clause: str) -> None:
    assert held_pairs(f"An aide said {clause}.", day=DAY) == [PAIR]


def test_a_meeting_on_a_schedule_is_a_plan() -> None:
    text = (
        "Besides his talks in Madrid, Chancellor Olaf Scholz's schedule includes meetings with "
        "French President Emmanuel Macron and business leaders."
    )
    assert held_pairs(text, day=DAY) == []


def test_meetings_held_on_a_trip_are_held() -> None:
    text = (
        "Besides his talks in Madrid, Chancellor Olaf Scholz held meetings with French "
        "President Emmanuel Macron and business leaders."
    )
    assert held_pairs(text, day=DAY) == [PAIR]


@pytest.mark.parametrize("verb", ["would be urging", "will urge"])
def test_a_meeting_that_is_the_occasion_of_a_future_clause_is_not_held(verb: str) -> None:
    text = (
        "Scholz said in his meeting with French President Emmanuel Macron he "
        f"{verb} France to spend more on defence."
    )
    assert held_pairs(text, day=DAY) == []


@pytest.mark.parametrize(
    "clause",
    [
        "Scholz said in his meeting with French President Emmanuel Macron he had urged",
        "In his meeting with French President Emmanuel Macron, Scholz said he would urge",
        "Scholz said in his meeting with French President Emmanuel Macron that he would urge",
    ],
)
def test_a_meeting_at_which_a_future_was_said_is_held(clause: str) -> None:
    assert held_pairs(f"{clause} France to spend more on defence.", day=DAY) == [PAIR]


@pytest.mark.parametrize(
    "text",
    [
        "Chancellor Olaf Scholz last met Emmanuel Macron in Paris in September during the "
        "presidential race.",
        "President Emmanuel Macron had visited Berlin in 2019. At the time, he had met Scholz, "
        "who was then opposition leader.",
        "Chancellor Olaf Scholz met Emmanuel Macron in 2016, when he was still a candidate.",
    ],
)
def test_a_contact_before_one_side_held_office_is_none(text: str) -> None:
    assert held_pairs(text, day=DAY) == []


@pytest.mark.parametrize(
    "text",
    [
        "Chancellor Olaf Scholz last met French President Emmanuel Macron in Paris in "
        "September during the summit.",
        "Chancellor Olaf Scholz last met French President Emmanuel Macron in Paris in "
        "September, during the campaign against the pension reform.",
    ],
)
def test_a_contact_of_serving_officials_told_the_same_way_is_held(text: str) -> None:
    assert held_pairs(text, day=DAY) == [PAIR]


SANCHEZ_SCHOLZ = frozenset({"Pedro Sánchez", "Olaf Scholz"})
SANCHEZ_MACRON = frozenset({"Pedro Sánchez", "Emmanuel Macron"})


@pytest.mark.parametrize("verb", ["has spoken to", "spoke with", "talked with"])
def test_speaking_with_two_leaders_of_two_countries_is_one_conversation_each(verb: str) -> None:
    text = (
        f"Spanish Prime Minister Pedro Sanchez {verb} German Chancellor Olaf Scholz and French "
        "President Emmanuel Macron after the election."
    )
    assert sorted(held_pairs(text, day=DAY), key=sorted) == [SANCHEZ_MACRON, SANCHEZ_SCHOLZ]


@pytest.mark.parametrize(
    "text",
    [
        # told as joint
        "Spanish Prime Minister Pedro Sanchez spoke jointly with German Chancellor Olaf Scholz "
        "and French President Emmanuel Macron after the election.",
        # talks, not a verb of speaking: may be trilateral
        "Spanish Prime Minister Pedro Sanchez held talks with German Chancellor Olaf Scholz and "
        "French President Emmanuel Macron after the election.",
    ],
)
def test_joint_or_trilateral_wording_stays_one_contact(text: str) -> None:
    held_ = held_pairs(text, day=DAY)
    assert held_ == [frozenset({"Pedro Sánchez", "Olaf Scholz", "Emmanuel Macron"})]


def test_speaking_with_two_officials_of_one_country_stays_one_contact() -> None:
    text = (
        "Spanish Prime Minister Pedro Sanchez spoke with German Chancellor Olaf Scholz and "
        "German Foreign Minister Annalena Baerbock after the election."
    )
    assert held_pairs(text, day=DAY) == [
        frozenset({"Pedro Sánchez", "Olaf Scholz", "Annalena Baerbock"})
    ]


def test_meetings_a_schedule_sets_during_a_visit_are_planned() -> None:
    text = (
        "Chancellor Olaf Scholz is scheduled to have meetings during the visit with top "
        "officials in France, including President Emmanuel Macron and Prime Minister Elisabeth "
        "Borne."
    )
    assert held_pairs(text, day=DAY) == []


def test_a_plan_raised_during_a_held_meeting_leaves_it_held() -> None:
    text = (
        "Chancellor Olaf Scholz raised the scheduled talks on energy during his meeting with "
        "President Emmanuel Macron."
    )
    assert held_pairs(text, day=DAY) == [PAIR]


def test_the_common_spelling_of_a_thai_premier_is_the_same_person() -> None:
    # the headline's "Thai counterpart" and the body's spelling make one meeting, not two
    out = run(
        "Vietnam's Prime Minister Nguyen Xuan Phuc met his Thai counterpart Prayuth Chan-ocha "
        "on Saturday at the regional summit.",
        day=dt.date(2017, 4, 30),
        title="Vietnamese Prime Minister meets Thai counterpart",
    )
    held_ = [c for c in out.contacts if c.status == "held"]
    assert [sorted(p.name or "" for p in c.participants) for c in held_] == [
        ["Nguyen Xuan Phuc", "Prayut Chan-o-cha"]
    ]


def test_another_thai_premier_is_not_taken_for_him() -> None:
    out = run(
        "Vietnam's Prime Minister Pham Minh Chinh met his Thai counterpart Srettha Thavisin "
        "on Saturday at the regional summit.",
        day=dt.date(2024, 3, 16),
    )
    names = {p.name for c in out.contacts for p in c.participants}
    assert "Srettha Thavisin" in names and "Prayut Chan-o-cha" not in names


def test_talks_during_a_coming_summit_are_planned() -> None:
    text = (
        "German Chancellor Olaf Scholz and French President Emmanuel Macron will attend the "
        'summit in Paris. "During the summit, the two leaders will hold comprehensive '
        'discussions on the relationship," a statement said.'
    )
    assert held_pairs(text, day=DAY) == []


def test_talks_during_a_past_summit_are_held() -> None:
    text = (
        "German Chancellor Olaf Scholz and French President Emmanuel Macron attended the "
        'summit in Paris on Tuesday. "During the summit, the two leaders held comprehensive '
        'discussions on the relationship," a statement said.'
    )
    assert held_pairs(text, day=DAY) == [PAIR]
