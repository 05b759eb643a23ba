"""Turn one sentence and its resolved mentions into contact candidates: who, kind, status, date."""

from __future__ import annotations

import datetime as dt
import re

from shared.schemas import Person

from . import dates
from .classify import (
    _GROUP_PRONOUN,
    _INITIATE,
    _PRONOUN,
    Candidate,
    _chain_left,
    _chain_right,
    _compiled,
    cue_kind,
    find_triggers,
    is_trap_sentence,
)
from .people import Mention

# Cheap gate: every trigger contains one of these stems, so other sentences skip the full scan.
_HINT = re.compile(
    r"(?:call|phone|spok|speak|talk|conver|met\b|meet|host|receiv|welcom|visit|sat\b|sit\b|video|"
    r"virtual|summit|bilateral|confer|rang\b|dial)",
    re.IGNORECASE,
)


class Memory:
    """What earlier sentences established: the last subject and the last contact's people."""

    def __init__(self) -> None:
        self.subject: Mention | None = None
        self.last: Candidate | None = None


def _status(sentence: str, start: int, end: int, left_end: int | None) -> str | None:
    """'held', 'planned', or None when negated/hypothetical."""
    other = _compiled()[3]
    window = sentence[left_end if left_end is not None else max(0, start - 50) : end]
    if other["negated"].search(window):
        return None
    if other["planned_before"].search(window) or other["planned_after"].search(sentence[end:]):
        return "planned"
    return "held"


def candidates(
    idx: int, sentence: str, mentions: list[Mention], memory: Memory, day: dt.date
) -> list[Candidate]:
    """Contacts stated by ``sentence``; updates ``memory`` for pronouns in later sentences."""
    found: list[Candidate] = []
    senior = [m for m in mentions if m.person is not None and m.senior]
    if not (senior or memory.subject or memory.last) or not _HINT.search(sentence):
        _remember(memory, senior)
        return found
    if is_trap_sentence(sentence):
        _remember(memory, senior)
        return found
    for start, end, kind, _form in find_triggers(sentence):
        left = _chain_left(sentence, senior, start)
        right = _chain_right(sentence, senior, end)
        group: list[Person] = []
        left_end = left[-1].end if left else None
        if not left:
            head = sentence[:start]
            if _GROUP_PRONOUN.search(head) and memory.last is not None:
                group = list(memory.last.participants)
            elif _PRONOUN.search(head) and memory.subject is not None:
                left = [memory.subject]
        people = [m.person for m in [*left, *right] if m.person is not None] or []
        people = _unique([*group, *people])
        if len(people) < 2 or len({p.country for p in people if p.country}) < 2:
            continue
        if any(p.country is None for p in people):
            people = [p for p in people if p.country is not None]
        status = _status(sentence, start, end, left_end)
        if status is None:
            continue
        specific = kind != "talk"
        if not specific:
            kind = cue_kind(sentence) or ""
        when = dates.contact_date(sentence, start, day, forward=status == "planned")
        verb = sentence[start:end].split()[0] if sentence[start:end].split() else ""
        initiator = None
        if _INITIATE.match(verb) and len(left) == 1 and right and left[0].person is not None:
            initiator = left[0].person.name
        split = (
            kind == "meeting"
            and len(left) == 1
            and len(right) >= 2
            and len({m.country for m in right}) == 1
        )
        groups = [[left[0].person, m.person] for m in right] if split else [people]
        for members in groups:
            cand = Candidate(
                sentence=idx,
                kind=kind,
                status=status,
                participants=[p for p in members if p is not None],
                keys=[_key(p) for p in members if p is not None],
                initiator=initiator,
                date=when,
                specific_kind=bool(kind) and (specific or kind != ""),
                evidence=sentence,
            )
            found.append(cand)
            memory.last = cand
    _remember(memory, senior)
    return found


def _remember(memory: Memory, senior: list[Mention]) -> None:
    if senior:
        memory.subject = senior[0]


def _key(p: Person) -> str:
    return p.name or f"?{p.country}:{p.role}"


def _unique(people: list[Person]) -> list[Person]:
    seen: set[str] = set()
    out = []
    for p in people:
        if _key(p) not in seen:
            seen.add(_key(p))
            out.append(p)
    return out
