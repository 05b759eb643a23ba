"""Which state a text's bare titles belong to: the seat whose spokesperson the lead quotes ("A
Downing Street spokesperson said:"), and offices only one state has ("the Taoiseach")."""

from __future__ import annotations

import re
from functools import cache

from .people import gazetteer, place_code

# "A Downing Street spokesperson said", "Kremlin spokesman Dmitry Peskov said"
_SPOKESPERSON = re.compile(
    r"\b((?:[A-Z][\w’'.-]*|of|the)(?:\s+(?:[A-Z][\w’'.-]*|of|the)){0,3})(?:'s|’s)?\s+"
    r"(?:spokes(?:person|man|woman)|press\s+(?:office|service|secretary))\b"
)
_LEAD = 6  # sentences where a spokesperson speaks for the text's government


def spokesperson_of(texts: list[str]) -> str | None:
    """The country of the seat or government whose spokesperson the text quotes first."""
    for text in texts[:_LEAD]:
        if "spokes" not in text and "press" not in text:
            continue  # none of the pattern's (case-sensitive) nouns: nothing to search for
        for found in _SPOKESPERSON.finditer(text):
            words = found.group(1).split()
            for i in range(len(words)):  # "A Downing Street": the longest place at its end
                code = place_code(" ".join(words[i:]))
                if code is not None:
                    return code
    return None


# A press-release aggregator's boilerplate: "British Prime Minister's Office published this
# content on 11 January 2017 and is solely responsible for ..."
_PUBLISHER = re.compile(
    r"\b((?:[A-Z][\w’'.-]*|of|the)(?:\s+(?:[A-Z][\w’'.-]*|of|the)){0,5})\s+published\s+this\s+"
    r"content\b"
)


# "Distributed by APO Group on behalf of Ministry of Foreign Affairs, Kenya."
_ON_BEHALF = re.compile(r"\bDistributed by [\w .]{1,30}? on behalf of ((?:[\w’'.-]+[ ,]*){1,10})")


def publisher_of(texts: list[str]) -> str | None:
    """The country of the government whose release an aggregator republished, from its
    boilerplate ("British Prime Minister's Office published this content on ...",
    "Distributed by APO Group on behalf of Ministry of Foreign Affairs, Kenya")."""
    for text in texts[::-1]:
        if "on behalf of" in text:
            for found in _ON_BEHALF.finditer(text):
                words = found.group(1).replace(",", " ").split()
                for i in range(len(words)):
                    for j in range(len(words), i, -1):
                        code = place_code(" ".join(words[i:j]))
                        if code is not None:
                            return code
        if "published this content" not in text:
            continue
        for found in _PUBLISHER.finditer(text):
            words = found.group(1).replace("’s", "").replace("'s", "").split()
            for i in range(len(words)):
                for j in range(len(words), i, -1):  # the first place it names: "British"
                    code = place_code(" ".join(words[i:j]))
                    if code is not None:
                        return code
    return None


# Offices only one state has: their bare title names that state ("the Taoiseach"); others
# ("the General Secretary", "the Premier") are titles of several, whatever the gazetteer holds.
_ONE_COUNTRY = frozenset({"Taoiseach", "Pope", "Emperor", "Grand Duke"})


@cache
def sole_country(roles: tuple[str, ...]) -> str | None:
    """The one country whose officials alone hold these titles ("Taoiseach"), if any."""
    wanted = set(roles)
    if not wanted <= _ONE_COUNTRY:
        return None
    countries = {
        o.country for o in gazetteer().by_id.values() if any(r.title in wanted for r in o.roles)
    }
    return next(iter(countries)) if len(countries) == 1 else None
