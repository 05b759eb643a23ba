"""Is a held contact recalled in passing rather than reported as the news? "building on their
May meeting", "Modi, who held talks with Biden on Thursday, addressed Congress", "has spoken
to him more often than to anyone", "when they met in Sochi in 2007", "pointed to his meeting
with", "Modi's last formal bilateral meet with Xi"."""

from __future__ import annotations

import datetime as dt
import re

from shared.schemas import Person

from .data import Role
from .people import Mention, gazetteer
from .periods import past_period
from .tokens import fold

_BACKGROUND = re.compile(
    r"\b(?:building on|builds on|build on|result of|follow-up to|following up on|in the wake of|"
    # "followed / follows" also: "the summit follows several calls"
    r"recalled|recalling|pointed to|referred to|referring to|followed(?! by)|follows|"
    r"(?:comes|came) after|"
    r"as (?:agreed|discussed) (?:at|during|in))\b[^.;]{0,60}$"
    r"|^\W*(?:previously|in the past|at their (?:last|previous|first))\b[^.;]*$"
    # memory, of the contact itself: "Modi recalls (his) meeting with Xi", "remembered their
    # talks" (not "remembered the victims when he met X")
    r"|\b(?:recalls|remember(?:s|ed|ing)?|reminisc(?:es|ed|ing)(?:\s+about)?)\s+"
    r"(?:(?:his|her|their|its|the|a|an)\s+)?(?:[\w-]+\s+){0,2}$"
    # "since their May meeting", not "since the attacks, Blinken met"
    r"|\bsince\b[^.;,]{0,60}$"
    # "his recent meeting with", "their recent call"
    r"|\b(?:his|her|their|a)\s+recent\s+(?:[\w-]+\s+){0,2}$"
    # "Putin's last conversation with Trump", "Modi's last formal bilateral meet with Xi"
    r"|\b(?:last|previous|most recent)\s+(?:[\w-]+\s+){0,2}$"
    # "earlier there was a telephone conversation between A and B"
    r"|\bearlier\s+there\s+(?:was|were|had\s+been)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}$"
    r"|\blast\s+(?:week|month|year)['’]s\s+(?:[\w-]+\s+){0,2}$"  # "Last week's call between"
    # "The only face-to-face meeting between A and B was in June"
    r"|^\W*the\s+only\s+(?:[\w-]+\s+){0,2}$"
    r"|,\s+(?:who|whom)\b[^,;]{0,80}$"  # "Modi, who held talks with Biden on Thursday, ..."
    # other news dated by the contact: "The comments were made a day after A met B", "to discuss
    # the details of the phone call between A and B"
    r"|\b(?:came|comes|come|were made|was made|were issued|was issued)\s+(?:just\s+|only\s+|"
    r"shortly\s+|soon\s+|(?:(?:a|one|two|three|several|\d+)\s+)?(?:days?|hours?|weeks?)\s+)?"
    r"(?:after|following)\b[^.;]{0,60}$"
    # "The sanctions were imposed weeks after A and B met"
    r"|\b(?<!for\s)(?:(?:a|one|two|three|four|five|six|several|few|\d+)\s+)?"
    r"(?:days?|hours?|weeks?)\s+after\s+[^.;,]{0,60}$"
    r"|\b(?:details|outcome|results?|contents?)\s+of\s+(?:the|their|a|his|her|this)\s+"
    r"(?:[\w-]+\s+){0,2}$"
    r"|\bhad\s+(?:already\s+|earlier\s+|previously\s+|also\s+)?(?:met|spoken|talked|held|hosted|"
    r"received|made|told|discussed|agreed|visited|called|phoned|been)\b[^.;]{0,80}$",
    re.IGNORECASE,
)
# "in their May call", "the March meeting": a month-only name of the contact itself
_MONTH_BEFORE = re.compile(
    r"\b(?:their|his|her|its|the|a|an)\s+(January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\s+(?:[\w-]+\s+)?$"
)
_MONTHS = "January February March April May June July August September October November December"
_HABITUAL = re.compile(
    r"\b(?:more often|several times|many times|repeatedly|regularly|frequently|twice|"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|a dozen|dozens of) times)\b",
    re.IGNORECASE,
)


