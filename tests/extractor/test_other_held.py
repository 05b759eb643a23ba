"""Held contacts recalled beside the news (issue 11e): an earlier contact of the same pair as a
contact of its own, with its own date or none; a minister calling on the visiting leader; a
contact told as another occasion does not borrow the date of the one before it (sentences
written for these tests after the shape of real reports)."""

from __future__ import annotations

import datetime as dt

import pytest

from services.extractor.contacts import _one_occasion
from services.extractor.periods import told_year
from shared.schemas import Contact, Person

from .rules_helpers import held, participant_names, run

DAY = dt.date(2023, 9, 14)  # a Thursday
PAIR = frozenset({"Narendra Modi", "Xi Jinping"})


def _held(text: str, day: dt.date = DAY) -> list[tuple[frozenset[str | None], dt.date | None]]:
    return [(participant_names(c), c.date) for c in held(run(text, day=day))]


def test_an_earlier_meeting_of_the_same_pair_is_its_own_contact_without_a_date() -> None:
    text = (
        "Indian Prime Minister Narendra Modi met Chinese President Xi Jinping on Wednesday in "
        "Johannesburg. Modi's last formal bilateral meeting with Xi was held in Goa in 2019."
    )
    out = run(text, day=DAY)
    assert out.is_readout
    assert _held(text) == [(PAIR, dt.date(2023, 9, 13)), (PAIR, None)]


def test_an_earlier_meeting_with_its_own_date_keeps_it() -> None:
    text = (
        "President Bola Tinubu on Friday hosted Ghanaian President Nana Akufo-Addo in Abuja. "
        "Tinubu had hosted Akufo-Addo in Lagos on August 20 during a trade fair."
    )
    got = _held(text, dt.date(2023, 9, 16))
    pair = frozenset({"Bola Tinubu", "Nana Akufo-Addo"})
    assert got == [(pair, dt.date(2023, 9, 15)), (pair, dt.date(2023, 8, 20))]


def test_a_meeting_dated_weeks_before_the_news_is_another_contact() -> None:
    text = (
        "President Bola Tinubu on Friday hosted Ghanaian President Nana Akufo-Addo in Abuja. "
        "Tinubu hosted Akufo-Addo in Paris on August 25 at a finance summit."
    )
    got = _held(text, dt.date(2023, 9, 16))
    assert [d for _, d in got] == [dt.date(2023, 9, 15), dt.date(2023, 8, 25)]


def test_a_recall_in_the_news_sentence_does_not_take_the_news_date() -> None:
    text = (
        "Chinese President Xi Jinping held talks with Indian Prime Minister Narendra Modi on "
        "Wednesday, a year after their last meeting."
    )
    assert _held(text) == [(PAIR, dt.date(2023, 9, 13)), (PAIR, None)]


def test_a_single_meeting_stays_one_contact() -> None:
    text = (
        "Indian Prime Minister Narendra Modi met Chinese President Xi Jinping on Wednesday in "
        "Johannesburg. The two leaders discussed the border during the meeting."
    )
    assert _held(text) == [(PAIR, dt.date(2023, 9, 13))]


def test_first_call_since_taking_office_last_month_is_the_news() -> None:
    text = (
        "Japanese Prime Minister Fumio Kishida and French President Emmanuel Macron held a "
        "phone call on Monday. It was their first phone talk since Kishida took office last month."
    )
    got = _held(text, dt.date(2021, 11, 16))
    assert got == [(frozenset({"Fumio Kishida", "Emmanuel Macron"}), dt.date(2021, 11, 15))]


def test_the_minister_calling_on_the_visiting_leader_meets_him() -> None:
    text = (
        "Prime Minister Narendra Modi held talks with Nepalese Prime Minister Pushpa Kamal "
        "Dahal in New Delhi on Thursday.\n\n"
        "External Affairs Minister S Jaishankar also called on the visiting leader."
    )
    pairs = [p for p, _ in _held(text, dt.date(2023, 6, 2))]
    assert frozenset({"S. Jaishankar", "Pushpa Kamal Dahal"}) in pairs
    assert frozenset({"Narendra Modi", "Pushpa Kamal Dahal"}) in pairs


def test_calling_on_the_visitor_earlier_takes_the_visits_day() -> None:
    text = (
        "Prime Minister Narendra Modi held talks with Nepalese Prime Minister Pushpa Kamal "
        "Dahal in New Delhi on Thursday.\n\n"
        "Earlier, External Affairs Minister S Jaishankar called on the visiting leader."
    )
    got = dict(_held(text, dt.date(2023, 6, 2)))
    assert got[frozenset({"S. Jaishankar", "Pushpa Kamal Dahal"})] == dt.date(2023, 6, 1)


