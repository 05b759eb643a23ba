"""The gazetteer: officials, titles and places indexed by token keys, and who held a role when."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from shared.schemas import Person

from .data import Official, load
from .tokens import PARTICLES, phrase_key


@dataclass(frozen=True)
class Mention:
    """One reference to an official: either resolved (``person``) or a title to resolve later.

    ``key`` is the official's id (``?name`` for someone outside the gazetteer); ``weak`` marks a
    bare surname, trusted only when the document names that person in full somewhere.
    """

    start: int
    end: int
    person: Person | None
    key: str | None
    senior: bool
    roles: tuple[str, ...] = ()
    country: str | None = None
    title: str | None = None
    possessive: bool = False
    weak: bool = False


Key = tuple[str, ...]
# Words before a title that make its holder not (or no longer) a serving senior official.
DEMOTE = frozenset("former ex late then opposition deputy assistant junior shadow vice".split())


class Gazetteer:
    """Name, surname, title and place indexes built once from the data files."""

    def __init__(self) -> None:
        data = load()
        self.lex = data.lexicon
        self.officials = data.people
        self.by_id = {o.name: o for o in self.officials}
        self.by_country: dict[str, list[Official]] = defaultdict(list)
        self.names: dict[Key, list[Official]] = defaultdict(list)
        self.surnames: dict[Key, list[Official]] = defaultdict(list)
        # Family names written first ("Prime Minister Han" for Han Duck-soo): usable only
        # with a title and the right country, since such short names are common.
        self.titled: dict[Key, list[Official]] = defaultdict(list)
        for o in self.officials:
            self.by_country[o.country].append(o)
            for alias in {o.canonical, *o.aliases}:
                _add(self.names, phrase_key(alias), o)
            surname = phrase_key(o.last_name)
            _add(self.surnames, surname, o)
            if len(surname) > 1:
                _add(self.titled, surname[:1], o)
        self.places: dict[Key, str] = {}
        self.leader_roles: dict[str, list[str]] = defaultdict(list)
        self.domains: dict[str, str] = {}
        self.contract_codes = {c.code: c.contract_code for c in data.countries if c.contract_code}
        for c in data.countries:
            self.leader_roles[c.code].append(c.leader)
            self.domains.update(dict.fromkeys(c.domains, c.code))
            for name in [*c.names, *c.demonyms]:
                k = phrase_key(name)
                self.places.setdefault(k[1:] if k[0] == "the" else k, c.code)
        self.titles: dict[Key, str] = {}
        for title in self.lex.titles:
            self.titles[tuple(w.lower() for w in phrase_key(title))] = title
        self.name_len = max(len(k) for k in self.names)
        self.title_len = max(len(k) for k in self.titles)
        self.place_len = max(len(k) for k in self.places)
        self.name_starts = {k[0] for k in self.names}
        self.title_starts = {k[0] for k in self.titles}
        self.place_starts = {k[0] for k in self.places}
        self.surname_starts = {k[0] for k in self.surnames} | {
            part for k in self.surnames if len(k) == 1 for part in k[0].split("-")
        }
        self.common_surnames = set(self.lex.common_surnames)
        # A sentence holds a mention only if it has one of these capitalised words or a title
        # word: the cheap test that spares tokenizing the others.
        self.capital_words = (
            set(self.name_starts) | {w for k in self.surnames for w in k} | {"Mr", "Ms", "Mrs"}
        )
        # Capitalised words as written -> whether they are such a word: filled as texts are read.
        self.capital_seen: dict[str, bool] = {}
        # Whitespace-separated chunks -> whether they hold such a word or a title word.
        self.chunk_seen: dict[str, bool] = {}
        starts = {k[0] for k in self.titles}  # for a substring test: "president-elect" holds
        self.title_words = tuple(sorted(w for w in starts if not any(o in w for o in starts - {w})))
        # Lower-case words the mention finder looks at: title words, name particles, "of", ...
        self.keep = frozenset(
            {w for k in self.titles for w in k}
            | PARTICLES
            | set(DEMOTE)
            | {"of", "the", "and", "from"}
        )
        self.not_name = set(self.lex.stop_before) | set(self.lex.not_name)

    def home_of(self, url: str | None) -> str | None:
        """The government a page speaks for, from its web domain ('gov.uk' -> GB)."""
        host = (url or "").split("//", 1)[-1].split("/", 1)[0].lower().removeprefix("www.")
        while host:
            if host in self.domains:
                return self.domains[host]
            host = host.partition(".")[2]
        return None

    def pick(self, cands: list[Official], day: dt.date, roles: tuple[str, ...] = ()) -> Official:
        """Prefer who held a role named in the text, then anyone in office, then the latest."""
        active = [o for o in cands if o.roles_at(day)]
        titled = [o for o in active if set(o.roles_at(day)) & set(roles)]
        pool = titled or active or cands
        return max(pool, key=lambda o: _latest_start(o, day))

    def person(self, o: Official, day: dt.date, roles: tuple[str, ...] = ()) -> Person:
        """The official as a participant: the role held that day, preferring the text's title."""
        held = o.roles_at(day)
        role = next((r for r in held if r in roles), None) or (held[0] if held else None)
        if role is None:
            elect = [r for r in roles if r.endswith(("-elect", "-designate"))]
            role = elect[0] if elect else o.latest_role(day)
        return Person(name=o.canonical, role=role, country=o.country)

    def compatible(self, o: Official, roles: tuple[str, ...], country: str | None) -> bool:
        """Could a text calling someone by this title (and country) mean this official?"""
        if country is not None and o.country != country:
            return False
        wanted = {r.removesuffix("-elect").removesuffix("-designate") for r in roles}
        return not wanted or any(r.title in wanted for r in o.roles) or country is not None


def _add(index: dict[Key, list[Official]], k: Key, o: Official) -> None:
    if k and o not in index[k]:
        index[k].append(o)


def _latest_start(o: Official, day: dt.date) -> dt.date:
    started = [r.start for r in o.roles if r.start <= day]
    return max(started) if started else dt.date.min


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer()


def place_code(name: str) -> str | None:
    """The code of a country or body written as ``name`` ("EU", "Kenya"), if it is one."""
    return gazetteer().places.get(phrase_key(name))
