"""Round eight (issue-11i-fp): a contact verb whose object is no contact: a letter or message
received from the other official, "call" naming someone ("called X a dear friend"). Sentences
written for these tests, each with a near-miss twin on the other side of the rule."""

from __future__ import annotations

import datetime as dt

from .rules_helpers import held_pairs, run

DAY = dt.date(2023, 3, 14)
SCHOLZ_MACRON = frozenset({"Olaf Scholz", "Emmanuel Macron"})

_TAIL = (
    " In his remarks, Macron praised the close ties between the two countries. The French "
    "ambassador also attended. In other news, the chancellor met yesterday with the speaker of "
    "the Bundestag."
)


def test_a_letter_received_from_an_official_is_no_meeting() -> None:
    for text in (
        "Chancellor receives letters from French, Italian presidents\n\nBERLIN: German "
        "Chancellor Olaf Scholz received a written letter yesterday from French President "
        "Emmanuel Macron." + _TAIL,
        "Chancellor receives French message\n\nBERLIN: German Chancellor Olaf Scholz received "
        "a special message yesterday from French President Emmanuel Macron." + _TAIL,
    ):
        assert not run(text, day=DAY).is_readout, text
        assert not held_pairs(text, day=DAY), text


def test_a_visit_received_from_an_official_twin_is_a_meeting() -> None:
    text = (
        "Chancellor receives French president\n\nBERLIN: German Chancellor Olaf Scholz received "
        "a visit yesterday from French President Emmanuel Macron." + _TAIL
    )
    assert run(text, day=DAY).is_readout
    assert held_pairs(text, day=DAY) == [SCHOLZ_MACRON]


_GREETING = (
    "French President Emmanuel Macron congratulated German Chancellor Olaf Scholz on the "
    "anniversary of reunification. "
)


def test_call_naming_someone_is_no_phone_call() -> None:
    for text in (
        _GREETING + "Macron called the German leader a dear friend and congratulated him and the "
        "German people on the holiday. He said he would visit Berlin soon.",
        _GREETING + "Macron called Scholz a true European, and praised his support.",
    ):
        assert not run(text, day=DAY).is_readout, text
        assert not held_pairs(text, day=DAY), text


def test_a_call_without_the_naming_phrase_twin_is_a_phone_call() -> None:
    for text in (
        _GREETING + "Macron called the German leader on Monday and congratulated him and the "
        "German people on the holiday. He said he would visit Berlin soon.",
        _GREETING + "Macron called Scholz on Monday, and praised his support.",
    ):
        assert run(text, day=DAY).is_readout, text
        assert held_pairs(text, day=DAY), text
