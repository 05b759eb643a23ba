"""References to several leaders at once: "the leaders of France, Germany and the UK" (one
title-only mention per country) and blocs ("G20 leaders", "the Quad leaders", "15 leaders
representing Caribbean nations"), which stand for the other side of a multilateral contact."""

from __future__ import annotations

import re

from shared.schemas import Person

from .people import Mention, gazetteer
from .prefilter import may_match
from .titled import counterpart_roles
from .tokens import tokenize

GROUP_PREFIX = "?group:"
_GROUP_WORDS = (
    "leaders",
    "heads of",
    "allies",
    "counterparts",
    "partners",
    "presidents of",
    "prime ministers of",
    "foreign ministers of",
    "presidents",
    "prime ministers",
    "foreign ministers",
)
_PLACE = r"(?:the\s+)?[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){0,3}"
_LEADERS_OF = re.compile(
    rf"\b(?:leaders|heads(?: of (?:state|government))?|(?P<title>[Pp]residents|[Pp]rime "
    rf"[Mm]inisters|[Ff]oreign [Mm]inisters))\s+of\s+"
    rf"(?P<list>{_PLACE}(?:(?:,\s+|,?\s+and\s+){_PLACE}){{1,8}})"
)
# "the Presidents of Argentina and Chile": each country's holder of that office
_TITLES = {
    "presidents": "President",
    "prime ministers": "Prime Minister",
    "foreign ministers": "Foreign Minister",
}
# "his Hungarian, Lithuanian and Bulgarian counterparts": one counterpart per country
_DEMONYM = r"[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)?"
_COUNTERPARTS = re.compile(
    rf"\b(?:his|her|their)\s+(?P<list>{_DEMONYM}(?:(?:,\s+|,?\s+and\s+){_DEMONYM}){{1,8}})"
    rf"\s+counterparts\b"
)
# "his visiting counterparts from Argentina and Nigeria": the same, the countries named after
_COUNTERPARTS_FROM = re.compile(
    r"\b(?:his|her|their)\s+(?:(?:visiting|new|respective)\s+)?counterparts\s+(?:from|of)\s+"
    rf"(?P<list>{_PLACE}(?:(?:,\s+|,?\s+and\s+){_PLACE}){{1,8}})"
)
# "Argentina and Chile ..., said the presidents of both countries": the two countries the sentence
# named before the phrase, each with its holder of the office
_OF_BOTH = re.compile(
    r"\b(?:the\s+)?(?:(?P<title>presidents|prime\s+ministers|foreign\s+ministers)|leaders|heads"
    r"\s+of\s+(?:state|government)(?:\s+and\s+government)?)\s+of\s+(?:both|the\s+two)\s+"
    r"(?:countries|nations|states)\b"
    r"|\b(?:both|the\s+two)\s+(?:countries|nations)['’]\s+(?:(?P<title2>presidents|prime\s+"
    r"ministers|foreign\s+ministers)|leaders|heads\s+of\s+state)\b",
    re.IGNORECASE,
)
# "Somalia and South Sudan Presidents", "the French and German leaders": each country's holder
_PLACES_TITLE = re.compile(
    rf"\b(?P<list>{_DEMONYM}(?:(?:,\s+|,?\s+and\s+){_DEMONYM}){{1,8}})\s+"
    rf"(?P<title>[Pp]residents|[Pp]rime [Mm]inisters|[Ff]oreign [Mm]inisters|leaders)\b"
)
_WE = re.compile(r"\b[Ww]e,?\s+(?:the\s+)?$")
_BLOC = re.compile(
    r"\b(?P<bloc>G-?7|G-?20|Quad|QUAD|EU|European|NATO|ASEAN|APEC|Caribbean|CARICOM|Nordic|"
    r"Baltic|Bucharest Nine|B9|Transatlantic|transatlantic|Indo-Pacific|Pacific Islands?|"
    r"Central American|Latin American|African|Arab|Gulf|BRICS|Visegrad|E3|Allied)"
    r"(?:\s+[\w()-]+){0,3}?\s+(?:leaders|Leaders|heads of (?:state|government)|counterparts|"
    r"allies|Allies|partners)\b"
    r"|\bleaders of (?:the )?(?P<of>G-?7|G-?20|Quad|EU|European Union|NATO|ASEAN|APEC|CARICOM|"
    r"Caribbean(?: Community)?|Pacific Islands?(?: Forum)?|African Union|Arab League|GCC|"
    r"Gulf Cooperation Council|BRICS|Bucharest Nine|B9|Nordic|Baltic)"
    r"|\b(?P<count>\d{1,2}) (?:foreign |regional )?(?:leaders|heads of (?:state|government))"
    r" (?:from|of|representing) (?:\w+ ){0,3}?(?:nations|countries|states|governments)\b"
)


