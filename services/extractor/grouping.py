"""Group per-sentence candidates into contacts: one per set of participants, status and kind.

Sentences about the same pair merge ("spoke on Friday" + "the call lasted 40 minutes"), but a
differently dated contact of another kind stays apart (a call today that recalls Monday's
meeting); a headline that sums up several contacts ("Draghi speaks with Zelensky, Erdogan")
and a bloc the text then spells out ("a call with European allies") add nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from .classify import Candidate
from .roster import BLOC_KEY, participants

Group = list[Candidate]
APART_DAYS = 7  # a contact dated more than a week before the news is another contact
# the contact named again by a definite article ("details of their meeting were not given",
# "the sanctions came hours after the talks between A and B"): the news told again
_THE_SAME = re.compile(
    r"\b(?:the|their|this|that)\s+(?:(?:two|leaders['’]?|bilateral|(?:tele)?phone|video|"
    r"face-to-face|closed-door|[A-Z][\w’'.-]*)\s+){0,2}$"
)
# ... unless told as another occasion: "their last meeting", "the meeting they had in 2019"
_ANOTHER_OCCASION = re.compile(
    r"\b(?:last|previous|prior|first|earlier|recent|past|former|then|ago|had|since|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def group(found: list[Candidate], body_start: int) -> list[Group]:
    """Candidates grouped into contacts, in the order the text first states them."""
    by_people: dict[tuple[frozenset[str], str], Group] = {}
    for cand in found:
        if participants(cand.participants) is not None:  # a roster may have added no one
            by_people.setdefault((frozenset(cand.keys), cand.status), []).append(cand)
    groups = [g for g in by_people.values() for g in _split_recalled(g, body_start)]
    groups = [g for g in groups for g in _split_kinds(g, body_start)]
    groups = _drop_vague(groups)
    groups = _drop_headline_summaries(groups, body_start)
    return sorted(groups, key=lambda g: _first_told(g, body_start))


def body_date(cands: Group, body_start: int) -> dt.date | None:
    """The first date the body gives the candidates, else the first the headline gives: the
    body's day before the title's ("PM call with X: 3 January 2023" over "spoke to X yesterday
    afternoon": the title's date is the page's)."""
    dated = [c for c in cands if c.date]
    return next((c.date for c in dated if c.sentence >= body_start), None) or next(
        (c.date for c in dated), None
    )


def _first_told(g: Group, body_start: int) -> int:
    """Where a contact is first told: a recalled one (a file-photo caption taken for the
    headline) where the body tells it, so that it follows the news."""
    if all(c.background for c in g):
        return min((c.sentence for c in g if c.sentence >= body_start), default=g[0].sentence)
    return g[0].sentence


def _split_recalled(cands: Group, body_start: int = 0) -> list[Group]:
    """A held contact told as the news, and an earlier one of the same people recalled in
    passing ("X met Y on Tuesday ... the two last met in Bali in 2022"): apart, one recalled
    contact per sentence (sentences giving it the same date are one contact)."""
    # a file-photo caption taken for the headline ("Biden spoke with Netanyahu on November 17
    # ... (File)") dates an older call
    news_day = body_date([c for c in cands if not c.background], body_start)
    old = [  # "hosted Talon on Friday ... had hosted him in Paris on June 23": dated weeks before
        c
        for c in cands
        if c.date and news_day and (news_day - c.date).days > APART_DAYS and not c.background
    ]
    moved = {id(c) for c in old}
    past = [c for c in cands if c.background] + [replace(c, background=True) for c in old]
    news = [c for c in cands if not c.background and id(c) not in moved]
    if not past or not news or cands[0].status != "held":
        return [cands]
    past_told = [c.sentence for c in past if c.sentence >= body_start]  # a headline has no order
    if past_told and min(c.sentence for c in news) > min(past_told):
        return [cands]  # "recalled" before the news is told: likelier a misreading, kept as one
    first_news = min(c.sentence for c in news)
    again = [c for c in past if c.sentence > first_news and _told_again(c)]
    if again:
        news += again
        past = [c for c in past if c not in again]
        if not past:
            return [sorted(news, key=lambda c: c.sentence)]
    # a date shared with the news in the news's own sentence is the news's, not the recalled one's
    told = {(c.sentence, c.date) for c in news}
    past = [replace(c, date=None) if (c.sentence, c.date) in told else c for c in past]
    apart: dict[object, Group] = {}
    for c in past:
        apart.setdefault((c.date or c.sentence, c.extra.get("again", 0)), []).append(c)
    return [news, *apart.values()]


# "met in Bali in 2022 and then in Johannesburg", "and again in Rome in May": a second,
# earlier occasion of the same people in the recalled contact's own sentence
_AGAIN = re.compile(
    r"^[^.;]{0,120}?(?:,\s*|\s+)and\s+(?:then|again|later|once\s+more)\s+(?:in|at|during)\s+"
    r"(?:the\s+)?[A-Z]"
)


def again(cands: list[Candidate]) -> list[Candidate]:
    """A second occasion of each recalled held contact told "and then / again in <place>"."""
    out = []
    for c in cands:
        if c.status != "held" or not c.background or "again" in c.extra:
            continue
        at = c.evidence.find(c.trigger) if c.trigger else -1
        if at >= 0 and _AGAIN.search(c.evidence[at + len(c.trigger) :]):
            out.append(replace(c, date=None, extra={**c.extra, "again": 1}))
    return out


def _told_again(c: Candidate) -> bool:
    """An undated recalled contact named by a definite article, with no word of another
    occasion in its sentence before it, in its trigger or in its clause after it: the news
    named again."""
    if c.date is not None or c.vague or c.extra.get("visitor"):
        return False
    at = c.evidence.find(c.trigger) if c.trigger else -1
    if at < 0:
        return False
    before = c.evidence[:at]
    after = re.split(r"[.;,]", c.evidence[at + len(c.trigger) :], maxsplit=1)[0][:60]
    told = " ".join((before, c.trigger, after))
    return bool(_THE_SAME.search(before)) and not _ANOTHER_OCCASION.search(told)


def _split_kinds(cands: Group, body_start: int) -> list[Group]:
    """Keep a dated contact of another kind apart from the first stated one."""
    stated = [c for c in cands if c.specific_kind and c.kind]
    if not stated:
        return [cands]
    body = [c for c in stated if c.sentence >= body_start] or stated
    primary = body[0].kind
    primary_dates = {c.date for c in cands if c.kind == primary and c.date}
    apart: dict[str, Group] = {}
    for c in stated:
        if c.kind != primary and c.date is not None and c.date not in primary_dates:
            apart.setdefault(c.kind, []).append(c)
    moved = {id(c) for g in apart.values() for c in g}
    kept = [c for c in cands if id(c) not in moved]
    return [kept, *apart.values()] if kept else list(apart.values())


def _keys(g: Group) -> frozenset[str]:
    return frozenset(g[0].keys)


def _drop_vague(groups: list[Group]) -> list[Group]:
    """A contact with a bloc is dropped when another of the same status names its people and
    more: "a call with European allies" that the text then spells out."""
    out = []
    for g in groups:
        named = _keys(g) - {BLOC_KEY}
        wider = any(
            o[0].status == g[0].status and named < _keys(o) - {BLOC_KEY}
            for o in groups
            if o is not g
        )
        if not (BLOC_KEY in _keys(g) and wider):
            out.append(g)
    return out


def _drop_headline_summaries(groups: list[Group], body_start: int) -> list[Group]:
    """A headline-only contact whose people all appear in separate body contacts."""
    body = [g for g in groups if any(c.sentence >= body_start for c in g)]
    covered = {k for g in body if g[0].status == "held" for k in _keys(g)}
    out = []
    for g in groups:
        headline_only = all(c.sentence < body_start for c in g)
        if headline_only and _keys(g) <= covered and _keys(g) not in {_keys(b) for b in body}:
            continue
        out.append(g)
    return out
