"""A contact stated by what the two discussed, or by a chat, with no contact word
(sentences written for these tests after the wording of real reports)."""

from __future__ import annotations

import datetime as dt

from .rules_helpers import held_pairs

DAY = dt.date(2022, 5, 3)


def _pairs(text: str) -> list[frozenset[str | None]]:
    return held_pairs(text, day=DAY)


def test_discussed_something_with_an_official_is_a_contact() -> None:
    text = (
        "Ukrainian President Volodymyr Zelensky said he had discussed air defence and grain "
        "exports with French President Emmanuel Macron on Tuesday."
    )
    assert _pairs(text) == [frozenset({"Volodymyr Zelensky", "Emmanuel Macron"})]


def test_chatted_with_is_a_contact() -> None:
    text = "Prime Minister Justin Trudeau chatted with President Joe Biden about trade on Monday."
    assert _pairs(text) == [frozenset({"Justin Trudeau", "Joe Biden"})]


def test_discussed_with_reporters_or_a_plan_is_no_held_contact() -> None:
    assert not _pairs(
        "Ukrainian President Volodymyr Zelensky discussed the grain deal with reporters in Kyiv."
    )
    assert not _pairs(
        "Ukrainian President Volodymyr Zelensky will discuss air defence with French President "
        "Emmanuel Macron next week."
    )


def test_held_discussions_with_an_official_is_a_contact() -> None:
    text = (
        "President Isaias Afwerki held extensive discussions with Prime Minister Abiy Ahmed "
        "on regional security on Monday."
    )
    assert _pairs(text) == [frozenset({"Isaias Afwerki", "Abiy Ahmed"})]
