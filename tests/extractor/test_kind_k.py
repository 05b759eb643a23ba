"""Round ten (11k): the kind of a contact. A day or month after "calls on" or "received" is not
the person visited or received ("held separate calls on Thursday with", "received Tuesday
evening a telephone call from"); calls held without an article are calls; a meeting word in the
sentence after a "spoke with" (a summit they discussed), or an earlier meeting the sentence
recalls ("their first conversation since they met in ..."), does not make the call a meeting.
Sentences written for the tests."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.extractor.rules_helpers import held, participant_names, run

_DAY = dt.date(2025, 6, 6)


def _kinds(text: str) -> list[tuple[str, frozenset[str | None]]]:
    return [(c.kind, participant_names(c)) for c in held(run(text, day=_DAY))]


def test_separate_calls_on_a_weekday_are_calls_with_each() -> None:
    text = (
        "Canadian Prime Minister Mark Carney held separate calls on Thursday with Mexican "
        "President Claudia Sheinbaum and Dutch Prime Minister Dick Schoof, discussing trade."
    )
    assert _kinds(text) == [
        ("call", frozenset({"Mark Carney", "Claudia Sheinbaum"})),
        ("call", frozenset({"Mark Carney", "Dick Schoof"})),
    ]


@pytest.mark.parametrize("day", ["Tuesday evening", "Friday", "Monday morning"])
def test_a_call_received_on_a_weekday_is_a_call(day: str) -> None:
    text = (
        f"Kuwait's Amir Sheikh Mishal Al-Ahmad Al-Jaber Al-Sabah received {day} a telephone "
        "call from Qatar's Amir Sheikh Tamim bin Hamad Al-Thani, who conveyed Eid greetings."
    )
    [(kind, _people)] = _kinds(text)
    assert kind == "call"


def test_a_summit_discussed_in_the_next_sentence_does_not_make_the_call_a_meeting() -> None:
    text = (
        "Ukrainian President Volodymyr Zelensky spoke with Danish Prime Minister Mette "
        "Frederiksen on Thursday. They discussed preparations for the summit in Copenhagen "
        "next week and coordinated meetings with partners."
    )
    [(kind, people)] = _kinds(text)
    assert kind == "call"
    assert people == frozenset({"Volodymyr Zelensky", "Mette Frederiksen"})


def test_calling_on_a_leader_is_still_a_visit() -> None:
    text = "Indian Foreign Minister S. Jaishankar called on President Xi Jinping on Monday."
    [(kind, _people)] = _kinds(text)
    assert kind == "meeting"


def test_a_meeting_told_in_the_same_sentence_keeps_its_kind() -> None:
    text = "Chancellor Friedrich Merz met President Emmanuel Macron in Paris on Wednesday."
    [(kind, _people)] = _kinds(text)
    assert kind == "meeting"


def test_a_meeting_recalled_after_since_does_not_make_the_call_a_meeting() -> None:
    text = (
        "US President Joe Biden spoke with Chinese President Xi Jinping on Tuesday, their first "
        "conversation since they met in Woodside, California, on November 15, 2023."
    )
    [news, *_recalled] = held(run(text, day=_DAY))
    assert news.kind == "call"
    assert news.previous_contact == dt.date(2023, 11, 15)


def test_bilateral_relations_discussed_are_no_sign_of_a_meeting() -> None:
    text = (
        "Prime Minister Anwar Ibrahim spoke with Philippine President Ferdinand Marcos Jr. on "
        "Monday about ways to strengthen bilateral relations and regional cooperation."
    )
    [(kind, _people)] = _kinds(text)
    assert kind == "call"


def test_a_bilateral_meeting_is_a_meeting() -> None:
    text = (
        "Prime Minister Anwar Ibrahim and Philippine President Ferdinand Marcos Jr. discussed "
        "trade at a bilateral meeting on Monday."
    )
    [(kind, _people)] = _kinds(text)
    assert kind == "meeting"


def test_meetings_ahead_are_the_topic_of_a_call_not_its_kind() -> None:
    text = (
        "Ahead of a busy week of international meetings, including a summit in Brussels, Prime "
        "Minister Mark Carney spoke on Sunday with U.S. President Donald Trump."
    )
    [(kind, _people)] = _kinds(text)
    assert kind == "call"


@pytest.mark.parametrize(
    "where", ["at the summit in The Hague", "during the meeting of NATO leaders"]
)
def test_speaking_at_a_summit_or_meeting_is_in_person(where: str) -> None:
    text = f"Prime Minister Mark Carney spoke with U.S. President Donald Trump {where} on Sunday."
    [(kind, _people)] = _kinds(text)
    assert kind == "meeting"