def test_calling_on_the_visitor_with_no_time_told_is_undated() -> None:
    text = (
        "Prime Minister Narendra Modi held talks with Nepalese Prime Minister Pushpa Kamal "
        "Dahal in New Delhi on Thursday.\n\n"
        "External Affairs Minister S Jaishankar also called on the visiting leader during "
        "his stay."
    )
    got = dict(_held(text, dt.date(2023, 6, 2)))
    assert got[frozenset({"S. Jaishankar", "Pushpa Kamal Dahal"})] is None


def test_calling_on_the_guest_country_to_act_is_no_meeting() -> None:
    text = (
        "Prime Minister Narendra Modi held talks with Nepalese Prime Minister Pushpa Kamal "
        "Dahal in New Delhi on Thursday.\n\n"
        "External Affairs Minister S Jaishankar called on the Nepalese government to act."
    )
    pairs = [p for p, _ in _held(text, dt.date(2023, 6, 2))]
    assert pairs == [frozenset({"Narendra Modi", "Pushpa Kamal Dahal"})]


def test_another_call_later_borrows_no_date() -> None:
    text = (
        "President Cyril Ramaphosa spoke by phone with Ukrainian President Volodymyr Zelensky "
        "on Wednesday about the war.\n\n"
        "He later had another telephone discussion with US President Joe Biden."
    )
    got = dict(_held(text, dt.date(2022, 4, 21)))
    assert got[frozenset({"Cyril Ramaphosa", "Volodymyr Zelensky"})] == dt.date(2022, 4, 20)
    assert got[frozenset({"Cyril Ramaphosa", "Joe Biden"})] is None


def test_a_desire_to_speak_is_no_call() -> None:
    text = (
        "A government spokesman said Chancellor Olaf Scholz had expressed a desire to speak "
        "with Russian President Vladimir Putin."
    )
    assert _held(text) == []


def test_pointing_to_an_earlier_meeting_recalls_it() -> None:
    text = (
        "Iranian President Ebrahim Raisi and Iraqi Prime Minister Mohammed Shia al-Sudani held "
        "a phone call on Wednesday. Raisi pointed to his meeting with al-Sudani in Tehran, "
        "where the two sides signed a border deal."
    )
    got = _held(text)
    assert [d for _, d in got] == [dt.date(2023, 9, 13), None]


def test_bilateral_meetings_listed_after_a_colon_and_with_are_one_each() -> None:
    text = (
        "Chilean President Gabriel Boric received Peruvian President Dina Boluarte on Friday.\n\n"
        "On Thursday, Boric held two other bilateral meetings: with the president of Argentina, "
        "Alberto Fernández, and with the president of Guyana, Irfaan Ali."
    )
    got = _held(text, dt.date(2023, 5, 27))
    assert (frozenset({"Gabriel Boric", "Alberto Fernández"}), dt.date(2023, 5, 25)) in got
    assert (frozenset({"Gabriel Boric", "Irfaan Ali"}), dt.date(2023, 5, 25)) in got


def test_the_people_after_between_are_the_parties_not_the_subject() -> None:
    text = (
        "Iranian Foreign Minister Hossein Amir-Abdollahian spoke by phone with Turkmen Foreign "
        "Minister Rashid Meredov on Monday. Amir-Abdollahian referred to the phone call between "
        "the presidents of Iran and Turkmenistan on Monday morning."
    )
    pairs = [p for p, _ in _held(text, dt.date(2021, 12, 13))]
    assert pairs == [
        frozenset({"Hossein Amir-Abdollahian", "Rashid Meredov"}),
        frozenset({"Ebrahim Raisi", "Gurbanguly Berdimuhamedow"}),
    ]


def test_a_weekday_before_a_calendar_date_is_that_date() -> None:
    from services.extractor.dates import contact_date

    sentence = "Before that, both presidents met on Thursday, 10th March in Lima."
    assert contact_date(sentence, 20, dt.date(2022, 3, 18)) == dt.date(2022, 3, 10)
    assert contact_date("They met on Thursday in Lima.", 5, dt.date(2022, 3, 18)) == dt.date(
        2022, 3, 17
    )
    assert contact_date("No date here.", 0, dt.date(2022, 3, 18)) is None


def test_a_contact_the_news_followed_is_recalled() -> None:
    text = (
        "Italian Prime Minister Giorgia Meloni met German Chancellor Olaf Scholz in Tirana on "
        "Tuesday. The meeting followed a telephone conversation between Meloni and Scholz "
        "about energy prices."
    )
    pair = frozenset({"Giorgia Meloni", "Olaf Scholz"})
    assert _held(text, dt.date(2022, 12, 7)) == [(pair, dt.date(2022, 12, 6)), (pair, None)]


