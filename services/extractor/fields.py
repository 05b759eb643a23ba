"""Secondary fields of a contact: duration, source and topics."""

from __future__ import annotations

import re
from functools import cache

from .data import load
from .people import gazetteer
from .prefilter import Finder, WordSets, finder, lower_is_faithful, may_match, required_words

_NUM = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10,
    "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "forty-five": 45, "fifty": 50,
    "sixty": 60, "ninety": 90, "half": 0.5, "several": None, "few": None,
}  # fmt: skip
_DURATION = re.compile(
    r"\b(?P<n>\d{1,3}(?:\.\d)?|an?|one|two|three|four|five|ten|fifteen|twenty|thirty|forty|"
    r"forty-five|fifty|sixty|ninety|half)[- ](?:and[- ]a[- ]half[- ])?"
    r"(?P<unit>minutes?|mins?|hours?|hr)\b(?:\s+and\s+(?P<extra>\d{1,2})\s+min(?:ute)?s?\b)?"
    r"(?:[- ]long)?",
    re.IGNORECASE,
)
_HALF_HOUR = re.compile(r"\bhalf[- ]an?[- ]hour|\bhalf-hour\b", re.IGNORECASE)
# Every duration holds one of these (lower-case) substrings.
_UNITS = ("min", "hour", "hr", "half")
_CONTACT_NOUN = re.compile(
    r"\b(?:call|conversation|meeting|talks|spoke|met|talked|discussion|lasted|summit)\b", re.I
)


def duration(sentences: list[str]) -> int | None:
    """Minutes stated for the contact, from sentences that talk about it."""
    for s in sentences:
        if s.isascii() and not may_match(s.lower(), (_UNITS,)):
            continue  # no duration in it (a substring test, cheaper than the regexes)
        if not _CONTACT_NOUN.search(s):
            continue
        if _HALF_HOUR.search(s):
            return 30
        for m in _DURATION.finditer(s):
            n = m.group("n").lower()
            value = _NUM.get(n) if not n[0].isdigit() else float(n)
            if value is None:
                continue
            minutes = value * 60 if m.group("unit").lower().startswith("h") else value
            if "and-a-half" in m.group(0).replace(" ", "-").lower():
                minutes += 30
            if m.group("extra") and m.group("unit").lower().startswith("h"):
                minutes += int(m.group("extra"))  # "an hour and 10 minutes"
            if 0 < minutes <= 600:
                return int(minutes)
    return None


@cache
def _sources() -> list[tuple[re.Pattern[str], str, WordSets]]:
    g = gazetteer()
    demonyms = "|".join(
        re.escape(d) for c in load().countries for d in sorted(c.demonyms, key=len, reverse=True)
    )
    out = []
    for rule in load().lexicon.sources:
        pattern = rule.re.replace("{demonym}", demonyms)
        flags = 0 if rule.case else re.IGNORECASE
        out.append((re.compile(pattern, flags), rule.label, required_words(rule.re)))
    del g
    return out


@cache
def _source_finders() -> list[tuple[Finder, str, WordSets]]:
    """``_sources`` with finders: the patterns' searches without scanning the whole text."""
    return [(finder(pattern), label, words) for pattern, label, words in _sources()]


def source(text: str) -> str | None:
    low = text.lower()
    for pattern, label, words in _source_finders():
        m = pattern.search(text, low) if may_match(low, words) else None
        if m:
            return label.replace("{demonym}", m.group(1)) if "{demonym}" in label else label
    return None


@cache
def _topics() -> list[tuple[str, tuple[str, ...], re.Pattern[str]]]:
    """(topic, its words in lower case, the pattern of its words)."""
    out = []
    for topic, words in load().lexicon.topics.items():
        lowered = tuple(w.lower() for w in words)
        pattern = r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b"
        out.append((topic, lowered, re.compile(pattern, re.I)))
    return out


def topics(text: str) -> list[str]:
    """Topics whose words the text holds. When lower-casing is faithful (see ``prefilter``),
    each word is looked up in the lower-cased text and its ends checked for word boundaries:
    what the pattern finds, without running it over the whole text."""
    low = text.lower()
    faithful = lower_is_faithful(text)
    return [
        topic
        for topic, words, pattern in _topics()
        if may_match(low, (words,))  # substrings first: cheap
        and (_has_word(low, words) if faithful else pattern.search(text) is not None)
    ]


def _has_word(low: str, words: tuple[str, ...]) -> bool:
    """Does ``low`` hold one of ``words`` between word boundaries (as ``\\b`` defines them)?"""
    n = len(low)
    for word in words:
        size = len(word)
        at = low.find(word)
        while at >= 0:
            end = at + size
            if _boundary(low, at, n) and _boundary(low, end, n):
                return True
            at = low.find(word, at + 1)
    return False


def _boundary(s: str, i: int, n: int) -> bool:
    """``\\b`` at ``i`` of ``s`` (``n``: its length): a word character on one side only."""
    before = i > 0 and (s[i - 1].isalnum() or s[i - 1] == "_")
    after = i < n and (s[i].isalnum() or s[i] == "_")
    return before != after
