"""Spot officials in one sentence: titled references ("Israeli President X") and bare names."""

from __future__ import annotations

import datetime as dt
import re

from shared.schemas import Person

from .people import POSS, Mention, gazetteer


def _clean_name(name: str) -> tuple[list[str], bool]:
    possessive = bool(POSS.search(name)) and not name.endswith("s'")
    name = POSS.sub("", name)
    tokens = [t for t in name.split() if t]
    # Trailing weekdays/months/places are not part of a name ("President Joe Biden Monday").
    g = gazetteer()
    while tokens and (tokens[-1].rstrip(".,") in _NOT_NAME or tokens[-1] in g.country_of):
        tokens.pop()
    tokens = [t.rstrip(",;:") for t in tokens]
    if tokens and tokens[-1].endswith(".") and len(tokens[-1]) > 3 and tokens[-1] != "Jr.":
        tokens[-1] = tokens[-1][:-1]
    return tokens, possessive


_NOT_NAME = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "On", "In",
    "The", "And", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov",
    "Dec", "Said", "Says", "Will", "Has", "Had", "Was", "Is", "To", "At",
}  # fmt: skip


def find_mentions(sentence: str, day: dt.date) -> list[Mention]:
    """Titled references first (they carry role and country), then bare names."""
    g = gazetteer()
    found: list[Mention] = []
    for m in g.title_re.finditer(sentence):
        title = m.group("title").lower()
        if title == "pm" and m.group("title") != "PM":
            continue
        dem = m.group("dem") or m.group("of") or m.group("of2")
        country = g.country_of.get(dem) if dem else None
        if title == "leader" and not country and not m.group("name"):
            continue
        roles = tuple(g.lex.titles[title])
        senior = title in g.senior_titles
        end = m.end()
        if m.group("name"):
            tokens, possessive = _clean_name(m.group("name"))
            official = g.lookup(tokens, day, roles) if tokens else None
            if official is not None:
                person = g.person(official, day, roles)
                found.append(
                    Mention(
                        m.start(),
                        end,
                        person,
                        official.name,
                        True,
                        roles,
                        official.country,
                        title,
                        possessive,
                    )
                )
                continue
            if len(tokens) >= 2 and all(t[:1].isupper() for t in tokens):
                name = " ".join(tokens)
                person = Person(
                    name=name,
                    role=m.group("title").title() if title != "pm" else "Prime Minister",
                    country=country,
                )
                found.append(
                    Mention(
                        m.start(),
                        end,
                        person,
                        f"?{name}",
                        senior and country is not None,
                        roles,
                        country,
                        title,
                        possessive,
                    )
                )
                continue
            end = m.start("name")
        found.append(Mention(m.start(), end, None, None, senior, roles, country, title))
    for m in g.name_re.finditer(sentence):
        if any(m.start() < f.end and f.start < m.end() for f in found):
            continue
        raw = m.group(0)
        tokens, possessive = _clean_name(raw)
        if not tokens:
            continue
        text = " ".join(tokens)
        before = sentence[: m.start()].split()
        prev = before[-1] if before else ""
        if (
            prev[:1].isupper()
            and prev not in g.stop_before
            and prev.rstrip(",") not in g.country_of
            and not prev.endswith((",", ".", ":", "”", '"'))
        ):
            continue  # another first name: "Michael Herzog" is not Isaac Herzog
        after = sentence[m.end() :].lstrip()
        if (
            after[:1].isupper()
            and text in g.surnames
            and text not in g.names
            and re.match(r"[A-Z][a-z]+\b", after)
            and not after.startswith(("On ", "In ", "And "))
        ):
            continue  # part of a longer proper noun: "Harris County"
        cands = g.names.get(text) or g.surnames.get(text) or []
        if not cands:
            continue
        official = g.pick(cands, day)
        person = g.person(official, day)
        found.append(
            Mention(
                m.start(),
                m.end(),
                person,
                official.name,
                bool(official.roles_at(day)),
                (),
                official.country,
                None,
                possessive,
            )
        )
    return sorted(found, key=lambda f: f.start)


def group_mentions(sentence: str) -> list[tuple[int, int, list[str]]]:
    """'the leaders of France, Germany and the UK' -> (start, end, [FR, DE, GB])."""
    g = gazetteer()
    out = []
    for m in g.group_re.finditer(sentence):
        codes = [g.country_of[p.group(0)] for p in g.place_re.finditer(m.group("list"))]
        out.append((m.start(), m.end(), list(dict.fromkeys(codes))))
    return out
