"""Settle references with the whole document in view: title-only references ("the Israeli
leader", "the President"), bare surnames, and people outside the gazetteer ("President Ali")."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import replace
from functools import cache

from shared.schemas import Person

from .data import Official, load
from .offices import publisher_of, sole_country, spokesperson_of
from .people import Mention, gazetteer
from .unknown import UnknownNames

_HEADS = ("leader", "head of state")
# Offices whose holder a bare surname names even when the text never spells the full name.
_TOP_ROLES = frozenset(
    {
        "President", "Prime Minister", "Vice President", "Chancellor", "Premier", "Taoiseach",
        "King", "Queen", "Emir", "Crown Prince", "Sultan", "Supreme Leader", "General Secretary",
        "Chief Adviser", "Pope", "Secretary-General", "Secretary General",
        "President of the European Commission", "President of the European Council",
    }
)  # fmt: skip

# A title that, with no body named and no such office in the text's own government, means one
# office: an unqualified "the Secretary-General" is the UN's (NATO writes "Secretary General").
_DEFAULT_BODY = {"secretary-general": "UN"}
_AFTER_OFFICE = re.compile(
    r"\b(?:after|since) (?:leaving|stepping down|he left|she left)|\bleft office\b|"
    r"\bout of office\b|\bbook tour\b|\bmemoirs?\b|\bhis successor\b|\bher successor\b|"
    r"\bpost-presiden|\bretire[ds]?\b",
    re.IGNORECASE,
)
_FORMER = re.compile(r"\b(?:former|ex-?|late|then)\s*$", re.IGNORECASE)
# Another office written next to a name ("Chairman of the X Council A B", "A B, Deputy Chairman
# of ..."): in a text with no date, the office the text gives them, not one they once held.
_OFFICE_BEFORE = re.compile(
    r"\b(?:Chairman|Chairwoman|Chairperson|Speaker|Governor|Mayor|Senator|Ambassador|Envoy)\b"
    r"(?:\s+(?:of|the|and|for|[A-Z][\w'’-]*)){0,8}\s+$"
)
_OFFICE_AFTER = re.compile(
    r"^,\s*(?:the\s+)?(?:Deputy|Vice|Chairman|Chairwoman|Chairperson|Speaker|Governor|Mayor|"
    r"Senator|Ambassador|Envoy)\b(?:,?\s+(?:of|the|and|for|[A-Z][\w'’-]*)){0,8}"
)


class DocContext:
    """Who the document names, how often and in what order, to settle descriptive references."""

    def __init__(
        self,
        sentences: list[list[Mention]],
        texts: list[str],
        day: dt.date,
        url: str | None = None,
        body_start: int = 0,
        *,
        dated: bool = True,
    ) -> None:
        self.day = day
        # False when ``day`` is only a guess (an article with no date at all): a title alone
        # ("the British Prime Minister") then names nobody unless the text names its holder.
        self.dated = dated
        self.counts: Counter[str] = Counter()
        self.first_seen: dict[str, int] = {}
        # officials the text itself names in full under a serving title ("Prime Minister Boris
        # Johnson"): their bare surname is a serving official too, whatever day roles are read at
        self.titled_any: set[str] = set()
        former: set[str] = set()
        self.unknown = UnknownNames()
        # Without a date, who the text itself calls by an office they held ("Prime Minister
        # Jacinda Ardern", not "former"): it was written while they held it, so every mention
        # of them is a serving official, whatever today's holder is.
        self.titled: set[str] = set()
        self.untitled: set[str] = set()
        self.demoted: set[str] = set()
        # without a date, who the text names under an office none of their senior ones ("Chairman
        # of the X Council A B"): written while they held that office, they are no senior
        # official in it, under any title the text gives them
        self.other_office: set[str] = set()
        g = gazetteer()
        for idx, mentions in enumerate(sentences):
            for n, m in enumerate(mentions):
                prev = mentions[n - 1] if n else None
                if prev is not None and prev.person is None and not prev.senior and m.key:
                    gap = texts[idx][prev.end : m.start] if idx < len(texts) else ""
                    if len(gap) < 40 and "," in gap:  # "the former president, X": X too
                        self.demoted.add(m.key)
                if m.key and m.person is not None and not m.weak:
                    self.counts[m.key] += 1
                    self.first_seen.setdefault(m.key, idx)
                    o = g.by_id.get(m.key)
                    if (
                        not dated
                        and m.senior
                        and o
                        and set(m.roles) & {r.title for r in o.senior_roles}
                    ):
                        self.titled.add(m.key)
                    elif not dated and o and not m.roles and not m.senior:
                        self.untitled.add(m.key)
                    elif not dated and m.roles and not m.senior:
                        self.demoted.add(m.key)
                    if m.senior and m.title:
                        self.titled_any.add(m.key)
                    elif not m.senior and m.title:
                        former.add(m.key)  # "Former President Barack Obama"
                    if (
                        not dated
                        and o
                        and not (m.senior and m.title)  # "the Adviser, Ambassador X": theirs
                        and idx < len(texts)
                        and _other_office(o, texts[idx], m)
                    ):
                        self.other_office.add(m.key)
                if m.key and m.key.startswith("?") and m.person and m.person.name:
                    self.unknown.note(m.person)
        self.texts = texts
        whole = " ".join(texts)
        # a text about life after office ("after leaving office", "his book tour") never
        # makes the untitled serving
        self.after_office = bool(_AFTER_OFFICE.search(whole)) if not dated else False
        self.demoted |= self.other_office
        for key in self.untitled - self.demoted if not self.after_office else ():
            if not g.by_id[key].senior_roles:
                continue  # an heir who does not govern: listed, never a senior official
            last = g.by_id[key].last_name
            if not re.search(r"\b(?:former|ex-|late)\b[^.;]{0,40}" + re.escape(last), whole, re.I):
                self.titled.add(key)
        # without a date, someone the text calls only "former X" is no serving official in
        # any of its sentences, whoever holds an office on the day roles are read at
        self.former_only = former - self.titled_any if not dated else set()
        self.titled_any -= former
        self.unknown.complete(" ".join(texts))
        # The government the text speaks for: its web domain, else the seat its spokesperson
        # speaks for ("A Downing Street spokesperson said:"), else its first official named.
        self.home = (
            gazetteer().home_of(url)
            or spokesperson_of(texts)
            or publisher_of(texts)
            or next(
                (
                    m.country
                    for mentions in sentences[body_start:]
                    for m in mentions
                    if m.person is not None and not m.weak and m.country
                ),
                None,
            )
        )

    def resolve(self, m: Mention, sentence_idx: int, others: frozenset[str]) -> Mention | None:
        """The mention with its person settled, or None when it names nobody we can trust.
        ``others`` are the people the same sentence names otherwise: a title-only reference
        ("the President ... with President Zelensky") is someone else."""
        if m.key and m.key.startswith("?") and m.person and m.person.name:
            return self._retitled(m) or self.unknown.settle(m)
        if m.person is not None:
            if m.weak and not self.counts[m.key or ""]:
                namesake = self._namesake(m)
                if namesake is not None:
                    return namesake
                if not self._famous(m):
                    if self.dated or not self._was_famous(m):
                        return None
                    return replace(m, senior=True)  # undated: "Merkel spoke with Obama"
            if m.senior and m.title is None and m.key in self.former_only:
                return replace(m, senior=False)  # "former President X ... the X estate"
            if not m.senior and m.title is None and m.key in self.titled:
                before = self.texts[sentence_idx][max(0, m.start - 12) : m.start]
                if not _FORMER.search(before):
                    return replace(m, senior=True)
            if m.weak and not m.senior and m.key in self.titled_any:
                return replace(m, senior=True)
            return m
        return self._title_only(m, sentence_idx, others)

    def _retitled(self, m: Mention) -> Mention | None:
        """'President Meloni' after 'Giorgia Meloni': a surname under a title its holder does not
        hold (a translated or wrong title) is the one official of that surname the text names
        in full, when that official serves the same country; a titled full name is a known
        official spelt another way."""
        g = gazetteer()
        words = (m.person.name or "").split() if m.person else []
        if len(words) == 2 and m.country is not None and m.senior:
            # "Austrian Chancellor Karel Nehammer": a spelling of a known official's given
            # name (same initial, surname and country, serving that day)
            same = [
                o
                for o in g.by_country.get(m.country, [])
                if o.last_name == words[1]
                and o.canonical[:1] == words[0][:1]
                and o.roles_at(self.day)
            ]
        elif len(words) == 1:
            same = [
                g.by_id[k] for k in self.counts if k in g.by_id and g.by_id[k].last_name == words[0]
            ]
        else:
            return None
        if len(same) != 1 or (m.country is not None and m.country != same[0].country):
            return None
        o = same[0]
        senior = bool(o.roles_at(self.day)) or not self.dated
        return replace(
            m, person=g.person(o, self.day), key=o.name, country=o.country, senior=senior
        )

    def _namesake(self, m: Mention) -> Mention | None:
        """'Senator Wong' after 'Foreign Minister Penny Wong': the one person of that surname
        the text names in full, not the namesake the date alone would pick."""
        g = gazetteer()
        o = g.by_id.get(m.key or "")
        if o is None:
            return None
        same = [
            g.by_id[k]
            for k in self.counts
            if k != o.name and k in g.by_id and g.by_id[k].last_name == o.last_name
        ]
        if len(same) != 1:
            return None
        person = g.person(same[0], self.day, m.roles)
        return replace(m, person=person, key=same[0].name, country=same[0].country)

    def _famous(self, m: Mention) -> bool:
        """A bare surname counts on its own only for someone holding a top office that day."""
        g = gazetteer()
        o = g.by_id.get(m.key or "")
        if o is None or o.last_name in g.common_surnames:
            return False
        return bool(set(o.roles_at(self.day)) & _TOP_ROLES)

    def _was_famous(self, m: Mention) -> bool:
        """Without a date: a bare surname of someone who held a top office at some time and
        whom the text never calls former."""
        g = gazetteer()
        o = g.by_id.get(m.key or "")
        if o is None or o.last_name in g.common_surnames:
            return False
        if not {r.title for r in o.senior_roles} & _TOP_ROLES:
            return False
        if self.after_office:
            return False
        whole = " ".join(self.texts)
        if not _names_country(whole, o.country):
            return False  # "party leader Castro" in a Cuban story is not Honduras's president
        former = r"\b(?:former|ex-|late)\b[^.;]{0,40}" + re.escape(o.last_name)
        return not re.search(former, whole, re.IGNORECASE)

    def _held(self, o: Official) -> set[str]:
        """The roles ``o`` held that day; with no known day, every role ``o`` ever held (a
        title the text gives its holder's name for then names that person)."""
        return set(o.roles_at(self.day)) if self.dated else {r.title for r in o.senior_roles}

    def _title_only(self, m: Mention, sentence_idx: int, others: frozenset[str]) -> Mention:
        g = gazetteer()
        roles = set(m.roles)
        if m.country is None and (sole := sole_country(m.roles)) is not None:
            m = replace(m, country=sole)  # "the Taoiseach": an office of one country only
        if m.country is None:
            # A bare "the President" means someone the text introduces, else the holder of
            # that office in the government the text speaks for.
            seen = [g.by_id[k] for k in self.first_seen if k in g.by_id and k not in others]
            cands = [o for o in seen if roles & self._held(o)]
            cands = [o for o in cands if roles & set(o.roles_at(self.day))] or cands
            before = [o for o in cands if self.first_seen[o.name] <= sentence_idx]
            cands = before or cands
            if not cands and self.home is not None:
                home = g.by_country.get(self.home, [])
                cands = [o for o in home if roles & self._held(o)]
                cands = [o for o in cands if o.name not in others]
            if not cands and m.title in _DEFAULT_BODY:
                pool = g.by_country.get(_DEFAULT_BODY[m.title], [])
                cands = [o for o in pool if roles & self._held(o)]
                cands = [o for o in cands if o.name not in others]
            if not cands:
                return m
        else:
            pool = g.by_country.get(m.country, [])
            cands = [o for o in pool if roles & self._held(o)]
            if not cands and any(self._heir(o, roles) for o in pool):
                return replace(m, senior=False)  # "Jordan's crown prince": an heir, not senior
        exact = [o for o in cands if m.roles[0] in self._held(o)]
        cands = exact or cands
        mentioned = [o for o in cands if self.counts[o.name]]
        mentioned = [o for o in mentioned if roles & set(o.roles_at(self.day))] or mentioned
        chosen: Official | None = None
        if mentioned:
            chosen = max(mentioned, key=lambda o: self.counts[o.name])
        elif cands and not self.dated:
            # today's holder is a guess: better unnamed than wrong, unless only one of them was
            # in office while the officials the text names in full were ("The Secretary-General
            # met Moussa Faki Mahamat, Chairperson of the AU Commission")
            overlapping = [o for o in cands if self._overlaps_named(o)]
            if len(overlapping) != 1:
                return self._unnamed(m)
            chosen = overlapping[0]
        elif cands:
            if m.title in _HEADS and m.country:
                lead = set(g.leader_roles.get(m.country, []))
                cands = [o for o in cands if lead & set(o.roles_at(self.day))] or cands
            chosen = g.pick(cands, self.day, m.roles)
        if chosen is not None:
            person = g.person(chosen, self.day, m.roles)
            senior = m.senior and chosen.name not in self.other_office
            return replace(m, person=person, key=chosen.name, country=chosen.country, senior=senior)
        return self._unnamed(m)

    def _heir(self, o: Official, roles: set[str]) -> bool:
        """Does ``o`` hold one of ``roles`` that day (any day, undated) as no senior office?"""
        return any(
            r.title in roles and not r.senior and (not self.dated or r.active(self.day))
            for r in o.roles
        )

    def _overlaps_named(self, o: Official) -> bool:
        """Was ``o`` in office at some time when every other official named in full was?"""
        g = gazetteer()
        named = [g.by_id[k] for k in self.counts if k in g.by_id and k != o.name]
        if not named:
            return False
        for r in o.senior_roles:
            end = r.end or dt.date.max
            days = [r.start, end - dt.timedelta(days=1)]
            days += [x.start for n in named for x in n.roles if r.start <= x.start < end]
            if any(all(n.roles_at(day) for n in named) for day in days):
                return True
        return False

    def _unnamed(self, m: Mention) -> Mention:
        """A titled reference to someone outside the gazetteer: a named unknown if the text
        has one with that country and role, else a nameless participant."""
        g = gazetteer()
        if not m.country:
            return m
        role = (
            (g.leader_roles.get(m.country) or [m.roles[0]])[0] if m.title in _HEADS else m.roles[0]
        )
        for p in self.unknown.people():
            if p.country == m.country and p.role == role:
                return replace(m, person=p, key=f"?{p.name}")
        person = Person(name=None, role=role, country=m.country)
        return replace(m, person=person, key=f"?{m.country}:{role}")


def _other_office(o: Official, sentence: str, m: Mention) -> bool:
    """Does ``sentence`` write an office next to the name that is none of those ``o`` held?"""
    before = _OFFICE_BEFORE.search(sentence[max(0, m.start - 80) : m.start])
    after = _OFFICE_AFTER.match(sentence[m.end : m.end + 80])
    if before is None and after is None:
        return False
    office = " ".join(x.group() for x in (before, after) if x is not None).lower()
    return not any(r.title.lower() in office for r in o.roles)


@cache
def _country_words() -> dict[str, re.Pattern[str]]:
    """Each country's names and demonyms as one pattern ("Germany|German")."""
    out = {}
    for c in load().countries:
        words = sorted({*c.names, *c.demonyms}, key=len, reverse=True)
        out[c.code] = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b")
    return out


def _names_country(text: str, code: str) -> bool:
    """Does ``text`` name the country (or body) ``code`` or use its demonym?"""
    pattern = _country_words().get(code)
    return pattern is not None and pattern.search(text) is not None