# "Macron told Kishida that he has held talks with X": a contact told to another, in a contact
# (not "told reporters he met X", the article's news)
_TOLD_OFFICIAL = re.compile(
    r"\b(?:told|informed|assured|briefed)\s+(?:[A-Z][\w.’'-]*\s+){1,3}(?:that\s+)?"
    r"(?:he|she)\s+(?:[\w-]+\s+){0,4}$"
)


# "the presidents of both countries, who met in Buenos Aires, said": the people of the news
# contact itself, a group, are what the relative clause describes
_GROUP_WHO = re.compile(
    r"\b(?:leaders|presidents|prime ministers|ministers|counterparts|the two|both)\b"
    r"[^,;]{0,40},\s+who\s+(?:\w+\s+){0,2}?$",
    re.IGNORECASE,
)
_NO_OBJECT = re.compile(
    r"^(?:met|spoke|talked|held talks)\s+(?:in|at|on|by|via|for|over|during|earlier|late|last|"
    r"yesterday|today)\b",
    re.IGNORECASE,
)


# reported speech shifts the news into the past perfect: "announced that he had held talks"
_REPORTED = re.compile(
    r"\b(?:said|says|announced|reported|confirmed|revealed|told\s+\w+)\b[^.;]{0,60}?\bthat\s+"
    r"(?:he|she|they|the two(?:\s+\w+)?|both)\s+had\s+(?:just\s+|earlier\s+)?"
    r"(?:held|had|spoken|talked|met|received|hosted)\b[^.;]{0,40}$",
    re.IGNORECASE,
)


# a relative clause left open: "Dahal, who is on his first visit abroad since taking office met
# Doval on Wednesday": the clause has its own verb ("is"), so the contact's verb is the
# sentence's main verb, not the clause's (not "who is visiting India and met X")
OPEN_WHO = re.compile(
    r",\s+who\s+(?:is|was|are|were|has\s+been|had\s+been)\s+[^,;]{3,80}?"
    r"(?<!\band)(?<!\bor)(?<!\bthen)(?<!\balso)(?<!\bto)(?<!\bhad)(?<!\bhas)(?<!\bhave)\s$",
    re.IGNORECASE,
)
MAIN_VERB = re.compile(r"(?:met|held|hosted|received|spoke|talked)\b", re.IGNORECASE)


# a relative clause between dashes: "the president – who did not attend – had met X"
DASH_ASIDE = r"\s+[–—]\s+(?:who|which)\b[^–—;]{0,160}?\s+[–—]"
_DASH_ASIDE = re.compile(DASH_ASIDE + r"(?=\s)")
# "A and B have not met since December 2019", "has not spoken with X since March 3, 2022":
# they last met then, a held contact of its own, recalled
_NOT_SINCE = re.compile(r"\b(?:(?:has|have|had)\s+(?:not|never)|(?:haven|hasn|hadn)['’]t)\s+$")
_SINCE_TIME = re.compile(
    r"[^.;,]{0,80}?\s+(?:in\s+person\s+|face[- ]to[- ]face\s+|directly\s+|by\s+phone\s+)?"
    r"since\s+(?:(?:early|late|mid|the\s+end\s+of)\s+)?(?:(?:January|February|March|April|"
    r"May|June|July|August|September|October|November|December)\s+)?(?:\d{1,2},?\s+)?"
    r"(?:19|20)\d\d\b"
)


def not_since(sentence: str, start: int, end: int) -> bool:
    """The contact at ``start:end`` is told "not ... since <a time with its year>"."""
    return bool(_NOT_SINCE.search(sentence, 0, start)) and bool(_SINCE_TIME.match(sentence, end))


