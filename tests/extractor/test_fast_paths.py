"""The extractor's fast paths give the answers of the plain forms they replace, on the dev set's
text and on letters that lower-casing and case-insensitive regexes treat differently."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from services.extractor import (
    anchor,
    classify,
    dates,
    fields,
    hints,
    offices,
    periods,
    prefilter,
    previous,
    tokens,
    unknown,
)
from services.extractor import text as textmod
from services.extractor.people import gazetteer
from services.extractor.prefilter import may_match
from services.extractor.text import sentences
from tests.extractor.devsets import titles_and_texts

# Letters a case-insensitive regex folds where str.lower() does not (or differently).
ODD = ["İt was a cALL with ſpoke", "The KELVIN meeting ſat down", "Σ MET ΣΑΣ", "took\u00a0part"]


def _texts() -> list[str]:
    return [title + "\n" + text for title, text in titles_and_texts()]


@pytest.fixture(scope="module")
def dev_sentences() -> list[str]:
    return [s for text in _texts() for s in sentences(text)] + ODD


def test_word_pattern_matches_the_plain_one(dev_sentences: list[str]) -> None:
    plain = re.compile(r"[^\W\d_](?:[\w'’ʻ\-]|\.(?=[^\W\d_]))*\.?")
    extra = ["U.S.. a.b.c. x.1 é.é ʻa-b.-c _x 9ab a._b St. John's"]
    for text in [*dev_sentences, *extra]:
        found = [m.span() for m in tokens._WORD.finditer(text)]
        assert found == [m.span() for m in plain.finditer(text)], text


def test_tokenize_is_the_same_from_the_word_cache(dev_sentences: list[str]) -> None:
    keep = gazetteer().keep
    first = [tokens.tokenize(s, keep) for s in dev_sentences]
    assert [tokens.tokenize(s, keep) for s in dev_sentences] == first  # now from the cache
    every = tokens.tokenize("the President of Kenya spoke", frozenset())
    assert [t.text for t in every] == ["the", "President", "of", "Kenya", "spoke"]
    kept = tokens.tokenize("the President of Kenya spoke", keep)
    assert [t.text for t in kept] == ["the", "President", "of", "Kenya"]  # one cache per keep
    assert kept[1] == tokens.Token(4, 13, "President", "President", "president", True, False)


def test_has_hint_is_the_case_insensitive_regex(dev_sentences: list[str]) -> None:
    held = 0
    for s in dev_sentences:
        plain = any(stem in s.lower() for stem in hints._STEMS) and bool(hints._HINT.search(s))
        assert hints.has_hint(s) == plain, s
        held += plain
    assert held > 300


def test_topics_are_the_case_insensitive_patterns() -> None:
    found = 0
    edges = ["gaza_x Gaza", "xgaza gaza9 GAZA", "the Gaza-Egypt border", "Ukraine’s trade", "İran"]
    for text in [*_texts(), *ODD, *edges, "UKRAINE and Gaza; ceaſefire", "TRADE talks"]:
        low = text.lower()
        plain = [
            t
            for t, words, pattern in fields._topics()
            if any(w in low for w in words) and pattern.search(text)
        ]
        assert fields.topics(text) == plain, text
        found += len(plain)
    assert found > 100


def test_duration_and_previous_contact_read_only_sentences_that_can_hold_them() -> None:
    day = dt.date(2024, 3, 8)
    assert fields.duration(["The call lasted 40 minutes."]) == 40
    assert fields.duration(["They met for half an hour.", "The call lasted an hour."]) == 30
    assert fields.duration(["The call was warm.", "They spoke for TWO HOURS."]) == 120
    assert fields.duration(["The call was warm and long."]) is None
    said = "It was their FIRST CALL SINCE Jan. 5."
    assert previous.previous_contact(["No date here.", said], day) == dt.date(2024, 1, 5)
    assert previous.previous_contact(["Their first call in 3 weeks."], day) == dt.date(2024, 2, 16)
    assert previous.previous_contact(["They talked about trade."], day) is None


def test_lower_is_faithful_exactly_without_the_four_folding_letters() -> None:
    """Every code point that case-insensitive matching or ``str.lower`` treats differently from
    a lower-case ASCII letter, a word, space or digit character is one of ``FOLDING``."""
    letters = [re.compile(c, re.IGNORECASE) for c in "abcdefghijklmnopqrstuvwxyz"]
    classes = [re.compile(p) for p in (r"\w", r"\s", r"\d")]
    odd = []
    for cp in range(128, 0x20000):  # every cased letter of Unicode lies below U+20000
        c = chr(cp)
        low = c.lower()
        if (
            len(low) != 1
            or low.isascii()
            or any(p.fullmatch(c) for p in letters)
            or any(bool(p.match(c)) != bool(p.match(low)) for p in classes)
        ):
            odd.append(c)
    assert odd == list(prefilter.FOLDING)
    assert prefilter.lower_is_faithful("Biden’s call — “warm”")
    assert not prefilter.lower_is_faithful("a ſpoke")


def test_rules_find_what_their_patterns_find(dev_sentences: list[str]) -> None:
    lowered = 0
    rules = [r for r, _, _ in classify._triggers()] + [*classify._compiled()[0]]
    for rule in rules:
        lowered += rule.lower is not None
        for s in dev_sentences:
            spans = [m.span() for m in rule.finditer(s, s.lower())]
            assert spans == [m.span() for m in rule.pattern.finditer(s)], (rule.pattern, s)
    for rule in classify._compiled()[1]:
        for s in dev_sentences:
            plain = may_match(s.lower(), rule.words) and bool(rule.pattern.search(s))
            assert rule.search(s, s.lower()) == plain
    assert lowered > 20
    assert prefilter.rule(r"\bmet\b", re.IGNORECASE).lower is not None
    for unsafe in (r"[A-Z]\w+", r"(?-i:may)", r"\x41", "ſ"):
        assert prefilter.rule(unsafe, re.IGNORECASE).lower is None
    assert prefilter.rule(r"\bmet\b").lower is None  # case-sensitive: kept as written


def test_leading_words_start_every_match(dev_sentences: list[str]) -> None:
    """A rule scanned by its first words finds what its pattern finds, match for match."""
    lead = prefilter.leading_words
    assert lead(r"(?:tele)?phone\s+call") == ("tele", "phone")
    assert lead(r"\bcall(?:ed|s)?\s+on|(?i:talks?)\b") == ("call", "talk")
    assert lead(r"(?:a)?") is None and lead(r"(?:x)*y") is None and lead(r"[A-Z]\w+") is None
    assert lead(r"(?=met)met") is None and lead(r"\Bmet") is None and lead("Élysée") is None
    scanned = [r for r in prefilter_rules() if r.starts is not None]
    assert len(scanned) > 15
    odd = ["Kremlin; CALLED on Biden", "ſpoke with the CALL", "a Call with İlham", "KALL call"]
    for r in scanned:
        for s in [*dev_sentences, *odd]:
            spans = [m.span() for m in r.finditer(s, s.lower())]
            assert spans == [m.span() for m in r.pattern.finditer(s)], (r.pattern, s)
            assert r.found(s, s.lower()) == bool(r.pattern.search(s))


def prefilter_rules() -> list[prefilter.Rule]:
    spans, traps, _ = classify._compiled()
    return [r for r, _, _ in classify._triggers()] + spans + traps


def test_rule_index_picks_the_rules_may_match_picks(dev_sentences: list[str]) -> None:
    rules = prefilter_rules()
    index = prefilter.RuleIndex(rules)
    picked = 0
    for s in [*dev_sentences, "it was called off", "they convened; convenes", ""]:
        low = s.lower()
        plain = [i for i, r in enumerate(rules) if may_match(low, r.words)]
        assert index.matching(low) == plain, s
        picked += len(plain)
    assert picked > 1000


def test_finder_finds_what_search_finds() -> None:
    texts = [*_texts(), *ODD, "the Kremlin’s statement", "A White House readout said", "xKremlin"]
    found = 0
    for pattern, _, _ in fields._sources():
        find = prefilter.finder(pattern)
        for text in texts:
            plain = pattern.search(text)
            got = find.search(text, text.lower())
            assert (got and (got.span(), got.groups())) == (
                plain and (plain.span(), plain.groups())
            )
            found += plain is not None
    assert found > 50
    sources = [fields.source(t) for t in texts]
    assert "Kremlin" in sources and "White House readout" in sources


def test_credit_hints_and_english_words_read_as_before(dev_sentences: list[str]) -> None:
    lines = [*dev_sentences, "Photo: AP/Evan Vucci", "x reuters/ y", "image: 1", "a via b", "a/b:c"]
    for line in lines:
        low = line.lower()
        assert textmod.may_credit(low) == may_match(low, (textmod._CREDIT_HINTS,)), line
    words = re.compile(r"[a-z]+")
    samples = [*_texts(), "Ünïcödé wïth àccents ǅ İstanbul KELVIN " * 40, "日本語 " * 300]
    for sample in samples:
        runs = sample[:2500].lower().encode("ascii", "replace").translate(textmod._LETTER_RUNS)
        assert [w.decode() for w in runs.split()] == words.findall(sample[:2500].lower())
    assert not textmod.looks_english("日本語のテキスト " * 100)
    assert textmod.looks_english("The president said that the talks were good. " * 10)


def test_a_name_standing_alone_is_found_as_the_regex_finds_it() -> None:
    cases = [
        ("Ali met Ali’s friend Ali_x xAli Ali. 2Ali Ali2 ÅAli Ali", "Ali"),
        ("Obi-Ali Ali-Obi 'Ali' aaaa", "Ali"),
        ("aaaa aa", "aa"),
    ]
    for text, word in [*cases, *((t, "the") for t in _texts()[:50])]:
        plain = rf"(?<![\w’'])({re.escape(word)})(?![\w’'])"
        assert list(unknown._standing(text, word)) == [m.start() for m in re.finditer(plain, text)]
    assert list(unknown._standing(cases[0][0], "Ali")) == [0, 32, 52]


def test_date_patterns_skipped_by_their_gates_would_find_nothing(
    dev_sentences: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    written = [
        "They spoke on 2023-07-14, 14.07.2023 and 2023.7.14, then Friday (03/02/2023).",
        "The talks of July 14th, 2023 followed those of the 3rd of March and onTuesday.",
        "The call took place this evening, on the eve of the summit; they meet tomorrow.",
        "THIS MORNING they talked, LAST NIGHT too, two days ago and the day before.",
        "Thıs evenıng, tonıght and ſeven KELVIN even İt the previous day 3 days ago.",
    ]
    gated = [dates.find(s) for s in [*dev_sentences, *written]]
    monkeypatch.setattr(dates, "_may_match", lambda s: (True,) * len(dates._PATTERNS))
    plain = [dates.find(s) for s in [*dev_sentences, *written]]
    assert [[(d.start, d.end, d.kind) for d in f] for f in gated] == [
        [(d.start, d.end, d.kind) for d in f] for f in plain
    ]
    assert any(gated[-len(written) :][2]) and len(gated[-len(written)]) == 4


def test_run_on_stops_are_the_look_behind_patterns(dev_sentences: list[str]) -> None:
    plain = re.compile(r"(?<=[a-z0-9]{2})\.(?=[A-Z][a-z]+\s)")
    written = ["on May 10.At the meeting, 2024.The talks. a.B c 12.Then x.Yy z", *_texts()[:80]]
    for line in [*dev_sentences, *written]:
        assert textmod._RUN_ON.sub(". ", line) == plain.sub(". ", line), line


def test_caption_gate_hides_no_caption(dev_sentences: list[str]) -> None:
    written = [
        "Leaders (L) and (2nd R) at the summit.",
        "The two leaders pose for a picture; they POSED FOR PHOTOGRAPHERS.",
        "They shake hands before talks.",
        "The president is pictured in the capital. Photo: agency.",
        "Thıs PİCTURED ſhake KELVIN hands",
    ]
    for sentence in [*dev_sentences, *written]:
        assert anchor._caption(sentence) == bool(anchor._CAPTION.search(sentence)), sentence
    assert all(anchor._caption(s) for s in written[:4])


def test_year_and_spokesperson_gates_keep_what_the_patterns_find() -> None:
    day = dt.date(2024, 5, 1)
    assert periods.told_year("In 2002, the two leaders met in Seoul.", day) == dt.date(2002, 7, 1)
    assert periods.told_year("The leaders met in Seoul.", day) is None
    said = ["Kremlin spokesman Dmitry Peskov said the talks went well."]
    assert offices.spokesperson_of(said) == offices.spokesperson_of([said[0] + " (press)"])
    assert offices.spokesperson_of(["The Kremlin said the talks went well."]) is None


def test_previous_contact_reads_only_sentences_with_a_number_as_before(
    dev_sentences: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    day = dt.date(2024, 3, 20)
    written = [
        "It was their first call since they met in Rome on Nov. 15.",
        "The two leaders had last spoken by phone on 5 January.",
        "Their first meeting since the summit in Geneva.",
    ]
    pieces = [[s] for s in [*dev_sentences, *written]]
    gated = [previous.previous_contact(p, day) for p in pieces]
    monkeypatch.setattr(previous, "_DIGIT", re.compile(""))  # matches every sentence
    assert gated == [previous.previous_contact(p, day) for p in pieces]
    assert gated[-3:] == [dt.date(2023, 11, 15), dt.date(2024, 1, 5), None]


def test_text_date_skips_only_head_sentences_without_a_number(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    limit = dt.date(2030, 1, 1)
    heads = [sentences(text)[: anchor.HEAD] for text in _texts()]
    heads += [
        ["PM call with President Lee: 15 September 2017", "The two leaders spoke today."],
        ["Sunday", "On Tuesday, 27 February 2024, the ministers met."],
    ]
    gated = [anchor.text_date(head, limit) for head in heads]
    monkeypatch.setattr(anchor, "_DIGIT", re.compile(""))  # matches every sentence
    assert gated == [anchor.text_date(head, limit) for head in heads]
    assert gated[-2:] == [dt.date(2017, 9, 15), dt.date(2024, 2, 27)]
