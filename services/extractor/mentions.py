"""Spot officials in one sentence: full names, titled references ("Israeli President X",
"President Ali of Guyana", "India's prime minister") and bare surnames, by token look-ups."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from .data import Official
from .lookup import (
    name_at,
    of_place,
    place_at,
    place_before,
    title_at,
    worth_tokenizing,
)
from .people import DEMOTE, Gazetteer, Mention, gazetteer
from .titled import counterpart_after, known, titled_mention, with_of
from .tokens import PARTICLES, Token, adjacent, chunks_of, key, phrase_key, tokenize

_APPOSITION = re.compile(r"^,\s*(?:the\s+)?$")
# "the President of Chile, Sebastián Piñera", "the National Security Advisor, Ambassador X"
_NAMED_AFTER = re.compile(
    r"^,\s*(?:(?:Ambassador|Dr\.?|Mr\.?|Ms\.?|Mrs\.?|General|Gen\.|Admiral|Professor)\s+)?$"
)
# a title's country followed at once by a capitalised word that is no name: "President of the
# National Council", "President of the Russian Federation Council"
_LONGER_OFFICE = re.compile(
    r"[ \t]+(?:Council|Assembly|Parliament|Senate|Chamber|Duma|Court|Commission|Committee|"
    r"Congress)\b"
)
_NAMES_BETWEEN = re.compile(r",\s*(?:[A-Z][\w'’.-]*\s+){1,3}")
# the rest of a ministry's long name between its title and the name: "the Minister of Foreign
# Affairs, Cooperation and Nationals Abroad, X Y"
_OFFICE_TAIL = re.compile(r",\s*(?:(?:[A-Z][\w'’.-]*|and|of|the|for)\s+){1,8}?[A-Z][\w'’.-]*,\s*")
# a title followed by a name (or the rest of an office and a name) that ends a list item: the
# next item's office, not the previous name's ("met President A B, President of X, C D, and
# President of Y E F", "met A B, President of the X Council C D, and ..."); not a list of the
# same person's offices ("A B, Vice President, Deputy Prime Minister and Minister of X, met")
_NEXT_ITEM = re.compile(
    r",?\s+(?!(?:Deputy|Minister|Secretary|Chairman|Head)\b)"
    r"(?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w'’.-]*(?=\s*(?:,|;|\band\b|\.?\s*$))"
)
# a surname before these words names a government or a time, not the person ("the Trump
# administration", "the Modi government", "a Merkel-era deal")
_RULE_OF = re.compile(
    r"(?:[ \t]+|-)(?:administration|government|cabinet|era|regime|presidency)s?\b"
    r"(?![ \t]+of\b)",
    re.IGNORECASE,
)


def find_mentions(sentence: str, day: dt.date, low: str | None = None) -> list[Mention]:
    """Every reference to an official in ``sentence``, left to right. (``low``:
    ``sentence.lower()``, when known.)"""
    g = gazetteer()
    chunks = chunks_of(sentence)  # split once, for the gate and the tokens
    if not worth_tokenizing(g, sentence, low, chunks):
        return []
    toks = tokenize(sentence, g.keep, chunks)
    found: list[Mention] = []
    name_starts, title_starts, surname_starts = g.name_starts, g.title_starts, g.surname_starts
    i = 0
    while i < len(toks):
        t = toks[i]
        hit = name_at(g, sentence, toks, i) if t.norm in name_starts else None
        title = title_at(g, sentence, toks, i) if t.low in title_starts else None
        titled = (
            titled_mention(g, sentence, toks, i, title, day, found) if title is not None else None
        )
        if (
            hit is not None
            and (titled is None or titled[1] <= hit[0])
            and _rule_of(sentence, toks, hit[0])
        ):
            i = hit[0]  # "the Biden administration": a government, not the person
            continue
        if hit is not None and (titled is None or titled[1] <= hit[0]):
            j, cands = hit
            o = _of_country(g, sentence, toks, i, j, day) or g.pick(cands, day)
            m = known(
                g,
                toks,
                i,
                j,
                o,
                day,
                (),
                None,
                weak=False,
                senior=_titled_name(g, sentence, toks, i),
            )
            found.append(with_of(g, sentence, toks, m, j))
            i = j
            continue
        if titled is not None:
            mention, i = titled
            if mention is not None:
                found.append(mention)
            continue
        if (t.cap or t.low in PARTICLES) and (t.norm in surname_starts or "-" in t.norm):
            found.extend(_bare(g, sentence, toks, i, day))
        i += 1
    return _merge_appositions(sentence, counterpart_after(g, found))


# "diplomatic advisers to Michel, Macron and Scholz", "an aide of President X", "the envoy of
# the Emir": the officials a person works or speaks for, who are not present themselves
_FOR_WHOM = re.compile(
    r"\b(?:advis[eo]rs?|aides?|envoys?|emissar(?:y|ies)|representatives?|sherpas?)\s+"
    r"(?:of|to|for|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# between two items of one list: "A, B and C", "A and B"
_LIST_GAP = re.compile(r"^(?:\s*,\s*(?:and\s+)?|\s+and\s+)$")


def spoken_for(sentence: str, found: list[Mention]) -> list[Mention]:
    """Mark as no party the officials named as those an adviser, aide or envoy works for, and
    the rest of their list ("advisers to A, B and C": none of A, B, C took part). Run on
    resolved mentions, since resolution may make a bare surname senior again."""
    out: list[Mention] = []
    chained = False
    for n, m in enumerate(found):
        prev_end = found[n - 1].end if n else 0
        if _FOR_WHOM.search(sentence[max(prev_end, m.start - 40) : m.start]):
            chained = True
        elif not (chained and n and _LIST_GAP.match(sentence[prev_end : m.start])):
            chained = False
        out.append(replace(m, senior=False) if chained and m.senior else m)
    return out


# "the State Funeral for Queen Elizabeth II", "the death of King X": not serving
_DEATH = re.compile(
    r"\b(?:funeral|death|memory|passing|burial|mourning)\s+(?:of|for)\s+(?:the\s+)?$", re.I
)


def _titled_name(g: Gazetteer, s: str, toks: list[Token], i: int) -> bool | None:
    """'Pope Francis', 'King Abdullah': a name that holds its title says its bearer serves
    (unless 'late', 'former' or 'the funeral of' comes before it); None (judged by the day)
    for other names."""
    if (toks[i].low,) not in g.titles or i + 1 >= len(toks) or not toks[i + 1].cap:
        return None
    if i and toks[i - 1].low in DEMOTE:
        return False
    return not _DEATH.search(s[max(0, toks[i].start - 40) : toks[i].start])


def _of_country(
    g: Gazetteer, s: str, toks: list[Token], i: int, j: int, day: dt.date
) -> Official | None:
    """'King Abdullah of Saudi Arabia': the official of the country named after the name whose
    name starts so, when the name alone stands for someone of another country."""
    of = of_place(g, s, toks, j)
    if of is None:
        return None
    name = key(toks[i:j])
    same = [
        o
        for o in g.by_country.get(of[1], [])
        if any(phrase_key(a)[: len(name)] == name for a in (o.canonical, *o.aliases))
    ]
    return g.pick(same, day) if same else None


def _rule_of(s: str, toks: list[Token], j: int) -> bool:
    """Does a word naming a government or a time ("administration", "era") follow the name
    that ends before token ``j``?"""
    return 0 < j and not toks[j - 1].poss and bool(_RULE_OF.match(s, toks[j - 1].end))


def _bare(g: Gazetteer, s: str, toks: list[Token], i: int, day: dt.date) -> list[Mention]:
    """A surname on its own ('Herzog said'); never a longer proper noun ('Michael Herzog')."""
    t = toks[i]
    if "-" in t.text and t.norm not in g.name_starts:
        parts = t.text.split("-")
        if len(parts) == 2 and all((p,) in g.surnames for p in parts):
            cands = [g.pick(g.surnames[(p,)], day) for p in parts]
            return [known(g, toks, i, i + 1, o, day, (), None, weak=True) for o in cands]
    for j in range(min(len(toks), i + 4), i, -1):
        if not all(adjacent(s, toks[n], toks[n + 1]) for n in range(i, j - 1)):
            continue
        found = g.surnames.get(key(toks[i:j]))
        if not found:
            continue
        prev = toks[i - 1] if i else None
        if prev and prev.low in PARTICLES and adjacent(s, prev, t):
            return []  # the end of a longer name: "Mohammed bin Salman"
        if prev and prev.cap and adjacent(s, prev, t) and prev.text not in g.not_name:
            if place_before(g, s, toks, i) is None:
                return []  # another first name: "Michael Herzog" is not Isaac Herzog
        if _rule_of(s, toks, j):
            return []  # "the Trump administration", "the Putin era": a government, not a person
        after = toks[j] if j < len(toks) else None
        if after and after.cap and adjacent(s, toks[j - 1], after) and not toks[j - 1].poss:
            if after.text not in g.not_name and place_at(g, s, toks, j) is None:
                return []  # part of a longer proper noun: "Harris County", "Wang Wenbin"
        return [known(g, toks, i, j, g.pick(found, day), day, (), None, weak=True)]
    return []


def _heir_only(key: str | None, roles: tuple[str, ...]) -> bool:
    """Does the gazetteer list this official under the title's office only as one that is no
    senior office (an heir who does not govern)?"""
    o = gazetteer().by_id.get(key or "")
    if o is None:
        return False
    named = [r for r in o.roles if r.title in roles]
    return bool(named) and not any(r.senior for r in named)


def _merge_appositions(sentence: str, found: list[Mention]) -> list[Mention]:
    """'Irfaan Ali, the president of Guyana,': the title describes the name just before it;
    'the President of Chile, Sebastián Piñera': the name after it says who holds the title.
    A title glued to more capitalised words ('President of the X Council Y') is the start of
    a longer office: nobody's title of its own."""
    out: list[Mention] = []
    for m in found:
        if m.person is None and m.key is None and m.title and _LONGER_OFFICE.match(sentence, m.end):
            continue
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.person is None
            and prev.key is None
            and m.person is not None
            and not m.weak
            and (
                _NAMED_AFTER.match(sentence[prev.end : m.start])
                or (bool(prev.title) and _OFFICE_TAIL.fullmatch(sentence[prev.end : m.start]))
                # "President of X, Given Names Surname": the first names the gazetteer lacks
                or (
                    prev.country is not None
                    and m.country == prev.country
                    and _NAMES_BETWEEN.fullmatch(sentence[prev.end : m.start])
                )
            )
            and (prev.country is None or m.country in (None, prev.country))
        ):
            # the title says the person holds the office then: their role is the title's,
            # unless that office is no senior one for them ("the Crown Prince of Jordan, X")
            senior = prev.senior and not _heir_only(m.key, prev.roles)
            out[-1] = replace(
                m, start=prev.start, senior=senior, roles=prev.roles, title=prev.title
            )
            continue
        if (
            prev is not None
            and m.person is None
            and prev.person is not None
            and _APPOSITION.match(sentence[prev.end : m.start])
            and not (m.title and _NEXT_ITEM.match(sentence, m.end))
        ):
            if prev.key and prev.key.startswith("?") and prev.person.country is None:
                person = prev.person.model_copy(update={"country": m.country})
                prev = replace(prev, person=person, country=m.country, senior=m.senior)
            # "Shigeru Ishiba, the Japanese prime minister,": the title says he holds it, as
            # "Prime Minister Shigeru Ishiba" does
            o = gazetteer().by_id.get(prev.key or "")
            titled = o is not None and bool({r.title for r in o.roles} & set(m.roles))
            senior = m.senior if titled else prev.senior
            senior = senior and not _heir_only(prev.key, m.roles)
            out[-1] = replace(prev, end=m.end, possessive=m.possessive, weak=False, senior=senior)
            continue
        out.append(m)
    return out
