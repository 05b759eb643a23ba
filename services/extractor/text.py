"""Turn a page into clean text and the text into sentences, dropping captions and page furniture."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import trafilatura

MAX_HTML = 3_000_000  # bytes of markup handed to trafilatura; beyond that is never article text
MAX_TEXT = 60_000  # characters of text analysed; real readouts are far shorter

_CAPTION = re.compile(
    r"\bphoto(?:graph)?\s*(?:by|:|credit)|\((?:AP|AFP|Reuters)\s*Photo|\bfile\s+photo\b|"
    r"\bgetty\s+images\b|\b(?:AFP|Reuters|AP|EPA|Anadolu)/|\bimage:\s|\bcredit:\s|/GPO\b",
    re.IGNORECASE,
)
_META_PREFIX = re.compile(r"^\s*(?:date|published|updated)\s*:?\s*\d{4}-\d{2}-\d{2}\s*", re.I)
_BULLET = re.compile(r"^\s*(?:[•·▪●◦*–-]|\d+[.)])\s+")
_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "gen",
    "lt",
    "col",
    "sgt",
    "gov",
    "sen",
    "rep",
    "jr",
    "sr",
    "no",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.k",
    "u.n",
    "e.u",
    "a.m",
    "p.m",
    "inc",
    "corp",
    "vs",
    "etc",
    "prof",
    "hon",
    "rev",
}
_SPLIT = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")


def html_to_text(html: str) -> tuple[str, str | None, dt.date | None]:
    """(text, title, published date from page metadata) of an HTML page; empty text if none."""
    return extract_html(html, want_metadata=True)


def extract_html(html: str, want_metadata: bool) -> tuple[str, str | None, dt.date | None]:
    """Main text of ``html``; metadata only when asked, because it costs a second parse."""
    html = html[:MAX_HTML]
    if not want_metadata:
        text = trafilatura.extract(html, include_comments=False, include_tables=False)
        return text or "", None, None
    doc = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=False, with_metadata=True
    )
    if doc is None:
        return "", None, None
    text = getattr(doc, "text", None) or ""
    title = getattr(doc, "title", None)
    published = _parse_date(getattr(doc, "date", None))
    return text, title, published


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _unwrap(text: str) -> list[str]:
    """Lines of ``text``; hard-wrapped prose (fixed-width lines) is re-joined into paragraphs."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    filled = [len(a) for a, b in itertools.pairwise(lines) if a.strip() and b.strip()]
    if len(filled) < 3 or sum(55 <= n <= 82 for n in filled) < 0.6 * len(filled):
        return lines
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]


def clean_lines(text: str) -> list[str]:
    """Paragraph lines without captions, bullets and metadata prefixes; duplicates kept once."""
    seen: set[str] = set()
    lines: list[str] = []
    for raw in _unwrap(text[:MAX_TEXT]):
        line = _META_PREFIX.sub("", _BULLET.sub("", raw)).strip()
        line = line.replace("\\#", "#").replace("\u00a0", " ")
        if not line or _CAPTION.search(line):
            continue
        key = line.lower().rstrip(". ")
        if key in seen:
            continue
        seen.add(key)
        lines.append(line)
    return lines


def split_sentences(line: str) -> list[str]:
    """Split one paragraph into sentences, not breaking after common abbreviations or initials."""
    out: list[str] = []
    start = 0
    for m in _SPLIT.finditer(line):
        head = line[start : m.start()].rstrip('"”’)')
        last = head.rsplit(None, 1)[-1] if head.split() else ""
        word = last.rstrip(".").lower()
        if word in _ABBREV or (len(word) == 1 and word.isalpha()):
            continue
        out.append(line[start : m.start() + len(m.group(0))].strip())
        start = m.end()
    tail = line[start:].strip()
    if tail:
        out.append(tail)
    return out


def sentences(text: str) -> list[str]:
    """All sentences of ``text`` in order, captions and repeated lines removed."""
    result: list[str] = []
    seen: set[str] = set()
    for line in clean_lines(text):
        for sentence in split_sentences(line):
            key = sentence.lower().rstrip(". ")
            if key not in seen:
                seen.add(key)
                result.append(sentence)
    return result
