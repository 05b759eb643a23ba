"""The previous contact of a pair, in the phrasings real reports use (sentences written for these
tests after the wording of wires, agencies and official readouts, not copied from them)."""

from __future__ import annotations

import datetime as dt

import pytest

from services.extractor.pipeline import extract
from services.extractor.previous import previous_contact
from shared.schemas import ExtractInput

from .rules_helpers import held, run

DAY = dt.date(2025, 3, 14)


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        ("It was their first call since Dec. 23.", dt.date(2024, 12, 23)),
        ("The call was the first between the two leaders since 2 February.", dt.date(2025, 2, 2)),
        ("It was the first contact between them since November 5, 2024.", dt.date(2024, 11, 5)),
        (
            "It was their first meeting since they met in Lima, Peru, on Nov. 16.",
            dt.date(2024, 11, 16),
        ),
        (
            "The talks were the first since the leaders' summit on the sidelines of the G20 "
            "in Rio on 18 November 2024.",
            dt.date(2024, 11, 18),
        ),
        ("The two leaders last spoke by phone on January 9.", dt.date(2025, 1, 9)),
        ("They had last met in Brussels on 20 February.", dt.date(2025, 2, 20)),
        ("The two presidents last held a phone call on September 11, 2024.", dt.date(2024, 9, 11)),
        ("Their previous conversation was on 3 March.", dt.date(2025, 3, 3)),
        # the participle alone before the date (no place between)
        (
            "In their previous conversation held on 21 February, the ministers reviewed trade.",
            dt.date(2025, 2, 21),
        ),
        (
            "The last meeting between the two ministers took place in Ankara on January 28.",
            dt.date(2025, 1, 28),
        ),
        (
            "Putin's last known conversation with the French president, according to the "
            "Kremlin, was dated September 11, 2022.",
            dt.date(2022, 9, 11),
        ),
        ("Their most recent talks were held on Feb. 27 in Riyadh.", dt.date(2025, 2, 27)),
        ("The last time the ministers talked on the phone was on 4 February.", dt.date(2025, 2, 4)),
        ("The last time the pair met was in Geneva on January 10.", dt.date(2025, 1, 10)),
        (
            "The presidents last met on the sidelines of the ASEAN summit in Vientiane on "
            "Oct. 10, 2024.",
            dt.date(2024, 10, 10),
        ),
        ("When they last spoke, on 3 March, they agreed to keep in touch.", dt.date(2025, 3, 3)),
        ("Their last meeting, in Rome on 5 February, was about trade.", dt.date(2025, 2, 5)),
        ("Their previous call on Feb. 12 lasted an hour.", dt.date(2025, 2, 12)),
        ("The two had previously met in Oslo on 5 February.", dt.date(2025, 2, 5)),
        ("Previously, the pair met in Quito on Friday, 7th March.", dt.date(2025, 3, 7)),
        ("The two generals had not spoken since Feb. 11, an aide said.", dt.date(2025, 2, 11)),
        ("The call follows their meeting in Paris on February 20.", dt.date(2025, 2, 20)),
        ("The visit comes after the two leaders' talks in Doha on March 1.", dt.date(2025, 3, 1)),
        (
            "The leaders had not spoken since their February 20 meeting in Paris.",
            dt.date(2025, 2, 20),
        ),
        ("It was their first call since their Feb. 3 summit in Rome.", dt.date(2025, 2, 3)),
        (
            "They reviewed what they agreed at their previous meetings, held in Vienna on 4 "
            "December 2024 and 10 February 2025, and in Graz on 6 January 2025.",
            dt.date(2025, 2, 10),
        ),
        ("It was the leaders' first call in 28 days.", dt.date(2025, 2, 14)),
        ("It was their first meeting in three weeks.", dt.date(2025, 2, 21)),
    ],
)
def test_previous_contact_phrasings(sentence: str, want: dt.date) -> None:
    assert previous_contact([sentence], DAY) == want


