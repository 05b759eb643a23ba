"""Match labelled people and contacts of the real-article corpus against the extractor's output.

A labelled participant is a name and a country code; the extractor writes the gazetteer's
canonical name. Two people are the same when their countries agree (or one is unknown) and their
names agree on a surname (accents, case and transliteration endings aside: "Zelensky" and
"Zelenskyy"), or one side has no name.
"""

from __future__ import annotations

import datetime as dt
import difflib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from shared.schemas import Contact

_PARTICLES = frozenset({"al", "bin", "bint", "ibn", "de", "da", "van", "von", "der", "el", "le"})


@dataclass(frozen=True)
class Who:
    name: str | None
    country: str | None


@dataclass(frozen=True)
class Held:
    """One labelled held contact: its people, its date, its kind, whether it is the news."""

    people: tuple[Who, ...]
    kind: str
    date: dt.date | None
    main: bool


def _fold(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = "".join(ch if ch.isalnum() else " " for ch in plain).split()
    return [w for w in words if w not in _PARTICLES and len(w) > 1]


def same_person(a: Who, b: Who) -> bool:
    if a.country and b.country and a.country != b.country:
        return False
    if not a.name or not b.name:
        return True
    wa, wb = _fold(a.name), _fold(b.name)
    if set(wa) & set(wb):
        return True
    return difflib.SequenceMatcher(None, " ".join(wa), " ".join(wb)).ratio() >= 0.8


def people_of(contact: Contact) -> tuple[Who, ...]:
    return tuple(Who(p.name, p.country) for p in contact.participants)


def overlap(want: tuple[Who, ...], got: tuple[Who, ...]) -> int:
    """How many labelled people find a distinct partner among ``got`` (greedy, in order)."""
    free = list(got)
    hits = 0
    for person in want:
        partner = next((g for g in free if same_person(person, g)), None)
        if partner is not None:
            free.remove(partner)
            hits += 1
    return hits


def same_people(want: tuple[Who, ...], got: tuple[Who, ...]) -> bool:
    return len(want) == len(got) and overlap(want, got) == len(want)


def best(want: Held, got: list[Contact]) -> Contact | None:
    """The held output contact sharing most people (two at least) with ``want``; an exact
    people match wins a tie."""
    scored = [
        (overlap(want.people, people_of(c)), same_people(want.people, people_of(c)), c)
        for c in got
        if c.status == "held"
    ]
    scored = [s for s in scored if s[0] >= min(2, len(want.people))]
    if not scored:
        return None
    return max(scored, key=lambda s: (s[0], s[1]))[2]


def assign(wants: Sequence[Held], got: list[Contact]) -> list[Contact | None]:
    """Each labelled contact's output contact, one to one: the news (``main``) contacts choose
    first, then the others in label order; an output contact serves one label only. Each takes
    the free held contact sharing most people (two at least), an exact people match winning,
    then the right date, then the first stated."""
    free = [c for c in got if c.status == "held"]
    out: list[Contact | None] = [None] * len(wants)
    for i in sorted(range(len(wants)), key=lambda i: not wants[i].main):
        want = wants[i]
        scored = [
            (
                overlap(want.people, people_of(c)),
                same_people(want.people, people_of(c)),
                c.date == want.date,
                -n,
                c,
            )
            for n, c in enumerate(free)
        ]
        scored = [s for s in scored if s[0] >= min(2, len(want.people))]
        if scored:
            pick = max(scored, key=lambda s: s[:4])[4]
            free.remove(pick)
            out[i] = pick
    return out
