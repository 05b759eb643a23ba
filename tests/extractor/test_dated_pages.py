"""The reported contact's date on pages with a publication date (issue 11f): the evidence a
wire story, an agency or an official readout gives for the day of the contact. Sentences
written for the tests."""

from __future__ import annotations

import datetime as dt

from services.extractor.pipeline import extract
from shared.schemas import Contact, ExtractInput
from tests.extractor.rules_helpers import held, run


def test_a_contact_announced_for_the_page_day_and_told_as_held_took_place_that_day() -> None:
    text = (
        "French President Emmanuel Macron called German Chancellor Olaf Scholz, his office "
        "said. Last week, Macron said he planned to hold talks with Scholz on March 4 about "
        "the budget."
    )
    [call] = held(run(text, day=dt.date(2024, 3, 4)))
    assert call.date == dt.date(2024, 3, 4)
    # a plan for a day after the page's is still a plan: it dates nothing held
    later = text.replace("March 4", "March 6")
    [call] = held(run(later, day=dt.date(2024, 3, 4)))
    assert call.date is None


def test_a_contact_told_as_under_way_in_the_lead_is_the_page_days() -> None:
    text = (
        "Kenyan President meets Ugandan, Rwandan leaders in Nairobi\n\n"
        "President William Ruto is currently hosting the presidents of two neighbouring "
        "countries at State House, Nairobi. The visitors are Yoweri Museveni of Uganda and "
        "Paul Kagame of Rwanda."
    )
    [talks] = held(run(text, day=dt.date(2024, 2, 8)))
    assert talks.date == dt.date(2024, 2, 8)
    # without the adverb, the progressive may be a plan's ("is hosting ... next week"): no day
    [talks] = held(run(text.replace("is currently hosting", "hosted"), day=dt.date(2024, 2, 8)))
    assert talks.date is None


def test_received_this_weekday_then_his_counterpart_is_a_meeting_of_that_day() -> None:
    # translated agency word order: the day (and its date in brackets) before the object
    text = (
        "The Argentine president Javier Milei receives this Thursday (June 6, 2024) his "
        "counterpart from Chile, Gabriel Boric, at the Casa Rosada. The two spoke about trade."
    )
    [talks] = held(run(text, day=dt.date(2024, 6, 6)))
    assert talks.date == dt.date(2024, 6, 6)
    assert {p.name for p in talks.participants} == {"Javier Milei", "Gabriel Boric"}


def test_a_date_line_in_the_sites_own_language_dates_the_story() -> None:
    from services.extractor.anchor import text_date

    far = dt.date(2030, 1, 1)
    assert text_date(["3. novembar 2023 09:15"], far) == dt.date(2023, 11, 3)
    assert text_date(["Vienna, 2023. március 14."], far) == dt.date(2023, 3, 14)
    assert text_date(["14 de outubro de 2022"], far) == dt.date(2022, 10, 14)
    assert text_date(["Marco Rubio 12 talks"], far) is None
    text = (
        "3. novembar 2023 09:15\n\n"
        "BELGRADE - Speaking after a meeting with Hungarian Prime Minister Viktor Orban in "
        "Belgrade, Serbian President Aleksandar Vucic said the talks covered energy."
    )
    [talks] = held(run(text, day=dt.date(2023, 11, 3)))
    assert talks.date == dt.date(2023, 11, 3)


def test_a_headline_contact_takes_the_weekday_the_leads_first_sentence_gives_it() -> None:
    text = (
        "Fiji And Samoa Prime Ministers Hold Talks\n\n"
        "SUVA, Fiji, March 14, 2024 (PINA) — The Prime Ministers of Fiji and Samoa reviewed "
        "fisheries and travel between both countries, on Tuesday, after two incidents at "
        "the border.\n\n"
        "Sitiveni Rabuka told Fiame Naomi Mata'afa that both sides must work more closely."
    )
    [talks] = held(run(text, day=dt.date(2024, 3, 14)))
    assert talks.date == dt.date(2024, 3, 12)  # the Tuesday, not the dateline's Thursday


def test_a_text_saying_the_day_is_not_known_leaves_the_contact_undated() -> None:
    text = (
        "Italian Prime Minister Giorgia Meloni has held a telephone conversation with Greek "
        "Prime Minister Kyriakos Mitsotakis, according to reports on Friday. It was not "
        "immediately clear whether the call took place on Thursday evening or on Friday."
    )
    [call] = held(run(text, day=dt.date(2024, 5, 10)))
    assert call.date is None
    sure = text.replace("It was not immediately clear whether", "Officials said")
    [call] = held(run(sure, day=dt.date(2024, 5, 10)))
    assert call.date is not None


def _undated(text: str) -> list[Contact]:
    out = extract(ExtractInput(id="t", text=text))
    return [c for c in out.contacts if c.status == "held"]


def test_an_undated_pages_weekday_takes_the_date_a_caption_gives_beside_that_weekday() -> None:
    caption = (
        "Dutch Prime Minister Mark Rutte, left, and Belgian Prime Minister Alexander De Croo "
        "shake hands in The Hague, Netherlands, {day}, {date}. (AP Photo)\n\n"
    )
    story = (
        "Rutte hosts De Croo for border talks\n\n"
        "Dutch Prime Minister Mark Rutte met his Belgian counterpart Alexander De Croo in The "
        "Hague on Tuesday to discuss border policing."
    )
    [talks] = _undated(
        story.replace("\n\n", "\n\n" + caption.format(day="Tuesday", date="Oct. 10, 2023"), 1)
    )
    assert talks.date == dt.date(2023, 10, 10)
    # a caption of another day (its weekday is not the contact's) dates nothing
    [talks] = _undated(
        story.replace("\n\n", "\n\n" + caption.format(day="Friday", date="Oct. 6, 2023"), 1)
    )
    assert talks.date is None


def test_later_in_the_afternoon_keeps_the_day_of_the_events_told_before() -> None:
    text = (
        "Ghana's President Nana Akufo-Addo yesterday ended his three-day state visit to "
        "Kenya with a tour of the port of Mombasa. Akufo-Addo had earlier opened a trade fair "
        "in Nairobi. President William Ruto later in the afternoon saw off Mr Akufo-Addo at "
        "State House."
    )
    [talks] = held(run(text, day=dt.date(2023, 5, 12)))
    assert talks.date == dt.date(2023, 5, 11)
    [talks] = held(run(text.replace("later in the afternoon ", ""), day=dt.date(2023, 5, 12)))
    assert talks.date is None


def test_a_statement_that_did_not_say_when_the_call_took_place_dates_nothing() -> None:
    text = (
        "Spanish Prime Minister Pedro Sanchez has spoken with Moroccan King Mohammed VI by "
        "telephone, Madrid said on Thursday. The statement did not say when the call took place."
    )
    [call] = held(run(text, day=dt.date(2024, 5, 10)))
    assert call.date is None
    unsure = text.replace("The statement did not say", "It remains uncertain")
    [call] = held(run(unsure, day=dt.date(2024, 5, 10)))
    assert call.date is None
