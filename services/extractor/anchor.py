"""The day a document speaks from, when its input gives none: its own date line or dateline,
never the clock. Relative dates ("on Friday", "today") resolve against this day; without one
they stay unknown. Roles are read at this day, else at the date the page's address states,
else at the latest date the text states.

Page furniture around the article is not its date: a site header's date beside the weather, a
photo caption describing an earlier picture ("pose for photographers ... Sept. 25, 2015")."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from . import dates
from .tenure import named_day

HEAD = 5  # sentences (headline included) where a page states its own date
_CAPS = re.compile(r"\b[A-Z]{3,9}\b")
# The picture's words: a caption dates the photo, not the article.
_CAPTION = re.compile(
    r"\((?:left|right|centre|center|L|R|C|2nd [LR]|file)\)|\bpose[sd]? for (?:a )?(?:photo|picture|"
    r"photographers)|\bshake hands\b|\bare pictured\b|\bis pictured\b|\bphoto\b|\bpictured\b",
    re.IGNORECASE,
)
# Gate of ``_CAPTION``: each of its phrases holds "(" or one of these words (tested on the
# lower-cased sentence; none has an "i", "s" or "k", letters IGNORECASE also matches in "ı",
# "İ", "ſ", "K", which lower() keeps apart): most head sentences need no caption search.
_CAPTION_WORDS = ("photo", "ture", "hand")


def _caption(sentence: str) -> bool:
    if "(" not in sentence:
        low = sentence.lower()
        if not any(word in low for word in _CAPTION_WORDS):
            return False
    return _CAPTION.search(sentence) is not None


_WEATHER = re.compile(r"^\s*-?\d{1,2}(?:[.,]\d)?\s*°?\s*[CF]\b")
# Before a date or year: perhaps one still to come ("by 2030", "a term starting on ...").
# "TASHKENT, Uzbekistan, July 10.", "BEIJING, Nov. 16 (Xinhua) --", "YEREVAN, MAY 3, ARMENPRESS."
_DATELINE = re.compile(
    r"^[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,3}(?:\s*\[[\w .'’-]{2,30}\])?"  # "New Delhi [India]"
    r"(?:,\s*[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,2})?[,.]\s+"
)
# What may stand before a date that opens a line or lead ("On Tuesday, 27 February 2024, ...")
_LINE_START = re.compile(
    r"\s*(?:(?:on|dated?|published|updated|posted)\s*:?\s*)?(?:[A-Z][a-z]+day,?\s*)?", re.I
)
# ... and after a date that ends a line ("15 September 2017", "... 2017 13:55", "2017.")
_LINE_END = re.compile(r"\s*(?:[-|,]?\s*\d{1,2}[:.]\d\d(?:\s*[AaPp]\.?[Mm]\.?)?)?\s*[.,:]?\s*")
# A headline's date closes it after a colon or dash ("PM call with President Trump: 15 ...")
_HEADING_END = re.compile(r"(?:^|[:|–—-])\s*(?:[A-Z][a-z]+day,?\s*)?$")
_OTHER = re.compile(
    r"\b(?:until|till|before|by|starting|beginning|effective|to|through)"
    r"\s+(?:on\s+|in\s+)?(?:the\s+)?(?:[A-Z][a-z]+\s+)?$",
    re.I,
)
# the end of a term in brackets ("Former Prime Minister X (2018 - 2022)"): when an official
# left office, not when the text was written
_TERM_END = re.compile(r"\(\s*(?:19|20)\d\d\s*[-–—]\s*(?:19|20)\d\d\s*\)$")
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(?<!post-)(?<!pre-)\b((?:19[89]|20[0-9])\d)\b(?![-/.]\d)", re.I)


# Month names of the languages whose outlets publish English editions: a date line keeps
# the site's language ("11. oktobar 2024 14:10", "2025. október 20.", "31 de maio de 2023")
_FOREIGN_MONTHS = {
    "Jan": "januar janvier enero janeiro gennaio január",
    "Feb": "februar février fevrier febrero fevereiro febbraio február",
    "Mar": "mart märz maerz mars marzo março március",
    "Apr": "avril abril aprile április",
    "May": "maj mai mayo maio maggio május",
    "Jun": "jun juni juin junio junho giugno június",
    "Jul": "jul juli juillet julio julho luglio július",
    "Aug": "avgust august août aout agosto augusztus",
    "Sep": "septembar septembre septiembre setembro settembre szeptember",
    "Oct": "oktobar oktober octobre octubre outubro ottobre október",
    "Nov": "novembar novembre noviembre novembro",
    "Dec": "decembar dezember décembre decembre diciembre dezembro dicembre",
}
_MONTH_OF = {w: en for en, words in _FOREIGN_MONTHS.items() for w in words.split()}
_FOREIGN = re.compile(
    r"(?:(?P<y>\d{4})\.\s*)?(?<![\w])(?P<m>"
    + "|".join(sorted(_MONTH_OF, key=len, reverse=True))
    + r")(?![\w])(?:\s+(?P<d>\d{1,2})\b\.?(?:-\w+)?)?",
    re.IGNORECASE,
)
_DAY_DOT = re.compile(r"\b(\d{1,2})\.\s+(?=[A-Z][a-z]{2})|\s+de\s+(?=\d{4}\b|[A-Z][a-z]{2})")


def _english(line: str) -> str:
    """A date line in another language in English words: "11. oktobar 2024" -> "11 Oct 2024",
    "2025. október 20." -> "Oct 20, 2025", "31 de maio de 2023" -> "31 May 2023"."""

    def month(m: re.Match[str]) -> str:
        en = _MONTH_OF[m.group("m").lower()]
        if m.group("y") and m.group("d"):
            return f"{en} {m.group('d')}, {m.group('y')}"
        return en + (f" {m.group('d')}" if m.group("d") else "")

    return _DAY_DOT.sub(
        lambda m: f"{m.group(1)} " if m.group(1) else " ", _FOREIGN.sub(month, line)
    )


def _dated(sentence: str) -> list[dates.DateMention]:
    """Date expressions of ``sentence``, reading upper-case month names ("MAY 3") as well, and
    a short date line's month names in other languages."""
    fixed = _CAPS.sub(lambda m: m.group().title(), sentence) if _CAPS.search(sentence) else sentence
    if len(fixed) < 60 and _FOREIGN.search(fixed):
        fixed = _english(fixed)
    return dates.find(fixed)


