"""Vague or earlier times: a contact placed "last month" or "in May" is history, one placed
"earlier in the week" has no date we can give (null, not a guess)."""

from __future__ import annotations

import datetime as dt
import re

from .dates import MONTH, MONTHS

_PAST_PERIOD = re.compile(
    r"\b(?:last|previous|past) (?:month|year|spring|summer|autumn|fall|winter)\b|"
    r"\b(?:earlier|late|early) (?:this|last) (?:year|month)\b|\b(?:weeks|months|years) ago\b|"
    r"\b(?:in|last) (?:early |late |mid-)?" + MONTH + r"(?!\s+\d{1,2}\b)\b|\bin (?:19|20)\d\d\b",
    re.IGNORECASE,
)

_VAGUE = re.compile(
    r"\b(?:earlier|later)\s+(?:in\s+)?(?:the|this)\s+(?:week|month)\b|\bin recent (?:days|weeks)\b|"
    r"\brecently\b|\bat some point\b|\blast week\b|\bin (?:the )?past (?:few )?(?:days|weeks)\b"
    # "Earlier, X held phone talks with Y", "has already held calls with": before, undated
    r"|\b(?:earlier|already|previously)\b(?!\s+(?:in\s+the\s+day|today|on\b|this\s+(?:morning|"
    r"afternoon|evening)))"
    # "In early October, X had a phone call with Y": a month, no day
    r"|\b(?:in|during) (?:early |late |mid-)?" + MONTH + r"(?!\s+\d{1,2}\b)\b",
    re.IGNORECASE,
)


# "a first since the cabinet was sworn in last week", "since their meeting in early October": the
# vague time dates what came before, not the contact the sentence states
_SINCE = re.compile(r"\bsince\b[^,;.:()]{0,60}$", re.IGNORECASE)
# "since X took office last month": the period ends the since-clause (not "since X took office
# was in June", where the clause has ended)
_SINCE_CLAUSE = re.compile(r"\bsince\b(?:(?!\b(?:was|were|is|are)\b)[^,;])*$", re.IGNORECASE)


def vague_time(sentence: str) -> bool:
    """Does the sentence place its contact only vaguely ("earlier in the week", "recently",
    "already", "in early October")? Not a time inside a "since ..." clause.
    Then the contact's date is unknown (null), not borrowed from a neighbouring sentence."""
    return any(
        not _SINCE.search(sentence[max(0, m.start() - 70) : m.start()])
        for m in _VAGUE.finditer(sentence)
    )


def past_period(
    sentence: str, around: int, anchor: dt.date | None, reach: int = 120, months_past: bool = False
) -> bool:
    """Is the contact near ``around`` placed in an earlier period ("last month", "in May",
    "in 2021") rather than on a day: something recalled, not this article's news?
    (``months_past``: a month named alone is past even when the article's month is unknown.)"""
    for m in _PAST_PERIOD.finditer(sentence):
        if abs(m.start() - around) > reach:
            continue
        if m.start() > around and _SINCE_CLAUSE.search(sentence[around : m.start()]):
            continue  # "their first call since X took office last month": the period is X's
        mon = m.groupdict().get("mon")
        year = re.match(r",?\s+((?:19|20)\d\d)\b", sentence[m.end() :])
        if anchor is None and year:
            return True  # "in November 2024": a month past, whenever the article was written
        # "met in Moscow last July": never this week (when it stands by the contact)
        last = m.group().lower().startswith("last") and abs(m.start() - around) <= 60
        if (
            mon
            and not (months_past or last)
            and (anchor is None or MONTHS[mon[:3].lower()] == anchor.month)
        ):
            continue  # "in March" in a March article (or one of unknown date) may be this week
        return True
    return False


# "In 2002, X met Y", "back in March 2019": the one earlier year a sentence places its contact in
_TOLD_YEAR = re.compile(
    r"\b(?:(?:[Ii]n|[Dd]uring|[Bb]ack\s+in)\s+(?:(?:early|late|mid-?)\s*)?(?:" + MONTH + r",?\s+)?"
    r"|" + MONTH.replace("mon>", "mon2>") + r"\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+"
    r"|(?P<d3>\d{1,2})(?:st|nd|rd|th)?\s+" + MONTH.replace("mon>", "mon3>") + r",?\s+)"
    r"(?P<year>(?:19|20)\d\d)\b(?!\s*[-–]\s*\d)"
)
_ANY_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def told_year(sentence: str, day: dt.date) -> dt.date | None:
    """A day inside the one earlier year the sentence places its contact in ("In 2002, X met
    Y", "after their meeting in Rome on June 3, 2016"), for reading its officials' offices
    then; None when it names no year, several years, or the year of ``day``."""
    if "19" not in sentence and "20" not in sentence:
        return None  # no year 19xx or 20xx (a substring test, cheaper than the regex)
    years = set(_ANY_YEAR.findall(sentence))
    if len(years) != 1:
        return None
    m = _TOLD_YEAR.search(sentence)
    if m is None:
        return None
    year = int(m.group("year"))
    if year >= day.year:
        return None
    mon = m.group("mon") or m.group("mon2") or m.group("mon3")
    if not mon:
        return dt.date(year, 7, 1)
    try:
        return dt.date(year, MONTHS[mon[:3].lower()], int(m.group("d2") or m.group("d3") or 15))
    except ValueError:  # "February 30, 2016"
        return dt.date(year, MONTHS[mon[:3].lower()], 15)
