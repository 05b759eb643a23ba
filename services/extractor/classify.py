"""Contact expressions (triggers), trap filters and kind cues, read from the lexicon."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from shared.schemas import Person

from .data import load
from .prefilter import Rule, RuleIndex, rule
from .recall import not_since

# a relative clause set off by commas or dashes, between the subject and its verb
_WHO_ASIDE = re.compile(
    r",\s+(?:who|which)\b[^,;–—]{0,120},|\s[–—]\s+(?:who|which)\b[^;–—]{0,160}[–—]\s"
)
# A finite past-tense verb stating a contact, told after a plan cue in the same sentence: the
# plan belongs to another clause ("who is visiting X to attend the summit, held a meeting with
# Y"; "will meet Y in the near future after both leaders spoke on the phone Tuesday"): the
# verb opens a clause of its own (after a comma or a conjunction of time). Not a passive or an
# infinitive ("is to be held", "to have met"), nor a verb inside the plan's clause ("it would be
# the first time a president met").
_HELD_AFTER_PLAN = re.compile(
    r"(?:[,;]|\b(?:after|when|before|as|once)\b)\s+(?:[\w’'.-]+\s+){0,3}?"
    r"(?<!\bbe )(?<!\bbeen )(?<!\bbeing )(?<!\bto )(?<!\bwill )(?<!\bwould )(?<!\bhave )"
    r"\b(?:held|spoke|met|talked|phoned|telephoned|conferred)\b",
    re.IGNORECASE,
)
# one word in quotes ('he is "prepared" to talk to X'): scare quotes, not a quotation's edge
_SCARE_QUOTES = re.compile(r"[\"“”]([\w’'-]+)[\"“”]")
# the words a denial frame needs (a cheap test before its pattern)
_DENIAL_WORDS = ("den", "refut", "dismiss", "reject", "disput", "debunk", "quash", "scotch")
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
    trigger: str = ""  # the words that state the contact ("held talks with")
    background: bool = False  # held, but recalled in passing ("building on their May meeting")
    vague: bool = False  # dated only vaguely ("earlier in the week"): no date, not a guess
    extra: dict[str, object] = field(default_factory=dict)


@cache
def _compiled() -> tuple[list[Rule], list[Rule], dict[str, re.Pattern[str]]]:
    """Trap spans and trap sentences (with the words each needs), other patterns."""
    lex = load().lexicon
    spans = [rule(p, re.IGNORECASE) for p in lex.span_traps]
    spans += [rule(p) for p in lex.span_traps_case]
    sentences = [rule(p, re.IGNORECASE) for p in lex.sentence_traps]
    other = {k: re.compile(v, re.IGNORECASE) for k, v in {**lex.cues, **lex.status}.items()}
    other["planned_after"] = re.compile(lex.status["planned_after"], re.IGNORECASE)
    return spans, sentences, other


@cache
def _indexes() -> tuple[RuleIndex, RuleIndex, RuleIndex]:
    """Triggers, trap spans, trap sentences: which of each may match a sentence."""
    spans, sentences, _ = _compiled()
    return RuleIndex([r for r, _, _ in _triggers()]), RuleIndex(spans), RuleIndex(sentences)


def is_trap_sentence(sentence: str, low: str | None = None) -> bool:
    """(``low``: ``sentence.lower()``, when known.)"""
    low = sentence.lower() if low is None else low
    traps = _indexes()[2]
    return any(traps.rules[i].found(sentence, low) for i in traps.matching(low))


@cache
def _triggers() -> list[tuple[Rule, str, str]]:
    lex = load().lexicon
    return [(rule(t.re, 0 if t.case else re.IGNORECASE), t.kind, t.form) for t in lex.triggers]


def find_triggers(sentence: str, low: str | None = None) -> list[tuple[int, int, str, str]]:
    """Non-overlapping (start, end, kind, form) contact expressions, trap spans excluded;
    earlier lexicon entries win over later ones. (``low``: ``sentence.lower()``, when known.)"""
    low = sentence.lower() if low is None else low
    blocked: list[tuple[int, int]] | None = None  # trap spans, found once a trigger needs them
    taken: list[tuple[int, int, str, str]] = []
    triggers, traps = _triggers(), _indexes()[1]
    for index in _indexes()[0].matching(low):
        trigger, kind, form = triggers[index]
        for m in trigger.finditer(sentence, low):
            s, e = m.start(), m.end()
            if any(s < t[1] and t[0] < e for t in taken):
                continue
            if blocked is None:
                blocked = [
                    (b.start(), b.end())
                    for i in traps.matching(low)
                    for b in traps.rules[i].finditer(sentence, low)
                ]
            if any(s < b and a < e for a, b in blocked):
                continue
            taken.append((s, e, kind, form))
    return sorted(taken)


def trap_spans(sentence: str, low: str | None = None) -> list[tuple[int, int]]:
    """The (start, end) of every trap span of the sentence ("called off", "called for")."""
    low = sentence.lower() if low is None else low
    traps = _indexes()[1]
    return [
        (b.start(), b.end())
        for i in traps.matching(low)
        for b in traps.rules[i].finditer(sentence, low)
    ]


def cue_kind(text: str) -> str | None:
    cues = _compiled()[2]
    for kind in ("video_call", "call", "meeting"):
        if cues[kind].search(text):
            return kind
    return None


# where a sentence turns to an earlier contact ("..., their first call since they met in Woodside")
_RECALLED = re.compile(r"\b(?:since|previously|last\s+(?:met|spoke|talked))\b", re.IGNORECASE)


# A contact told only as speech ("spoke with", "talked to") has no medium of its own; meetings or
# a summit the sentence names as its topic or occasion ("ahead of a week of international
# meetings", "spoke ... to review the road to the NATO Summit") do not make it a meeting. Held at
# one ("spoke at the summit", "during the meeting", "on the sidelines of the summit") they do.
_SPEECH = re.compile(
    r"^(?:spoke|speaks?|spoken|talk(?:s|ed)?|convers(?:ed|es)|chat(?:s|ted))\b", re.I
)
_TOPIC_MEETING = re.compile(r"\b(?:meetings?|summits?)\b", re.IGNORECASE)
_AT_ONE = re.compile(
    r"\b(?:at|during|in|on)\s+(?:the\s+|a\s+|an\s+|their\s+|this\s+)?(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)


def own_cue_kind(sentence: str, end: int, trigger: str = "") -> str | None:
    """The kind cue of a contact stated by words ending at ``end``, read up to where the sentence
    turns to an earlier contact after them: that contact's kind is not this one's."""
    cut = _RECALLED.search(sentence, end)
    text = sentence[: cut.start()] if cut else sentence
    kind = cue_kind(text)
    if kind == "meeting" and _SPEECH.match(trigger):
        text = _TOPIC_MEETING.sub(
            lambda m: m.group() if _AT_ONE.search(text, 0, m.start()) else " " * len(m.group()),
            text,
        )
        kind = cue_kind(text)
    return kind


def status_of(sentence: str, start: int, end: int, left_end: int | None) -> str | None:
    """'held', 'planned', or None when negated/hypothetical."""
    other = _compiled()[2]
    window = sentence[left_end if left_end is not None else max(0, start - 50) : end]
    window = _WHO_ASIDE.sub(" ", window)  # "the president – who did not attend – had met"
    window = _SCARE_QUOTES.sub(r"\1", window)  # 'is "prepared" to talk': the quotes change no mood
    if not_since(sentence, start, end):
        return "held"  # "A and B have not met since December 2019": they met then
    if other["negated"].search(window) or other["negated_after"].search(sentence[end:]):
        return None
    if other["out_of_office"].search(sentence):
        return None  # "last met X during the presidential race": not yet an official then
    plans = list(other["planned_before"].finditer(window))
    # "efforts to hold a call with", "is preparing to meet": the contact's verb is the
    # infinitive of an effort, a preparation or a trip under way, its aim and not a fact
    plans = sorted(plans + list(other["plan_governed"].finditer(window)), key=lambda m: m.end())
    occasion = other["occasion"].match(window) if plans else None
    if occasion and occasion.start(1) >= plans[-1].end():
        return "held"  # "the proposal during his meeting with": the plan is made at a held contact
    if plans and _HELD_AFTER_PLAN.search(window[plans[-1].end() :]):
        plans = []  # the plan is another clause's: "..., held a meeting with", "after X spoke"
    if plans or other["planned_after"].search(sentence[end:]):
        return "planned"
    before, after = sentence[:start], sentence[end:]
    if other["plan_progressive"].search(window) or (
        other["occasion_noun"].search(before) and other["occasion_modal"].match(after)
    ):
        return "planned"  # "X is also meeting with Y", "in her meeting with Y she would urge"
    low = before.lower()
    denial = any(w in low for w in _DENIAL_WORDS)
    wish = other["bare_verb"].match(sentence[start:end]) is not None
    if denial or wish:
        framing = _WHO_ASIDE.sub(" ", before)  # "A, who denied the claims, met B"
        if denial and other["denial_frame"].search(framing):
            return None  # "denied that A had met B", "Kremlin denies Putin spoke with Trump"
        if wish and other["exhortation_frame"].search(framing):
            return "planned"  # "urged A and B to meet", "demanded that A speak with B": a wish
    if (
        other["planned_opening"].match(before)
        or (other["fronted"].match(before) and other["fronted_plan"].match(after))
        or other["occasion_of_plan"].search(before)
    ):
        # "Later today, A hosts B"; "After talks with A, B will fly to ..."; "A and B will sign
        # deals after their meeting"
        return "planned"
    return "held"


# "the call between A and B ... has not (yet) (been) held / is not held": the noun's predicate,
# negated
_NOT_YET_HELD = re.compile(
    r"[^.;:]{0,120}?\b(?:(?:has|have|had)\s+not\s+(?:yet\s+)?(?:been\s+)?(?:held|taken\s+place)|"
    r"(?:is|are|was|were)\s+not\s+(?:yet\s+)?held)\b",
    re.IGNORECASE,
)


def after_parties(sentence: str, pos: int) -> str | None:
    """'held', 'planned' or None (negated), by what follows the parties of a contact noun that
    the sentence names after it: "the summit between A and North Korean leader B would bring",
    "the meeting of the leaders of A, B and C on Syria will be held": the noun phrase's own
    predicate, past the parties (whose lowercase titles the rules on the noun's tail stop at)."""
    other = _compiled()[2]
    tail = sentence[pos:]
    if other["negated_after"].search(tail) or _NOT_YET_HELD.match(tail):
        return None
    return "planned" if other["planned_after"].search(tail) else "held"


def clause_start(sentence: str, pos: int) -> int:
    """Start of the clause holding ``pos``: "The next time Biden calls Netanyahu" is planned."""
    head = sentence[max(0, pos - 40) : pos]
    cut = max(head.rfind(","), head.rfind(";"), head.rfind(":"), head.rfind("—"))
    return max(0, pos - 40) + cut + 1 if cut >= 0 else max(0, pos - len(head))
