"""Round seven (11h): an undated page's news contact dated by the page's own furniture. A photo
caption of the talks ending in its date and credit, or the date stamp of an embedded post
naming both people, dates a contact the text leaves undated (or gives only its weekday); a
caption of the two posing, a date inside a paragraph, or a weekday the date does not fall on
leave it undated. Sentences written for the tests."""

from __future__ import annotations

import datetime as dt

from services.extractor.pipeline import extract
from shared.schemas import Contact, ExtractInput


def _undated(text: str) -> list[Contact]:
    out = extract(ExtractInput(id="t", text=text))
    assert out.error is None, out.error
    return [c for c in out.contacts if c.status == "held"]


_TALKS = (
    "Meloni receives Tusk in Rome\n\n"
    "Meloni and Tusk held talks in Rome{when}, her office said. The two leaders discussed "
    "migration and support for Ukraine.\n\n"
    "They also spoke about the budget of the European Union and farm policy.\n\n"
    "Both sides want closer ties in defence and energy.\n\n"
    "Italian Prime Minister Giorgia Meloni and Polish Prime Minister Donald Tusk at the Chigi "
    "Palace in Rome, {date}. (Agency/Photographer)"
)


def test_a_caption_of_the_talks_dates_an_undated_contact() -> None:
    [talks] = _undated(_TALKS.format(date="April 9, 2024", when=""))
    assert talks.date == dt.date(2024, 4, 9)


def test_a_caption_date_on_the_contact_s_weekday_dates_it() -> None:
    # April 9, 2024 was a Tuesday
    [talks] = _undated(_TALKS.format(date="April 9, 2024", when=" on Tuesday"))
    assert talks.date == dt.date(2024, 4, 9)


def test_a_caption_date_on_another_weekday_does_not() -> None:
    [talks] = _undated(_TALKS.format(date="April 9, 2024", when=" on Thursday"))
    assert talks.date is None


def test_a_caption_of_the_two_posing_does_not_date_their_talks() -> None:
    text = _TALKS.format(date="April 9, 2024", when="").replace(
        " at the", " pose for photographers at the"
    )
    [talks] = _undated(text)
    assert talks.date is None


def test_a_date_closing_a_paragraph_is_no_caption() -> None:
    text = _TALKS.format(date="April 9, 2024", when="").replace(
        "Italian Prime Minister Giorgia Meloni and Polish Prime Minister Donald Tusk at the Chigi "
        "Palace in Rome, April 9, 2024. (Agency/Photographer)",
        "The migration plan was first drafted by Meloni and Tusk in Brussels on April 9, 2024.",
    )
    assert "Agency" not in text
    [talks] = _undated(text)
    assert talks.date is None


_POST = (
    "Scholz speaks with Nauseda\n\n"
    "Chancellor Olaf Scholz has had a phone call with Lithuanian President Gitanas Nauseda.\n\n"
    "Source: the chancellor on social media.\n\n"
    "The two leaders discussed air defence and the coming summit.\n\n"
    "{body}\n\n"
    "We agreed to keep in close touch ahead of the summit. — Olaf Scholz (@OlafScholz) "
    "March 5, 2024\n\n"
    "The leaders also discussed energy security."
)


def test_the_stamp_of_a_post_naming_both_dates_the_call() -> None:
    [call] = _undated(_POST.format(body="I spoke with President @GitanasNauseda today."))
    assert call.date == dt.date(2024, 3, 5)


def test_a_post_naming_only_its_author_does_not() -> None:
    [call] = _undated(_POST.format(body="Good talks today on our shared priorities."))
    assert call.date is None


def test_a_dated_page_keeps_its_own_day() -> None:
    text = _TALKS.format(date="April 9, 2024", when=" on Monday")
    out = extract(ExtractInput(id="t", text=text, published=dt.date(2024, 4, 10)))
    [talks] = [c for c in out.contacts if c.status == "held"]
    assert talks.date == dt.date(2024, 4, 8)
