"""The extractor: document in, verdict and contacts out. Pure; never raises.

Text (given, or extracted from HTML) is split into clean sentences; each sentence's references
to officials are found by gazetteer look-ups (``mentions``) and settled with the whole document
in view (``resolve``); contact expressions join them into candidates (``statements``), which are
merged into contacts and judged as the article's news or not (``contacts``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from shared.schemas import Contact, ExtractInput, ExtractOutput, Person

from . import verdict
from .anchor import reference_days
from .classify import Candidate
from .contacts import LEAD, joiners, lead_end, merge
from .earlier import fill_previous
from .elect import Elect
from .fallback import cooccurring
from .grouping import again
from .groups import group_mentions
from .headline import sentence_case, split_headline
from .hints import has_hint
from .mentions import find_mentions, spoken_for
from .page import MAX_HTML, extract_html, html_to_text
from .people import Mention, gazetteer
from .periods import told_year
from .quotes import speaker
from .resolve import DocContext
from .roster import is_roster
from .sameperson import merge_spellings
from .statements import Memory, candidates, expressions
from .text import MAX_TEXT, looks_english, sentences
from .visits import recalled_visits

__all__ = ["NO_INPUT", "extract", "html_to_text"]

NO_INPUT = "no text and no html: give the article's plain text as `text` or its page as `html`"
_AS_TEXT = "give the article's plain text as `text`"


def extract(doc: ExtractInput) -> ExtractOutput:
    """Classify one document and list its contacts; any failure becomes ``error``."""
    try:
        out, feats = analyse(doc, features=verdict.available())
        if feats is None:
            return out
        return out.model_copy(update={"is_readout": verdict.decide(feats)})
    except Exception as exc:  # the contract: one bad document never stops the stream
        error = f"internal error, please report it: {type(exc).__name__}: {exc}"
        return ExtractOutput(id=doc.id, error=error[:300])


def _no_text(doc: ExtractInput) -> str:
    """Why a document gave no text to read, and what to give instead."""
    if doc.text or not doc.html:
        return "`text` is blank: " + _AS_TEXT
    if len(doc.html) > MAX_HTML:
        return (
            f"page too large: {len(doc.html):,} characters of HTML, of which the first "
            f"{MAX_HTML:,} are read, and they hold no article text; {_AS_TEXT}"
        )
    return (
        "no article text in the HTML (no paragraphs of prose: an index, a page built by "
        f"scripts, or an empty body); {_AS_TEXT}"
    )


def analyse(
    doc: ExtractInput, features: bool = True
) -> tuple[ExtractOutput, dict[str, float] | None]:
    """The rules' output (their ``is_readout``) and the features of the final verdict (None
    when no sentence states a contact, or when ``features`` is false: without a trained veto
    the rules' verdict is final and nothing needs them)."""
    text, title, published = doc.text, doc.title, doc.published
    if not text:
        if not doc.html:
            return ExtractOutput(id=doc.id, error=NO_INPUT), None
        need_meta = published is None or title is None
        text, meta_title, meta_date = extract_html(doc.html, want_metadata=need_meta)
        title, published = title or meta_title, published or meta_date
    text = text[:MAX_TEXT]
    if not text.strip():
        return ExtractOutput(id=doc.id, error=_no_text(doc)), None
    if not looks_english(text):
        error = "text is not English prose (only English is read)"
        return ExtractOutput(id=doc.id, error=error), None
    if not title:
        title, text = split_headline(text)
    sents = sentences(text)
    if title and (not sents or title.strip().lower() not in sents[0].lower()):
        sents.insert(0, title.strip())
    if title and sents:
        sents[0] = sentence_case(sents[0])
    day, roles_day, dated = reference_days(
        published, doc.fetched_at, sents, "\n".join(sents), doc.url
    )
    body_start = 1 if title else 0
    lows = [s.lower() for s in sents]  # for the word tests of every step
    hints = [has_hint(s, low) for s, low in zip(sents, lows, strict=True)]
    exprs = [
        expressions(s, low) if hint else [] for s, low, hint in zip(sents, lows, hints, strict=True)
    ]
    rosters = [is_roster(s, low) for s, low in zip(sents, lows, strict=True)]
    if not any(exprs) and not any(rosters):
        return ExtractOutput(
            id=doc.id
        ), None  # no sentence can state a contact: no officials needed
    near = _worth_reading(sents, hints, body_start)
    raw = [_mentions(s, lows[i], roles_day) if i in near else [] for i, s in enumerate(sents)]
    ctx = DocContext(raw, sents, roles_day, doc.url, body_start, dated=dated)
    memory = Memory()
    found: list[Candidate] = []
    lead = lead_end(sents, body_start)
    resolved_lead: list[list[Mention]] = []
    joined: list[tuple[int, Person, bool]] = []  # "X joined the call later": (sentence, X, call)
    elect = Elect()  # who the text calls president-elect, prime minister-designate, ...

    def officials(j: int) -> list[Mention]:
        ms = raw[j] or (_mentions(sents[j], lows[j], roles_day) if j not in near else [])
        named = frozenset(m.key for m in ms if m.key and m.person is not None)
        # a quote's speaker by surname alone ('..., Duda said') is the one the gazetteer knows,
        # in office or not on the day ``roles_day`` stands for
        found = (ctx.resolve(m, j, named) or (m if m.weak else None) for m in ms)
        return [r for r in found if r is not None and r.person is not None]

    told_before: set[str] = set()  # a line repeated (a caption, a headline again) tells nothing new
    for idx, (sentence, mentions) in enumerate(zip(sents, raw, strict=True)):
        line = sentence.split(" | ")[0].strip().lower() if exprs[idx] else ""
        repeated = bool(line) and idx > body_start and line in told_before
        told_before.add(line)
        named = frozenset(m.key for m in mentions if m.key and m.person is not None)
        resolved = [r for r in (ctx.resolve(m, idx, named) for m in mentions) if r is not None]
        resolved = spoken_for(sentence, resolved)
        elect.note(idx, sentence, resolved)
        memory.speaker = speaker(sents, idx, exprs[idx], officials) if exprs[idx] else None
        if idx < lead:
            resolved_lead.append(resolved)
        if resolved and "joined" in lows[idx]:
            joined += joiners(idx, sentence, resolved)
        told = (
            []
            if repeated
            else candidates(
                idx, sentence, resolved, memory, day, hints[idx], exprs[idx], rosters[idx]
            )
        )
        found += told + again(told) if told else told
        found += recalled_visits(idx, sentence, resolved, found, day)
    # a lead that told a held contact (even one with an official-elect, taken out here) is
    # settled: no co-occurrence guess in its place
    told_held = any(c.status == "held" and c.sentence < lead for c in found)
    stated = {c.sentence for c in found}
    found = elect.keep(found, sents, roles_day, dated)
    contacts, main = merge(found, sents, day, body_start, text, day is not None, joined, doc.url)
    if not told_held:
        # not in a sentence whose expressions already gave a contact: its modality is settled
        # there ("his meeting with X will help": planned, not a held co-occurrence)
        extra = elect.keep(
            [
                c
                for i, ms in enumerate(resolved_lead)
                if i not in stated and (c := cooccurring(i, sents[i], ms, day)) is not None
            ],
            sents,
            roles_day,
            dated,
        )
        if extra:
            found += extra
            contacts, also = merge(
                found, sents, day, body_start, text, day is not None, joined, doc.url
            )
            main = main or also
    contacts = merge_spellings(contacts)  # one occasion under two spellings is one contact
    contacts = fill_previous(contacts)
    feats = verdict.features(found, sents, body_start, lead, published, main) if features else None
    out = ExtractOutput(id=doc.id, is_readout=main, contacts=[_contract(c) for c in contacts])
    return out, feats


