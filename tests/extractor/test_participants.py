"""The people who took part in a contact, not the people mentioned around it (sentences
written for these tests after the wording of real reports)."""

from __future__ import annotations

import datetime as dt

from services.extractor.pipeline import extract
from services.extractor.text import sentences
from shared.schemas import ExtractInput

from .rules_helpers import held_pairs

DAY = dt.date(2022, 10, 14)


def _pairs(text: str, day: dt.date = DAY) -> list[frozenset[str | None]]:
    return held_pairs(text, day=day)


def test_the_leaders_of_several_countries_are_each_countrys_leader_that_day() -> None:
    text = (
        "US President Joe Biden held a call with the leaders of Germany, France and the UK on "
        "Tuesday to discuss Ukraine."
    )
    assert _pairs(text) == [frozenset({"Joe Biden", "Olaf Scholz", "Emmanuel Macron", "Liz Truss"})]
    # a year earlier the same words meant other people
    assert _pairs(text, dt.date(2021, 10, 14)) == [
        frozenset({"Joe Biden", "Angela Merkel", "Emmanuel Macron", "Boris Johnson"})
    ]


def test_the_presidents_or_heads_of_two_countries_are_each_holder_that_day() -> None:
    assert _pairs(
        "The Prime Ministers of Barbados and Jamaica discussed bilateral relations by telephone "
        "on Wednesday."
    ) == [frozenset({"Mia Mottley", "Andrew Holness"})]
    assert _pairs(
        "A telephone conversation took place on Tuesday between the heads of Kyrgyzstan and "
        "Uzbekistan, the presidential press service reported."
    ) == [frozenset({"Sadyr Japarov", "Shavkat Mirziyoyev"})]


def test_a_title_followed_by_a_name_is_that_person() -> None:
    text = (
        "Prime Minister Justin Trudeau spoke with the President of Chile, Sebastián Piñera, "
        "on Tuesday."
    )
    # read at 2022-10-14 the title alone would be Gabriel Boric
    assert _pairs(text) == [frozenset({"Justin Trudeau", "Sebastián Piñera"})]


def test_a_middle_initial_or_name_is_the_same_official() -> None:
    text = (
        "Putin, Erdogan meet in Sochi\n\nRussian President Vladimir V. Putin met Turkish "
        "President Recep Tayyip Erdogan in Sochi on Friday. Vladimir V. said the talks were "
        "useful."
    )
    assert _pairs(text) == [frozenset({"Vladimir Putin", "Recep Tayyip Erdoğan"})]


def test_links_to_other_stories_are_not_read() -> None:
    text = (
        "Erdogan and Putin meet in Sochi\n\nTurkish President Recep Tayyip Erdogan met Russian "
        "President Vladimir Putin in Sochi on Friday.\n\nRelated stories\n\nMacron calls "
        "Scholz over EU budget\n\nBiden and Xi meet in Bali\n\nRead also: Modi speaks to Sunak"
    )
    assert _pairs(text) == [frozenset({"Recep Tayyip Erdoğan", "Vladimir Putin"})]
    kept = sentences("Related\nA headline\nThe story goes on. It ends here.")
    assert kept == ["The story goes on.", "It ends here."]


def test_one_leaders_phone_calls_with_several_others_are_one_call_each() -> None:
    text = (
        "Taoiseach Leo Varadkar has spoken by phone today with French President Emmanuel "
        "Macron, German Chancellor Angela Merkel and British Prime Minister Theresa May."
    )
    assert sorted(_pairs(text, dt.date(2019, 4, 2)), key=sorted) == sorted(
        (
            frozenset({"Leo Varadkar", "Emmanuel Macron"}),
            frozenset({"Leo Varadkar", "Angela Merkel"}),
            frozenset({"Leo Varadkar", "Theresa May"}),
        ),
        key=sorted,
    )
    joint = (
        "Taoiseach Leo Varadkar held a joint phone call with French President Emmanuel Macron, "
        "German Chancellor Angela Merkel and British Prime Minister Theresa May on Tuesday."
    )
    assert len(_pairs(joint, dt.date(2019, 4, 2))) == 1
    headline = (
        "US President Donald Trump holds call with British Prime Minister Keir Starmer, German "
        "Chancellor Friedrich Merz and French President Emmanuel Macron"
    )
    assert len(_pairs(headline + "\n\nThe call lasted 40 minutes.", dt.date(2025, 8, 14))) == 1


def test_an_envoy_is_not_the_leader_who_sent_him() -> None:
    text = (
        "The President of Equatorial Guinea, Teodoro Obiang Nguema Mbasogo, on Monday "
        "received the special envoy of his counterpart in Guinea, Mamadi Toure."
    )
    assert _pairs(text, dt.date(2020, 5, 19)) == []


def test_a_bare_title_of_an_undated_article_names_nobody_it_does_not_name() -> None:
    text = (
        "The Irish Taoiseach and the British Prime Minister have spoken by phone about the "
        "political situation in Northern Ireland."
    )
    # not today's holders: no one the text does not name
    undated = extract(ExtractInput(id="u", text=text)).contacts
    assert [[(p.name, p.country) for p in c.participants] for c in undated] == [
        [(None, "IE"), (None, "GB")]
    ]
    assert _pairs(text, dt.date(2018, 3, 2)) == [frozenset({"Leo Varadkar", "Theresa May"})]
    named = text + " Leo Varadkar said the call was useful."
    names = [
        {p.name for p in c.participants} for c in extract(ExtractInput(id="n", text=named)).contacts
    ]
    assert names == [{"Leo Varadkar", None}]


