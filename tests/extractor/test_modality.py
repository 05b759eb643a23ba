"""Modality of the sentence that reports a contact, in wording modelled on real articles (issue
11): plans, possibilities, conditional offers, refusals and previews are not held contacts; a
lead the expressions do not join still yields its held contact (co-occurrence fallback); a
first short line is the headline; the lead counts prose sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from services.extractor import verdict
from services.extractor.classify import status_of
from services.extractor.contacts import lead_end
from services.extractor.headline import split_headline
from services.extractor.pipeline import extract
from shared.schemas import ExtractInput

DAY = dt.date(2025, 6, 20)


def _readout(text: str, published: dt.date | None = DAY) -> bool:
    out = extract(ExtractInput(id="t", text=text, published=published))
    assert out.error is None
    return out.is_readout


@pytest.mark.parametrize(
    "text",
    [
        "Tokyo is arranging a phone conversation between Prime Minister Fumio Kishida and "
        "Chinese President Xi Jinping, broadcaster TBS reported on Friday.",
        "President Claudia Sheinbaum said on Tuesday that she has a call pending with Canadian "
        "Prime Minister Mark Carney.",
        "Russian President Vladimir Putin said on Wednesday that he was ready to hold talks with "
        "Ukrainian President Volodymyr Zelensky if he came to Moscow.",
        "German Chancellor Friedrich Merz rules out talks with Russian President Vladimir Putin "
        "for now, his spokesman said on Friday.",
        "Officials said a call between U.S. President Donald Trump and Chinese President Xi "
        "Jinping is imminent and could happen as early as Thursday.",
        "Donald Tusk arrives in Cairo on Saturday for talks with President Abdel Fattah el-Sisi "
        "of Egypt, the agency said.",
    ],
)
def test_plans_offers_and_refusals_are_not_readouts(text: str) -> None:
    assert not _readout(text)


def test_present_tense_headline_over_a_preview_is_not_a_readout() -> None:
    text = (
        "Sisi meets Erdogan in Ankara\n\n"
        "Egyptian President Abdel Fattah el-Sisi is set to meet Turkish President Recep Tayyip "
        "Erdogan in Ankara on Wednesday, his office said. The two leaders will also hold a "
        "press conference."
    )
    assert not _readout(text)


def test_a_held_call_stated_loosely_in_the_lead_is_found() -> None:
    text = (
        "Japanese Prime Minister Fumio Kishida held the first telephone conversation since "
        "taking office with US President Joe Biden on Tuesday, Kyodo reported."
    )
    assert _readout(text, dt.date(2021, 10, 5))


def test_an_undated_page_judges_no_contact_stale_against_today() -> None:
    text = (
        "On October 25, 2017, President Xi Jinping held telephone talks with US President "
        "Donald Trump at the request of the US side."
    )
    assert _readout(text, None)


def test_headline_split_and_prose_lead() -> None:
    assert split_headline("Putin, Macron held phone conversation\n\nBody text here.") == (
        "Putin, Macron held phone conversation",
        "\nBody text here.",
    )
    assert split_headline("The two leaders spoke on Friday.\nMore.")[0] is None
    sents = ["Headline", "By Staff", "Transcript", *["One two three four five six."] * 6]
    assert lead_end(sents, 1) == 8


def test_without_a_model_the_rules_verdict_stands(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verdict, "_model", lambda: None)
    assert verdict.decide({"rule_main": 1.0})
    assert not verdict.decide({"rule_main": 0.0})


def test_a_plan_made_at_a_held_contact_leaves_the_contact_held() -> None:
    held = (
        "Thai Prime Minister Prayut Chan-o-cha brought up the proposal during his meeting with "
        "Malaysian Prime Minister Najib Razak on Friday, a spokesman said."
    )
    future = (
        "Trade issues will be taken up during the meeting between Indian Prime Minister "
        "Narendra Modi and US President Joe Biden on Friday, a spokesman said."
    )
    assert status_of(held, held.index("meeting"), held.index(" Malaysian"), 0) == "held"
    assert status_of(future, future.index("meeting"), future.index(" between"), 0) == "planned"


def test_it_is_to_be_recalled_is_the_past_not_a_plan() -> None:
    text = (
        "It is to be recalled that the Czech Prime Minister visited Ethiopia in the past few "
        "weeks and held discussions with Prime Minister Abiy Ahmed."
    )
    start = text.index("held discussions")
    assert status_of(text, start, start + len("held discussions with"), 0) == "held"


def test_a_plan_after_or_in_page_clutter_is_no_held_contact() -> None:
    text = (
        "Prime Minister Justin Trudeau will hold his first meeting with US President Joe Biden "
        "on Tuesday.\n\n"
        "Try reloading the page, or Trudeau to hold first meeting with US President Biden "
        "on Tuesday Back to video"
    )
    out = extract(ExtractInput(id="t", text=text, published=dt.date(2021, 2, 20)))
    assert not out.is_readout
    assert not [c for c in out.contacts if c.status == "held"]


def test_a_discussion_that_will_include_topics_is_planned() -> None:
    text = (
        "Prime Minister Narendra Modi will hold talks with US President Joe Biden during his "
        "state visit next week, the foreign secretary said on Monday.\n\n"
        "The discussion between the two leaders will also include the G20, whose leaders meet "
        "in Delhi in September."
    )
    out = extract(ExtractInput(id="t", text=text, published=dt.date(2023, 6, 19)))
    assert not [c for c in out.contacts if c.status == "held"]


def test_may_right_after_the_contact_is_a_plan() -> None:
    text = (
        "Analysts expect that the Lula-Macron talks may also take up the trade deal with the "
        "Mercosur bloc, officials in Brasilia said."
    )
    out = extract(ExtractInput(id="t", text=text, published=DAY))
    assert not out.is_readout
    assert all(c.status != "held" for c in out.contacts)
    held = (
        "Brazilian President Luiz Inacio Lula da Silva met French President Emmanuel Macron on "
        "Thursday. The talks may have been their warmest yet."
    )
    assert _readout(held)
