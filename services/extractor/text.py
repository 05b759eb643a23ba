"""Turn article text into clean sentences: captions, photo credits and page furniture removed
sentence by sentence, so text that arrives as one long paragraph is cleaned as well."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from .prefilter import may_match

MAX_TEXT = 60_000  # characters of text analysed; real readouts are far shorter

_CREDIT = re.compile(
    r"\bphoto(?:graph)?\s*(?:by|:|credit)|\((?:AP|AFP|Reuters)\s*Photo|\bfile\s+photo\b|"
    r"\bgetty\s+images\b|\b(?:AFP|Reuters|AP|EPA|Anadolu|Xinhua|GPO)(?:/| via\b)|\bimage:\s|"
    r"\bcredit:\s|/GPO\b|\(photo\b|\bpool\s+photo\b",
    re.IGNORECASE,
)
# Cheap pre-check: every credit pattern contains one of these (lower-cased) strings.
_CREDIT_HINTS = (
    "photo", "getty", "image:", "credit:", " via ", "gpo", "afp/", "reuters/", "ap/", "epa/",
    "anadolu/", "xinhua/",
)  # fmt: skip
# The hints holding "/" or ":" are looked for only in text holding that character (one fast
# scan for six hints): ``may_credit`` is ``may_match`` with ``_CREDIT_HINTS``, at less cost.
_CREDIT_MARKED = tuple((mark, tuple(h for h in _CREDIT_HINTS if mark in h)) for mark in ("/", ":"))
_CREDIT_PLAIN = tuple(h for h in _CREDIT_HINTS if not any(m in h for m, _ in _CREDIT_MARKED))
_FURNITURE = re.compile(
    r"^(?:share(?: this)?|advertisement|read more|related|subscribe|sign up|follow us|"
    r"you have read \d+|register|listen to this article|click here)\b",
    re.IGNORECASE,
)
# A heading over links to other stories, and a line that is one such link.
_LINKS_HEADING = re.compile(
    r"^(?:related(?:\s+(?:stories|articles|news|posts|content|coverage|links|topics))?|"
    r"(?:read|see)\s+(?:also|more)|also\s+read|more\s+(?:stories|news|on\s+this(?:\s+story)?|"
    r"from\s+[\w ]{2,30})|you\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in)|"
    r"recommended(?:\s+for\s+you)?|most\s+(?:read|popular|viewed)|trending(?:\s+now)?|"
    r"latest\s+(?:news|stories)|top\s+stories|further\s+reading|check\s+(?:also|out)|"
    r"see\s+more|don[’']t\s+miss|must\s+read|editor[’']?s\s+picks?|in\s+other\s+news)\s*:?$",
    re.IGNORECASE,
)
_LINK_LINE = re.compile(
    r"^(?:read\s+also|also\s+read|read\s+more|see\s+also|related)\s*[:|–—-]", re.I
)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?$")
_META_PREFIX = re.compile(r"^\s*(?:date|published|updated)\s*:?\s*\d{4}-\d{2}-\d{2}\s*", re.I)
_BULLET = re.compile(r"^\s*(?:[•·▪●◦*–-]|\d+[.)])\s+")
_ABBREV = frozenset(
    "mr mrs ms dr st gen lt col sgt gov sen rep jr sr no jan feb mar apr jun jul aug sep sept "
    "oct nov dec u.s u.k u.n e.u a.m p.m inc corp vs etc prof hon rev maj capt adm cmdr "
    "h.e h.r.h ft mt".split()
)
# A sentence end: the punctuation, then (group 1) a closing quote and the space before the next
# sentence. (The punctuation is matched, not looked behind for: the scan then skips ahead.)
_SPLIT = re.compile(r"[.!?]([\"”’)]?\s+)(?=[\"“‘(]?[A-Z0-9])")


def _unwrap(text: str) -> list[str]:
    """Lines of ``text``; hard-wrapped prose (fixed-width lines) is re-joined into paragraphs."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    filled = [len(a) for a, b in itertools.pairwise(lines) if a.strip() and b.strip()]
    if len(filled) < 3 or sum(55 <= n <= 82 for n in filled) < 0.6 * len(filled):
        return lines
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]


def split_sentences(line: str) -> list[str]:
    """Split one paragraph into sentences, not breaking after common abbreviations or initials."""
    out: list[str] = []
    start = 0
    for m in _SPLIT.finditer(line):
        cut, end = m.span(1)
        words = line[start:cut].rstrip('"”’)').rsplit(None, 1)
        word = words[-1].rstrip(".").lstrip('("“‘').lower() if words else ""
        if word in _ABBREV or (len(word) == 1 and word.isalpha()):
            continue
        out.append(line[start:end].strip())
        start = end
    tail = line[start:].strip()
    if tail:
        out.append(tail)
    return out


def may_credit(low: str) -> bool:
    """Does the lower-cased text ``low`` hold one of ``_CREDIT_HINTS``?"""
    for hint in _CREDIT_PLAIN:
        if hint in low:
            return True
    return any(mark in low and may_match(low, (hints,)) for mark, hints in _CREDIT_MARKED)


