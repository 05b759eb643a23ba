"""Round eight (issue-11i-elect): someone titled president-elect, prime minister-designate or
PM-in-waiting is not yet a senior official, so a contact whose only counterpart is such a
person is no held contact between officials. Each case has a near-miss twin that must not
change (sentences written for these tests)."""

from __future__ import annotations

import datetime as dt

from services.extractor.pipeline import extract
from shared.schemas import ExtractInput

from .rules_helpers import held_pairs, run

NOV_2024 = dt.date(2024, 11, 13)
MACRON_SCHOLZ = frozenset({"Emmanuel Macron", "Olaf Scholz"})


def test_a_call_with_a_president_elect_is_no_readout() -> None:
    for text, day in (
        # the title before the name
        (
            "French President Emmanuel Macron spoke by phone on Tuesday with US "
            "President-elect Donald Trump to congratulate him on his victory.",
            NOV_2024,
        ),
        (
            "Indian Prime Minister Narendra Modi held a phone call with Prime Minister-designate "
            "Anthony Albanese of Australia on Sunday.",
            dt.date(2022, 5, 22),
        ),
    ):
        assert not run(text, day=day).is_readout, text
        assert not held_pairs(text, day=day), text


def test_an_undated_contact_with_someone_elect_is_no_readout() -> None:
    # without a date the gazetteer's holders of today are all there is: each of these is in
    # office today, so only the text's own "-elect" / "-designate" / "in-waiting" says not yet
    for text in (
        # an apposition after the name
        "French President Emmanuel Macron held talks by phone on Friday with Donald Trump, the "
        "US president-elect, and the two agreed to meet soon.",
        "Keir Starmer, Britain's prime minister-in-waiting, spoke by phone with French "
        "President Emmanuel Macron on Friday.",
        # titles the lexicon does not list
        "Chancellor-elect Friedrich Merz met French President Emmanuel Macron in Paris on "
        "Wednesday to discuss European defence.",
        "Irish Taoiseach Simon Harris spoke by phone with PM-in-waiting Keir Starmer on "
        "Thursday night.",
        "French President Emmanuel Macron received UN Secretary-General-elect Antonio Guterres "
        "at the Elysee on Monday.",
    ):
        out = extract(ExtractInput(id="t", text=text))
        assert out.error is None
        assert not out.is_readout, text
        assert not out.contacts, text


def test_an_undated_contact_without_the_title_twin_is_a_readout() -> None:
    for text in (
        "French President Emmanuel Macron held talks by phone on Friday with Donald Trump, the "
        "US president, and the two agreed to meet soon.",
        "Chancellor Friedrich Merz met French President Emmanuel Macron in Paris on "
        "Wednesday to discuss European defence.",
        "Keir Starmer, Britain's prime minister, spoke by phone with French President "
        "Emmanuel Macron on Friday about the president-elect.",
        # the apposition names what he did to another, unnamed, person
        "Keir Starmer, congratulating the president-elect, spoke by phone with French "
        "President Emmanuel Macron on Friday.",
        # the deputy elect is someone else, no title of the party
        "French President Emmanuel Macron met Friedrich Merz in Paris on Wednesday, the deputy "
        "elect said.",
    ):
        out = extract(ExtractInput(id="t", text=text))
        assert out.error is None
        assert out.is_readout, text


def test_the_text_calling_someone_elect_qualifies_their_other_contacts() -> None:
    # the title in one sentence, the contact told by surname in the next
    text = (
        "US President-elect Donald Trump received congratulations from abroad on Tuesday. "
        "Trump spoke by phone with French President Emmanuel Macron, his office said."
    )
    assert not run(text, day=NOV_2024).is_readout
    assert not held_pairs(text, day=NOV_2024)
    # an article without any date: the gazetteer's holder today says nothing of it
    undated = (
        "US President-elect Donald Trump and President Tsai Ing-wen of Taiwan spoke by "
        "telephone, the first such call in decades. Trump thanked Tsai for her call."
    )
    out = extract(ExtractInput(id="t", text=undated))
    assert out.error is None
    assert not out.is_readout
    assert not [c for c in out.contacts if c.status == "held"]


def test_the_word_qualifying_another_person_twin_is_still_a_readout() -> None:
    for text in (
        # the president-elect is the topic, not a party to the call
        "French President Emmanuel Macron spoke by phone on Tuesday with German Chancellor "
        "Olaf Scholz about the victory of US President-elect Donald Trump.",
        "French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on "
        "Tuesday; both said they would work with the president-elect.",
    ):
        assert run(text, day=NOV_2024).is_readout, text
        assert held_pairs(text, day=NOV_2024) == [MACRON_SCHOLZ], text