def group_mentions(
    sentence: str, low: str | None = None, before: list[Mention] | None = None
) -> list[Mention]:
    """Country-by-country mentions for a list of countries, and one mention per bloc.
    (``low``: ``sentence.lower()``, when known; ``before``: the sentence's named officials,
    whose roles "their counterparts" share.)"""
    low = sentence.lower() if low is None else low
    both = ("both" in low or "the two" in low) and ("countries" in low or "nations" in low)
    if not both and not may_match(low, (_GROUP_WORDS,)):
        return []  # every group phrase has one of these words
    found = []
    if "counterparts" in low:
        for m in [*_COUNTERPARTS.finditer(sentence), *_COUNTERPARTS_FROM.finditer(sentence)]:
            codes = _countries(m.group("list"))
            if len(codes) >= 2:
                named = [f for f in before or [] if f.end <= m.start()]
                roles = counterpart_roles(gazetteer(), named)
                found += [
                    Mention(m.start(), m.end(), None, None, True, roles, c, "counterpart")
                    for c in codes
                ]
    if any(w in low for w in _GROUP_WORDS[:2] + _GROUP_WORDS[5:]):
        for m in _LEADERS_OF.finditer(sentence):
            if _WE.search(sentence[: m.start()]):
                continue  # "We, the leaders of ...": a joint statement's voice, not a report
            codes = _countries(m.group("list"))
            if len(codes) >= 2:
                title = _TITLES.get((m.group("title") or "").lower())
                found += _holders(m.start(), _places_end(m), codes, title)
    if any(w in low for w in ("presidents", "prime ministers", "foreign ministers", "leaders")):
        for m in _PLACES_TITLE.finditer(sentence):
            codes = _countries(m.group("list"))
            if len(codes) < 2 or any(f.start <= m.start("title") < f.end for f in found):
                continue
            title = _TITLES.get(m.group("title").lower())
            # the title only: names stay their own
            found += _holders(m.start("title"), m.end("title"), codes, title)
    if both:
        for m in _OF_BOTH.finditer(sentence):
            codes = _countries(sentence[: m.start()])
            if len(codes) != 2 or any(f.start < m.end() and m.start() < f.end for f in found):
                continue
            title = _TITLES.get(
                " ".join((m.group("title") or m.group("title2") or "").lower().split())
            )
            found += _holders(m.start(), m.end(), codes, title)
    for m in _BLOC.finditer(sentence):
        if any(f.start <= m.start() < f.end for f in found):
            continue
        person = Person(name=None, role=" ".join(m.group(0).split()), country=None)
        key = GROUP_PREFIX + (m.group("bloc") or m.group("of") or m.group("count"))
        possessive = sentence[m.end() : m.end() + 1] in ("'", "’")  # "the G20 leaders' summit"
        found.append(Mention(m.start(), m.end(), person, key, True, possessive=possessive))
    return found


# the separators of a list of places: "A, B, and C", "A and B"
_LIST_SEP = re.compile(r",?\s+and\s+|,\s+")


def _places_end(m: re.Match[str]) -> int:
    """Where the list of places of ``m`` ends: after its last item that names a country.
    "the prime ministers of A, B and C and President of the European Council X": the list's
    pattern runs on over capitalised words ("President"); the span ends at "C", so that it
    does not cover the official named after the list (who would hide the list's leaders)."""
    text, at = m.group("list"), m.start("list")
    end = len(text)
    for sep in reversed(list(_LIST_SEP.finditer(text))):
        if _countries(text[sep.end() : end]):
            break
        end = sep.start()
    return at + end


def _holders(at: int, to: int, codes: list[str], title: str | None) -> list[Mention]:
    """One mention per country at ``at:to``: the holder of ``title`` ("President"), or without
    one each country's leader (Germany's is its chancellor, not its president)."""
    if title is None:
        leads = gazetteer().leader_roles
        return [Mention(at, to, None, None, True, _roles(leads.get(c)), c, "leader") for c in codes]
    return [Mention(at, to, None, None, True, (title,), c, title.lower()) for c in codes]


def _roles(leads: list[str] | None) -> tuple[str, ...]:
    """The roles "the leader of X" may mean, X's own leader first."""
    return tuple(dict.fromkeys([*(leads or [])[:1], "President", "Prime Minister"]))


def countries_in(text: str) -> list[str]:
    """The countries a list of place names names, in order ("Argentina, Chile and Peru")."""
    return _countries(text)


def _countries(text: str) -> list[str]:
    g = gazetteer()
    toks = tokenize(text)
    codes = []
    i = 0
    while i < len(toks):
        for j in range(min(len(toks), i + g.place_len), i, -1):
            code = g.places.get(tuple(t.norm for t in toks[i:j]))
            if code is not None:
                codes.append(code)
                i = j - 1
                break
        i += 1
    return list(dict.fromkeys(codes))