def _full(mention: dates.DateMention) -> dt.date | None:
    """The day a date expression names with its year, if it does."""
    g = mention.match.groupdict()
    if mention.kind != "absolute" or not (g.get("iso") or g.get("year") or g.get("mon") is None):
        return None
    return dates.resolve(mention, dt.date.max)


def text_date(sents: list[str], limit: dt.date) -> dt.date | None:
    """The document's own date from its first sentences: a date line ("06 December 2022"), a
    headline's ("PM call with President Trump: 15 September 2017"), a dated lead ("On October
    25, 2017, ..."). Not one after ``limit`` (a page cannot speak from after it was read), nor
    one beside a weather reading (a site header), nor a caption's, nor one inside a sentence
    ("a term starting on December 1, 2024")."""
    head = sents[:HEAD]
    for i, sentence in enumerate(head):
        if not _DIGIT.search(sentence):
            continue  # a full date has a number: a sentence without one has none (cheap test)
        if _caption(sentence):
            continue
        near = head[max(0, i - 1) : i + 2]
        if any(_WEATHER.match(s) for s in near):
            continue  # "22.3 C | August 17, 2022": the site's header, today's date there
        for mention in _dated(sentence):
            day = _full(mention)  # first: cheaper than the tests of where the date stands
            if day is None or day > limit:
                continue
            before, after = sentence[: mention.start], sentence[mention.end :]
            opens = _LINE_START.fullmatch(before) or _DATELINE.fullmatch(before)
            closes = _LINE_END.fullmatch(after) and _HEADING_END.search(before)
            if opens or closes:
                return day
    return None


# A press-release aggregator's boilerplate dates the release it republished
_RELEASED = re.compile(
    r"\b(?:published this content|[Dd]istributed by [\w ,]{0,40}?) on\s+"
    # a cache's footer: "..., post(ed) on example.com at January 22, 2021"
    r"|\bpost(?:ed)? on (?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,} (?:at|on)\s+",
    re.IGNORECASE,
)


def release_date(text: str, limit: dt.date) -> dt.date | None:
    """The date an aggregator's boilerplate gives its release ("... published this content on
    11 January 2017", "Distributed by Public, unedited and unaltered, on 11 January 2017")."""
    for found in _RELEASED.finditer(text):
        mention = next(iter(dates.find(text[found.end() : found.end() + 40])), None)
        if mention is not None and mention.start == 0:
            day = _full(mention)
            if day is not None and day <= limit:
                return day
    return None


