"""Who took part, and one contact told twice (issue 11l). An official a side brings along ("The
meeting was also attended by the Foreign Minister") is its delegation, not a party of its own;
one held contact told under two spellings of a participant ("Emomali Rahmon" in the headline,
"Emomali Rakhmonov" in the body), or with the counterpart named once and unnamed once on the
same day, is one contact. Each rule has a near-miss twin. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

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
