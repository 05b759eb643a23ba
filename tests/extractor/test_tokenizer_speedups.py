"""The chunked tokenizer and the chunked "worth tokenizing" gate give the answers of the plain,
whole-sentence forms they replace: on the dev set's sentences and on strings whose spacing,
dots, apostrophes, hyphens or letters make chunk boundaries matter."""

from __future__ import annotations

import pytest

from services.extractor import lookup, tokens
from services.extractor.people import gazetteer
from services.extractor.text import sentences
from tests.extractor.devsets import titles_and_texts

TRICKY = [
    "U.S. President Biden's call with P.M. Modi.",
    "President of Côte d’Ivoire Ouattara met al-Sisi and bin-Zayed.",
    "Reuters' report, e.g. i.e. St. John's, U.S.-China (U.S.) \"Biden\" Jr. Sr.",
    "x.1 é.é ʻa-b.-c _x 9ab a._b U.S.. a.b.c. Biden-Harris d'Estaing l'Aquila",
    "İstanbul Σ MET ΣΑΣ PRESIDENT —President Biden—Xi ſpoke KELVIN",
    "Prime Minister\u00a0Modi met President\u2003Biden",  # one non-space whitespace: chunked
    "Prime Minister Modi\nmet Chancellor Scholz\tin Berlin.",
    "Prime Minister  Modi met   President Biden",  # doubled spaces: the plain path
    " President Biden met Modi",
    "President Biden met Modi ",
    "a",
    "",
    " ",
    "...",
    "the statement ahead of development stops",  # title words only inside other words
    "He spoke with the prime minister.",
    "Mr. Herzog and Mrs. Ardern spoke.",
]


def _texts() -> list[str]:
    return [title + "\n" + text for title, text in titles_and_texts()]


@pytest.fixture(scope="module")
def cases() -> list[str]:
    return [s for text in _texts() for s in sentences(text)] + TRICKY


def test_chunks_of_only_single_spaced_text() -> None:
    assert tokens.chunks_of("President Biden met Modi") == ["President", "Biden", "met", "Modi"]
    assert tokens.chunks_of("Biden\u00a0met\nModi") == ["Biden", "met", "Modi"]
    for odd in ("Biden  met", " Biden", "Biden ", "", " ", "\n"):
        assert tokens.chunks_of(odd) is None, repr(odd)


def test_chunked_tokens_equal_the_plain_ones(cases: list[str]) -> None:
    keep = gazetteer().keep
    chunked = 0
    for s in cases:
        for k in (keep, frozenset()):
            plain = tokens.tokenize_plain(s, k)
            assert tokens.tokenize(s, k) == plain, s
            assert tokens.tokenize(s, k) == plain, s  # again, now from the chunk cache
            chunks = tokens.chunks_of(s)
            if chunks is not None:
                chunked += 1
                assert tokens.tokenize(s, k, chunks) == plain, s
    assert chunked > len(cases)  # most sentences take the chunked path


def test_chunked_gate_equals_the_plain_one(cases: list[str]) -> None:
    g = gazetteer()
    answers = set()
    for s in cases:
        chunks = tokens.chunks_of(s)
        if chunks is None:
            continue
        plain = lookup.worth_tokenizing(g, s, s.lower())
        assert lookup.worth_tokenizing(g, s, s.lower(), chunks) == plain, s
        assert lookup.worth_tokenizing(g, s, None, chunks) == plain, s
        answers.add(plain)
    assert answers == {True, False}


def test_keys_are_the_fields_they_name(cases: list[str]) -> None:
    keep = gazetteer().keep
    for s in cases:
        toks = tokens.tokenize(s, keep)
        assert tokens.key(toks) == tuple(t.norm for t in toks), s
        assert tokens.low_key(toks) == tuple(t.low for t in toks), s
    toks = tokens.tokenize("Israeli Prime Minister Bennett")
    assert tokens.key(toks[1:3]) == ("Prime", "Minister")
    assert tokens.low_key(toks[1:3]) == ("prime", "minister")
