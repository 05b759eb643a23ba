"""Round eleven (11l): the kind of a contact. "called" naming something ("called his Friday's
talks productive") is no phone call; "welcomed" a thing ("welcomed the opportunity to speak",
"welcomed Prime Minister X's support", "welcomes the A-B call") is no welcome of a visitor.
Sentences written for the tests."""

from __future__ import annotations

import datetime as dt

from tests.extractor.rules_helpers import held, participant_names, run

_DAY = dt.date(2024, 2, 3)


def _kinds(text: str) -> list[tuple[str, frozenset[str | None]]]:
    return [(c.kind, participant_names(c)) for c in held(run(text, day=_DAY))]


def test_talks_called_productive_are_a_meeting_not_a_call() -> None:
    text = (
        "Belarusian President Alexander Lukashenko has called his Friday's talks in Sochi with "
        "Russian President Vladimir Putin difficult but productive."
    )
    assert [kind for kind, _people in _kinds(text)] == ["meeting"]


def test_welcoming_the_opportunity_to_speak_is_no_meeting() -> None:
    text = (
        "British Prime Minister Rishi Sunak spoke to New Zealand Prime Minister Christopher "
        "Luxon yesterday.\n\nThe leaders discussed Ukraine and trade.\n\nSunak welcomed the "
        "opportunity to speak to Prime Minister Luxon and looked forward to meeting him soon."
    )
    assert [kind for kind, _people in _kinds(text)] == ["call"]


def test_welcoming_someone_s_support_is_no_contact() -> None:
    text = (
        "British Prime Minister Rishi Sunak spoke to New Zealand Prime Minister Christopher "
        "Luxon yesterday. He also welcomed Prime Minister Luxon's support for the coalition."
    )
    assert [kind for kind, _people in _kinds(text)] == ["call"]


def test_welcoming_a_call_between_two_leaders_keeps_it_a_call() -> None:
    text = (
        "Washington welcomes Mitsotakis-Erdogan call\n\nThe State Department welcomed a rare "
        "telephone call on Friday between Greek Prime Minister Kyriakos Mitsotakis and Turkish "
        "President Recep Tayyip Erdogan."
    )
    assert [kind for kind, _people in _kinds(text)] == ["call"]


def test_welcoming_and_calling_people_still_count() -> None:
    welcomed = "French President Emmanuel Macron welcomed Prime Minister Narendra Modi in Paris."
    called = "French President Emmanuel Macron called Russian President Vladimir Putin on Friday."
    assert [kind for kind, _people in _kinds(welcomed)] == ["meeting"]
    assert [kind for kind, _people in _kinds(called)] == ["call"]