def test_a_visit_recalled_in_passing_is_a_meeting_with_the_host() -> None:
    text = (
        "Uzbek President Shavkat Mirziyoyev held talks with Russian President Vladimir Putin in "
        "Astana on Thursday. Mirziyoyev said ties had grown after Putin's state visit to "
        "Uzbekistan in May last year."
    )
    pair = frozenset({"Shavkat Mirziyoyev", "Vladimir Putin"})
    got = run(text, day=DAY)
    assert got.is_readout
    assert _held(text) == [(pair, dt.date(2023, 9, 14)), (pair, None)]


def test_a_planned_or_current_visit_is_no_recalled_meeting() -> None:
    planned = (
        "Uzbek President Shavkat Mirziyoyev held talks with Russian President Vladimir Putin in "
        "Astana on Thursday. Putin accepted an invitation for his upcoming visit to Uzbekistan."
    )
    current = (
        "Russian President Vladimir Putin held talks with Uzbek President Shavkat Mirziyoyev in "
        "Tashkent on Thursday, during Putin's state visit to Uzbekistan."
    )
    pair = frozenset({"Shavkat Mirziyoyev", "Vladimir Putin"})
    assert [p for p, _ in _held(planned)] == [pair]
    assert [p for p, _ in _held(current)] == [pair]


def test_a_period_after_a_finished_since_clause_still_recalls() -> None:
    text = (
        "A video conference between Russian President Vladimir Putin and US President Joe "
        "Biden ended on Tuesday. The only live meeting between Putin and Biden since the latter "
        "took office was in June."
    )
    pair = frozenset({"Vladimir Putin", "Joe Biden"})
    assert _held(text, dt.date(2021, 12, 8)) == [(pair, dt.date(2021, 12, 7)), (pair, None)]


def test_a_recent_meeting_with_another_leader_borrows_no_date() -> None:
    text = (
        "Philippine President Ferdinand Marcos Jr. met Vietnamese Prime Minister Pham Minh Chinh "
        "in Jakarta on Wednesday.\n\n"
        "Speaking of his recent meeting with Vietnamese President Vo Van Thuong in London, he "
        "said ties were strong."
    )
    got = dict(_held(text, dt.date(2023, 5, 11)))
    assert got[frozenset({"Ferdinand Marcos Jr.", "Pham Minh Chinh"})] == dt.date(2023, 5, 10)
    assert got[frozenset({"Ferdinand Marcos Jr.", "Vo Van Thuong"})] is None


def test_since_across_a_comma_recalls_nothing() -> None:
    text = (
        "On his third trip since the floods, US Secretary of State Antony Blinken met Israeli "
        "President Isaac Herzog in Tel Aviv on Tuesday."
    )
    out = run(text, day=dt.date(2024, 1, 10))
    assert out.is_readout
    assert _held(text, dt.date(2024, 1, 10)) == [
        (frozenset({"Antony Blinken", "Isaac Herzog"}), dt.date(2024, 1, 9))
    ]


def test_a_contact_one_leader_told_the_other_of_is_the_tellers_and_undated() -> None:
    text = (
        "Japanese Prime Minister Fumio Kishida spoke by phone with French President Emmanuel "
        "Macron on Friday. Macron told Kishida that he had held talks with Israeli Prime "
        "Minister Benjamin Netanyahu in Jerusalem."
    )
    got = dict(_held(text, dt.date(2023, 10, 28)))
    assert got[frozenset({"Fumio Kishida", "Emmanuel Macron"})] == dt.date(2023, 10, 27)
    assert got[frozenset({"Emmanuel Macron", "Benjamin Netanyahu"})] is None
    assert frozenset({"Fumio Kishida", "Benjamin Netanyahu"}) not in got


def test_consulted_with_a_named_counterpart_is_a_contact() -> None:
    text = (
        "French President Emmanuel Macron spoke by phone with Russian President Vladimir Putin "
        "on Friday. Macron also consulted on Friday afternoon with his Ukrainian counterpart "
        "Volodymyr Zelensky."
    )
    pairs = [p for p, _ in _held(text, dt.date(2022, 1, 29))]
    assert frozenset({"Emmanuel Macron", "Volodymyr Zelensky"}) in pairs
    assert not _held("The minister consulted with farmers and unions in Lyon on Friday.")


def test_a_russian_spelling_of_zelensky_is_him() -> None:
    text = (
        "Hungarian Prime Minister Viktor Orban met Russian President Vladimir Putin in Moscow on "
        "Friday. On July 2, Orban visited Kiev, where he met with the country's President "
        "Vladimir Zelensky."
    )
    got = dict(_held(text, dt.date(2024, 7, 6)))
    assert got[frozenset({"Viktor Orbán", "Volodymyr Zelensky"})] == dt.date(2024, 7, 2)


