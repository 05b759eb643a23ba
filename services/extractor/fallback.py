"""Candidates by co-occurrence, for an article whose lead states a contact the expressions and
chains do not join ("held the first telephone conversation since taking office with US
President Joe Biden", "congratulated X on his assumption of office in a phone call",
"received a visit from Prime Minister of Malaysia ..."): the first two senior officials of
different countries named in a lead sentence holding a contact word.

Only used when the rules found no held contact in the lead; whether such a candidate is the
article's news is left to the verdict model (``verdict.py``), which sees it marked.
"""

from __future__ import annotations

import datetime as dt
import re

from .classify import (
    Candidate,
    after_parties,
    clause_start,
    cue_kind,
    find_triggers,
    status_of,
    trap_spans,
)
from .dates import contact_date
from .people import Mention
from .recall import invited_by, only_generic, recalled
from .roster import key_of, participants

_CONTACT = re.compile(
    r"\b(?:(?:tele)?phone(?:d)?|call(?:ed)?|conversation|talks|talked|spoke|met|meeting|"
    r"received|receives|hosted|hosts|welcomed|welcomes|visit(?:ed|s)?|discussed|discuss|"
    r"video\s*(?:call|link|conference))\b",
    re.IGNORECASE,
)
# "Remarks ... Before Bilateral Meeting", "Following a bilateral meeting with": a contact
# named as the occasion of something else
_OCCASION = re.compile(
    r"\b(?:before|after|following|ahead of|since|until|prior to|update on)\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)
# a plan stated later in the sentence by an infinitive or a future
_PLAN_AFTER = re.compile(
    r"[,;:]\s*to\s+(?:meet|hold|host|receive|visit|talk|speak|call)\b"
    r"|\b(?:will|is\s+to|are\s+to|set\s+to|due\s+to|expected\s+to|scheduled\s+to)\s+"
    r"(?:also\s+)?(?:meet|hold|host|receive|visit|talk|speak|call|have)\b",
    re.IGNORECASE,
)
_HOSTING = re.compile(r"(?:rece|host|welc|visit)", re.IGNORECASE)
# "received a (special / written / congratulatory) message / letter from X", "receives letters
# from": what is received is a thing the other official sent, not a visit from him
_THING_RECEIVED = re.compile(
    r"\s+(?:(?:on\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|[a-z][\w-]*)\s+){0,4}?"
    r"(?:messages?|letters?|missives?|cables?|notes?|greetings|invitations?)\b"
)


def _placed(sentence: str, cue: re.Match[str], a: Mention, b: Mention) -> bool:
    """Do the two officials stand where a contact's parties stand? "A and B met", "A received
    B", "talks between A and B"; not "talks ... announced by A and B", not "A received an
    update on meetings ... with B", not "A and B hosted a discussion"."""
    if a.start >= cue.end():  # both after the contact word
        return "between" in sentence[cue.end() : a.start].lower()
    if b.end <= cue.start():  # both before it
        return not _HOSTING.match(cue.group())
    return b.start - cue.end() <= (60 if _HOSTING.match(cue.group()) else 120)


_MEETING = re.compile(r"\b(?:met|meeting|received|receives|hosted|hosts|welcomed|welcomes|visit)")


def cooccurring(
    idx: int, sentence: str, mentions: list[Mention], day: dt.date | None
) -> Candidate | None:
    """A held or planned candidate of the first two officials of two countries standing as the
    parties of a contact word of the sentence (the first such word that has them)."""
    blocked: list[tuple[int, int]] | None = None
    for cue in _CONTACT.finditer(sentence):
        if blocked is None:
            blocked = trap_spans(sentence)
            # an expression the rules read as not held ("is ready for a phone call with"):
            # the contact word inside it is no contact either
            blocked += [
                (s, e)
                for s, e, _, _ in find_triggers(sentence)
                if status_of(sentence, s, e, None) is None
            ]
        if any(cue.start() < b and a < cue.end() for a, b in blocked):
            continue  # "called off his talks with", "called for a meeting": no contact word
        if _OCCASION.search(sentence[max(0, cue.start() - 40) : cue.start()]):
            continue
        if cue.group().lower().startswith("rece") and _THING_RECEIVED.match(sentence, cue.end()):
            continue
        chosen = _two(mentions, cue.start())
        if len(chosen) == 2 and _placed(sentence, cue, chosen[0], chosen[1]):
            return _candidate(idx, sentence, cue, chosen, day)
    return None


def _two(mentions: list[Mention], at: int) -> list[Mention]:
    chosen: list[Mention] = []
    for m in mentions:
        if m.person is None or not m.senior or m.person.country is None or m.possessive:
            continue
        if abs(m.start - at) > 200:
            continue
        if all(c.person is not None and c.person.country != m.person.country for c in chosen):
            chosen.append(m)
        if len(chosen) == 2:
            break
    return chosen


def _candidate(
    idx: int, sentence: str, cue: re.Match[str], chosen: list[Mention], day: dt.date | None
) -> Candidate | None:
    members = participants([m.person for m in chosen if m.person is not None])
    if members is None:
        return None
    status = status_of(sentence, cue.start(), cue.end(), 0)  # the whole clause before it
    if status == "held" and _PLAN_AFTER.search(sentence, cue.end()):
        status = "planned"  # "PM embarks on two-nation visit; to hold talks with President X"
    first = min(m.start for m in chosen)
    if status == "held" and first < cue.start():
        # "..., or Trudeau to hold a meeting with Biden": the clause of its first official
        status = status_of(sentence, cue.start(), cue.end(), clause_start(sentence, first))
    if status == "held" and first >= cue.end():
        status = after_parties(sentence, max(m.end for m in chosen))  # "the call between A and B
        # has not yet been held": the noun's own predicate, past its parties
    if status is None or (status == "held" and any(invited_by(sentence, m) for m in chosen)):
        return None  # "..., in response to an invitation from B": B invited, no held contact
    planned = status == "planned"  # "X said on Sept. 20 that he would call Y": not its day
    when = contact_date(sentence, cue.start(), day, forward=planned, said=not planned)
    if status == "held" and only_generic(sentence, chosen, members, day):
        if recalled(sentence, cue.start(), when, day):
            return None  # "the leaders of A and B met twice": not today's holders
    kind = cue_kind(sentence) or ("meeting" if _MEETING.search(cue.group().lower()) else "call")
    return Candidate(
        sentence=idx,
        kind=kind,
        status=status,
        participants=members,
        keys=[key_of(p) for p in members],
        date=when,
        specific_kind=False,
        evidence=sentence,
        trigger=cue.group(),
        background=status == "held" and recalled(sentence, cue.start(), when, day),
        extra={"fallback": True},
    )
