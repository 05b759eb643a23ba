"""The gazetteer: index officials by name, alias and surname, and pick who held a role on a date."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from shared.schemas import Person

from .data import Official, load

_TOKEN = r"[A-Z][\w.\-]*(?:['’][A-Za-z]+)?"
_LINK = r"(?:bin|ibn|al|el|von|der|de|da|van|le|la|di|du|dos|Al|Jr\.?|II|III|VI)"
_NAME = rf"{_TOKEN}(?:\s+(?:{_TOKEN}|{_LINK})){{0,4}}"
POSS = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class Mention:
    """One reference to an official: either resolved (``person``) or a title to resolve later."""

    start: int
    end: int
    person: Person | None
    key: str | None
    senior: bool
    roles: tuple[str, ...] = ()
    country: str | None = None
    title: str | None = None
    possessive: bool = False


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


class Gazetteer:
    """Name, surname, title and country indexes built once from the data files."""

    def __init__(self) -> None:
        data = load()
        self.lex = data.lexicon
        self.officials = data.people
        self.by_country: dict[str, list[Official]] = defaultdict(list)
        for o in self.officials:
            self.by_country[o.country].append(o)
        self.names: dict[str, list[Official]] = defaultdict(list)
        self.surnames: dict[str, list[Official]] = defaultdict(list)
        for o in self.officials:
            for alias in {o.canonical, *o.aliases}:
                for form in {alias, fold(alias)}:
                    self.names[form].append(o)
            for form in {o.last_name, fold(o.last_name)}:
                self.surnames[form].append(o)
        self.country_of: dict[str, str] = {}
        self.leader_role: dict[str, str] = {}
        for c in data.countries:
            self.leader_role[c.code] = c.leader
            for n in [*c.names, *c.demonyms]:
                self.country_of.setdefault(n, c.code)
        place = "|".join(re.escape(n) for n in sorted(self.country_of, key=len, reverse=True))
        self.place = place
        titles = "|".join(re.escape(t) for t in sorted(self.lex.titles, key=len, reverse=True))
        self.title_re = re.compile(
            rf"(?:(?<![\w.])(?P<dem>{place})(?:['’]s)?\s+|\b(?P<the>the|then|former)\s+)?"
            rf"(?i:\b(?P<title>{titles}))\b"
            rf"(?:\s+of\s+(?:the\s+)?(?P<of>{place})(?![\w]))?"
            rf"(?:,?\s+(?P<name>{_NAME}))?"
            rf"(?:\s+of\s+(?:the\s+)?(?P<of2>{place})(?![\w]))?"
        )
        keys = sorted({*self.names, *self.surnames}, key=len, reverse=True)
        self.name_re = re.compile(
            r"(?<![\w\-])(?:" + "|".join(re.escape(k) for k in keys) + r")(?:['’]s?)?(?![\w\-])"
        )
        self.stop_before = set(self.lex.stop_before)
        self.senior_titles = set(self.lex.senior_titles)
        self.group_re = re.compile(
            rf"\b(?:leaders|heads of (?:state|government))\s+of\s+"
            rf"(?P<list>(?:(?:the\s+)?(?:{place})"
            rf"(?:,\s+|,?\s+and\s+)?){{2,8}})"
        )
        self.place_re = re.compile(rf"(?<![\w.])(?:{place})(?![\w])")

    def pick(self, cands: list[Official], day: dt.date, roles: tuple[str, ...] = ()) -> Official:
        """Prefer who held a role named in the text, then anyone in office, then the latest."""
        active = [o for o in cands if o.roles_at(day)]
        titled = [o for o in active if set(o.roles_at(day)) & set(roles)]
        pool = titled or active or cands
        return max(
            pool,
            key=lambda o: (
                max(r.start for r in o.roles if r.start <= day)
                if any(r.start <= day for r in o.roles)
                else dt.date.min
            ),
        )

    def person(self, o: Official, day: dt.date, roles: tuple[str, ...] = ()) -> Person:
        held = o.roles_at(day)
        role = next((r for r in held if r in roles), None) or (
            held[0] if held else o.latest_role(day)
        )
        return Person(name=o.canonical, role=role, country=o.country)

    def lookup(self, tokens: list[str], day: dt.date, roles: tuple[str, ...]) -> Official | None:
        """Longest leading run of ``tokens`` naming an official (full name, alias or surname)."""
        for n in range(len(tokens), 0, -1):
            text = " ".join(tokens[:n])
            if text in self.names:
                return self.pick(self.names[text], day, roles)
            if text in self.surnames and (n == len(tokens) or n > 1 or not tokens[n][:1].isupper()):
                return self.pick(self.surnames[text], day, roles)
        return None


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer()
