"""The previous contact of the same people, when the text gives it: "first time since Dec. 23",
"the first since 1 December", "first call in 28 days", "last spoke on Jan. 5", "followed up on
the talks held in Rome on 16 September". An explicit date beats a count of days."""

from __future__ import annotations

import datetime as dt
import re

from . import dates
from .prefilter import may_match

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}"  # not "the 20(24)"
_DATE = (
    r"(?P<date>(?:" + _MONTH + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+"
    r"(?:of\s+)?" + _MONTH + r")(?:,?\s+20\d\d)?)"
)
_BY_DATE = [
    re.compile(p + _DATE, re.IGNORECASE)
    for p in (
        # first (call|conversation between the two leaders|...) since [their meeting on] <date>
        # ("... since the second India-Australia 2+2 Ministerial Dialogue in New Delhi on <date>")
        # (not "since his inauguration / he took office on <date>": no contact of theirs)
        r"\bfirst\s+(?:[\w-]+\s+){0,6}?since\s+(?!(?:his|her|its|their|the)\s+"
        r"(?:inauguration|election|re-?election|swearing|taking|appointment|accession|return)\b|"
        r"(?:he|she|they|it)\s+(?:took|assumed|became|was|were|entered|returned)\b)"
        # ("since they met at the Filoli estate in Woodside, California, on Nov. 15")
        r"(?:[\w'’+-]+,?\s+){0,12}?(?:on\s+)?",
        # last spoke/met/talked (by phone) on <date>
        r"\blast\s+(?:spoke|met|talked|held\s+talks|had\s+a\s+call)\s+(?:[\w'’-]+\s+){0,4}?on\s+",
        # followed up on / building on the talks held in Rome on <date>
        r"\b(?:follow(?:ed|s|ing)?\s+up\s+on|build(?:s|ing)?\s+on)\s+(?:the|their|its)\s+"
        r"(?:[\w-]+\s+){0,2}(?:talks|meeting|call|conversation|visit)\b[^.;]{0,40}?\bon\s+",
    )
]
_BY_COUNT = re.compile(
    r"\bfirst\s+(?:[\w-]+\s+){0,6}?in\s+(?:more than\s+|over\s+|nearly\s+|almost\s+|about\s+)?"
    r"(?P<n>\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?P<unit>days?|weeks?|months?)",
    re.IGNORECASE,
)
_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}  # fmt: skip


# Every pattern above holds one of these words: a sentence without them states no earlier contact.
_CUES = ("first", "last", "follow", "build")


def _may_state_one(sentence: str) -> bool:
    """False when no pattern can match (substrings of the lower-cased sentence; text that is not
    ASCII is always read: case-insensitive regexes fold some of its letters differently)."""
    return not sentence.isascii() or may_match(sentence.lower(), (_CUES,))


def previous_contact(sentences: list[str], contact_day: dt.date | None) -> dt.date | None:
    """The earlier contact's date, from the first sentence that states one."""
    if contact_day is None:
        return None
    sentences = [s for s in sentences if _may_state_one(s)]
    for s in sentences:
        for m in (m for pattern in _BY_DATE for m in pattern.finditer(s)):
            found = dates.find(m.group("date"))
            # the day itself: this sentence tells the earlier contact ("since they met on Nov.
            # 15" read for the Nov. 15 meeting), not one before it
            value = dates.resolve(found[0], contact_day) if found else None
            if value is not None and value < contact_day:
                return value
    for s in sentences:
        counted = _BY_COUNT.search(s)
        if counted:
            n = counted.group("n").lower()
            count = int(n) if n.isdigit() else _WORDS[n]
            unit = counted.group("unit").lower()
            days = count * (7 if unit.startswith("week") else 30 if unit.startswith("month") else 1)
            return contact_day - dt.timedelta(days=days)
    return None