def credit_at(sentence: str) -> int | None:
    """Where a photo credit ('Photo by X/GPO.', '(AP Photo/Evan Vucci)') starts, if any."""
    if not may_credit(sentence.lower()):
        return None
    m = _CREDIT.search(sentence)
    return m.start() if m else None


# Sentences run together with no space after the full stop ("on Tuesday.In a briefing")
# (the full stop is matched first and the letters before it looked back at: a pattern opening
# with a look-behind is tried at every character of the line, one opening with "." only at stops)
_RUN_ON = re.compile(r"\.(?<=[a-z0-9]{2}\.)(?=[A-Z][a-z]+\s)")
# "Milei meets Meloni in Rome In addition to meeting ...": a lead's opening phrase, capitalised
# in mid-line, starts a sentence
_HEADLINE_RUN_ON = re.compile(
    r"(?<=\w)\s+(?=(?:In addition to|According to|"
    r"On (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,)\s)"
)


def _paragraph(raw: str) -> list[str]:
    """The kept sentences of one line. A credit ends a caption: a sentence holding both goes,
    and a credit standing alone takes the caption sentence just before it along."""
    line = _META_PREFIX.sub("", _BULLET.sub("", raw)).strip()
    line = line.replace("\\#", "#").replace("\u00a0", " ")
    if "." in line:
        line = _RUN_ON.sub(". ", line)  # "on May 10.At the meeting": two sentences
    if "In " in line or "According " in line or "On " in line:
        line = _HEADLINE_RUN_ON.sub(". ", line)  # a headline run into the lead
    kept: list[str] = []
    low = line.lower()
    credits = may_credit(low)  # no sentence of most lines can hold one
    for sentence in split_sentences(line):
        where = credit_at(sentence) if credits else None
        if where is not None:
            if where < 3 and kept:
                kept.pop()  # the caption this credit belongs to
            continue
        if not _FURNITURE.match(sentence):
            kept.append(sentence)
    return kept


def _links_removed(lines: list[str]) -> Iterator[str]:
    """The lines of a page without its lists of links to other stories: after a "Related
    stories" (or "Read also", "More news", ...) heading, the headlines that follow (lines
    without a sentence's closing punctuation) up to the next sentence; "Read also: <headline>"."""
    links = False
    for line in lines:
        bare = line.strip()
        if _LINKS_HEADING.match(bare):
            links = True
            continue
        if links and (not bare or not _SENTENCE_END.search(bare)):
            continue
        links = False
        if _LINK_LINE.match(bare):
            continue
        yield line


# A quoted nickname between given name and surname: 'Ferdinand "Bongbong" Marcos Jr.'
_NICKNAME = re.compile(r"(?<=\b[A-Z][a-z]{2})(\w*)\s+[“\"‘][A-Z][\w-]+[”\"’]\s+(?=[A-Z][a-z])")


def _nickname_dropped(sentence: str) -> str:
    if "“" not in sentence and '"' not in sentence and "‘" not in sentence:
        return sentence
    return _NICKNAME.sub(r"\1 ", sentence)


def sentences(text: str) -> list[str]:
    """All sentences of ``text`` in order, captions, links to other stories and repeated
    sentences removed."""
    result: list[str] = []
    seen: set[str] = set()
    for raw in _links_removed(_unwrap(text[:MAX_TEXT])):
        for sentence in map(_nickname_dropped, _paragraph(raw)):
            key = sentence.lower().rstrip(". ")
            if key not in seen:
                seen.add(key)
                result.append(sentence)
    return result


# (with words only English uses often, so that a short brief dense with names and titles,
# "Ruto, Samia hold talks at State House ... where the two leaders held talks", still counts)
_ENGLISH = frozenset(
    "the and of to with was said that for is has have were from by "
    "on at his their which who during after between also its he they will talks held".split()
)
_ENGLISH_BYTES = frozenset(w.encode() for w in _ENGLISH)
_NOT_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())
# Bytes a-z kept, every other byte made a space: the runs of ASCII lower-case letters of a text
# encoded with one "?" per other character are its words, split at C speed.
_LETTER_RUNS = bytes(c if 97 <= c <= 122 else 32 for c in range(256))


def looks_english(text: str) -> bool:
    """English prose uses 'the', 'of', 'and', 'said' ... in one word out of ten or more;
    other languages (and binary junk) almost never do."""
    sample = text[:4000]
    letters = len(sample.encode("ascii", "ignore").translate(None, _NOT_LETTERS))
    if letters < 0.4 * len(sample.strip()):
        return False  # another script, or binary junk
    # the runs of [a-z] in the lower-cased sample (what ``re.findall("[a-z]+")`` finds)
    encoded = sample[:2500].lower().encode("ascii", "replace")
    words = encoded.translate(_LETTER_RUNS).split()
    return len(words) < 30 or sum(map(_ENGLISH_BYTES.__contains__, words)) >= 0.05 * len(words)
