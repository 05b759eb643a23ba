"""Titled references: a title ("President", "his Kazakh counterpart"), the country written
with it, and the name after it, known to the gazetteer or not ("President Ali of Guyana")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from shared.schemas import Person

from .data import Official
from .lookup import name_at, name_run, of_place, place_at, place_before
from .people import DEMOTE, Gazetteer, Mention
from .tokens import Token, adjacent, key, phrase_key

_HONORIFICS = frozenset(
    "Sheikh Sheikha Prince Princess Mr Mrs Ms Dr Sir Dame Lord Shri Sayyid HE HRH Mullah General "
    "Marshal Senior Gen Field Haji Hajji Samdech Datuk Dato Seri Tun Tan Sri Pehin".split()
)


# "President of the Senate", "Chairman of the National Assembly": an office of a house, a court
# or a party, not the state's
_OF_HOUSE = re.compile(
    r"\s+of\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:Chamber|Senate|Parliament|National\s+Assembly|"
    r"Assembly|House|Court|Congress|Party|Duma|Bundestag|Knesset|Majlis|Sejm|Storting|Riksdag)\b",
    re.IGNORECASE,
)
# Words before a title that make its holder someone the person present speaks or acts for.
_FOR_SOMEONE = re.compile(
    r"\b(?:envoy|representative|emissary|adviser|advisor|message|letter|greetings|behalf)"
    r"\s+(?:of|from|to|sent by)\s+(?:[a-z]+\s+){0,2}$",
    re.IGNORECASE,
)
# States where "Foreign Secretary" is the career civil servant who heads the foreign ministry
# under its minister (India's External Affairs Minister, Pakistan's, Bangladesh's, Sri Lanka's,
# Nepal's, Bhutan's and the Maldives' Foreign Minister): no senior official under the labelling
# rules, unlike the United Kingdom's Foreign Secretary, who is the minister.
_CIVIL_SERVANT_FOREIGN_SECRETARY = frozenset({"IN", "PK", "BD", "LK", "NP", "BT", "MV"})


# Words right before a title that make it an office still to come: "the next President of
# Mexico", "the incoming prime minister" (the labelling rules: presidents-elect are no officials).
_TO_COME = re.compile(r"\b(?:next|incoming|future)\s+$", re.IGNORECASE)


def _not_yet(title: str, before: str) -> bool:
    """Does the title name an office its holder has not yet taken: an elect or designate title
    ("President-elect"), or one right after "next", "incoming" or "future" (``before``: the
    text before the title and its country)?"""
    return title.endswith(("-elect", "-designate")) or _TO_COME.search(before) is not None


def civil_servant_title(title: str, country: str | None) -> bool:
    """Does ``title`` name a civil servant in ``country`` ("Pakistani Foreign Secretary")?"""
    return title == "foreign secretary" and country in _CIVIL_SERVANT_FOREIGN_SECRETARY


def titled_mention(
    g: Gazetteer,
    s: str,
    toks: list[Token],
    i: int,
    found: tuple[int, str],
    day: dt.date,
    found_before: list[Mention],
) -> tuple[Mention | None, int]:
    """A title, its country (before or 'of X') and the name after it, known or not."""
    j, title = found
    if found[1] == "leader" and toks[i].cap and i > 0 and toks[i - 1].low == "opposition":
        return None, j
    roles = tuple(g.lex.titles[title]) or counterpart_roles(g, found_before)
    before = place_before(g, s, toks, i)
    k = before[0] if before else i  # "former Israeli Prime Minister": the word before the place
    prev = toks[k - 1].low if k and adjacent(s, toks[k - 1], toks[k]) else ""
    # "ex-president", and a headline's "Ex-Japan PM" (the place joined to "ex-")
    senior = prev not in DEMOTE and not prev.startswith("ex-") and not toks[i].low.startswith("ex-")
    if _FOR_SOMEONE.search(s[max(0, toks[k].start - 50) : toks[k].start]):
        senior = False  # "the special envoy of his counterpart": the envoy is who came
    if _OF_HOUSE.match(s, toks[j - 1].end):
        senior = False  # "the President of the Chamber of Deputies": a speaker, no head of state
    country = before[1] if before else None
    of = of_place(g, s, toks, j)
    if of is not None:
        j, country = of
    # "the President-elect of Gambia", "Mexico's next president": the office is still to come
    # (a named official-elect is judged with the gazetteer's dates, in ``elect``)
    to_come = _not_yet(title, s[max(0, toks[k].start - 12) : toks[k].start]) or _not_yet(
        title, s[max(0, toks[i].start - 12) : toks[i].start]
    )
    if civil_servant_title(title, country):
        senior = False  # "Pakistani Foreign Secretary X": the ministry's top civil servant
    first = before[0] if before else i
    start = toks[first].start
    k = j
    while (  # "H.E. Mr. Charles Michel", "H.E Samia Suluhu Hassan"
        k + 1 < len(toks)
        and k < j + 3
        and (toks[k].text in _HONORIFICS or toks[k].norm in _HONORIFICS)
        and adjacent(s, toks[k], toks[k + 1])
    ):
        k += 1
    if j < len(toks) and not toks[j - 1].poss and adjacent(s, toks[j - 1], toks[j]):
        hit = name_at(g, s, toks, k) if toks[k].norm in g.name_starts else None
        if hit is None and k > j and toks[j].norm in g.name_starts:
            # "President Sheikh Mohamed": a name the gazetteer spells with its honorific
            hit = name_at(g, s, toks, j)
        at = place_at(g, s, toks, k) if hit is None and country is None else None
        if at is not None and at[0] < len(toks) and adjacent(s, toks[at[0] - 1], toks[at[0]]):
            # "President Uzbekistan Shavkat Mirziyoyev": the country between title and name
            named = name_at(g, s, toks, at[0]) if toks[at[0]].norm in g.name_starts else None
            if named is not None:
                hit, country = named, at[1]
        if hit is not None:
            end, cands = hit
            official = g.pick(
                [o for o in cands if g.compatible(o, (), country)] or cands, day, roles
            )
            m = known(g, toks, first, end, official, day, roles, title, weak=False, senior=senior)
            return with_of(g, s, toks, m, end), end
        end = name_run(g, s, toks, k)
        if end > k:
            core = toks[k:end]
            cands = [o for o in g.surnames.get(key(core), []) if g.compatible(o, roles, country)]
            if not cands and country is not None:
                cands = [o for o in g.titled.get(key(core), []) if o.country == country]
            if not cands and len(core) > 2:
                cands = _first_and_last(g, core, roles, country)
            if not cands and len(core) == 2:
                cands = _misspelt(g, core, roles, country)
            if cands:
                official = g.pick(cands, day, roles)
                m = known(
                    g, toks, first, end, official, day, roles, title, weak=False, senior=senior
                )
            else:
                m = _unknown(g, toks, first, end, core, roles, title, country, senior)
            return with_of(g, s, toks, m, end), end
    if title == "leader" and country is None:
        return None, j
    end = toks[j - 1].end
    senior = senior and not to_come
    return Mention(start, end, None, None, senior, roles, country, title, toks[j - 1].poss), j


def _first_and_last(
    g: Gazetteer, core: list[Token], roles: tuple[str, ...], country: str | None
) -> list[Official]:
    """'President Vladimir V. Putin', 'President Donald John Trump': a listed official's first
    and last names around a middle name or initial."""
    first = core[0].norm
    return [
        o
        for o in g.surnames.get(key(core[-1:]), [])
        if g.compatible(o, roles, country) and phrase_key(o.canonical)[0] == first
    ]


_BY_FIRST: dict[int, dict[str, list[tuple[str, Official]]]] = {}


def _misspelt(
    g: Gazetteer, core: list[Token], roles: tuple[str, ...], country: str | None
) -> list[Official]:
    """'French President Emmanuel Macrn': a listed holder of the title, same first name,
    whose surname differs by one letter (dropped, added or changed) from a written one of four
    letters or more."""
    index = _BY_FIRST.get(id(g))
    if index is None:
        index = {}
        for o in g.officials:
            for name in (o.canonical, *o.aliases):
                words = phrase_key(name)
                if len(words) == 2:
                    index.setdefault(words[0], []).append((words[1], o))
        _BY_FIRST[id(g)] = index
    first, last = core[0].norm, core[1].norm
    if len(last) < 4:
        return []
    found = {
        o.name: o
        for surname, o in index.get(first, [])
        if _one_letter(last, surname) and g.compatible(o, roles, country) and roles
    }
    return list(found.values())


def _one_letter(a: str, b: str) -> bool:
    """Do ``a`` and ``b`` differ by exactly one letter dropped, added or changed?"""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def counterpart_roles(g: Gazetteer, before: list[Mention]) -> tuple[str, ...]:
    """'his Kazakh counterpart': roles like the one of the official named before it (a head of
    government's counterpart may be a president; a secretary of state's is a foreign minister)."""
    role = next((r for m in reversed(before) if (r := _role_of(m))), None)
    for name, family in g.lex.counterparts.items():
        if role in family:
            return (role, *family) if name == "leader" else tuple(family)
    return (role,) if role else tuple(g.lex.counterparts["leader"])


def _role_of(m: Mention) -> str | None:
    """The office ``m`` names: its person's, or the title's of an unnamed one ("PM holds talks
    with Indian counterpart": a prime minister's counterpart), not a vague 'leader'."""
    if m.person is not None:
        return m.person.role
    if m.title not in (None, "counterpart", "leader") and m.roles:
        return m.roles[0]
    return None


def counterpart_after(g: Gazetteer, found: list[Mention]) -> list[Mention]:
    """'In a phone call with his French counterpart, Wang Yi said': a counterpart named before
    anyone whose role it can take takes the role of the nearest official after it."""
    out = list(found)
    for n, m in enumerate(out):
        if m.title != "counterpart" or m.person is not None:
            continue
        if any(_role_of(b) for b in out[:n]):
            continue  # the role came from an official before it
        after = [a for a in out[n + 1 :] if _role_of(a)]
        if after:
            out[n] = replace(m, roles=counterpart_roles(g, after[:1]))
    return out


def with_of(g: Gazetteer, s: str, toks: list[Token], m: Mention, end: int) -> Mention:
    """'President Ali of Guyana': a country after the name settles an unknown person's country."""
    of = of_place(g, s, toks, end)
    if of is None or m.person is None:
        return m
    stop, code = of
    if m.key and m.key.startswith("?") and m.person.country is None:
        person = m.person.model_copy(update={"country": code})
        return replace(m, person=person, country=code, end=toks[stop - 1].end)
    return replace(m, end=toks[stop - 1].end, possessive=toks[stop - 1].poss)


def known(
    g: Gazetteer,
    toks: list[Token],
    i: int,
    j: int,
    o: Official,
    day: dt.date,
    roles: tuple[str, ...],
    title: str | None,
    *,
    weak: bool,
    senior: bool | None = None,
) -> Mention:
    person = g.person(o, day, roles)
    active = bool(o.roles_at(day)) or any(r.endswith(("-elect", "-designate")) for r in roles)
    return Mention(
        toks[i].start,
        toks[j - 1].end,
        person,
        o.name,
        active if senior is None else senior,
        roles,
        o.country,
        title,
        toks[j - 1].poss,
        weak,
    )


def _unknown(
    g: Gazetteer,
    toks: list[Token],
    i: int,
    j: int,
    core: list[Token],
    roles: tuple[str, ...],
    title: str,
    country: str | None,
    senior: bool,
) -> Mention:
    """Someone outside the gazetteer, named with a title: name as written, role from the title."""
    name = " ".join(t.text for t in core)
    role = roles[0] if title != "leader" else (g.leader_roles.get(country or "", roles) or roles)[0]
    person = Person(name=name, role=role, country=country)
    last = toks[j - 1]
    return Mention(
        toks[i].start, last.end, person, f"?{name}", senior, roles, country, title, last.poss
    )