def test_a_quoted_nickname_inside_a_name_does_not_hide_the_person() -> None:
    text = (
        "President Ferdinand “Bongbong” Marcos Jr. and Vietnamese Prime Minister Pham Minh Chinh "
        "met on the sidelines of the ASEAN Summit on Wednesday."
    )
    assert _pairs(text, dt.date(2023, 5, 11)) == [
        frozenset({"Ferdinand Marcos Jr.", "Pham Minh Chinh"})
    ]


def test_a_list_of_counterparts_is_each_countrys_holder_of_the_subjects_office() -> None:
    text = (
        "Turkish Foreign Minister Mevlut Cavusoglu also held phone conversations with his "
        "Hungarian, Lithuanian and Bulgarian counterparts on Thursday."
    )
    pairs = _pairs(text, dt.date(2020, 8, 14))
    # one call each; the Bulgarian minister of 2020 is outside the gazetteer: a nameless holder
    assert frozenset({"Mevlüt Çavuşoğlu", "Péter Szijjártó"}) in pairs
    assert frozenset({"Mevlüt Çavuşoğlu", "Linas Linkevičius"}) in pairs
    assert len(pairs) == 3


def test_counterparts_from_a_list_of_countries_are_each_countrys_holder() -> None:
    # "his (visiting) counterparts from / of A and B": the countries named after the noun
    text = (
        "President William Ruto held separate talks with his visiting counterparts from Uganda "
        "and Tanzania at State House on Tuesday."
    )
    pairs = _pairs(text, dt.date(2025, 3, 11))
    assert frozenset({"William Ruto", "Yoweri Museveni"}) in pairs
    assert frozenset({"William Ruto", "Samia Suluhu Hassan"}) in pairs
    text = "Foreign Minister Wang Yi met his counterparts of Kenya and Ghana in Beijing on Monday."
    people = {p for pair in _pairs(text, dt.date(2025, 3, 11)) for p in pair}
    assert {"Wang Yi", "Musalia Mudavadi"} <= people


def test_the_leaders_of_both_countries_are_the_two_countries_named_before() -> None:
    # "the presidents of both countries", "the two countries' leaders": the two countries the
    # sentence named before the phrase, each with its holder of the office
    day = dt.date(2025, 3, 11)
    text = (
        "Kenya and Uganda signed a pipeline deal on Tuesday as the presidents of both countries "
        "met in Nairobi."
    )
    assert _pairs(text, day) == [frozenset({"William Ruto", "Yoweri Museveni"})]
    text = (
        "Kenya and Uganda agreed on Tuesday to build a pipeline after talks between the two "
        "countries' leaders in Nairobi."
    )
    assert _pairs(text, day) == [frozenset({"William Ruto", "Yoweri Museveni"})]
    # three countries named: which two is not said
    text = (
        "Kenya, Uganda and Tanzania signed a pipeline deal on Tuesday as the presidents of both "
        "countries met in Nairobi."
    )
    assert _pairs(text, day) == []


def test_a_name_particle_matches_in_either_case() -> None:
    text = "His Majesty Sultan Haitham Bin Tarik today phoned President Emmanuel Macron of France."
    assert _pairs(text, dt.date(2022, 5, 2)) == [
        frozenset({"Haitham bin Tariq", "Emmanuel Macron"})
    ]


def test_an_office_only_one_state_has_names_that_state() -> None:
    text = (
        "The Taoiseach and the British Prime Minister spoke by phone on Tuesday about the talks "
        "on restoring the Executive in Belfast."
    )
    assert _pairs(text, dt.date(2018, 2, 14)) == [frozenset({"Leo Varadkar", "Theresa May"})]
    # "the chief adviser to the president" is an aide, not the holder of a national office
    assert not _pairs(
        "Turkish Foreign Minister Hakan Fidan and the chief adviser to the president took part "
        "in the meeting."
    )


def test_a_bare_title_belongs_to_the_government_whose_spokesperson_speaks() -> None:
    text = (
        "PM call with President Macron\n"
        "A Downing Street spokesperson said:\n"
        "The Prime Minister held a telephone call with French President Emmanuel Macron this "
        "afternoon to discuss the Channel crossings."
    )
    assert _pairs(text, dt.date(2023, 2, 6)) == [frozenset({"Rishi Sunak", "Emmanuel Macron"})]


def test_a_contact_phrase_opening_the_sentence_belongs_to_its_subject() -> None:
    text = (
        "During talks with UN Secretary-General Antonio Guterres on Thursday, Cambodian Prime "
        "Minister Hun Manet reaffirmed his country's commitment to peacekeeping."
    )
    assert _pairs(text, dt.date(2023, 9, 23)) == [frozenset({"António Guterres", "Hun Manet"})]
    # a second official after "and" is not the subject of the opening phrase
    assert not _pairs(
        "During talks with UN Secretary-General Antonio Guterres, Hun Manet's aides and "
        "Japanese Prime Minister Fumio Kishida's envoy waited outside.",
        dt.date(2023, 9, 23),
    )


def test_after_a_meeting_with_x_opening_a_datelined_sentence_is_the_subjects_meeting() -> None:
    text = (
        "SKOPJE - Speaking to journalists after a meeting with Albanian Prime Minister Edi Rama "
        "and a joint lunch, Serbian President Aleksandar Vucic said the two agreed on trade."
    )
    assert _pairs(text, dt.date(2023, 3, 2)) == [frozenset({"Edi Rama", "Aleksandar Vučić"})]
