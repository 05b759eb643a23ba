"""Readouts of classes real pages miss (issue 11, class 4), with sentences written for the test:
undated texts about office-holders of the past, previews whose "the meeting" is the plan."""

from __future__ import annotations

from services.extractor.pipeline import extract
from shared.schemas import ExtractInput


def _undated(text: str) -> tuple[bool, list[frozenset[str | None]]]:
    out = extract(ExtractInput(id="t", text=text))
    assert out.error is None, out.error
    held = [frozenset(p.name for p in c.participants) for c in out.contacts if c.status == "held"]
    return out.is_readout, held


def test_undated_text_titling_a_past_office_holder_is_read_as_written_then() -> None:
    # no date at all: "Prime Minister Scott Morrison" says the text was written in his term
    text = (
        "Prime Minister Scott Morrison opened his Pacific tour with new pledges on climate.\n\n"
        "Morrison began the trip with a meeting with Fijian counterpart Frank Bainimarama in "
        "Suva yesterday."
    )
    readout, held = _undated(text)
    assert readout
    assert frozenset({"Scott Morrison", "Frank Bainimarama"}) in held


def test_undated_text_calling_him_former_stays_out_of_office() -> None:
    text = (
        "Former Prime Minister Scott Morrison opened a private Pacific tour.\n\n"
        "Morrison began the trip with a meeting with Fijian counterpart Frank Bainimarama in "
        "Suva yesterday."
    )
    assert not _undated(text)[0]
    untitled = (
        "Scott Morrison opened a private Pacific tour.\n\n"
        "Morrison began the trip with a meeting with Frank Bainimarama in Suva yesterday."
    )
    assert not _undated(untitled)[0]


def test_the_meeting_after_a_plan_is_that_plan() -> None:
    text = (
        "Prime Minister Suga will meet President Moon Jae-in on Sunday on the sidelines of the "
        "summit.\n\nThe meeting follows several phone calls between Suga and Moon over the past "
        "months."
    )
    assert not _undated(text)[0]


def test_a_headline_future_after_or_is_a_plan() -> None:
    text = (
        "Try refreshing your browser, or Morrison to hold first meeting with new U.S. President "
        "Biden on Tuesday Back to video."
    )
    assert _undated(text)[1] == []
