"""Contact triggers, trap filters and participant chains: the sentence-level building blocks."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from shared.schemas import Person

from .data import load
from .people import Mention

_BOUNDARY = re.compile(
    r"[;:“”\"(]|\b(?:said|says|told|added|noted|after|before|while|when|which|who|whom|but|because|"
    r"although|where|whose|that|than|during|amid|about|regarding|over|since|against|including|"
    r"discussed|urged|warned|asked|stressed|condemned|according)\b",
    re.IGNORECASE,
)
_JOIN = re.compile(r"^[\s,]*(?:and|&|as well as|along with)?[\s,]*$")
_PRONOUN = re.compile(r"(?:^|[,;]\s*)(?P<p>He|She|he|she)\s+(?:\w+\s+){0,5}$")
_GROUP_PRONOUN = re.compile(
    r"\b(?:the two(?: leaders| men| women| sides| presidents| ministers)?|both leaders|they|"
    r"the leaders)\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)
_INITIATE = re.compile(r"^(?:called|calls|rang|dialled|dialed|phoned|telephoned)$", re.IGNORECASE)


@dataclass
class Candidate:
    """A contact as stated by one sentence, before merging with other sentences."""

    sentence: int
    kind: str
    status: str
    participants: list[Person]
    keys: list[str]
    initiator: str | None = None
    date: dt.date | None = None
    specific_kind: bool = True
    evidence: str = ""
    extra: dict[str, object] = field(default_factory=dict)


@cache
def _compiled() -> tuple[
    list[tuple[re.Pattern[str], str, str]],
    list[re.Pattern[str]],
    list[re.Pattern[str]],
    dict[str, re.Pattern[str]],
]:
    lex = load().lexicon
    triggers = [(t.compiled(), t.kind, t.form) for t in lex.triggers]
    spans = [re.compile(p, re.IGNORECASE) for p in lex.span_traps]
    sentences = [re.compile(p, re.IGNORECASE) for p in lex.sentence_traps]
    other = {k: re.compile(v, re.IGNORECASE) for k, v in {**lex.cues, **lex.status}.items()}
    other["planned_after"] = re.compile(lex.status["planned_after"], re.IGNORECASE)
    return triggers, spans, sentences, other


def is_trap_sentence(sentence: str) -> bool:
    return any(p.search(sentence) for p in _compiled()[2])


def find_triggers(sentence: str) -> list[tuple[int, int, str, str]]:
    """Non-overlapping (start, end, kind, form) contact expressions, trap spans excluded."""
    triggers, spans, _, _ = _compiled()
    blocked = [(m.start(), m.end()) for p in spans for m in p.finditer(sentence)]
    taken: list[tuple[int, int, str, str]] = []
    for pattern, kind, form in triggers:
        for m in pattern.finditer(sentence):
            s, e = m.start(), m.end()
            if any(s < b and a < e for a, b in blocked) or any(
                s < t[1] and t[0] < e for t in taken
            ):
                continue
            taken.append((s, e, kind, form))
    return sorted(taken)


def cue_kind(text: str) -> str | None:
    cues = _compiled()[3]
    for kind in ("video_call", "call", "meeting"):
        if cues[kind].search(text):
            return kind
    return None


def _chain_left(sentence: str, mentions: list[Mention], pos: int) -> list[Mention]:
    left = [m for m in mentions if m.end <= pos]
    chain: list[Mention] = []
    edge = pos
    for m in reversed(left):
        gap = sentence[m.end : edge]
        if not chain:
            if len(gap) > 80 or _BOUNDARY.search(gap):
                break
        elif not _JOIN.match(gap) or m.possessive:
            break
        chain.insert(0, m)
        edge = m.start
    return chain


def _chain_right(sentence: str, mentions: list[Mention], pos: int) -> list[Mention]:
    chain: list[Mention] = []
    edge = pos
    for m in (m for m in mentions if m.start >= pos):
        gap = sentence[edge : m.start]
        if not chain:
            if len(gap) > 60 or _BOUNDARY.search(gap):
                break
        elif not _JOIN.match(gap):
            break
        if m.possessive:
            break
        chain.append(m)
        edge = m.end
    return chain