def test_elect_earlier_but_in_office_at_the_contact_twin_still_counts() -> None:
    # the text recalls the time as president-elect; the contact is after taking office
    text = (
        "South Korean President Yoon Suk Yeol met Japanese Prime Minister Fumio Kishida in "
        "Madrid on Wednesday. Yoon, then president-elect, had sent a delegation to Tokyo in "
        "April."
    )
    day = dt.date(2022, 6, 30)
    assert run(text, day=day).is_readout
    assert held_pairs(text, day=day) == [frozenset({"Yoon Suk Yeol", "Fumio Kishida"})]
    # a contact recalled from a former term of someone who is elect again
    recalled = (
        "President-elect Donald Trump praised North Korea's leader on Tuesday. Trump met Kim "
        "Jong Un in Singapore in June 2018."
    )
    pairs = held_pairs(recalled, day=NOV_2024)
    assert frozenset({"Donald Trump", "Kim Jong Un"}) in pairs


def test_a_then_president_elect_in_a_recalled_contact_is_dropped_the_news_stays() -> None:
    text = (
        "Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol in "
        "Tokyo on Thursday. Kishida had first spoken by phone with then President-elect Yoon "
        "in March 2022."
    )
    day = dt.date(2023, 3, 16)
    assert run(text, day=day).is_readout
    assert held_pairs(text, day=day) == [frozenset({"Fumio Kishida", "Yoon Suk Yeol"})]
    dates = [c.date for c in run(text, day=day).contacts if c.status == "held"]
    assert dates == [day]


def test_newly_elected_twin_is_left_alone() -> None:
    text = (
        "Newly elected South Korean President Yoon Suk Yeol met US President Joe Biden in "
        "Seoul on Saturday."
    )
    day = dt.date(2022, 5, 21)
    assert run(text, day=day).is_readout
    assert held_pairs(text, day=day) == [frozenset({"Yoon Suk Yeol", "Joe Biden"})]


def test_white_house_calls_with_a_president_elect_are_corrected_to_no_readout() -> None:
    from services.extractor.corpus_labels import CORRECTIONS, label

    elect = [n for n in CORRECTIONS if "-elect-" in n or "-designate-" in n]
    assert len(elect) == 7
    title = "Readout of President Biden's Call with President-elect X of Y"
    for name in elect:
        assert label(title, name) is False
        assert label(title, name, corrected=False) is True  # the title's own label
    # a call with a sitting president keeps its title's label
    assert label("Readout of President Biden's Call with President X of Y", "other.md") is True


def test_a_president_elect_among_others_leaves_the_others_contact() -> None:
    # the title is the next person's, not an apposition of the one before it (undated: only
    # the text can tell who is elect)
    text = (
        "French President Emmanuel Macron, President-elect Donald Trump and British Prime "
        "Minister Keir Starmer met in Paris on Saturday."
    )
    out = extract(ExtractInput(id="t", text=text))
    assert out.error is None
    assert out.is_readout
    held = [c for c in out.contacts if c.status == "held"]
    assert [{p.name for p in c.participants} for c in held] == [{"Emmanuel Macron", "Keir Starmer"}]


def test_a_serving_title_in_the_contact_sentence_wins_over_another_sentence_elect() -> None:
    # the article calls Trump president-elect for a call of December, but the news sentence
    # names him "U.S. President": that contact is held between officials
    text = (
        "On Friday, Kazakh President Kassym-Jomart Tokayev had a phone call with U.S. President "
        "Donald Trump on trade and minerals.\n\n"
        "The two leaders last spoke in December 2024, when Tokayev called President-elect Trump "
        "to congratulate him."
    )
    out = extract(ExtractInput(id="t", text=text))
    assert out.is_readout
    assert {frozenset(p.name for p in c.participants) for c in out.contacts} >= {
        frozenset({"Kassym-Jomart Tokayev", "Donald Trump"})
    }
    # twin: the news sentence gives no title, so the article's "President-elect" reaches it
    twin = (
        "On Friday, Tokayev had a phone call with Trump on trade and minerals.\n\n"
        "Tokayev called President-elect Trump to congratulate him."
    )
    assert not extract(ExtractInput(id="t", text=twin)).is_readout