def dateline_date(
    sents: list[str], stated: dt.date | None, fetched: dt.date | None
) -> dt.date | None:
    """A dateline's month and day without a year ("TASHKENT, Uzbekistan, July 10."), in the
    year of a date the text states shortly before it (within two months), else the last such
    day up to the fetch."""
    for sentence in sents[:HEAD]:
        line = _DATELINE.match(sentence)
        if line is None:
            continue
        mention = next(iter(_dated(sentence[line.end() : line.end() + 20])), None)
        g = mention.match.groupdict() if mention is not None and mention.start == 0 else {}
        if not g.get("mon") or g.get("year"):
            continue
        month, day = dates.MONTHS[g["mon"][:3].lower()], int(g["day"])
        if stated is not None:
            found = dates.infer_year(month, day, stated + dt.timedelta(days=60))
            if found is not None and found >= stated:
                return found
        if fetched is not None:
            return dates.infer_year(month, day, fetched)
    return None


def latest_stated(text: str, limit: dt.date) -> dt.date | None:
    """The latest full date the text states, up to ``limit``: the best evidence of when it was
    written, for reading who held an office (never given as a contact's date)."""
    found = [
        day
        for m in dates.find(text)
        if (day := _full(m)) is not None
        and day <= limit
        and not _OTHER.search(text[max(0, m.start - 20) : m.start])
    ]
    if found:
        return max(found)
    years = [
        int(m.group(1))
        for m in _YEAR.finditer(text)
        if int(m.group(1)) <= limit.year
        and not _OTHER.search(text[max(0, m.start() - 20) : m.start()])
        and not _TERM_END.search(text[max(0, m.start() - 12) : m.end() + 2])
    ]
    return min(dt.date(max(years), 7, 1), limit) if years else None


# a page address's date: "/2021/05/14/", "2016-11/09", "-14-may-2021", "/24-Aug-2018/"
_URL_DAY = re.compile(
    r"(?<![\d])(?P<y>(?:19|20)\d\d)[/-](?P<m>0[1-9]|1[0-2])[/-](?P<d>0[1-9]|[12]\d|3[01])(?!\d)"
    r"|(?<![\d])(?P<d2>[0-3]?\d)-(?P<m2>" + "|".join(dates.MONTHS) + r")[a-z]*-"
    r"(?P<y2>(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
# the year and month alone: "/2021/04/slug"
_URL_MONTH = re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>0[1-9]|1[0-2])/")


def url_day(url: str | None, limit: dt.date) -> dt.date | None:
    """The date a page's address states (its month's first day when it states no day), up to
    ``limit``: when the page was put up, for reading who held an office then (never given as a
    contact's date: "The Prime Minister spoke to ..." on gov.uk's ".../pm-call-...-14-may-2021")."""
    if not url:
        return None
    path = urlsplit(url).path
    found = _URL_DAY.search(path)
    try:
        if found is not None and found["y"]:
            day = dt.date(int(found["y"]), int(found["m"]), int(found["d"]))
        elif found is not None:
            month = dates.MONTHS[found["m2"].lower()[:3]]
            day = dt.date(int(found["y2"]), month, int(found["d2"]))
        elif (month_only := _URL_MONTH.search(path)) is not None:
            day = dt.date(int(month_only["y"]), int(month_only["m"]), 1)
        else:
            return None
    except ValueError:  # "31-feb-2021"
        return None
    return day if day <= limit else None


def reference_days(
    published: dt.date | None,
    fetched_at: dt.datetime | None,
    sents: list[str],
    text: str,
    url: str | None = None,
) -> tuple[dt.date | None, dt.date, bool]:
    """(the day relative dates count from, or None; the day roles are read at; whether that
    day has evidence). The first is the publication date, else the text's own date or
    dateline, else the fetch's day. Roles without any of these are read at the date the page's
    address states, else the latest date or year the text states, else today: the gazetteer's
    current holders, a guess never given as a date (and not trusted to name who a bare title
    means)."""
    fetched = fetched_at.date() if fetched_at is not None else None
    limit = (fetched or dt.date.today()) + dt.timedelta(days=1)
    if published is not None:
        # a dateline or date line a day or three before the page's date (a wire story stamped
        # when republished, or in a later time zone): "today" and "on Monday" count from it
        own = text_date(sents, published) or dateline_date(sents, None, published)
        if own is not None and 1 <= (published - own).days <= 3:
            return own, published, True
        return published, published, True
    own = text_date(sents, limit)
    if own is None and any(
        w in text for w in ("content on", "istributed by", "ost on", "osted on")
    ):
        own = release_date(text, limit)
    if own is not None:
        return own, own, True
    stated = latest_stated(text, limit)
    day = dateline_date(sents, stated, fetched) or fetched
    # the address's date before the latest the text states (which may be an old event's)
    roles = day or url_day(url, limit)
    if roles is None and stated is not None:
        # the latest stated date bounds the page's date from below only: a later day on
        # which more of the officials it names were in office is the better guess
        roles = named_day(text, stated, limit)
    return day, roles or dt.date.today(), roles is not None


