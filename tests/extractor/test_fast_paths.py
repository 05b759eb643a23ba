"""The extractor's fast paths give the answers of the plain forms they replace, on the dev set's
text and on letters that lower-casing and case-insensitive regexes treat differently."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from services.extractor import classify, fields, hints, prefilter, previous, tokens
from services.extractor.people import gazetteer
from services.extractor.prefilter import may_match
from services.extractor.text import sentences

DATA = Path(__file__).resolve().parents[1] / "data"
# Letters a case-insensitive regex folds where str.lower() does not (or differently).
ODD = ["İt was a cALL with ſpoke", "The KELVIN meeting ſat down", "Σ MET ΣΑΣ", "took\u00a0part"]


def _texts() -> list[str]:
    out: list[str] = []
    for name in ("devset.jsonl", "devset_handwritten.jsonl"):
        for line in (DATA / name).read_text("utf-8").splitlines():
            row = json.loads(line)
            out.append((row.get("title") or "") + "\n" + row["text"])
    return out


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
    for text in [*_texts(), *ODD, "UKRAINE and Gaza; ceaſefire", "TRADE talks"]:
        low = text.lower()
        plain = [
            t
            for t, words, pattern, _ in fields._topics()
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