def test_each_contact_of_a_sentence_takes_the_date_told_after_it() -> None:
    text = (
        "Italian Prime Minister Giorgia Meloni met German Chancellor Olaf Scholz in Tirana on "
        "Tuesday. The meeting followed a telephone conversation between Meloni and Scholz on "
        "28 October and their meeting in Sharm el-Sheikh on 7 November."
    )
    got = [d for _, d in _held(text, dt.date(2022, 12, 7))]
    assert got == [dt.date(2022, 12, 6), dt.date(2022, 10, 28), dt.date(2022, 11, 7)]


def test_a_call_between_two_named_leaders_is_theirs_alone() -> None:
    text = (
        "German Chancellor Friedrich Merz cited the trip of Hungarian Prime Minister Viktor "
        "Orbán to Moscow and a phone call between French President Emmanuel Macron and Russian "
        "President Vladimir Putin in July."
    )
    pairs = [p for p, _ in _held(text, dt.date(2025, 9, 1))]
    assert pairs == [frozenset({"Emmanuel Macron", "Vladimir Putin"})]


def test_a_date_of_the_contacts_own_clause_wins() -> None:
    from services.extractor.dates import contact_date

    sentence = (
        "A delegation attended the inauguration on 8 June, and Biden telephoned the new "
        "president on 10 June to congratulate him."
    )
    at = sentence.index("telephoned")
    assert contact_date(sentence, at, dt.date(2014, 6, 21)) == dt.date(2014, 6, 10)
    single = "On 8 June the two presidents spoke by phone about trade."
    assert contact_date(single, single.index("spoke"), dt.date(2014, 6, 21)) == dt.date(2014, 6, 8)


def test_an_opening_contact_phrase_keeps_its_partner_out_of_the_next_contact() -> None:
    text = (
        "Argentine President Javier Milei met Italian Prime Minister Giorgia Meloni in Rome on "
        "Monday. In addition to meeting with Pope Francis, Milei held talks with President "
        "Sergio Mattarella."
    )
    pairs = [p for p, _ in _held(text, dt.date(2024, 2, 13))]
    assert frozenset({"Javier Milei", "Sergio Mattarella"}) in pairs
    assert frozenset({"Pope Francis", "Javier Milei"}) in pairs
    assert all(len(p) == 2 for p in pairs)


def test_a_negation_inside_a_dashed_aside_does_not_deny_the_meeting() -> None:
    text = (
        "King Charles III met US President Joe Biden at Windsor Castle on Monday. The visit came "
        "hours after the president – who did not attend the coronation – had met with Prime "
        "Minister Rishi Sunak in London."
    )
    pairs = [p for p, _ in _held(text, dt.date(2023, 7, 11))]
    assert frozenset({"Joe Biden", "Rishi Sunak"}) in pairs
    denied = "Prime Minister Rishi Sunak did not meet US President Joe Biden in London on Monday."
    assert _held(denied, dt.date(2023, 7, 11)) == []


def test_calls_with_one_party_on_one_day_and_with_another_on_another() -> None:
    text = (
        "Turkish Foreign Minister Mevlut Cavusoglu held phone conversations with Hungarian "
        "Foreign Minister Peter Szijjarto on Thursday, and with Estonian Foreign Minister Urmas "
        "Reinsalu on Wednesday."
    )
    got = dict(_held(text, dt.date(2020, 8, 14)))
    assert got[frozenset({"Mevlüt Çavuşoğlu", "Péter Szijjártó"})] == dt.date(2020, 8, 13)
    assert got[frozenset({"Mevlüt Çavuşoğlu", "Urmas Reinsalu"})] == dt.date(2020, 8, 12)


def test_a_contact_placed_in_an_earlier_year_reads_offices_at_that_year() -> None:
    text = (
        "Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol in "
        "Tokyo on Thursday. In 2002, Junichiro Koizumi travelled to Pyongyang and met "
        "Kim Jong Il."
    )
    got = _held(text, dt.date(2023, 9, 15))
    assert got[0] == (frozenset({"Fumio Kishida", "Yoon Suk Yeol"}), dt.date(2023, 9, 14))
    assert got[1:] == [(frozenset({"Junichiro Koizumi", "Kim Jong-il"}), None)]


