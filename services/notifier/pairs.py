"""Who talked to whom: a contact's participants split into order-independent pairs.

Silence is tracked per pair of people, so a meeting of one visitor with three hosts is three
pairs, and "Biden–Netanyahu" and "Netanyahu–Biden" are the same pair.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from shared.schemas import AlertParticipant, Contact, Person


@lru_cache(maxsize=4096)  # the same few hundred leaders, over and over
def name_key(name: str) -> str:
    """A spelling-tolerant key for a canonical name: no accents, no case, single spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.replace(".", " ").casefold().split())


def pair_key(one: str, other: str) -> str:
    """The order-independent key of two people's shared history ("a::b" of their name keys).

    Names only: the extractor's country is sometimes unknown, and a pair must not split its
    history between "Netanyahu (IL)" and "Netanyahu (?)".
    """
    return "::".join(sorted((name_key(one), name_key(other))))


def pair_people(key: str) -> tuple[str, str]:
    """The two name keys a pair key is made of."""
    first, _, second = key.partition("::")
    return first, second


@dataclass(frozen=True)
class Pair:
    """Two participants of one contact, in the order the article named them."""

    first: AlertParticipant
    second: AlertParticipant

    @property
    def key(self) -> str:
        return pair_key(self.first.name, self.second.name)

    @property
    def participants(self) -> list[AlertParticipant]:
        return [self.first, self.second]


def _participant(person: Person) -> AlertParticipant | None:
    if not person.name or not person.name.strip():
        return None
    country = person.country.strip().upper() if person.country else None
    return AlertParticipant(name=person.name.strip(), country=country or None, role=person.role)


def contact_pairs(contact: Contact) -> list[Pair]:
    """One pair per unordered pair of named participants of different countries.

    Two participants of the same known country (a president and his own minister) are no
    contact between governments; a participant whose country is unknown still pairs, so an
    incomplete extraction loses no alert.
    """
    people: list[AlertParticipant] = []
    seen: set[str] = set()
    for person in contact.participants:
        participant = _participant(person)
        if participant is None or name_key(participant.name) in seen:
            continue
        seen.add(name_key(participant.name))
        people.append(participant)
    pairs = []
    for a, b in combinations(people, 2):
        if a.country and b.country and a.country == b.country:
            continue
        pairs.append(Pair(a, b))
    return pairs
