"""What sentences leave for the next ones (the last subject, the last contact), who can make up
a contact, and rosters: "Participants in the call included A, B and C" (or a list after a
colon) add people to the last contact, or start one for the last subject."""

from __future__ import annotations

import re

from shared.schemas import Person

from .classify import Candidate, cue_kind
from .groups import GROUP_PREFIX
from .people import Mention

BLOC_KEY = "?bloc"
_ROSTER = re.compile(
    r"\b(?:participants (?:in|on|of) the (?:call|meeting|summit|video call)|"
    # not "joined the meeting of Arab leaders": another meeting, of other people
    r"(?:joining|joined) (?:the|this) (?:call|meeting|video call|summit|videoconference)"
    r"(?!\s+of\b)|"
    r"(?:also )?(?:on|in) the (?:call|meeting) (?:were|was)|(?:were|was) also on the call|"
    r"(?:call|meeting|summit) (?:was|were) (?:also )?(?:joined|attended) by|"
    # "they were joined in the videoconference by A, B and C": the contact just told
    r"(?:they|the (?:two |three |four )?(?:leaders|ministers|presidents)|the (?:two|three|four)) "
    r"(?:were|had been) (?:later |also |then )?joined "
    r"(?:(?:in|on) (?:the|their|this) (?:video ?conference|video call|call|talks|meeting) )?by|"
    r"(?:were|was) (?:also )?among (?:the )?(?:\w+ )?(?:leaders|participants|those) "
    r"(?:who (?:took part|joined|participated|attended)|taking part))\b",
    re.IGNORECASE,
)


# "The meeting was also attended by the Foreign Minister": who else sat in; one of a side's own
# officials is its delegation, not a party of their own (the labelling rules list the principals)
_ATTENDED = re.compile(
    r"\b(?:call|meeting|summit|talks) (?:was|were) (?:also )?attended by\b", re.I
)


_ROSTER_WORDS = (
    "particip", "join", "on the call", "in the call", "on the meeting", "attended", "among",
)  # fmt: skip


class Memory:
    """What earlier sentences established for pronouns, group words and rosters."""

    def __init__(self) -> None:
        self.subject: Mention | None = None  # first official named in the last naming sentence
        self.previous: list[Person] = []  # officials of that sentence
        self.last: Candidate | None = None  # the last contact stated
        self.roster = False  # a roster ending in ':' lists its people in the next lines
        self.kept = False  # this sentence's pronoun stood for ``subject``: it stays the subject
        # who "I"/"me" of this sentence's quote is, and as which side ("subject"/"object")
        self.speaker: tuple[Mention, str] | None = None
        # the last sentence telling of several meetings or talks with leaders ("held a number
        # of meetings with world leaders"): a list of guests soon after met the host one by one
        self.several: int | None = None


def is_bloc(p: Person) -> bool:
    """A bloc stands for unnamed leaders: neither a name nor a country ("G20 leaders")."""
    return p.name is None and p.country is None


def key_of(p: Person) -> str:
    if is_bloc(p):
        return BLOC_KEY
    return p.name or f"?{p.country}:{p.role}"


def participants(people: list[Person]) -> list[Person] | None:
    """The people of a contact, or None when they are not officials of two sides: two named
    people of different countries, or one named person and a bloc ("G20 leaders")."""
    seen: set[str] = set()
    unique = []
    for p in people:
        if key_of(p) not in seen:
            seen.add(key_of(p))
            unique.append(p)
    blocs = [p for p in unique if is_bloc(p)]
    named = [p for p in unique if p.country is not None]
    if blocs and named:
        return named + blocs[:1]
    if len(named) < 2 or len({p.country for p in named}) < 2:
        return None
    return named


def remember(memory: Memory, senior: list[Mention]) -> None:
    named = [m for m in senior if m.key and not m.key.startswith(GROUP_PREFIX)]
    kept, memory.kept = memory.kept, False
    if named:
        if not kept:  # "She then met X": she, not X, is who the next "she" means
            memory.subject = named[0]
        memory.previous = [m.person for m in named if m.person is not None]


def is_roster(sentence: str, low: str | None = None) -> bool:
    """Does ``sentence`` introduce a roster ("Participants in the call included ...")?
    (``low``: ``sentence.lower()``, when known.)"""
    low = sentence.lower() if low is None else low
    for word in _ROSTER_WORDS:  # a plain loop: this runs for every sentence
        if word in low:
            return _ROSTER.search(sentence) is not None
    return False


def roster(
    idx: int, sentence: str, senior: list[Mention], memory: Memory, listing: bool | None = None
) -> bool:
    """Add a roster's people to the last held contact (or start one for the last subject).
    True when ``sentence`` was a roster line (``listing``: ``is_roster(sentence)``, when known)."""
    if listing is None:
        listing = is_roster(sentence)
    item = memory.roster and senior and len(sentence) < 90 and "," not in sentence[:-1]
    if not listing and not item:
        memory.roster = False
        return False
    memory.roster = sentence.rstrip().endswith(":") or (memory.roster and not listing)
    people = [m.person for m in senior if m.person is not None]
    last = memory.last
    if last is None or last.status != "held":
        if memory.subject is None or memory.subject.person is None or not people:
            return listing
        subject = memory.subject.person
        last = Candidate(idx, cue_kind(sentence) or "call", "held", [subject], [key_of(subject)])
        memory.last = last
    sides = {p.country for p in last.participants} if _ATTENDED.search(sentence) else set()
    for p in people:
        if p.country is not None and p.country in sides:
            continue  # an attending official of a side already there: its delegation
        if key_of(p) not in last.keys:
            last.participants.append(p)
            last.keys.append(key_of(p))
    return True
