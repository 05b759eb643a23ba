"""The previous contact of the same people, when the text gives it: "first time since Dec. 23",
"their first conversation since they met in Woodside on Nov. 15", "first call in 28 days",
"had last spoken by phone on Jan. 5", "their previous conversation was on 3 March", "the last
meeting between them took place on ...", "followed up on the talks held in Rome on 16
September". An explicit date beats a count of days; a month or year alone ("last spoke in
September 2022", "first in nearly three years") gives no day, so no date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from . import dates
from .prefilter import may_match

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}"  # not "the 20(24)"
_DATE = (
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?P<date>(?:"
    + _MONTH
    + r"\.?\s+\d{1,2}(?!\d)(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+"
    r"(?:of\s+)?" + _MONTH + r")(?:,?\s+20\d\d)?)(?![\d:])"
)
# What may stand between "since" and the date: nothing ("since Dec. 23"), or an earlier contact
# ("since they met at the Filoli estate ... on Nov. 15", "since the 2+2 Dialogue in New Delhi
# on 20 November 2023"), never another event ("since his coronation in May", "since he took
# office on January 7").
_CONTACT_WORD = (
    r"(?:met|meet|meeting|meetings|spoke|speak|spoken|talk|talks|talked|call|calls|called|"
    r"conversation|visit|visited|summit|dialogue|forum|session|conference|consultations|"
    r"discussions?|contact|encounter|sidelines|margins)"
)
_SINCE_CONTACT = (
    r"since\s+(?:(?:[\w'’+-]+,?\s+){0,12}?" + _CONTACT_WORD + r"\b,?\s+"
    r"(?:[\w'’+-]+,?\s+){0,10}?)?(?:on\s+)?"
)
_LAST_VERB = (
    r"(?:spoke|spoken|met|talked|conferred|held\s+(?:a\s+|their\s+)?(?:phone\s+|telephone\s+)?(?:talks|"
    r"call|conversation|meeting)|had\s+(?:a\s+)?(?:phone\s+|telephone\s+)?(?:talks|call|"
    r"conversation|meeting)|(?:had\s+)?(?:a\s+)?(?:phone\s+|telephone\s+)?(?:call|conversation))"
)
_LAST_NOUN = (
    r"(?:last|previous|most\s+recent|latest)\s+(?:known\s+|in-person\s+|face-to-face\s+|"
    r"(?:publicly\s+|officially\s+)?(?:announced|reported|confirmed)\s+|"
    r"official\s+|phone\s+|telephone\s+|bilateral\s+)*(?:call|conversation|meeting|talks|"
    r"contact|encounter|discussion|exchange|phone\s+call|telephone\s+conversation)"
)
_BY_DATE = [
    re.compile(p + _DATE, re.IGNORECASE)
    for p in (
        # first (call|conversation between the two leaders|...) since [their meeting on] <date>
        # (not "since his inauguration / he took office on <date>": no contact of theirs)
        r"\bfirst\s+(?:[\w-]+\s+){0,6}?" + _SINCE_CONTACT,
        # (had) last spoke/met/talked/held talks (by phone, in Rome, on the sidelines of the
        # G20 summit in Bali) on <date>; "when they last spoke, on 3 March"
        r"\blast\s+" + _LAST_VERB + r",?\s+(?:[\w'’,-]+\s+){0,10}?on\s+",
        # the last time the two spoke (by telephone) was (in Geneva) on <date>
        r"\blast\s+time\s+(?:[\w'’,-]+\s+){0,8}?(?:spoke|spoken|met|talked|conferred|held|had)"
        r"\b[^.;]{0,60}?\bwas\s+(?:(?:on|in)\s+)?(?:[\w'’,-]+\s+){0,4}?(?:on\s+)?",
        # their last meeting, in Rome on <date>, ...; their previous call (held) on <date>
        r"\b" + _LAST_NOUN + r",?\s+(?:held\s+)?(?:in\s+[\w'’-]+(?:\s+[\w'’-]+)?,?\s+)?on\s+",
        # the two (had) previously met (in Rome) on <date>; "Previously, both presidents met on"
        r"\b(?:(?:the\s+two|both|they|the\s+pair|the\s+leaders)(?:\s+[\w-]+)?\s+(?:had\s+)?"
        r"(?:previously|earlier)|previously,?\s+(?:the\s+two|both|they|the\s+pair|the\s+leaders)"
        r"(?:\s+[\w-]+)?(?:\s+had)?)\s+" + _LAST_VERB + r",?\s+(?:[\w'’,-]+\s+){0,8}?on\s+",
        # they had not spoken (by phone) since <date>
        r"\b(?:had|have|has)(?:\s+not|n['’]t)\s+(?:[\w-]+\s+){0,2}?(?:spoken|met|talked|"
        r"conferred)\b[^.;]{0,40}?\bsince\s+(?:on\s+)?",
        # the call follows / comes after their meeting (in Rome) on <date>
        r"\b(?:follow(?:s|ed|ing)?|c[oa]mes?\s+after)\s+(?:their|the\s+two\s+leaders['’]?|"
        r"the\s+leaders['’])\s+(?:[\w-]+\s+){0,3}?(?:talks|meeting|call|conversation|summit|"
        r"visit)\b[^.;]{0,50}?\bon\s+",
        # their last/previous conversation (with Trump, ...) was (held) on <date>
        r"\b" + _LAST_NOUN + r"\b[^.;]{0,90}?\b(?:was|were|took\s+place|came|happened)\s+"
        r"(?:held\s+|dated\s+|recorded\s+)?(?:(?:on|in)\s+)?(?:[\w'’,-]+\s+){0,4}?(?:on\s+)?",
        # first call since / had not spoken since their <date> meeting (the date before the
        # contact it dates; "since the June 12 election" is no contact of theirs)
        r"\b(?:first|not|n['’]t)\b[^.;]{0,60}?\bsince\s+(?:their|the\s+two\s+leaders['’]?|"
        r"the\s+leaders['’]|the)\s+(?=[^;]{0,30}?\b(?:[\w-]+\s+)?(?:meeting|call|talks|"
        r"conversation|summit|visit|encounter)\b)",
        # followed up on / building on the talks held in Rome on <date>
        r"\b(?:follow(?:ed|s|ing)?\s+up\s+on|build(?:s|ing)?\s+on)\s+(?:the|their|its)\s+"
        r"(?:[\w-]+\s+){0,2}(?:talks|meeting|call|conversation|visit)\b[^.;]{0,40}?\bon\s+",
    )
]
_DIGIT = re.compile(r"\d")
# "their previous meetings, which took place in A on 29 December 2020 and 27 August 2021, and in
# B on 20 April 2021": several earlier contacts of the pair listed; the latest is the previous
_LISTED = re.compile(
    r"\b(?:their|the\s+two\s+(?:leaders|presidents|sides)['’]?)\s+(?:previous|earlier)\s+"
    r"(?:[\w-]+\s+)?(?:meetings|talks|calls|conversations|contacts|encounters)\b",
    re.IGNORECASE,
)
# "the first call in 28 days", "their first meeting in three weeks": an exact count. "in nearly
# three years", "in more than a month", "in 18 months" (a month is not a count of days): no day.
_BY_COUNT = re.compile(
    r"\bfirst\s+(?:[\w-]+\s+){0,6}?in\s+(?P<n>\d{1,3}|two|three|four|five|six|seven|eight|nine|"
    r"ten|eleven|twelve)\s+(?P<unit>days?|weeks?)\b",
    re.IGNORECASE,
)
# "the meeting ... was the second within two weeks": the earlier one is the text's date in
# that span ("President Tinubu hosted Talon in Paris on June 23").
_SECOND = re.compile(
    r"\bsecond\s+(?:[\w-]+\s+){0,5}?(?:within|in)\s+(?:the\s+(?:past|last)\s+)?(?:a\s+)?"
    r"(?P<n>\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)?\s*"
    r"(?P<unit>days?|weeks?|months?)\b",
    re.IGNORECASE,
)
_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}  # fmt: skip


# Every pattern above holds one of these words: a sentence without them states no earlier contact.
_CUES = (
    "first", "last", "follow", "build", "previous", "recent", "latest", "second", "earlier",
    "not ", "n't", "n’t", "after",
)  # fmt: skip


def _may_state_one(sentence: str) -> bool:
    """False when no pattern can match (substrings of the lower-cased sentence; text that is not
    ASCII is always read: case-insensitive regexes fold some of its letters differently)."""
    return not sentence.isascii() or may_match(sentence.lower(), (_CUES,))


def previous_contact(sentences: list[str], contact_day: dt.date | None) -> dt.date | None:
    """The earlier contact's date, from the first sentence that states one. A contact of
    unknown date takes only a previous date that states its year, and no count of days."""
    every = sentences
    sentences = [s for s in sentences if _may_state_one(s)]
    for s in sentences:
        if not _DIGIT.search(s):
            continue  # every _BY_DATE pattern ends in a day's number (a cheap test first)
        for m in (m for pattern in _BY_DATE for m in pattern.finditer(s)):
            found = dates.find(m.group("date"))
            # the day itself: this sentence tells the earlier contact ("since they met on Nov.
            # 15" read for the Nov. 15 meeting), not one before it
            value = dates.resolve(found[0], contact_day) if found else None
            if value is not None and (contact_day is None or value < contact_day):
                return value
    for s in sentences:
        listed = _LISTED.search(s)
        if listed and _DIGIT.search(s, listed.end()):
            latest = _latest_before(s[listed.end() :], contact_day)
            if latest is not None:
                return latest
    for s in sentences if contact_day is not None else ():
        second = _SECOND.search(s)
        if second and contact_day is not None:
            within = _dated_within(every, contact_day, _days(second))
            if within is not None:
                return within
    for s in sentences if contact_day is not None else ():
        counted = _BY_COUNT.search(s)
        if counted and contact_day is not None:
            return contact_day - dt.timedelta(days=_days(counted))
    return None


def _absolute_before(text: str, day: dt.date | None) -> Iterator[dt.date]:
    """The full dates of ``text`` before ``day``, in order (with no day, only those that
    state their year)."""
    for mention in dates.find(text):
        if mention.kind != "absolute" or (
            day is None and not re.search(r"\d{4}", mention.match.group())
        ):
            continue
        value = dates.resolve(mention, day)
        if value is not None and (day is None or value < day):
            yield value


def _latest_before(text: str, day: dt.date | None) -> dt.date | None:
    """The latest full date of ``text`` before ``day``."""
    return max(_absolute_before(text, day), default=None)


def _days(m: re.Match[str]) -> int:
    """The days a count ("28 days", "three weeks", "a month") spans."""
    n = (m.group("n") or "1").lower()
    count = int(n) if n.isdigit() else _WORDS[n]
    unit = m.group("unit").lower()
    return count * (7 if unit.startswith("week") else 30 if unit.startswith("month") else 1)


def _dated_within(sentences: list[str], day: dt.date, span: int) -> dt.date | None:
    """The first date of ``sentences`` that falls in the ``span`` days before ``day``."""
    since = day - dt.timedelta(days=span)
    return next((v for s in sentences for v in _absolute_before(s, day) if since <= v), None)
