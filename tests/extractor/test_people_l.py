"""Who took part, and one contact told twice (issue 11l). An official a side brings along ("The
meeting was also attended by the Foreign Minister") is its delegation, not a party of its own;
one held contact told under two spellings of a participant ("Emomali Rahmon" in the headline,
"Emomali Rakhmonov" in the body), or with the counterpart named once and unnamed once on the
same day, is one contact. Each rule has a near-miss twin. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

from services.extractor.sameperson import merge_spellings
from shared.schemas import Contact, Person

from .rules_helpers import held, held_pairs, run


def test_an_attending_official_of_a_side_is_its_delegation() -> None:
    day = dt.date(2024, 3, 10)
    text = (
        "Ugandan President Yoweri Museveni held talks with Kenyan President William Ruto at"
        " State House Entebbe on Saturday. The two leaders discussed regional trade. The"
        " meeting was also attended by Uganda's Minister of Foreign Affairs Gen. Jeje Odongo"
        " and Kenya's Foreign Minister Musalia Mudavadi."
    )
    assert held_pairs(text, day=day) == [frozenset({"Yoweri Museveni", "William Ruto"})]


def test_an_attending_minister_of_the_host_is_not_a_party() -> None:
    day = dt.date(2025, 9, 2)
    text = (
        "Crown Prince and Prime Minister Mohammed bin Salman received Palestinian Vice"
        " President Hussein al-Sheikh in Riyadh on Monday. The meeting was attended by"
        " Minister of Foreign Affairs Prince Faisal bin Farhan."
    )
    assert held_pairs(text, day=day) == [frozenset({"Mohammed bin Salman", "Hussein al-Sheikh"})]


def test_attendees_of_other_countries_are_parties() -> None:
    # near miss: those attending a meeting one minister chairs are the other sides
    day = dt.date(2025, 1, 12)
    text = (
        "Japanese Foreign Minister Takeshi Iwaya hosted a trilateral meeting in Tokyo on"
        " Saturday. The meeting was attended by Chinese Foreign Minister Wang Yi and South"
        " Korean Foreign Minister Cho Tae-yul."
    )
    assert held_pairs(text, day=day) == [frozenset({"Takeshi Iwaya", "Wang Yi", "Cho Tae-yul"})]


def test_a_call_joined_by_a_minister_keeps_him() -> None:
    # near miss: "joined" is not "attended"; who joins a call is left as it was
    day = dt.date(2025, 1, 12)
    text = (
        "US President Donald Trump spoke by phone with Ukrainian President Volodymyr Zelensky"
        " on Saturday. The call was also joined by Secretary of State Marco Rubio."
    )
    out = run(text, day=day)
    assert [{p.name for p in c.participants} for c in held(out)] == [
        {"Donald Trump", "Volodymyr Zelensky", "Marco Rubio"}
    ]


def _call(day: dt.date | None, *people: tuple[str | None, str], kind: str = "call") -> Contact:
    return Contact(
        kind=kind,  # type: ignore[arg-type]
        date=day,
        participants=[Person(name=n, country=c) for n, c in people],
    )


PUTIN = ("Vladimir Putin", "RU")


def test_a_transliteration_of_a_participant_is_one_contact() -> None:
    merged = merge_spellings(
        [
            _call(None, PUTIN, ("Emomali Rahmon", "TJ")),
            _call(dt.date(2024, 5, 3), PUTIN, ("Emomali Rakhmonov", "TJ")),
        ]
    )
    assert len(merged) == 1
    assert merged[0].date == dt.date(2024, 5, 3)
    assert {p.name for p in merged[0].participants} == {"Vladimir Putin", "Emomali Rahmon"}


def test_a_surname_spelt_the_same_under_another_given_name_is_one_contact() -> None:
    qureshi = ("Shah Mahmood Qureshi", "PK")
    merged = merge_spellings(
        [
            _call(None, qureshi, ("Ebrahim Raisi", "IR"), kind="meeting"),
            _call(None, qureshi, ("Ibrahim Raisi", "IR"), kind="meeting"),
        ]
    )
    assert len(merged) == 1


def test_an_unnamed_counterpart_on_the_same_day_is_the_named_one() -> None:
    day = dt.date(2012, 11, 20)
    merged = merge_spellings(
        [
            _call(day, ("Yingluck Shinawatra", "TH"), ("Julia Gillard", "AU"), kind="meeting"),
            _call(day, ("Yingluck Shinawatra", "TH"), (None, "AU"), kind="meeting"),
        ]
    )
    assert len(merged) == 1
    assert {p.name for p in merged[0].participants} == {"Yingluck Shinawatra", "Julia Gillard"}


def test_near_misses_stay_apart() -> None:
    riyadh = ("Nawaf Al-Ahmad Al-Jaber Al-Sabah", "KW")
    contacts = [
        # the king and the crown prince share a word, not a place in the name
        _call(dt.date(2020, 12, 15), riyadh, ("Salman bin Abdulaziz Al-Saud", "SA")),
        _call(dt.date(2020, 12, 15), riyadh, ("Mohammed bin Salman", "SA")),
    ]
    assert merge_spellings(contacts) == contacts
    # the same people under the same names: a recalled earlier contact, kept apart on purpose
    same = [
        _call(dt.date(2024, 5, 3), PUTIN, ("Emomali Rahmon", "TJ")),
        _call(None, PUTIN, ("Emomali Rahmon", "TJ")),
    ]
    assert merge_spellings(same) == same
    # an unnamed counterpart without the same known date may be another occasion
    undated = [
        _call(dt.date(2024, 5, 3), PUTIN, ("Emomali Rahmon", "TJ")),
        _call(None, PUTIN, (None, "TJ")),
    ]
    assert merge_spellings(undated) == undated
    # another kind, or another day, is another contact
    kinds = [
        _call(None, PUTIN, ("Emomali Rahmon", "TJ")),
        _call(None, PUTIN, ("Emomali Rakhmonov", "TJ"), kind="meeting"),
    ]
    assert merge_spellings(kinds) == kinds
    days = [
        _call(dt.date(2024, 5, 3), PUTIN, ("Emomali Rahmon", "TJ")),
        _call(dt.date(2024, 4, 3), PUTIN, ("Emomali Rakhmonov", "TJ")),
    ]
    assert merge_spellings(days) == days


def test_a_headline_and_a_body_spelling_make_one_call() -> None:
    day = dt.date(2024, 5, 6)
    text = (
        "Putin holds phone talks with Tajik President\n\nOn Friday Russian President Vladimir"
        " Putin held a telephone conversation with President of Tajikistan Emomali Rakhmonov."
        " The leaders discussed trade."
    )
    contacts = held(run(text, day=day))
    assert len(contacts) == 1
    assert contacts[0].date == dt.date(2024, 5, 3)


def _recalled_visit(year: str) -> str:
    return (
        "Jamaican Prime Minister Andrew Holness held talks with Chinese President Xi Jinping in"
        f" Beijing on Monday. Xi recalled his visit to Jamaica in {year} and praised the ties."
    )


def test_a_visit_recalled_in_a_year_the_host_held_no_office_is_no_contact() -> None:
    day = dt.date(2024, 5, 8)  # Holness became prime minister again in 2016; not in 2009
    assert len(held(run(_recalled_visit("2009"), day=day))) == 1
    text = (
        "US Defense Secretary Lloyd Austin spoke by phone with Brazilian Defense Minister José"
        " Múcio Monteiro on Wednesday. Austin noted that he enjoyed his visit to Brazil in 2022"
        " for a conference of defense ministers."
    )  # Múcio minister since 2023
    assert [c.kind for c in held(run(text, day=day))] == ["call"]


def test_a_visit_recalled_in_a_year_both_held_office_is_a_meeting() -> None:
    day = dt.date(2024, 5, 8)
    contacts = held(run(_recalled_visit("2017"), day=day))
    assert len(contacts) == 2
    assert contacts[1].kind == "meeting"