def recalled(sentence: str, start: int, when: dt.date | None, day: dt.date | None) -> bool:
    """True when the contact stated at ``start`` is background to the sentence's news."""
    head = sentence[max(0, start - 90) : start]
    if "–" in sentence or "—" in sentence:
        # "came hours after the president – who did not attend ... – had met X": the aside
        # does not push the cue out of reach
        head = _DASH_ASIDE.sub("", sentence[:start])[-90:]
    if _NOT_SINCE.search(head) and _SINCE_TIME.match(sentence, start):
        return True
    open_who = OPEN_WHO.search(head)
    if open_who and MAIN_VERB.match(sentence, start):
        head = head[: open_who.start()]  # the clause is not the contact's
    if _TOLD_OFFICIAL.search(head):
        return True  # "Macron told Kishida that he had held talks with X": told in passing
    if _REPORTED.search(head):
        return False  # "Zelensky said ... that he had spoken with Sunak": the news, reported
    if _GROUP_WHO.search(sentence[max(0, start - 150) : start]) and _NO_OBJECT.match(
        sentence[start:]
    ):
        return False
    return (
        bool(_BACKGROUND.search(head))
        or bool(_HABITUAL.search(sentence))
        or (when is None and past_period(sentence, start, day))
        or _month_before(sentence[max(0, start - 40) : start], day)
    )


def _month_before(head: str, day: dt.date | None) -> bool:
    """A month named before the contact ("their May call") other than the publication's
    (without a date to judge by, nothing is stale)."""
    m = _MONTH_BEFORE.search(head)
    return m is not None and day is not None and _MONTHS.split().index(m.group(1)) + 1 != day.month


# A role told as a class, not as its holder: "the leaders of A and B", "an Australian prime
# minister" (plural titles of countries, or a title under an indefinite article)
_PLURAL_ROLE = re.compile(
    r"(?:leaders|heads\s+of\s+(?:state|government)|presidents|prime\s+ministers|"
    r"(?:foreign\s+)?ministers|chancellors|kings)\s+of\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_INDEFINITE = re.compile(r"\b(?:an?|any)\s+$", re.IGNORECASE)


def _generic(sentence: str, m: Mention) -> bool:
    """Does the mention name a role in general rather than the official holding it? In a
    recalled contact such a party is whoever held the office then, not today's holder."""
    if _names_holder(sentence, m):
        return False
    said = sentence[m.start : m.end]
    return bool(
        _PLURAL_ROLE.match(said) or _INDEFINITE.search(sentence[max(0, m.start - 6) : m.start])
    )


def only_generic(
    sentence: str, senior: list[Mention], people: list[Person], day: dt.date | None
) -> bool:
    """Is one of the contact's parties found in the sentence only as a role in general ("the
    leaders of A and B", "an Australian prime minister"), read as today's holder, in a sentence
    telling a year that holder held no office in ("the last time ... was in 2016")? Such a party
    is whoever held the office then, not the official we would name."""
    years = {int(y) for y in _YEAR.findall(sentence)}
    if day is None or not (years := {y for y in years if y < day.year}):
        return False
    generic = {m.person.name for m in senior if m.person is not None and _generic(sentence, m)}
    named = {m.person.name for m in senior if m.person is not None and not _generic(sentence, m)}
    book = gazetteer().by_id
    for p in people:
        if p.name is None or p.name not in generic or p.name in named:
            continue
        if (who := book.get(p.name)) is None:
            continue
        if any(not _in_office(who.roles, y) for y in years):
            return True
    return False


def _in_office(roles: list[Role], year: int) -> bool:
    return any(r.start.year <= year and (r.end is None or r.end.year >= year) for r in roles)


def _names_holder(sentence: str, m: Mention) -> bool:
    """Does the mention write its official's name ("President A B"), not a title alone?"""
    name = m.person.name if m.person is not None else None
    said = fold(sentence[m.start : m.end]).lower()
    return bool(name) and any(len(w) > 2 and w in said for w in fold(name or "").lower().split())


# "at the invitation of B", "in response to an invitation from B", "invited by B": B is the
# party of the invitation, not (by these words) of the contact the sentence tells
_INVITER = re.compile(
    r"\b(?:(?:at|upon|on|by)\s+(?:the\s+)?invitation\s+(?:of|from)|(?:in\s+response\s+to|"
    r"following|accepting)\s+(?:an?|the)\s+invitation\s+(?:of|from|by)|invited\s+by)\s+"
    r"(?:[\w-]+\s+){0,4}$",
    re.IGNORECASE,
)


def invited_by(sentence: str, m: Mention, floor: int = 0) -> bool:
    """Is the official of ``m`` named as the one who invited (after ``floor``)?"""
    return _INVITER.search(sentence[max(floor, m.start - 80) : m.start]) is not None
