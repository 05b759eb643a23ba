"""The substring pre-filter read off regexes never rejects text its pattern matches."""

from __future__ import annotations

import re

import pytest

from services.extractor import fields
from services.extractor.data import load
from services.extractor.prefilter import may_match, required_words
from services.extractor.text import sentences
from tests.extractor.devsets import titles_and_texts


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?:met|meet)\b", (("met", "meet"),)),
        (r"(?:tele)?phone(?:d|s)", (("phone",), ("d", "s"))),
        (r"\bcall\s+(?:with|between)", (("call",), ("with", "between"))),
        (r"(?:conversation|discussions?)\s+with", (("conversation", "discussion"), ("with",))),
        (r"(?i:spoke|talk)\b(?!\s+[A-Z])", (("spoke", "talk"),)),
        (r"(?:video(?:\s*link)?|virtual)\s+talks?", (("video", "virtual"), ("talk",))),
        (r"[A-Z]\w+ met", (("met",),)),
        (r"spoke|met", (("spoke", "met"),)),  # an alternation at the top: one of its words
        (r"\bcall\s+with|(?:phone|video)d", (("call", "phone", "video"),)),
        (r"spoke|\d+", ()),  # an alternative without a word: nothing is mandatory
        (r"(?:\w+\s+){0,2}talks", (("talks",),)),
        (r"(?:a|\w+)\s+call", (("call",),)),
    ],
)  # fmt: skip
def test_required_words(pattern: str, expected: tuple[tuple[str, ...], ...]) -> None:
    assert required_words(pattern) == expected


def _lexicon_patterns() -> list[re.Pattern[str]]:
    lex = load().lexicon
    found = [t.compiled() for t in lex.triggers]
    found += [re.compile(p, re.IGNORECASE) for p in [*lex.span_traps, *lex.sentence_traps]]
    found += [re.compile(p) for p in lex.span_traps_case]
    return found


def _dev_sentences() -> list[str]:
    return [s for title, text in titles_and_texts() for s in (title, *sentences(text))]


def test_prefilter_keeps_every_match_in_the_dev_set() -> None:
    texts = _dev_sentences()
    checked = 0
    sources = [(pattern, words) for pattern, _, words in fields._sources()]
    for pattern, needs in [
        *((p, required_words(p.pattern)) for p in _lexicon_patterns()),
        *sources,
    ]:
        for text in texts:
            if pattern.search(text):
                checked += 1
                assert may_match(text.lower(), needs), (pattern.pattern, text)
    assert checked > 500  # the dev set exercises the patterns


def test_prefilter_rejects_text_without_the_words() -> None:
    needs = required_words(r"(?:held|had)\s+(?:a|an)\s+(?:tele)?phone\s+call")
    assert not may_match("the minister held a long meeting", needs)
    assert may_match("the minister had a phone call", needs)