def test_the_year_told_of_a_sentence() -> None:
    today = dt.date(2023, 9, 15)
    assert told_year("In 2002, A went to B.", today) == dt.date(2002, 7, 1)
    assert told_year("after their talks in Rome on June 3, 2016.", today) == dt.date(2016, 6, 3)
    assert told_year("they met on 3 June 2016", today) == dt.date(2016, 6, 3)
    assert told_year("in 2019 and again in 2021", today) is None  # two years: no one year
    assert told_year("in 2023", today) is None  # the article's own year
    assert told_year("the 2015-2017 term", today) is None


def test_a_call_between_the_two_leaders_is_the_pair_named_before() -> None:
    text = (
        "The trip is a turn after French President Emmanuel Macron had announced plans to meet "
        "Brazilian President Lula da Silva in Brasilia, "
        "following a frank phone call between the two leaders last week."
    )
    out = run(text, day=DAY)
    pair = frozenset({"Emmanuel Macron", "Luiz Inácio Lula da Silva"})
    assert [(participant_names(c), c.date) for c in held(out)] == [(pair, None)]


def test_a_call_between_the_two_leaders_in_a_sentence_naming_none() -> None:
    text = (
        "Indian Prime Minister Narendra Modi met Chinese President Xi Jinping on Wednesday in "
        "Johannesburg. It follows a brief phone call between the two leaders last month."
    )
    assert _held(text) == [(PAIR, dt.date(2023, 9, 13)), (PAIR, None)]


SUMMIT = (
    "Spanish Prime Minister Pedro Sanchez met US President Joe Biden at the NATO summit in "
    "Brussels on 14 June. "
)


def test_meetings_that_an_official_held_with_others_are_one_contact_each() -> None:
    text = SUMMIT + (
        "The separate meetings that the US President held on the sidelines of the summit with "
        "the presidents of Slovakia and Bulgaria were brief."
    )
    pairs = [p for p, _ in _held(text, dt.date(2021, 6, 16))]
    assert frozenset({"Joe Biden", "Zuzana Čaputová"}) in pairs
    assert frozenset({"Joe Biden", "Rumen Radev"}) in pairs


def test_not_the_meetings_that_he_held_is_a_contrast_not_a_denial() -> None:
    text = SUMMIT + (
        "The agenda listed only the formal talks, not the informal meetings that the US "
        "President held with the presidents of Slovakia and Bulgaria."
    )
    pairs = [p for p, _ in _held(text, dt.date(2021, 6, 16))]
    assert frozenset({"Joe Biden", "Rumen Radev"}) in pairs


def test_other_leaders_including_joins_the_parties() -> None:
    text = SUMMIT + (
        "The US President also held meetings with the Spanish Prime Minister and with other "
        "leaders, including the president of Bulgaria, as well as the prime minister of Norway."
    )
    pairs = [p for p, _ in _held(text, dt.date(2021, 6, 16))]
    assert frozenset({"Joe Biden", "Rumen Radev"}) in pairs
    assert frozenset({"Joe Biden", "Erna Solberg"}) in pairs


def test_the_president_of_the_government_is_the_prime_minister() -> None:
    text = (
        "Spanish Prime Minister Pedro Sanchez opened a forum in Madrid on Monday. US President "
        "Joe Biden held talks with the President of the Government on Tuesday."
    )
    pairs = {p for p, _ in _held(text, dt.date(2021, 6, 16))}
    assert pairs == {frozenset({"Pedro Sánchez", "Joe Biden"})}


def test_a_country_that_is_also_a_surname_stays_a_country_in_a_list() -> None:
    text = (
        "US President Joe Biden held separate meetings with the prime ministers of Montenegro, "
        "Norway and Luxembourg on Monday."
    )
    out = run(text, day=dt.date(2021, 6, 16))
    people = {p.name for c in held(out) for p in c.participants}
    assert "Luís Montenegro" not in people
    assert {"Erna Solberg", "Xavier Bettel"} <= people


def test_a_known_surname_under_a_wrong_title_is_the_official_named_in_full() -> None:
    text = (
        "Italian Prime Minister Giorgia Meloni met German Chancellor Olaf Scholz in Rome on "
        "Tuesday. It came after a telephone conversation between President Meloni and "
        "Chancellor Scholz on 28 October."
    )
    got = _held(text, dt.date(2022, 12, 7))
    pair = frozenset({"Giorgia Meloni", "Olaf Scholz"})
    assert got == [(pair, dt.date(2022, 12, 6)), (pair, dt.date(2022, 10, 28))]


