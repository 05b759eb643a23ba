"""The extractor: document in, verdict and contacts out. Pure; never raises."""

from __future__ import annotations

import datetime as dt
import re

from shared.schemas import Contact, ExtractInput, ExtractOutput

from . import dates, fields
from .classify import Candidate, cue_kind
from .mentions import find_mentions, group_mentions
from .people import Mention
from .resolve import DocContext
from .statements import Memory, candidates
from .text import MAX_TEXT, extract_html, html_to_text, sentences

__all__ = ["extract", "html_to_text"]

LEAD = 5  # sentences after the headline that count as "the lead" of an article
STALE_DAYS = 14  # a held contact older than this is history, not the news of the article
_LETTERS = re.compile(r"[A-Za-z]")


def extract(doc: ExtractInput) -> ExtractOutput:
    """Classify one document and list its contacts; any failure becomes ``error``."""
    try:
        return _extract(doc)
    except Exception as exc:  # the contract: one bad document never stops the stream
        return ExtractOutput(id=doc.id, error=f"{type(exc).__name__}: {exc}"[:300])


def _extract(doc: ExtractInput) -> ExtractOutput:
    text, title, published = doc.text, doc.title, doc.published
    if not text:
        if not doc.html:
            return ExtractOutput(id=doc.id, error="no text or html")
        need_meta = published is None or title is None
        text, meta_title, meta_date = extract_html(doc.html, want_metadata=need_meta)
        title, published = title or meta_title, published or meta_date
    text = text[:MAX_TEXT]
    if not text.strip():
        return ExtractOutput(id=doc.id, error="no article text")
    sample = text[:5000]
    if len(_LETTERS.findall(sample)) < 0.4 * len(sample.strip()):
        return ExtractOutput(id=doc.id, error="text is not English prose")
    day = published or dt.date.today()
    sents = sentences(text)
    if title and (not sents or title.strip().lower() not in sents[0].lower()):
        sents.insert(0, title.strip())
    body_start = 1 if title else 0
    raw = [_mentions(s, day) for s in sents]
    ctx = DocContext(raw, day)
    memory = Memory()
    found: list[Candidate] = []
    for idx, (sentence, mentions) in enumerate(zip(sents, raw, strict=True)):
        resolved = [ctx.resolve(m, idx) for m in mentions]
        found.extend(candidates(idx, sentence, resolved, memory, day))
    contacts, main = _merge(found, sents, day, body_start, text)
    return ExtractOutput(id=doc.id, is_readout=main, contacts=contacts)


def _mentions(sentence: str, day: dt.date) -> list[Mention]:
    found = find_mentions(sentence, day)
    for start, end, codes in group_mentions(sentence):
        found.extend(
            Mention(start, end, None, None, True, ("President", "Prime Minister"), c, "leader")
            for c in codes
        )
    return sorted(found, key=lambda m: m.start)


def _merge(
    found: list[Candidate], sents: list[str], day: dt.date, body_start: int, text: str
) -> tuple[list[Contact], bool]:
    lead = body_start + LEAD
    groups: dict[tuple[frozenset[str], str], list[Candidate]] = {}
    for cand in found:
        groups.setdefault((frozenset(cand.keys), cand.status), []).append(cand)
    source = fields.source(text) if groups else None
    topics = fields.topics(text) if groups else []
    held_main = [g for g in groups.values() if g[0].status == "held" and g[0].sentence < lead]
    contacts: list[Contact] = []
    main = False
    for group in sorted(groups.values(), key=lambda g: g[0].sentence):
        first = group[0]
        idxs = sorted({c.sentence for c in group})
        kind = next((c.kind for c in group if c.specific_kind and c.kind), "") or _kind(
            group, sents
        )
        when = next((c.date for c in group if c.date), None)
        in_lead = first.sentence < lead
        if when is None and first.status == "held":
            when = _fallback_date(group, sents, day, lead)
        own = [sents[i] for i in idxs]
        near = own + [sents[i] for i in range(max(0, idxs[0] - 1), min(len(sents), idxs[-1] + 3))]
        single = len(held_main) == 1 and group is held_main[0]
        contact = Contact(
            kind=kind,  # type: ignore[arg-type]
            status=first.status,  # type: ignore[arg-type]
            date=when,
            participants=first.participants,
            initiator=next((c.initiator for c in group if c.initiator), None),
            duration_minutes=fields.duration(near if not single else near + sents),
            previous_contact=fields.previous_contact(own if not single else own + sents, when)
            if first.status == "held"
            else None,
            source=source,
            topics=topics,
            evidence=_evidence(group, sents, body_start)[:500],
        )
        contacts.append(contact)
        fresh = when is None or (day - when).days <= STALE_DAYS
        if first.status == "held" and in_lead and fresh:
            main = True
    return contacts, main


def _evidence(group: list[Candidate], sents: list[str], body_start: int) -> str:
    body = [c for c in group if c.sentence >= body_start] or group
    dated = [c for c in body if c.date is not None]
    return sents[(dated or body)[0].sentence]


def _kind(group: list[Candidate], sents: list[str]) -> str:
    """Kind of a contact stated only as 'spoke'/'talks': nearby wording, then the default."""
    idx = group[0].sentence
    for i in [idx, idx + 1, idx - 1, idx + 2, *range(len(sents))]:
        if 0 <= i < len(sents):
            kind = cue_kind(sents[i])
            if kind:
                return kind
    trigger = str(group[0].extra.get("trigger", "")).lower()
    return "meeting" if re.search(r"talks|discussion|consultation", trigger) else "call"


def _fallback_date(
    group: list[Candidate], sents: list[str], day: dt.date, lead: int
) -> dt.date | None:
    """An undated held contact: a date from neighbouring or lead sentences naming a participant,
    else the publication date when the contact leads the article (wire readouts report same-day
    or 'today' events; 'yesterday' etc. are stated explicitly when it is otherwise)."""
    first = group[0].sentence
    names = [p.name.split()[-1] for p in group[0].participants if p.name]
    order = [first - 1, first + 1, *range(0, lead)]
    for i in order:
        if 0 <= i < len(sents) and any(n in sents[i] for n in names):
            when = dates.contact_date(sents[i], 0, day)
            if when:
                return when
    return day if first < lead else None
