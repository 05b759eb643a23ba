"""The day an article speaks from: its published date, else its own date line or dateline, else
the fetch time; never the clock. Page furniture is not the article's date."""

from __future__ import annotations

import datetime as dt

from services.extractor.anchor import reference_days, text_date
from services.extractor.pipeline import extract
from services.extractor.service import to_readout
from services.extractor.text import sentences
from shared.schemas import ArticleFetched, Contact, ExtractInput

CALL = (
    "Indian Prime Minister Narendra Modi held a telephone conversation with French President "
    "Emmanuel Macron on Friday, the Prime Minister's Office said. The two leaders discussed "
    "trade and defence cooperation."
)
LIMIT = dt.date(2026, 1, 1)


def _held(doc: ExtractInput) -> list[Contact]:
    out = extract(doc)
    assert out.error is None, out.error
    return [c for c in out.contacts if c.status == "held"]


def test_no_date_anywhere_leaves_relative_dates_unknown() -> None:
    [call] = _held(ExtractInput(id="a", text=CALL))
    assert call.date is None


def test_published_and_fetch_time_anchor_relative_dates() -> None:
    [call] = _held(ExtractInput(id="a", text=CALL, published=dt.date(2024, 3, 12)))
    assert call.date == dt.date(2024, 3, 8)
    fetched = dt.datetime(2024, 3, 12, 9, 30, tzinfo=dt.UTC)
    [call] = _held(ExtractInput(id="a", text=CALL, fetched_at=fetched))
    assert call.date == dt.date(2024, 3, 8)


def test_the_service_passes_the_fetch_time() -> None:
    article = ArticleFetched(
        url="https://example.org/a",
        fetched_at=dt.datetime(2024, 3, 12, 9, tzinfo=dt.UTC),
        text=CALL,
    )
    [call] = [c for c in to_readout(article).contacts if c.status == "held"]
    assert call.date == dt.date(2024, 3, 8)


def test_the_pages_own_date_line_or_dated_headline() -> None:
    text = "Site archive\n\n06 December 2022\n\nModi speaks to Macron\n\n" + CALL
    assert text_date(sentences(text), LIMIT) == dt.date(2022, 12, 6)
    [call] = _held(ExtractInput(id="a", text=text))
    assert call.date == dt.date(2022, 12, 2)
    headline = "PM call with President Macron: 15 September 2017"
    assert text_date([headline, CALL], LIMIT) == dt.date(2017, 9, 15)


def test_page_furniture_is_not_the_articles_date() -> None:
    header = "22.3 C\n\nAugust 17, 2022\n\n"
    assert text_date(sentences(header + CALL), LIMIT) is None
    caption = "The two leaders pose for photographers before a dinner in Paris, July 14, 2023.\n\n"
    assert text_date(sentences(caption + CALL), LIMIT) is None
    # a date inside a sentence dates something else: "a term starting on 1 December 2024"
    inside = "The president began a term starting on December 1, 2024, officials said."
    assert text_date([inside], LIMIT) is None
    # nor does a date after the page was read
    assert text_date(["12 March 2027", CALL], LIMIT) is None


def test_a_dateline_takes_its_year_from_the_text() -> None:
    text = (
        "TASHKENT, Uzbekistan, July 10. Uzbek President Shavkat Mirziyoyev and Kyrgyz President "
        "Sadyr Japarov spoke over the phone. Japarov congratulated Mirziyoyev on the election "
        "held on July 9, 2023."
    )
    day, roles, dated = reference_days(None, None, sentences(text), text)
    assert day == roles == dt.date(2023, 7, 10)
    # without a stated year, and nothing else, the dateline gives no day
    day, _, dated = reference_days(None, None, ["BEIJING, May 13 -- " + CALL], CALL)
    assert not dated
    assert day is None


def test_a_recalled_contact_keeps_its_own_date() -> None:
    text = CALL + " Modi and Macron had met in Paris on February 12, 2025, at the AI Action Summit."
    contacts = _held(ExtractInput(id="a", text=text, published=dt.date(2025, 7, 7)))
    assert {c.date for c in contacts} >= {dt.date(2025, 7, 4), dt.date(2025, 2, 12)}


def test_roles_of_an_undated_article_follow_its_stated_years() -> None:
    text = (
        "The Japanese Prime Minister held talks with Indian Prime Minister Narendra Modi on "
        "Friday, after the 2022 Quad summit in Tokyo."
    )
    _, roles, _ = reference_days(None, None, sentences(text), text)
    assert roles == dt.date(2022, 7, 1)
    [talks] = _held(ExtractInput(id="a", text=text))
    assert talks.date is None
    assert {p.name for p in talks.participants} == {"Fumio Kishida", "Narendra Modi"}


def test_vague_times_give_no_date_and_borrow_none() -> None:
    text = (
        "Polish President Andrzej Duda held a telephone conversation with Ukrainian President "
        "Volodymyr Zelensky on Wednesday. Earlier, Duda held phone talks with US President Joe "
        "Biden. Duda had met German Chancellor Olaf Scholz last week."
    )
    out = extract(ExtractInput(id="a", text=text, published=dt.date(2022, 11, 17)))
    dated = {frozenset(p.name for p in c.participants): c.date for c in out.contacts}
    assert dated[frozenset({"Andrzej Duda", "Volodymyr Zelensky"})] == dt.date(2022, 11, 16)
    assert dated[frozenset({"Andrzej Duda", "Joe Biden"})] is None
    assert dated.get(frozenset({"Andrzej Duda", "Olaf Scholz"})) is None


def test_a_dateline_a_day_ahead_keeps_its_year() -> None:
    text = (
        "Ankara, Aug 14 (IANS) Turkish President Recep Tayyip Erdogan held a telephone "
        "conversation with German Chancellor Angela Merkel, his office said on Thursday."
    )
    [call] = _held(ExtractInput(id="a", text=text, published=dt.date(2020, 8, 13)))
    assert call.date == dt.date(2020, 8, 13)