def test_and_with_an_office_holder_and_a_group_each_take_their_day() -> None:
    text = (
        "Turkish President Recep Tayyip Erdogan held a telephone conversation with German "
        "Chancellor Angela Merkel on Thursday. Turkish Foreign Minister Mevlut Cavusoglu also "
        "held phone calls with his Hungarian counterpart on Thursday, and with EU's foreign "
        "policy chief Josep Borrell, foreign ministers of Estonia and Finland on Wednesday "
        "after a request from Athens."
    )
    got = dict(_held(text, dt.date(2020, 8, 14)))
    minister = "Mevlüt Çavuşoğlu"
    assert got[frozenset({minister, "Péter Szijjártó"})] == dt.date(2020, 8, 13)
    assert got[frozenset({minister, "Josep Borrell"})] == dt.date(2020, 8, 12)
    assert got[frozenset({minister, "Pekka Haavisto"})] == dt.date(2020, 8, 12)


def test_sentences_run_together_without_a_space_are_split() -> None:
    text = (
        "Prime Minister Pham Minh Chinh met Philippine President Ferdinand Marcos Jr. in "
        "Jakarta on May 10.At the meeting, the Philippine President praised the ties. "
        "Regarding his recent meeting with Vietnamese President Vo Van Thuong in London, "
        "he said relations were strong."
    )
    got = _held(text, dt.date(2023, 5, 10))
    assert (frozenset({"Ferdinand Marcos Jr.", "Vo Van Thuong"}), None) in got


def test_accorded_a_warm_welcome_to_is_a_meeting() -> None:
    text = (
        "Kenyan President William Ruto arrived in Kampala this morning for a working visit."
        "President Yoweri Museveni accorded a warm welcome to President Ruto at the airport."
    )
    out = run(text, day=dt.date(2023, 5, 10))
    assert frozenset({"William Ruto", "Yoweri Museveni"}) in [
        participant_names(c) for c in held(out)
    ]


def test_confirmed_weeks_ago_that_he_had_spoken_names_the_speaker() -> None:
    text = (
        "President Cyril Ramaphosa spoke by phone with Ukrainian President Volodymyr Zelensky "
        "on Wednesday about the war.\n\n"
        "Ramaphosa had confirmed a few weeks ago that he had spoken to Russian President "
        "Vladimir Putin about the conflict."
    )
    got = dict(_held(text, dt.date(2022, 4, 21)))
    assert got[frozenset({"Cyril Ramaphosa", "Vladimir Putin"})] is None


def test_a_bare_surname_of_an_official_the_text_titles_is_serving() -> None:
    text = (
        "US President Donald Trump met British Prime Minister Boris Johnson in Biarritz on "
        "Sunday. The meeting follows several phone calls between Trump and Johnson in recent "
        "weeks."
    )
    got = _held(text, dt.date(2026, 1, 5))  # roles read long after Johnson left office
    pair = frozenset({"Donald Trump", "Boris Johnson"})
    assert got == [(pair, dt.date(2026, 1, 4)), (pair, None)]


def test_a_bare_surname_of_a_former_official_stays_former() -> None:
    text = (
        "Former Prime Minister Boris Johnson visited Kyiv on Sunday. "
        "Johnson said he had met Prime Minister Denys Shmyhal."
    )
    assert all("Boris Johnson" not in p for p, _ in _held(text, dt.date(2026, 1, 5)))


def test_the_only_meeting_of_the_pair_is_recalled() -> None:
    text = (
        "Indian Prime Minister Narendra Modi held a video call with Chinese President Xi "
        "Jinping on Wednesday. The only in-person meeting between Modi and Xi this term was "
        "in Bali."
    )
    assert _held(text) == [(PAIR, dt.date(2023, 9, 13)), (PAIR, None)]


def test_the_two_leaders_last_met_is_a_recalled_meeting() -> None:
    text = (
        "Indian Prime Minister Narendra Modi held talks with Chinese President Xi Jinping on "
        "Wednesday in Kazan. The two leaders last met at a summit in Bali last year."
    )
    out = run(text, day=DAY)
    assert out.is_readout
    assert _held(text) == [(PAIR, dt.date(2023, 9, 13)), (PAIR, None)]


def test_asked_when_they_last_spoke_states_no_contact() -> None:
    text = (
        "Indian Prime Minister Narendra Modi held talks with Chinese President Xi Jinping on "
        "Wednesday in Kazan. A spokesman was asked during a briefing on Thursday when Modi "
        "and Xi last spoke."
    )
    assert _held(text) == [(PAIR, dt.date(2023, 9, 13))]


def test_calling_on_the_named_visitor_with_no_time_told_is_undated() -> None:
    text = (
        "Prime Minister Narendra Modi met Nepalese Prime Minister Pushpa Kamal Dahal in New "
        "Delhi on Thursday.\n\n"
        "External Affairs Minister S Jaishankar also called on the Nepal PM as he arrived in "
        "the capital."
    )
    got = dict(_held(text, dt.date(2023, 6, 2)))
    assert got[frozenset({"S. Jaishankar", "Pushpa Kamal Dahal"})] is None