def _contract(contact: Contact) -> Contact:
    """Country codes as the contract writes them (the African Union is "AU")."""
    codes = gazetteer().contract_codes
    if not any(p.country in codes for p in contact.participants):
        return contact
    people = [
        p.model_copy(update={"country": codes[p.country]}) if p.country in codes else p
        for p in contact.participants
    ]
    return contact.model_copy(update={"participants": people})


def _worth_reading(sents: list[str], hints: list[bool], body_start: int) -> set[int]:
    """Sentences whose officials matter: the headline and lead, every sentence that may state a
    contact and its neighbours (pronouns, rosters). Long texts are mostly none of these."""
    keep = set(range(min(len(sents), max(lead_end(sents, body_start), body_start + LEAD) + 2)))
    for i, sentence in enumerate(sents):
        if hints[i]:
            keep.update((i - 1, i, i + 1))
        if sentence.rstrip().endswith(":"):
            keep.update(range(i, i + 12))  # a list follows
    return keep


_COORDINATED = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")


def _shared_country(sentence: str, found: list[Mention]) -> list[Mention]:
    """'US Secretary of State A and Secretary of Defense B': a titled official outside the
    gazetteer, of no country, coordinated right after a titled official of one, is of it too."""
    out = list(found)
    for n in range(1, len(out)):
        m, prev = out[n], out[n - 1]
        if m.country or m.person is None or not (m.key or "").startswith("?") or not m.title:
            continue
        if prev.country is None or prev.title is None or prev.person is None:
            continue
        if _COORDINATED.fullmatch(sentence[prev.end : m.start]):
            person = m.person.model_copy(update={"country": prev.country})
            out[n] = replace(m, country=prev.country, person=person)
    return out


def _overlaps(m: Mention, others: list[Mention]) -> bool:
    return any(o.start < m.end and m.start < o.end for o in others)


def _mentions(sentence: str, low: str, day: dt.date) -> list[Mention]:
    found = find_mentions(sentence, day, low)
    then = told_year(sentence, day)
    if then is not None:
        # "In 2002, Koizumi met Kim Jong-il": an official out of office today is read at the
        # year the sentence tells (today's reading wins where it finds a serving official)
        past = [m for m in find_mentions(sentence, then, low) if m.senior and m.person]
        kept = [m for m in found if (m.senior and m.person) or not _overlaps(m, past)]
        found = kept + [m for m in past if not _overlaps(m, kept)]
    found = _shared_country(sentence, found)
    named = list(found)  # "the leaders of A, B and C": one mention per country, one span
    for group in group_mentions(sentence, low, named):
        inside = [m for m in named if m.start < group.end and group.start < m.end]
        if all(m.weak for m in inside):
            # "the prime ministers of Montenegro, Norway and Portugal": a place, not the bare
            # surname it also is
            found = [m for m in found if m not in inside]
            found.append(group)
    return sorted(found, key=lambda m: m.start)
