"""Secondary fields of a contact: duration, source and topics."""

from __future__ import annotations

import re
from functools import cache

from .data import load
from .people import gazetteer
from .prefilter import WordSets, lower_is_faithful, may_match, required_words

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


def source(text: str) -> str | None:
    low = text.lower()
    for pattern, label, words in _sources():
        m = pattern.search(text) if may_match(low, words) else None
        if m:
            return label.replace("{demonym}", m.group(1)) if "{demonym}" in label else label
    return None


@cache
def _topics() -> list[tuple[str, tuple[str, ...], re.Pattern[str], re.Pattern[str]]]:
    """(topic, its words, their pattern, the same pattern for lower-cased text)."""
    out = []
    for topic, words in load().lexicon.topics.items():
        lowered = tuple(w.lower() for w in words)
        pattern = r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b"
        lower = r"\b(?:" + "|".join(re.escape(w) for w in lowered) + r")\b"
        out.append((topic, lowered, re.compile(pattern, re.I), re.compile(lower)))
    return out


def topics(text: str) -> list[str]:
    """Topics whose words the text holds. The case-insensitive patterns run as case-sensitive
    ones on the lower-cased text when that is faithful: the same matches, at twice the speed."""
    low = text.lower()
    faithful = lower_is_faithful(text)
    return [
        topic
        for topic, words, pattern, lowered in _topics()
        if may_match(low, (words,))  # substrings first: cheap
        and (lowered.search(low) if faithful else pattern.search(text))
    ]