def test_a_headline_run_into_the_lead_is_split_at_its_opening_phrase() -> None:
    text = (
        "Lula holds talks with Sanchez and Macron in Paris In addition to meeting with German "
        "Chancellor Olaf Scholz, Brazilian President Lula da Silva held talks with Spanish Prime "
        "Minister Pedro Sanchez and French President Emmanuel Macron on Friday."
    )
    pairs = [p for p, _ in _held(text, dt.date(2023, 6, 24))]
    assert frozenset({"Luiz Inácio Lula da Silva", "Olaf Scholz"}) in pairs


def test_the_ties_an_official_had_with_another_are_no_meeting() -> None:
    text = (
        "The warm relationship that US President Joe Biden had with Japanese Prime Minister "
        "Fumio Kishida shaped the alliance, analysts said."
    )
    assert _held(text, dt.date(2023, 9, 15)) == []


def test_a_call_told_again_with_some_of_its_people_is_one_call() -> None:
    text = (
        "President Emmanuel Macron held a phone call on Tuesday with US President Donald Trump, "
        "British Prime Minister Keir Starmer and German Chancellor Friedrich Merz about Ukraine. "
        "Starmer and Merz took part in the call from London and Berlin, officials said."
    )
    got = _held(text)
    names = frozenset({"Emmanuel Macron", "Donald Trump", "Keir Starmer", "Friedrich Merz"})
    assert got == [(names, dt.date(2023, 9, 12))]


def test_separate_meetings_of_one_day_stay_separate() -> None:
    def meeting(*names: str) -> Contact:
        people = [Person(name=n, country=n[:2].upper()) for n in names]
        return Contact(kind="meeting", status="held", date=DAY, participants=people)

    three = meeting("Netanyahu", "Hollande", "Trudeau")
    parts = [meeting("Netanyahu", "Hollande"), meeting("Netanyahu", "Trudeau")]
    assert _one_occasion([three, *parts]) == [three, *parts]  # two parts: separate meetings
    assert _one_occasion([parts[0], three]) == [three]  # one part: the same meeting told again
    undated = [c.model_copy(update={"date": None}) for c in (parts[0], parts[0])]
    assert _one_occasion(undated) == undated  # an undated pair told twice may meet twice


def test_a_present_tense_headline_over_a_planned_lead_states_the_plan() -> None:
    text = (
        "Turkish President Recep Tayyip Erdogan is set to meet Egyptian President Abdel Fattah "
        "al-Sisi in Cairo on Saturday, his office said. The two leaders will discuss trade."
    )
    out = run(text, day=DAY, title="Erdogan meets Sisi in Cairo")
    assert not out.is_readout
    assert held(out) == []
    assert any(c.status == "planned" for c in out.contacts)


def test_the_news_named_again_by_the_is_not_another_contact() -> None:
    news = (
        "Dutch Prime Minister Mark Rutte met Ukrainian President Volodymyr Zelensky in Kyiv "
        "on Tuesday. "
    )
    pair = frozenset({"Mark Rutte", "Volodymyr Zelensky"})
    for again in (
        "Few details of their meeting were made public.",
        "The new aid package came hours after the talks between Rutte and Zelensky.",
    ):
        assert _held(news + again) == [(pair, dt.date(2023, 9, 12))], again
    # another occasion keeps its own contact: a year, "last"
    for other in (
        "The outcome of their meeting in 2019 was different.",
        "The results of their last meeting were modest.",
    ):
        assert len(_held(news + other)) == 2, other


def test_a_relative_clause_left_open_does_not_take_the_main_verb() -> None:
    news = (
        "Indian Prime Minister Narendra Modi held talks with Nepal Prime Minister Pushpa Kamal "
        "Dahal on Thursday. "
    )
    guest = frozenset({"Pushpa Kamal Dahal", "S. Jaishankar"})
    left_open = (
        "Dahal, who is on his first trip abroad since taking office met Indian Foreign "
        "Minister S. Jaishankar on Wednesday."
    )
    assert (guest, dt.date(2023, 9, 13)) in _held(news + left_open)
    # a clause whose own verb is the contact stays a contact recalled beside the news
    inside = (
        "Nepal Prime Minister Pushpa Kamal Dahal, who is visiting India and met Prime Minister "
        "Narendra Modi on Wednesday, addressed a business forum."
    )
    assert not run(inside, day=DAY).is_readout