_JUST_DONE = re.compile(
    r"\b(?:has|have)\s+(?:just\s+)?(?:spoken|talked|held|had|met|received|hosted|called|phoned|"
    r"welcomed|conducted)\b",
    re.IGNORECASE,
)
_TODAY = re.compile(r"\b(?:today|tonight|this (?:morning|afternoon|evening))\b", re.IGNORECASE)
# a contact told as under way as the story is written: "X is currently hosting Y", "the two
# are now holding talks" (not "is hosting Y next week": the adverb says it is going on now)
_UNDER_WAY = re.compile(
    r"\b(?:is|are)\s+(?:currently|now|at present)\s+(?:hosting|receiving|meeting|holding|"
    r"in\s+talks|in\s+a\s+meeting|speaking|talking)\b",
    re.IGNORECASE,
)


# A story relaying another outlet's report: the page's date line dates the relay, not the
# contact the other outlet told ("..., Anadolu reports.", "the X News Agency said that ...",
# "(Own News / Other - <date>)", "as reported by X", a syndicated feed's note)
_NAME = r"(?:the\s+)?([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3})"
_RELAYED = (
    re.compile(r",\s+" + _NAME + r"\s+(?:reports|reported)\s*\.?\s*$"),
    re.compile(
        r"\b([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3}\s+News\s+Agency)\s+(?:said|says|reports|reported)\b"
    ),
    re.compile(r"\([^()/]{2,40}/\s*([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})\s*[-\u2013]"),
    re.compile(r"\bas reported by\s+" + _NAME),
)
_GOING_ON = re.compile(
    r"\b(?:is|are)\s+(?:currently\s+|now\s+)?(?:holding|hosting|receiving|meeting|speaking|talking)\b"
)
_SYNDICATED = re.compile(r"\bfrom a syndicated feed\b", re.IGNORECASE)


def _own_outlet(name: str, host: str) -> bool:
    """Does the outlet ``name`` name the page's own site ("Trend" on trend.az)?"""
    words = [w for w in re.findall(r"[a-z]+", name.lower()) if len(w) >= 4]
    labels = [x for x in host.split(".") if len(x) >= 4 and x not in {"www", "news"}]
    compact = "".join(re.findall(r"[a-z]+", name.lower()))
    return any(w in host for w in words) or any(x in compact for x in labels)


def relayed(sents: list[str], told: list[str], text: str, url: str | None) -> bool:
    """Is the news told as another outlet's report (not the page's own): then the page's date
    line or dateline is the day of the relay, and the contact's own day is not stated."""
    if any(_GOING_ON.search(s) for s in told):
        return False  # "X is holding a call with Y, a spokesman said": on the report's day
    if _SYNDICATED.search(text):
        return True
    host = urlsplit(url).netloc.lower() if url else ""
    for s in [*sents[:4], *told]:
        for rx in _RELAYED:
            for m in rx.finditer(s):
                if not _own_outlet(m.group(1), host):
                    return True
    return False


def day_stated(sents: list[str], body_start: int, lead: int, told: list[str]) -> bool:
    """Does the text itself date its news: a date line or dateline at its head, "today" in its
    lead or a contact told as under way ("is currently hosting"), or the contact ``told`` as
    just done ("has spoken with")? Then the news contact the
    lead leaves undated happened that day; otherwise only the page's metadata would date it,
    and its date stays unknown."""
    limit = dt.date.max - dt.timedelta(days=2)
    if text_date(sents, limit) is not None or dateline_date(sents, None, limit) is not None:
        return True
    if any(dates.BRACKET_LINE.match(s) for s in sents[body_start : body_start + lead]):
        return True  # "WARSAW (Outlet / Agency - 16th November, 2022) ..."
    if any(_JUST_DONE.search(s) for s in told):
        return True
    return any(
        _TODAY.search(s) or _UNDER_WAY.search(s) for s in sents[body_start : body_start + lead]
    )