@pytest.mark.parametrize(
    "sentence",
    [
        # another event, not a contact of the pair
        "It was the king's first meeting with the president since his coronation in May 2023.",
        "It was their first meeting since he took office on January 20.",
        "It was the first visit since taking office last month.",
        # a month or a year, or a vague count: no day to give
        "They held their first phone call in nearly three years, having last talked in 2022.",
        "It was their first conversation since September 2022.",
        "The two leaders last spoke in November.",
        "In their previous conversation held in March, the ministers reviewed trade.",
        "It was the first meeting in more than two months.",
        "It was their first conversation since the invasion.",
        "It was their first in-person meeting since 2019.",
        "These were the first talks between the two sides in 18 months.",
        "It was the first call between them in more than a year.",
        "The two last met at the G20 in Rio.",
        # someone else's meeting, or this one's own day
        "The minister had previously met the king on March 3.",
        "The call follows a meeting of EU ministers on March 3.",
        "The leaders gave a press conference after their meeting on March 14.",
        # "since the <date> <event>" that is no contact of theirs
        "It was the first call between them since the Feb. 9 election.",
        # meetings of others listed, or dates that are not contacts
        "The ministers' previous meetings were held in Vienna on 4 December 2024.",
        "Their previous agreements, signed on 4 December 2024, were reviewed.",
        # a year is not a day ("May 2023" is not May 20)
        "The leaders last met in May 2023 at the summit.",
    ],
)
def test_no_previous_contact_without_a_day_of_a_contact(sentence: str) -> None:
    assert previous_contact([sentence], DAY) is None


def test_previous_contact_of_an_undated_contact_needs_its_year() -> None:
    assert previous_contact(["They last spoke on July 23, 2020."], None) == dt.date(2020, 7, 23)
    assert previous_contact(["They last spoke on July 23."], None) is None
    assert previous_contact(["It was their first call in 28 days."], None) is None


def test_previous_contact_through_the_extractor() -> None:
    out = run(
        "Turkish President Recep Tayyip Erdogan held a telephone conversation with Russian "
        "President Vladimir Putin on Tuesday, the Turkish presidency said. The two leaders had "
        "last spoken by phone on February 2.",
        day=dt.date(2025, 3, 12),
    )
    # the news call, then the earlier call of the same pair as a contact of its own (issue 11e)
    assert [(c.date, c.previous_contact) for c in held(out)] == [
        (dt.date(2025, 3, 11), dt.date(2025, 2, 2)),
        (dt.date(2025, 2, 2), None),
    ]


def test_extract_input_keeps_its_contract_with_the_new_field() -> None:
    doc = ExtractInput.model_validate({"id": "a", "text": "x"})
    assert doc.fetched_at is None


def test_the_second_meeting_within_a_span_takes_the_dated_one_in_it() -> None:
    said = [
        "The talks were the second between the two presidents within two weeks.",
        "President Tinubu had hosted Talon in Paris on June 23 at a summit.",
        "Their first meeting was in March.",
    ]
    assert previous_contact(said, dt.date(2023, 7, 7)) == dt.date(2023, 6, 23)
    # a date outside the span is not it
    assert previous_contact(said, dt.date(2023, 9, 7)) is None


def test_the_last_time_and_a_count_in_months_through_the_extractor() -> None:
    text = (
        "Spanish Prime Minister Pedro Sanchez held a telephone conversation with Moroccan King "
        "Mohammed VI on Monday, his office said. The last time the two leaders spoke was on "
        "January 27."
    )
    out = run(text, day=dt.date(2025, 3, 11))
    news, *recalled = held(out)
    assert (news.date, news.previous_contact) == (dt.date(2025, 3, 10), dt.date(2025, 1, 27))
    # the last call is a held contact of its own, on its own day (issue-11e-others)
    assert [(c.date, c.previous_contact) for c in recalled] == [(dt.date(2025, 1, 27), None)]
    months = text.replace(
        "The last time the two leaders spoke was on January 27.",
        "It was their first conversation in 14 months.",
    )
    assert [c.previous_contact for c in held(run(months, day=dt.date(2025, 3, 11)))] == [None]


def test_a_dated_earlier_contact_of_the_same_pair_is_the_previous_one() -> None:
    """No "first since" or "last spoke": the text recalls the pair's earlier meetings with
    their dates, and the latest of them is the previous contact (as the fresh sets label it)."""
    out = run(
        "Turkish President Recep Tayyip Erdogan received Azerbaijani President Ilham Aliyev in "
        "Ankara on Tuesday, the Turkish presidency said. The two presidents met in Baku on "
        "January 20, and before that in Astana on 3 October 2024.",
        day=dt.date(2025, 3, 12),
    )
    news, *recalled = held(out)
    assert news.date == dt.date(2025, 3, 11)
    assert news.previous_contact == dt.date(2025, 1, 20)
    assert {c.date for c in recalled} >= {dt.date(2025, 1, 20)}


