"""When was an undated page written, judged by who it names in office? The latest year an
undated text states is only a lower bound of its date ("the 2006 resolution", "since February
2022" in a later story): reading roles at that year makes a page's current office-holders
nobody ("Macron" in 2015, "Abdelatty" in 2006). Officials named in full are evidence too: the
page was most likely written when they held the offices it gives them."""

from __future__ import annotations

import datetime as dt

from .lookup import name_at
from .people import gazetteer
from .tokens import tokenize


def named_officials(text: str) -> list[list[tuple[dt.date, dt.date | None]]]:
    """The terms (start, end) of each official the text names in full (canonical name or
    alias), one list per distinct name; bare titles and surnames are not read."""
    g = gazetteer()
    toks = tokenize(text)
    seen: dict[tuple[str, ...], list[tuple[dt.date, dt.date | None]]] = {}
    i = 0
    while i < len(toks):
        hit = name_at(g, text, toks, i) if toks[i].cap and toks[i].norm in g.name_starts else None
        if hit is None:
            i += 1
            continue
        end, found = hit
        name = tuple(t.norm for t in toks[i:end])
        seen.setdefault(name, [(r.start, r.end) for o in found for r in o.roles if r.senior])
        i = end
    return list(seen.values())


def _in_office(terms: list[tuple[dt.date, dt.date | None]], day: dt.date) -> bool:
    return any(start <= day and (end is None or day < end) for start, end in terms)


def named_day(text: str, stated: dt.date, limit: dt.date) -> dt.date:
    """The day to read roles at on a page dated only by the latest date its text states:
    ``stated``, unless the text names in full an official who first took office later (up to
    ``limit``, the fetch or today) and on that first day strictly more of the officials it names
    were in office; then the earliest such day, since the stated date bounds the page's date
    from below only."""
    terms = named_officials(text)
    if not terms:
        return stated

    def count(day: dt.date) -> int:
        return sum(_in_office(t, day) for t in terms)

    base = count(stated)
    if base == len(terms):
        return stated
    # only an official who first took office after ``stated`` dates the page later: one between
    # two terms on that day may be named as the former holder ("the former prime minister, now
    # elected to an EU post that starts in December")
    starts = sorted({first for t in terms if stated < (first := min(s for s, _ in t)) <= limit})
    best, best_n = stated, base
    for day in starts:
        n = count(day)
        if n > best_n:
            best, best_n = day, n
    return best
