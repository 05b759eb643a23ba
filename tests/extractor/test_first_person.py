"""Contacts told in the first person inside an attributed quote: "I" or "me" is the speaker
(sentences written for these tests after the wording of real reports)."""

from __future__ import annotations

import datetime as dt

from .rules_helpers import held_pairs

DAY = dt.date(2025, 3, 14)


def _pairs(text: str) -> list[frozenset[str | None]]:
    return held_pairs(text, day=DAY)


def test_i_spoke_with_is_the_speaker_named_after_the_quote() -> None:
    text = (
        "Kyiv briefs Copenhagen on the drone sightings\n"
        "“I spoke with Prime Minister of Denmark Mette Frederiksen. We went over the summit "
        "to be held in Copenhagen next week,” Zelensky said."
    )
    assert frozenset({"Volodymyr Zelensky", "Mette Frederiksen"}) in _pairs(text)


def test_someone_called_me_makes_the_speaker_the_other_side() -> None:
    text = (
        "Warsaw and Kyiv talk peace efforts\n"
        '"Earlier this afternoon, Ukrainian President Volodymyr Zelensky called me," Duda said '
        "on X.\n"
        '"We had a frank talk about the latest diplomatic steps," he added.'
    )
    assert _pairs(text) == [frozenset({"Volodymyr Zelensky", "Andrzej Duda"})]


def test_a_quote_opened_after_a_colon_is_its_author() -> None:
    text = (
        "Ukrainian President Volodymyr Zelensky wrote on Telegram: “I had a call with Prime "
        "Minister Mette Frederiksen today and thanked her for the new aid package.”"
    )
    assert frozenset({"Volodymyr Zelensky", "Mette Frederiksen"}) in _pairs(text)


def test_a_first_person_wish_or_a_quote_without_attribution_is_no_contact() -> None:
    # a hypothetical meeting stated in the first person is not a held one
    assert not _pairs(
        "“For my part, I have nothing against meeting with Zelensky,” Putin told reporters."
    )
    # with nobody the quote is attributed to, "I" stands for no one
    assert not _pairs("“I spoke with Prime Minister Mette Frederiksen this morning.”")
    # "called me a liar" is no phone call
    assert not _pairs('"Zelensky called me a liar," Duda said on X.')
