"""Resolve title-only references ("the Israeli leader", "the President") from the whole text."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace

from shared.schemas import Person

from .people import Mention, gazetteer

_HEADS = ("leader", "head of state")


class DocContext:
    """Who the document names, how often and in what order, to settle descriptive references."""

    def __init__(self, sentences: list[list[Mention]], day: dt.date) -> None:
        self.day = day
        self.counts: Counter[str] = Counter()
        self.first_seen: dict[str, int] = {}
        for idx, mentions in enumerate(sentences):
            for m in mentions:
                if m.key and m.person is not None:
                    self.counts[m.key] += 1
                    self.first_seen.setdefault(m.key, idx)

    def resolve(self, m: Mention, sentence_idx: int) -> Mention:
        if m.person is not None:
            return m
        g = gazetteer()
        roles = set(m.roles)
        pool = g.by_country.get(m.country, []) if m.country else g.officials
        cands = [o for o in pool if roles & set(o.roles_at(self.day))]
        if m.country is None:
            # A bare "the President" means someone the text has already introduced.
            seen = [o for o in cands if o.name in self.first_seen]
            before = [o for o in seen if self.first_seen[o.name] <= sentence_idx]
            cands = before or seen
            if not cands:
                return m
        mentioned = [o for o in cands if self.counts[o.name]]
        if mentioned:
            chosen = max(mentioned, key=lambda o: self.counts[o.name])
        elif cands:
            if m.title in _HEADS and m.country:
                lead = g.leader_role.get(m.country)
                cands = [o for o in cands if lead in o.roles_at(self.day)] or cands
            chosen = g.pick(cands, self.day, m.roles)
        else:
            if not m.country:
                return m
            role = g.leader_role.get(m.country) if m.title in _HEADS else m.roles[0]
            person = Person(name=None, role=role, country=m.country)
            return replace(m, person=person, key=f"?{m.country}:{role}")
        person = g.person(chosen, self.day, m.roles)
        return replace(m, person=person, key=chosen.name, country=chosen.country, senior=True)
