"""Rules added after the third unseen batch, each on a sentence of its own kind."""

from __future__ import annotations

import datetime as dt

from tests.extractor.rules_helpers import held, participant_names, run


def test_dateline_date_is_not_the_contact_date() -> None:
    out = run(
        "LABUAN BAJO, May 11 (Bernama) -- Prime Minister Anwar Ibrahim held a bilateral meeting "
        "with Indonesian President Joko Widodo on the sidelines of the summit here yesterday.",
        day=dt.date(2023, 5, 11),
    )
    assert [c.date for c in held(out)] == [dt.date(2023, 5, 10)]


def test_with_someone_in_a_phone_call() -> None:
    out = run(
        "Ruto discussed the deployment with Haitian Prime Minister Garry Conille in a phone call "
        "on Thursday, according to a statement from his office.",
        day=dt.date(2024, 7, 20),  # a Saturday
    )
    assert out.is_readout
    assert [(participant_names(c), c.kind, c.date) for c in held(out)] == [
        ({"William Ruto", "Garry Conille"}, "call", dt.date(2024, 7, 18))
    ]


def test_headline_future_is_planned() -> None:
    out = run(
        "The two leaders have not spoken since December.",
        title="Lula to meet Milei at Mercosur summit in Asunción",
        day=dt.date(2024, 6, 20),
    )
    assert not out.is_readout
    assert not held(out)


def test_cancelled_meeting_is_not_held() -> None:
    out = run(
        "Colombian President Gustavo Petro cancelled a planned meeting with Argentine President "
        "Javier Milei on Wednesday after an insult.",
        day=dt.date(2024, 3, 28),
    )
    assert not out.is_readout


def test_a_word_several_tokens_back_does_not_demote_a_title() -> None:
    out = run(
        "European Council President Charles Michel and Commission President Ursula von der Leyen "
        "then held a video call with President Xi Jinping on Friday.",
        day=dt.date(2022, 4, 1),
    )
    assert any("Xi Jinping" in participant_names(c) for c in held(out))


def test_former_before_a_country_demotes() -> None:
    out = run(
        "Prime Minister Abiy Ahmed met former Nigerian President Olusegun Obasanjo in Addis "
        "Ababa on Friday.",
        day=dt.date(2021, 9, 18),
    )
    assert not out.is_readout


def test_named_bloc_stands_for_its_officials_named_before() -> None:
    out = run(
        "European Council President Charles Michel and European Commission President Ursula von "
        "der Leyen held a summit by video conference with Chinese Premier Li Keqiang on Friday. "
        "The EU leaders then held a video call with President Xi Jinping.",
        day=dt.date(2022, 4, 1),
    )
    with_xi = [c for c in held(out) if "Xi Jinping" in participant_names(c)]
    assert [participant_names(c) for c in with_xi] == [
        {"Charles Michel", "Ursula von der Leyen", "Xi Jinping"}
    ]


def test_leaders_among_those_who_took_part_join_the_call() -> None:
    out = run(
        "Japanese Prime Minister Fumio Kishida held a video call with Ukrainian President "
        "Volodymyr Zelensky on Friday. U.S. President Joe Biden and German Chancellor Olaf Scholz "
        "were among the leaders who took part, an official said.",
        day=dt.date(2023, 2, 24),
    )
    assert [participant_names(c) for c in held(out)] == [
        {"Fumio Kishida", "Volodymyr Zelensky", "Joe Biden", "Olaf Scholz"}
    ]


def test_australia_and_the_african_union_are_two_sides() -> None:
    out = run(
        "Prime Minister Anthony Albanese met the Chairperson of the African Union Commission, "
        "Moussa Faki Mahamat, in Canberra on Friday.",
        day=dt.date(2024, 7, 20),
    )
    assert out.is_readout
    people = [(p.name, p.country) for c in held(out) for p in c.participants]
    assert sorted(people) == [("Anthony Albanese", "AU"), ("Moussa Faki Mahamat", "AU")]


def test_received_in_audience_and_an_elided_country_name() -> None:
    out = run(
        "The Head of State, Macky Sall, received in audience on Monday at the Palace the "
        "President of the Republic of Côte d'Ivoire, Alassane Ouattara.",
        day=dt.date(2023, 6, 13),
    )
    assert [(participant_names(c), c.date) for c in held(out)] == [
        ({"Macky Sall", "Alassane Ouattara"}, dt.date(2023, 6, 12))
    ]


def test_a_meeting_that_never_took_place() -> None:
    out = run(
        "A meeting between Turkish President Recep Tayyip Erdoğan and Syrian President Bashar "
        "al-Assad in Moscow never took place, officials said on Monday.",
        day=dt.date(2023, 5, 22),
    )
    assert not held(out)


def test_their_ministers_are_not_the_leaders() -> None:
    out = run(
        "Turkish President Recep Tayyip Erdoğan and Syrian President Bashar al-Assad have not "
        "met since 2011. Their foreign ministers met in Moscow on May 10.",
        day=dt.date(2023, 5, 22),
    )
    # the leaders' only held contact is the one "not ... since 2011" recalls (undated), never
    # the ministers' meeting of May 10
    assert not out.is_readout
    assert [c.date for c in held(out)] == [None]


def test_a_blocs_meeting_is_not_the_next_clauses_subject() -> None:
    out = run(
        "On November 17, Mr. KISHIDA Fumio, Prime Minister of Japan, who is visiting Bangkok, "
        "Thailand, to attend the APEC Economic Leaders' Meeting, held a Japan-China Summit "
        "Meeting with H.E. Mr. Xi Jinping, President of the People's Republic of China.",
        day=dt.date(2022, 11, 17),
    )
    assert [participant_names(c) for c in held(out)] == [{"Fumio Kishida", "Xi Jinping"}]