def test_an_earlier_contact_of_other_people_or_undated_is_no_previous_contact() -> None:
    other_pair = run(
        "Turkish President Recep Tayyip Erdogan received Azerbaijani President Ilham Aliyev in "
        "Ankara on Tuesday, the Turkish presidency said. Erdogan had met Russian President "
        "Vladimir Putin in Sochi on January 20.",
        day=dt.date(2025, 3, 12),
    )
    assert [c.previous_contact for c in held(other_pair)][:1] == [None]
    undated = run(
        "Turkish President Recep Tayyip Erdogan received Azerbaijani President Ilham Aliyev in "
        "Ankara on Tuesday, the Turkish presidency said. The two presidents have met many "
        "times before.",
        day=dt.date(2025, 3, 12),
    )
    assert [c.previous_contact for c in held(undated)] == [None]


def test_an_undated_news_contact_takes_the_dated_one_the_text_recalls() -> None:
    """A page without a publication date: the news call has no day, and the one earlier contact
    of the same people the text dates is its previous contact; not when the text also recalls an
    undated contact of theirs, which may be the later one."""
    text = (
        "Polish President Andrzej Duda held a telephone conversation with Lithuanian President "
        "Gitanas Nauseda. The presidents referred to their talks in Vilnius on 12 January 2024, "
        "where they discussed air defence."
    )
    out = extract(ExtractInput(id="t", text=text))
    news, *recalled = held(out)
    assert news.date is None
    assert news.previous_contact == dt.date(2024, 1, 12)
    assert [c.date for c in recalled] == [dt.date(2024, 1, 12)]
    undated_too = text + " Duda and Nauseda last spoke by phone in March."
    assert held(extract(ExtractInput(id="t", text=undated_too)))[0].previous_contact is None


def test_a_last_publicly_announced_conversation_is_past() -> None:
    """'Announced' before a contact word marks a plan ("announced a meeting"), but not in "the
    last publicly announced conversation", which was held."""
    out = run(
        "Russian President Vladimir Putin held a phone conversation with Saudi Crown Prince "
        "Mohammed bin Salman on Saturday, the Kremlin said. Putin's last publicly announced "
        "conversation with the Saudi Crown Prince was on March 3, according to the Kremlin.",
        day=dt.date(2022, 4, 16),
    )
    assert all(c.status == "held" for c in out.contacts)
    news, *recalled = out.contacts
    assert (news.date, news.previous_contact) == (dt.date(2022, 4, 16), dt.date(2022, 3, 3))
    assert [c.date for c in recalled] == [dt.date(2022, 3, 3)]


def test_a_last_contact_of_other_people_is_not_the_news_contacts_previous_one() -> None:
    """The article's one news contact reads "last met" anywhere in the text, but not in a
    sentence that tells a contact of other people only."""
    body = (
        " They discussed trade and climate finance. Ruto thanked Macron for his support. The two"
        " agreed to keep in touch. The Elysee gave no further details."
    )
    out = run(
        "French President Emmanuel Macron spoke by phone with Kenyan President William Ruto on "
        "Tuesday, the Elysee said." + body + " Macron and Nigerian President Bola Tinubu last "
        "met in Paris on 5 February.",
        day=dt.date(2025, 3, 12),
    )
    news, *recalled = held(out)
    assert news.date == dt.date(2025, 3, 11)
    assert news.previous_contact is None
    assert [c.date for c in recalled] == [dt.date(2025, 2, 5)]
    same_pair = run(
        "French President Emmanuel Macron spoke by phone with Kenyan President William Ruto on "
        "Tuesday, the Elysee said." + body + " Macron and Ruto last met in Paris on 5 February.",
        day=dt.date(2025, 3, 12),
    )
    assert held(same_pair)[0].previous_contact == dt.date(2025, 2, 5)


def test_a_file_photo_caption_taken_for_the_headline_is_a_recalled_contact() -> None:
    """The first line, a caption of an older call, reads as the headline; the body tells the
    news call. The caption's call is recalled (and the previous one), listed after the news."""
    text = (
        "Scholz spoke with Japanese Prime Minister Fumio Kishida on June 2 (File)\n\n"
        "German Chancellor Olaf Scholz on Thursday spoke with Japanese Prime Minister Fumio "
        "Kishida about trade, a government spokesman said.\n\n"
        "Scholz spoke with Kishida on June 2, ahead of the summit in Hiroshima."
    )
    out = run(text, day=dt.date(2023, 7, 14))
    news, *recalled = held(out)
    assert out.is_readout
    assert (news.date, news.previous_contact) == (dt.date(2023, 7, 13), dt.date(2023, 6, 2))
    assert [c.date for c in recalled] == [dt.date(2023, 6, 2)]