def test_two_earlier_meetings_told_in_one_sentence_are_two() -> None:
    news = "Indian Prime Minister Narendra Modi met Chinese President Xi Jinping on Wednesday. "
    for told in (
        "The two leaders met briefly in Bali in 2022 and then in Johannesburg in 2023.",
        "Modi had met Xi at the summit in Goa, and again at the Osaka summit in 2019.",
    ):
        assert _held(news + told) == [(PAIR, dt.date(2023, 9, 13)), (PAIR, None), (PAIR, None)]
    once = "The two leaders met briefly in Bali in 2022 and then flew home."
    assert _held(news + once) == [(PAIR, dt.date(2023, 9, 13)), (PAIR, None)]


def test_not_met_since_a_dated_time_recalls_a_held_contact() -> None:
    pair = frozenset({"Emmanuel Macron", "Xi Jinping"})
    news = "The Elysee said on Wednesday that a call between Macron and Xi was possible. "
    told = "French President Emmanuel Macron and Chinese President Xi Jinping have not met "
    assert _held(news + told + "since April 2019.") == [(pair, None)]
    assert not run(news + told + "since April 2019.", day=DAY).is_readout
    # no time with a year: a denial, nothing held
    assert _held(news + told + "since the pandemic began.") == []
    assert _held(news + told + "in years.") == []


def test_a_name_inside_an_aside_is_not_the_contacts_party() -> None:
    text = (
        "Canadian Prime Minister Justin Trudeau met Mexican President Andres Manuel Lopez "
        "Obrador on Wednesday. On Thursday the prime minister – who was accompanied by his "
        "foreign minister, Melanie Joly – met with US President Joe Biden in Washington."
    )
    people = [p for p, _ in _held(text)]
    assert frozenset({"Justin Trudeau", "Joe Biden"}) in people
    assert not any("Mélanie Joly" in p or "Melanie Joly" in p for p in people)


def test_a_contact_recalled_hours_from_the_news_takes_its_day() -> None:
    news = "King Charles hosted US President Joe Biden at Windsor Castle on Wednesday. "
    pair = frozenset({"Joe Biden", "Rishi Sunak"})
    plain = (
        "The visit came just hours after the president had met with Prime Minister Rishi Sunak "
        "at Downing Street."
    )
    assert (pair, dt.date(2023, 9, 13)) in _held(news + plain)
    # a longer way back keeps no day of the news
    weeks = "The visit came weeks after the president had met with Prime Minister Rishi Sunak."
    assert (pair, None) in _held(news + weeks)


def test_a_dash_aside_does_not_hide_the_recall_cue() -> None:
    aside = (
        "The new sanctions came just hours after the president – who did not attend the royal "
        "coronation and was represented there by the First Lady, Dr. Jill Biden – had met with "
        "Prime Minister Rishi Sunak."
    )
    out = run("US President Joe Biden announced new sanctions on Thursday. " + aside, day=DAY)
    assert not out.is_readout  # recalled beside other news, not the news
    assert [participant_names(c) for c in held(out)] == [frozenset({"Joe Biden", "Rishi Sunak"})]


@pytest.mark.parametrize(
    ("other", "name"),
    [
        ("the US president", "Joe Biden"),
        ("the NATO secretary general", "Jens Stoltenberg"),
        ("his Polish counterpart", "Andrzej Duda"),
    ],
)
def test_a_lower_case_title_ending_the_sentence_is_read(other: str, name: str) -> None:
    text = (
        "Ukrainian President Volodymyr Zelensky held a phone call with British Prime Minister "
        f"Rishi Sunak on Tuesday. Earlier, Zelensky held phone talks with {other}."
    )
    got = _held(text, dt.date(2022, 11, 16))
    assert frozenset({"Volodymyr Zelensky", name}) in [p for p, _ in got]


def test_a_day_fronted_before_said_he_had_is_the_sayings() -> None:
    text = (
        "Kenyan President William Ruto has confirmed his discussion with Ukrainian President "
        "Volodymyr Zelensky. On Thursday, Ruto said he had a call with the Ukrainian president."
    )
    pair = frozenset({"William Ruto", "Volodymyr Zelensky"})
    assert _held(text) == [(pair, None)]  # not Thursday: the day Ruto said so


def test_a_verbless_subheading_names_the_contact_told_below_it() -> None:
    text = (
        "Chinese President Xi Jinping is expected to meet leaders of Peru and Chile at the summit "
        "in Lima on Saturday, a spokesman said.\n\n"
        "Xi-Biden meeting\n\n"
        "The spokesman said Xi and US President Joe Biden could meet on the sidelines of the "
        "forum, though no separate meeting had been agreed."
    )
    out = run(text, day=DAY)
    pair = frozenset({"Xi Jinping", "Joe Biden"})
    assert pair not in [participant_names(c) for c in held(out)]
