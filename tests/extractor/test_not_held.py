"""Contacts that did not happen, in shapes real wire and agency copy uses (issue 11, class 1):
plans stated after the contact ("scheduled for Tuesday", "... will help"), a time to come opening
the sentence, a fronted phrase whose main clause is a plan, headline futures with plural office
nouns, denials, conditions and "any meeting". Each also keeps its held twin a readout."""

from __future__ import annotations

import datetime as dt

import pytest

from services.extractor.pipeline import extract
from shared.schemas import ExtractInput

DAY = dt.date(2025, 6, 20)


def _readout(text: str) -> bool:
    out = extract(ExtractInput(id="t", text=text, published=DAY))
    assert out.error is None
    return out.is_readout


@pytest.mark.parametrize(
    "text",
    [
        # a plan stated after the contact
        "President Lula arrives in Beijing; talks with Xi Jinping scheduled for Tuesday.",
        "Trump said he hopes his meeting with President Putin will help end the war.",
        "A phone call between President Ruto and President Museveni has not yet been "
        "scheduled, State House said.",
        "For a meeting between Putin and Zelensky to take place, much preparation is needed.",
        # a time to come opening the sentence
        "Later today, President Ramaphosa hosts President Tinubu at the Union Buildings.",
        "Tomorrow, Prime Minister Albanese receives Prime Minister Luxon in Canberra.",
        # a fronted phrase whose main clause is a plan
        "Besides holding talks with President Biden, Modi will address the UN General Assembly.",
        "After talks with Prime Minister Albanese, Prime Minister Luxon is set to travel to "
        "Sydney.",
        # headline futures with plural office nouns, and "plans a meeting"
        "Presidents of Poland and Ukraine to hold talks in Warsaw",
        "The presidents of Kenya and Uganda to meet in Nairobi",
        "He also plans a meeting with European Council President Antonio Costa.",
        # denials, conditions, "any meeting"
        "Peskov denied reports that Putin had a phone call with Netanyahu.",
        "Reports of a meeting between Prince Mohammed bin Salman and Prime Minister "
        "Netanyahu are false, Riyadh said.",
        "The Kremlin set conditions for a meeting between Putin and Zelensky.",
        "Assad demands the withdrawal of Turkish troops before any meeting with Erdogan.",
        # a contact stated as being worked on, on hold or off the agenda
        "The White House said a Trump-Xi meeting is in the works.",
        "The Kremlin said a Putin-Trump summit in Budapest is on hold.",
        "Talks between President Putin and President Trump are not on the agenda, the Kremlin "
        "said.",
        "A call between Erdogan and Putin is being discussed, Ankara said.",
        # a multilateral summit attended or addressed is no bilateral contact
        "President Ruto attended the AU summit in Addis Ababa on Thursday alongside President "
        "Museveni and President Kagame.",
        "Prime Minister Modi and President Xi both addressed the BRICS summit on Thursday.",
        # preview headlines
        "What to expect from Modi's meeting with Trump",
        "Erdogan heads into talks with Putin on grain deal",
        "Modi, Xi set for talks at BRICS summit",
        "Putin, Trump poised to meet in Alaska",
        "Countdown to Trump-Xi summit in Busan",
        "Sheinbaum seeks call with Trump over tariffs",
        "Modi-Xi bilateral on cards at SCO summit",
        "Talks between Ruto, Museveni slated for Friday",
        "Preparations are under way for a meeting between President Ruto and President Museveni.",
        # departures, schedules, the occasion of a plan
        "PM Modi embarks on two-nation visit; to hold talks with President Lula",
        "Prime Minister Narendra Modi emplaned for Brasilia to hold talks with President Lula "
        "da Silva.",
        "President Ruto departed for Kampala on Friday for talks with President Museveni.",
        "A bilateral meeting between President Prabowo and Prime Minister Anwar is on the "
        "schedule for Saturday.",
        "President Prabowo and Prime Minister Anwar are expected to sign several agreements "
        "after their meeting.",
        "Both leaders will also witness the signing of agreements following talks between "
        "President Ruto and President Museveni.",
        # unconfirmed, rejected, skipped, yet to happen
        "Unconfirmed reports say President Xi held a call with President Putin.",
        "Moscow rejected claims that Putin had met Netanyahu.",
        "Prime Minister Modi skipped a meeting with President Xi at the summit.",
        "Netanyahu has yet to speak with President Pezeshkian.",
        # readiness, eagerness, hope and demands
        "Zelensky said he was ready for talks with Putin.",
        "Modi said he is keen to meet Xi at the summit.",
        "Sisi voiced hope for a meeting with Erdogan soon.",
        "Tebboune said he was eager to speak with Macron.",
        "Zelensky demanded a meeting with Putin.",
        "Zelensky insisted on a meeting with Putin.",
        # a wish that others meet; "call" as naming
        "Trump urged President Putin and President Zelensky to hold talks.",
        "Turkiye and Egypt will crown what they call the normalisation under President Erdogan "
        "and President Sisi.",
        # a held contact dating other news
        "The comments were made a day after Assad met his Russian counterpart Vladimir Putin.",
        "The statement came hours after Macron spoke with Putin by phone.",
        "The sanctions were imposed weeks after Trump and Putin met in Alaska.",
        "Last week's call between Trump and Putin prompted a sharp reaction from Kyiv, which on "
        "Friday announced new sanctions.",
        "As Trump told Putin in their May call, the war must end, the White House said on "
        "Friday in a statement on sanctions.",
        "The ruling bloc will meet to discuss the details of the phone call between Rubio and "
        "Prime Minister al-Sudani.",
    ],
)
def test_contacts_that_did_not_happen_are_not_readouts(text: str) -> None:
    assert not _readout(text)


