"""Find date expressions in a sentence and resolve them against the publication date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH = (
    r"(?P<mon>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_PATTERNS = [
    re.compile(r"\b(?P<iso>\d{4}-\d{2}-\d{2})\b"),
    # dotted numbers: "17.05.2022" (day first, as Europe writes them), "2023.7.14"
    re.compile(
        r"(?<![\d.])(?:(?P<nd>\d{1,2})\.(?P<nm>\d{1,2})\.(?P<ny>20\d\d)"
        r"|(?P<ny2>20\d\d)\.(?P<nm2>\d{1,2})\.(?P<nd2>\d{1,2}))(?![\d])"
    ),
    # slashed numbers, "7/6/2023": day or month first, told apart by a weekday beside them
    # ("Wednesday 7/6/2023", "Friday (03/02/2023)"), a number above 12, or the anchor's month
    re.compile(
        r"(?:\b(?P<swd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s*\(?\s*)?"
        r"(?<![\d/])(?P<sa>\d{1,2})/(?P<sb>\d{1,2})/(?P<sy>20\d\d)(?![\d/])\)?"
    ),
    re.compile(MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>20\d\d))?"),
    re.compile(
        r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH + r"(?:,?\s+(?P<year>20\d\d))?"
    ),
    # "onTuesday", a page's glued words, is a weekday too;
    # not a named day ("Easter Sunday", "Good Friday", "Super Tuesday"): no weekday of this week
    re.compile(
        r"(?<!Easter )(?<!Palm )(?<!Good )(?<!Holy )(?<!Maundy )(?<!Ash )(?<!Black )(?<!Cyber )"
        r"(?<!Super )(?<!Bloody )"
        r"(?:\b|(?<=\bon))(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    ),
    re.compile(
        r"\b(?P<rel>today|tonight|this (?:morning|afternoon|evening)|earlier today|yesterday|"
        r"last night|the day before|the previous day|(?:two|three|2|3) days ago|on the eve|"
        r"tomorrow)\b",
        re.IGNORECASE,
    ),
]
_RELATIVE = {
    "yesterday": -1,
    "last night": -1,
    "the day before": -1,
    "the previous day": -1,
    "two days ago": -2,
    "2 days ago": -2,
    "three days ago": -3,
    "3 days ago": -3,
    "tomorrow": 1,
}


_CLAUSE = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s+")
_NAMES_DATE = re.compile(r",?\s*\(?\s*(?:the\s+)?$")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    kind: str  # absolute | weekday | relative
    match: re.Match[str]


_DIGIT = re.compile(r"\d")
_WEEKDAY_NAMES = tuple(day.title() for day in WEEKDAYS)
# Gate of the relative pattern: each of its phrases holds one of these words (tested on the
# lower-cased sentence). None has an "i", "s" or "k", the letters IGNORECASE also matches in
# "ı", "İ", "ſ" and "K", which lower() does not turn into them: the gate never hides a match.
_RELATIVE_WORDS = ("day", "ght", "morn", "afternoon", "tomorrow", "the eve", "even")


def _may_match(sentence: str) -> tuple[bool, ...]:
    """Per pattern of ``_PATTERNS``, in order: does the sentence hold what it cannot match
    without? Cheap substring tests; the patterns are the costly part of reading a sentence."""
    digit = _DIGIT.search(sentence) is not None
    low = sentence.lower()
    return (
        digit,  # ISO "2023-07-14"
        "20" in sentence,  # dotted numbers: their year is 20xx
        "/20" in sentence,  # slashed numbers: ".../20xx"
        digit,  # "July 14"
        digit,  # "14 July"
        any(name in sentence for name in _WEEKDAY_NAMES),  # matched case-sensitively
        any(word in low for word in _RELATIVE_WORDS),  # "today", "last night", ...
    )


def find(sentence: str) -> list[DateMention]:
    """Date expressions in ``sentence``, left to right, without overlaps."""
    found: list[DateMention] = []
    for pattern, may in zip(_PATTERNS, _may_match(sentence), strict=True):
        if not may:
            continue
        for m in pattern.finditer(sentence):
            if any(m.start() < d.end and d.start < m.end() for d in found):
                continue
            kind = (
                "weekday"
                if "wd" in m.groupdict()
                else "relative"
                if "rel" in m.groupdict()
                else "absolute"
            )
            found.append(DateMention(m.start(), m.end(), kind, m))
    found.sort(key=lambda d: d.start)
    # "on Thursday, 10th March": the weekday names the calendar date that follows it
    return [
        d
        for d, nxt in zip(found, [*found[1:], None], strict=False)
        if not (
            d.kind == "weekday"
            and nxt is not None
            and nxt.kind == "absolute"
            and _NAMES_DATE.match(sentence, d.end, nxt.start)
        )
    ]


def resolve(mention: DateMention, anchor: dt.date | None, forward: bool = False) -> dt.date | None:
    """The calendar date meant, counting back from ``anchor`` (forward for planned events).
    Without an anchor only a date that states its year has one."""
    g = mention.match.groupdict()
    try:
        if g.get("iso"):
            return dt.date.fromisoformat(g["iso"])
        if g.get("ny") or g.get("ny2"):
            y, m, d = (g["ny"], g["nm"], g["nd"]) if g.get("ny") else (g["ny2"], g["nm2"], g["nd2"])
            return dt.date(int(y), int(m), int(d))
        if g.get("sy"):
            return _slashed(g, anchor)
        if anchor is None:
            return (
                dt.date(int(g["year"]), MONTHS[g["mon"][:3].lower()], int(g["day"]))
                if g.get("year")
                else None
            )
        if g.get("wd"):
            delta = (WEEKDAYS.index(g["wd"].lower()) - anchor.weekday()) % 7
            if forward:
                return anchor + dt.timedelta(days=delta or 7)
            return anchor - dt.timedelta(
                days=(anchor.weekday() - WEEKDAYS.index(g["wd"].lower())) % 7
            )
        if g.get("rel"):
            rel = g["rel"].lower()
            return anchor + dt.timedelta(days=_RELATIVE.get(rel, 0))
        month = MONTHS[g["mon"][:3].lower()]
        day = int(g["day"])
        if g.get("year"):
            return dt.date(int(g["year"]), month, day)
        return infer_year(month, day, anchor, forward)
    except (ValueError, KeyError):
        return None


def _slashed(g: dict[str, str], anchor: dt.date | None) -> dt.date | None:
    """ "7/6/2023": the one reading (day first or month first) that is a date, that falls on
    the weekday stated beside it, or, of two, the one within two months before ``anchor``."""
    a, b, year = int(g["sa"]), int(g["sb"]), int(g["sy"])
    options = set()
    for day, month in ((a, b), (b, a)):
        try:
            options.add(dt.date(year, month, day))
        except ValueError:
            pass
    if g.get("swd"):
        options = {d for d in options if d.weekday() == WEEKDAYS.index(g["swd"].lower())}
    if len(options) > 1 and anchor is not None:
        options = {d for d in options if -2 <= (anchor - d).days <= 60}
    return options.pop() if len(options) == 1 else None


def infer_year(month: int, day: int, anchor: dt.date, forward: bool = False) -> dt.date | None:
    """The latest such day on or before ``anchor`` (the first after it when ``forward``)."""
    try:
        candidate = dt.date(anchor.year, month, day)
    except ValueError:
        return None
    if forward and candidate < anchor:
        if (anchor - candidate).days <= 31:
            return None  # a plan is not dated by a day just past (a statement's, another's)
        return candidate.replace(year=anchor.year + 1)
    if not forward and candidate > anchor + dt.timedelta(days=2):  # a dateline a day ahead
        return candidate.replace(year=anchor.year - 1)
    return candidate


# "since Dec. 23", "since Bali on November 14": the date of an earlier contact, not this one
# (also opening a sentence: "Since taking office on Tuesday, X has spoken with A and B").
_SINCE = re.compile(
    r"\b(?:[Ss]ince|from|until|till|by|before|after|following)\s+(?:the\s+)?$"
    r"|\b[Ss]ince\s+(?:[\w'’-]+,?\s+){1,4}?"
    r"(?:(?:on|in)\s+)?$",
)


_ATTRIBUTIVE = re.compile(
    r"\s+(?!(?:and|or|to|in|at|by|with|when|after|before|that|the|as|said|he|she|they|for|but|"
    r"while|during|phone|call|meeting|talks|conversation|video|local|time|morning|afternoon|"
    r"evening|night|via|over|from|where|which)\b)[a-z]{3,}"
    r"|\s*[-–]\s*\d{1,2}\b"  # a range, "the April 22-23 summit"
    r"|\s+(?:[A-Z][a-z]+\s+){0,3}(?:Summit|Conference|Forum|Dialogue|Session|Assembly|Elections?|"
    r"Ceremony|Games|Agreement|Accords?|Declaration)\b"
)


# "on 22 December continued to ...": after "on" a date is adverbial, never "the Oct. 7 attack"
_ON = re.compile(r"\bon\s+$")

_ASIDE = re.compile(r",\s+(?:who|which)\b[^,;]{0,100},")
# A wire dateline, "LABUAN BAJO, May 11 (Bernama) --" or "MAKKAH, Apr 8 (APP):": its date is the
# story's, not the contact's.
DATELINE = re.compile(
    r"^[A-Z][\w.'’ -]{2,40}?(?:,?\s*\[[\w .'’-]{2,30}\])?(?:,\s*[A-Z][\w.'’ -]{1,30})?,\s+"
    r"[^()—–]{3,30}?"
    r"(?:\s*\([^()]{2,40}\)\s*(?:--|—|–|-|:)?|\s*(?:--|—|–|-|:))\s"
)

# a relayed wire dateline in brackets: "TOKYO (Outlet / Agency - 5th October, 2021) ...": the
# date of the agency's report (whether it dates the contact is decided with the page's day)
BRACKET_LINE = re.compile(r"^[A-Z][A-Z.'’ -]{2,40}?\s*\([^()/]{2,40}/[^()]{2,40}\)\s")


# "..., the presidency said on Friday": the day of the statement, not of the contact
_SAID = re.compile(
    r"\b(?:said|says|announced|stated|confirmed|reported|told\s+\w+)\s+(?:on\s+)?$", re.IGNORECASE
)


# a day fronted before "X said (that) he had <the contact>": the saying's, not the contact's
_SAID_HAD = re.compile(
    r"[\s,]*(?:(?-i:[A-Z])[\w'’.-]*\s+){1,4}(?:said|says|told\s+\w+|announced|confirmed|revealed)"
    r"\s+(?:that\s+)?(?:he|she|they)\s+(?:had|has)\b",
    re.IGNORECASE,
)


def since_dated(text: str) -> bool:
    """Does ``text`` (a sentence up to a contact) date a period by "since": "Since taking office
    on Tuesday, X has spoken with A"? The contact falls somewhere in that period, on no day the
    text states (its date is unknown, not a neighbour's)."""
    if "since" not in text.lower():
        return False
    return any(_SINCE.search(text[max(0, m.start - 50) : m.start]) for m in find(text))


def contact_date(
    sentence: str,
    around: int,
    anchor: dt.date | None,
    forward: bool = False,
    said: bool = True,
    own: tuple[int, int, int, int] | None = None,
) -> dt.date | None:
    """The date nearest to position ``around`` that is not a 'since …'/'until …' reference
    (nor, with ``said`` false, the day a statement was made: "a call earlier this week, the
    presidency said on Friday"). ``own``: (end of the sentence's previous contact expression,
    this one's start and end, start of the next one): a date between this expression and the
    next is its own, else one between the previous and this ("a call on 28 October and their
    meeting on 7 November")."""
    valid: list[tuple[int, dt.date]] = []
    asides = [(m.start(), m.end()) for m in _ASIDE.finditer(sentence)]
    dateline = DATELINE.match(sentence) or BRACKET_LINE.match(sentence)
    for mention in find(sentence):  # "on Thursday, 9th March": find keeps only the date
        if dateline is not None and mention.start < dateline.end():
            continue
        if any(a <= mention.start < b and not a <= around < b for a, b in asides):
            continue  # "Anwar, who arrived on Tuesday, called on X on Wednesday"
        if _SINCE.search(sentence[max(0, mention.start - 50) : mention.start]):
            continue
        if not said and _SAID.search(sentence[max(0, mention.start - 30) : mention.start]):
            continue
        said_had = _SAID_HAD.match(sentence, mention.end)
        if said_had and around - 40 <= said_had.end() <= around + 4:
            continue  # "On Thursday, X said he had a call with Y": the day of the saying
        if (
            mention.kind == "absolute"
            and not _ON.search(sentence[max(0, mention.start - 4) : mention.start])
            and _ATTRIBUTIVE.match(sentence[mention.end :])
        ):
            continue  # "the Oct. 7 attack" names an event, it does not date the contact
        value = resolve(mention, anchor, forward)
        if value is None:
            continue
        if not forward and anchor is not None and value > anchor + dt.timedelta(days=1):
            continue
        valid.append((mention.start, value))
    # "the ceremony on 8 June, and Obama telephoned him on 10 June": a date of the contact's
    # own clause wins over one before a ", and" or ";"
    cut = max((m.end() for m in _CLAUSE.finditer(sentence, 0, around)), default=0)
    valid = [v for v in valid if v[0] >= cut] or valid
    if own is not None:
        prev_end, start, end, next_start = own
        after = [v for v in valid if end <= v[0] < next_start]
        before = [v for v in valid if prev_end <= v[0] < start]
        valid = after or before or valid
    best = min(valid, key=lambda v: abs(v[0] - around), default=None)
    return best[1] if best else None
