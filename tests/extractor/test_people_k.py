"""Who takes part and who is senior (issue 11k). A South Asian "Foreign Secretary" is the
foreign ministry's career head, no senior official (the United Kingdom's is the minister); the
officials an adviser, aide or envoy works for ("advisers to A, B and C") are not present; and
gazetteer gaps: a name the gazetteer spells with its honorific ("President Sheikh Mohamed"),
Vietnam's earlier leaders, the Sahrawi Republic's president; on a page without a date, the
date its address states names who held an office. Each rule has a near-miss twin.
Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from services.extractor.anchor import url_day
from services.extractor.pipeline import extract
from services.extractor.titled import civil_servant_title
from shared.schemas import ExtractInput

from .rules_helpers import held_pairs, run

DAY = dt.date(2023, 6, 10)  # Macron, Scholz and Meloni in office; Wang Yi foreign minister


@pytest.mark.parametrize(
    "sentence",
    [
        "Indian Foreign Secretary Arun Prakash Menon called on Chinese Foreign Minister Wang Yi"
        " in Beijing on Tuesday.",
        "The Foreign Secretary of Pakistan, Sadia Rahim Khan, met Chinese Foreign Minister"
        " Wang Yi in Beijing on Tuesday.",
        "Bangladeshi Foreign Secretary Rafiqul Karim held talks with Chinese Foreign Minister"
        " Wang Yi on Tuesday.",
    ],
)
def test_a_south_asian_foreign_secretary_is_no_senior_party(sentence: str) -> None:
    out = run(sentence, day=DAY)
    assert not out.is_readout
    assert held_pairs(sentence, day=DAY) == []


def test_the_british_foreign_secretary_is_the_minister() -> None:
    day = dt.date(2025, 3, 12)
    sentence = (
        "British Foreign Secretary David Lammy met Chinese Foreign Minister Wang Yi in Beijing"
        " on Tuesday."
    )
    assert frozenset({"David Lammy", "Wang Yi"}) in held_pairs(sentence, day=day)
    assert not civil_servant_title("foreign secretary", "GB")
    assert civil_servant_title("foreign secretary", "LK")
    assert not civil_servant_title("foreign minister", "IN")


@pytest.mark.parametrize(
    "sentence",
    [
        "Diplomatic advisers to Macron, Scholz and Meloni met in Brussels on Tuesday to prepare"
        " the summit.",
        "Senior aides of President Emmanuel Macron and Chancellor Olaf Scholz met in Paris on"
        " Tuesday.",
        "The envoys of Macron and Scholz held talks in Berlin on Tuesday.",
    ],
)
def test_those_an_adviser_works_for_are_not_present(sentence: str) -> None:
    assert held_pairs(sentence, day=DAY) == []


@pytest.mark.parametrize(
    ("sentence", "people"),
    [
        (
            "Macron, Scholz and Meloni met in Brussels on Tuesday to prepare the summit.",
            frozenset({"Emmanuel Macron", "Olaf Scholz", "Giorgia Meloni"}),
        ),
        (
            "With their advisers to one side, Macron met Scholz in Paris on Tuesday.",
            frozenset({"Emmanuel Macron", "Olaf Scholz"}),
        ),
        (
            "Macron met Scholz in Paris on Tuesday, with an adviser to each at the table.",
            frozenset({"Emmanuel Macron", "Olaf Scholz"}),
        ),
    ],
)
def test_leaders_beside_advisers_still_take_part(sentence: str, people: frozenset[str]) -> None:
    assert people in held_pairs(sentence, day=DAY)


@pytest.mark.parametrize(
    ("sentence", "day", "people"),
    [
        # a name the gazetteer spells with its honorific, after a title
        (
            "President Sheikh Mohamed on Wednesday held a phone call with President Hassan"
            " Sheikh Mohamud of Somalia.",
            dt.date(2025, 3, 19),
            frozenset({"Mohamed bin Zayed", "Hassan Sheikh Mohamud"}),
        ),
        # the other Sheikh Mohammed keeps his own name
        (
            "Sheikh Mohammed bin Rashid received Prime Minister Narendra Modi in Dubai on"
            " Wednesday.",
            dt.date(2025, 3, 19),
            frozenset({"Mohammed bin Rashid Al Maktoum", "Narendra Modi"}),
        ),
        # Vietnam's three-part names, read whole
        (
            "Prime Minister Nguyen Tan Dung and Thai Prime Minister Prayut Chan-o-cha met in"
            " Bangkok on Sunday.",
            dt.date(2015, 12, 21),
            frozenset({"Nguyen Tan Dung", "Prayut Chan-o-cha"}),
        ),
        (
            "President Tran Dai Quang held talks with President Joko Widodo in Hanoi on Monday.",
            dt.date(2017, 9, 12),
            frozenset({"Tran Dai Quang", "Joko Widodo"}),
        ),
        # the Sahrawi Republic's president
        (
            "President Cyril Ramaphosa hosted Sahrawi President Brahim Ghali in Pretoria on"
            " Tuesday.",
            dt.date(2022, 10, 18),
            frozenset({"Cyril Ramaphosa", "Brahim Ghali"}),
        ),
    ],
)
def test_gazetteer_names(sentence: str, day: dt.date, people: frozenset[str]) -> None:
    assert people in held_pairs(sentence, day=day)


# Who holds an office on a page without a date: the date its address states ("...-14-may-2021")
@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://www.gov.uk/government/news/pm-call-with-x-14-may-2021", dt.date(2021, 5, 14)),
        ("https://example.com/news/2023/07/12/leaders-meet", dt.date(2023, 7, 12)),
        ("https://example.com/view/2016-11/09/content_1.htm", dt.date(2016, 11, 9)),
        ("https://example.pk/24-Aug-2018/pm-meets-envoy", dt.date(2018, 8, 24)),
        ("https://example.com/2021/04/the-first-since-the-reconciliation", dt.date(2021, 4, 1)),
        # none: no date, an impossible one, one after the limit, digits of an article number
        ("https://example.com/news/world/leaders-meet", None),
        ("https://example.com/news/31-feb-2021-leaders", None),
        ("https://example.com/news/2031/01/02/leaders", None),
        ("https://example.com/article/20210514123/leaders", None),
    ],
)
def test_the_day_a_page_address_states(url: str, day: dt.date | None) -> None:
    assert url_day(url, dt.date(2026, 1, 1)) == day


_BARE_TITLE = (
    "The Prime Minister spoke to Australian Prime Minister Scott Morrison this morning.\n\n"
    "The leaders discussed trade and the climate."
)


def _undated(url: str) -> list[frozenset[str | None]]:
    out = extract(ExtractInput(id="t", text=_BARE_TITLE, title=None, published=None, url=url))
    return [frozenset(p.name for p in c.participants) for c in out.contacts if c.status == "held"]


def test_an_undated_pages_address_names_the_holder_of_a_bare_title() -> None:
    url = "https://www.gov.uk/government/news/pm-call-with-australian-pm-14-may-2021"
    assert _undated(url) == [frozenset({"Boris Johnson", "Scott Morrison"})]
    # the address's date is not the call's
    out = extract(ExtractInput(id="t", text=_BARE_TITLE, title=None, published=None, url=url))
    assert all(c.date is None for c in out.contacts)


def test_without_a_date_in_the_address_the_bare_title_stays_unnamed() -> None:
    url = "https://www.gov.uk/government/news/pm-call-with-australian-pm"
    assert frozenset({"Boris Johnson", "Scott Morrison"}) not in _undated(url)


# Office-holders and spellings the dev pools met: earlier terms, names written in full or in
# their own order
@pytest.mark.parametrize(
    ("sentence", "day", "people"),
    [
        (
            "Hungarian Prime Minister Ferenc Gyurcsany met Slovak Prime Minister Robert Fico in"
            " Brussels on Monday.",
            dt.date(2007, 3, 12),
            frozenset({"Ferenc Gyurcsány", "Robert Fico"}),
        ),
        (
            "Prime Minister Tony Abbott met President Joko Widodo in Jakarta on Monday.",
            dt.date(2014, 10, 20),
            frozenset({"Tony Abbott", "Joko Widodo"}),
        ),
        (
            "Japanese Foreign Minister Kamikawa Yoko met Chinese Foreign Minister Wang Yi in"
            " Vientiane on Friday.",
            dt.date(2024, 7, 26),
            frozenset({"Yoko Kamikawa", "Wang Yi"}),
        ),
        (
            "Prime Minister Anwar Ibrahim spoke by phone with Timor-Leste Prime Minister Kay Rala"
            " Xanana Gusmao on Thursday.",
            dt.date(2025, 5, 9),
            frozenset({"Anwar Ibrahim", "Xanana Gusmão"}),
        ),
        (
            "Guyana President Dr Mohammed Irfaan Ali held talks with Prime Minister Keith Rowley"
            " in Paramaribo on Sunday.",
            dt.date(2023, 7, 3),
            frozenset({"Irfaan Ali", "Keith Rowley"}),
        ),
        (
            "Brazilian Defence Minister Jose Mucio Monteiro spoke by phone with Secretary of"
            " Defense Lloyd Austin on Wednesday.",
            dt.date(2023, 6, 8),
            frozenset({"José Múcio Monteiro", "Lloyd Austin"}),
        ),
        (
            "Foreign Secretary Philip Hammond met Chinese Foreign Minister Wang Yi in Beijing on"
            " Tuesday.",
            dt.date(2016, 1, 6),
            frozenset({"Philip Hammond", "Wang Yi"}),
        ),
        (
            "Crown Prince Mohammed bin Salman received Palestinian Vice President Hussein"
            " Al-Sheikh in Riyadh on Monday.",
            dt.date(2025, 9, 1),
            frozenset({"Mohammed bin Salman", "Hussein al-Sheikh"}),
        ),
    ],
)
def test_gazetteer_terms_and_spellings(sentence: str, day: dt.date, people: frozenset[str]) -> None:
    assert people in held_pairs(sentence, day=day)


# "his French counterpart": the office of the official whose counterpart it is, named before
# it by title alone, or named after it in the same sentence
@pytest.mark.parametrize(
    ("sentence", "day", "people"),
    [
        (
            "Vietnam's PM held phone talks with his Indian counterpart on Saturday.",
            dt.date(2023, 6, 10),
            frozenset({"Pham Minh Chinh", "Narendra Modi"}),
        ),
        (
            "In a phone call with his French counterpart on Tuesday, Chinese Foreign Minister"
            " Wang Yi urged restraint.",
            dt.date(2020, 7, 29),
            frozenset({"Wang Yi", "Jean-Yves Le Drian"}),
        ),
        # near-misses: a head of state's counterpart after it; the official named before
        (
            "In a phone call with his French counterpart on Tuesday, Chinese President Xi"
            " Jinping urged restraint.",
            dt.date(2020, 7, 29),
            frozenset({"Xi Jinping", "Emmanuel Macron"}),
        ),
        (
            "Chinese Foreign Minister Wang Yi spoke by phone with his French counterpart on"
            " Tuesday.",
            dt.date(2020, 7, 29),
            frozenset({"Wang Yi", "Jean-Yves Le Drian"}),
        ),
    ],
)
def test_a_counterpart_has_the_office_of_its_official(
    sentence: str, day: dt.date, people: frozenset[str]
) -> None:
    assert people in held_pairs(sentence, day=day)