@pytest.mark.parametrize(
    "text",
    [
        "Later in the day, President Ramaphosa hosted President Tinubu at the Union Buildings.",
        "After holding talks with Prime Minister Albanese, Prime Minister Luxon told reporters "
        "the relationship was strong.",
        "Presidents of Kenya and Uganda held talks in Nairobi on Thursday.",
        "Prime Minister Modi met President Trump at the White House on Thursday, and the two "
        "will meet again in the autumn.",
        "Putin and Xi held talks in Moscow on Thursday, denying that their partnership targets "
        "third countries.",
        "Erdogan and Putin held a phone call on Thursday in which they discussed a possible "
        "meeting.",
        "Macron spoke with Putin by phone on Friday, a day after meeting Zelensky in Paris.",
        "Prime Minister Modi attended the G20 summit on Thursday and met President Trump on "
        "the sidelines.",
        "Prime Minister Modi, seeking to bolster ties, met President Xi on Thursday.",
        "President Sisi, eager to mend ties, received President Erdogan in Cairo on Thursday.",
        "President Ruto skipped the gala dinner but met President Museveni on Thursday.",
        "President Lula, set for a third term, met President Milei on Thursday.",
        "Prime Minister Modi discussed conditions for peace with President Putin on Thursday.",
        "President Tebboune, denying a rift, met President Macron on Thursday.",
        "Following talks with President Xi on Thursday, Lula said the two countries will sign "
        "more deals.",
        "A day after arriving in Beijing, President Lula met President Xi Jinping on Thursday.",
        "President Ruto called President Museveni on Thursday, days after the two leaders met "
        "in Nairobi.",
        "Mexico's president said tariffs were paused for a month following a good conversation "
        "with President Trump on Thursday.",
        "President Ramaphosa and President Tinubu held their June meeting in Pretoria on Thursday.",
        "Prime Minister Modi spoke with President Putin by phone on Thursday, though a date for "
        "the visit has not been set.",
        "Orban, who arrived earlier in the day, said at a meeting with Putin on Friday that he "
        "would like to hear his stance.",
        "President Sisi received a call from President Erdogan, who congratulated him on the "
        "so-called new capital.",
    ],
)
def test_their_held_twins_stay_readouts(text: str) -> None:
    assert _readout(text)


@pytest.mark.parametrize(
    ("text", "readout"),
    [
        # a headline naming the contact by a noun, over a story about something else
        (
            "Erdogan, Putin talks: Turkey says grain deal can be revived\n\nTurkish Foreign "
            "Minister Hakan Fidan said on Friday that the grain corridor could be revived.",
            False,
        ),
        (
            "Putin-Trump call: Kremlin comments on Ukraine deal\n\nKremlin spokesman Dmitry "
            "Peskov said on Friday that there was no agreement yet on a Ukraine deal.",
            False,
        ),
        # the same headline over a lead that tells it
        (
            "Erdogan-Putin phone call\n\nTurkish President Recep Tayyip Erdogan and Russian "
            "President Vladimir Putin discussed the grain deal by phone on Thursday.",
            True,
        ),
        (
            "Modi-Putin talks\n\nPrime Minister Narendra Modi on Thursday discussed the Ukraine "
            "conflict with President Vladimir Putin.",
            True,
        ),
    ],
)
def test_a_headline_naming_talks_needs_a_lead_that_tells_them(text: str, readout: bool) -> None:
    assert _readout(text) is readout


@pytest.mark.parametrize(
    "text",
    [
        "Ruto, Museveni summit set for Friday\n\nPresident William Ruto will host President "
        "Yoweri Museveni on Friday. The two presidents met in Kampala in March, when they "
        "agreed on a pipeline.",
        "Erdogan to host Putin in Ankara\n\nTurkish President Recep Tayyip Erdogan will host "
        "Russian President Vladimir Putin for talks next month, the presidency said. The two "
        "leaders held talks in Astana in July.",
    ],
)
def test_an_undated_preview_recalls_its_earlier_contact(text: str) -> None:
    out = extract(ExtractInput(id="t", text=text, published=None))
    assert out.error is None
    assert not out.is_readout


def test_last_month_by_the_contact_is_history_even_undated() -> None:
    text = (
        "When Modi met Putin in Moscow last July, the two leaders hugged, drawing criticism "
        "from Kyiv."
    )
    out = extract(ExtractInput(id="t", text=text, published=None))
    assert not out.is_readout


def test_an_undated_readout_in_a_month_stays_the_news() -> None:
    text = (
        "President William Ruto hosted President Yoweri Museveni in Nairobi in March, when "
        "they agreed on a pipeline."
    )
    out = extract(ExtractInput(id="t", text=text, published=None))
    assert out.is_readout
