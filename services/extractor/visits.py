"""A visit recalled in passing is a meeting with the host: "after Putin's visit to Kazakhstan
in November last year", "Trump warmly recalled his visit to India", "In May 2020 President Isaias
was on a working visit to Ethiopia". Only the pair of a held contact the text has already stated
is read so: the host is that contact's other party, from the visited country."""

from __future__ import annotations

import datetime as dt
import re

from shared.schemas import Person

from .classify import Candidate, status_of
from .dates import contact_date
from .groups import countries_in
from .people import Mention, gazetteer
from .periods import told_year
from .recall import recalled
from .roster import key_of
from .tokens import phrase_key

# "Putin's historic visit to Kazakhstan", "his state visit to India", "was on a two-day working
# visit to Ethiopia"
_VISIT = re.compile(
    r"(?P<poss>['’]s|\b(?:his|her))\s+(?:[\w-]+\s+){0,3}?visits?\s+to\s+(?P<place>"
    r"(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})"
    r"|\b(?:was|were)\s+on\s+an?\s+(?:[\w-]+\s+){0,3}?visit\s+to\s+(?P<place2>"
    r"(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})"
)


def recalled_visits(
    idx: int,
    sentence: str,
    mentions: list[Mention],
    found: list[Candidate],
    day: dt.date | None,
) -> list[Candidate]:
    """Meetings recalled as a visit to the host's country, of pairs ``found`` already holds."""
    if "visit" not in sentence:
        return []
    out = []
    for m in _VISIT.finditer(sentence):
        place = m.group("place") or m.group("place2")
        hosts = countries_in(place)
        before = [x for x in mentions if x.person is not None and x.end <= m.start() + 2]
        if len(hosts) != 1 or not before:
            continue
        visitor = before[-1].person
        if visitor is None or visitor.country == hosts[0]:
            continue
        if status_of(sentence, m.start(), m.end(), None) != "held":
            continue  # "his planned visit to India", "will pay a visit to"
        when = contact_date(sentence, m.start(), day)
        if not recalled(sentence, m.start(), when, day):
            continue  # the article's own visit, or one it does not place in the past
        host = _partner(found, visitor.name, hosts[0])
        if host is None or any(
            c.sentence == idx and {p.name for p in c.participants} >= {visitor.name, host.name}
            for c in found
        ):
            continue
        year = told_year(sentence, day or dt.date.max)
        if year is not None and not all(_in_office(p, year.year) for p in (visitor, host)):
            # "Xi recalled his visit to Jamaica in 2009": the host the news names did not hold
            # office then (nor, perhaps, the visitor): no contact between officials
            continue
        people = [visitor, host]
        out.append(
            Candidate(
                sentence=idx,
                kind="meeting",
                status="held",
                participants=people,
                keys=[key_of(p) for p in people],
                date=when,
                evidence=sentence,
                trigger=m.group(0),
                background=True,
            )
        )
    return out


def _partner(found: list[Candidate], name: str | None, country: str) -> Person | None:
    """The official of ``country`` with whom ``name`` held a contact already stated."""
    for c in found:
        names = {p.name for p in c.participants}
        if c.status != "held" or name not in names or len(c.participants) != 2:
            continue
        other = next((p for p in c.participants if p.name != name), None)
        if other is not None and other.country == country:
            return other
    return None


def _in_office(person: Person, year: int) -> bool:
    """Did ``person`` hold a senior office at some time in ``year``? True for someone the
    gazetteer does not know (nothing says otherwise)."""
    if person.name is None:
        return True
    known = gazetteer().names.get(phrase_key(person.name), [])
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return not known or any(
        r.senior and r.start <= last and (r.end is None or r.end > first)
        for o in known
        if o.country == person.country
        for r in o.roles
    )
