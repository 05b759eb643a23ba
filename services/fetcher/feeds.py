"""Pure feed parsing: RSS 0.9x/1.0/2.0 and Atom bytes -> entries with absolute links.

A malformed feed that still yields entries is usable (its problem becomes a warning); one that
yields nothing raises ``SourceError`` with a one-line reason.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any
from xml.sax import SAXParseException

import feedparser
from lxml import html as lxml_html

from services.fetcher.listings import parse_index_page, parse_sitemap
from services.fetcher.models import FeedEntry, FeedParseResult
from services.fetcher.urls import absolute_http_url, normalise_url
from shared.errors import SourceError

__all__ = ["normalise_url", "parse_feed", "parse_index_page", "parse_sitemap"]

FULL_CONTENT_MIN_CHARS = 1000  # text of content:encoded / atom content that counts as an article
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)


def parse_feed(
    body: bytes,
    base_url: str,
    *,
    charset: str | None = None,
    full_content_min_chars: int = FULL_CONTENT_MIN_CHARS,
) -> FeedParseResult:
    """Parse feed bytes; relative links resolve against xml:base, then ``base_url``.

    ``charset`` is the one the HTTP header declared, if any; feedparser overrides it when the
    bytes disagree. Raises SourceError when the body yields no entries and is not a clean feed.
    """
    if not body.strip():
        raise SourceError("empty response body")
    if _HTML_START.match(body[:4096].lstrip(b"\xef\xbb\xbf")):
        raise SourceError("not a feed: HTML page served")
    # Always say "XML": a text/html or text/plain label would make feedparser flag every feed,
    # and text/xml without charset would force US-ASCII (RFC 3023) over the XML declaration.
    ctype = "application/xml" + (f"; charset={charset}" if charset else "")
    parsed = feedparser.parse(
        body,
        response_headers={"content-type": ctype, "content-location": base_url},
        sanitize_html=False,  # the extractor cleans HTML itself; keep the publisher's markup
    )
    # feedparser prepends an XML declaration line when the document has none.
    shift = 0 if body.removeprefix(b"\xef\xbb\xbf").startswith(b"<?xml") else 1
    warnings = [_bozo_reason(parsed.get("bozo_exception"), shift)] if parsed.get("bozo") else []
    if not parsed.entries:
        if warnings:
            raise SourceError(warnings[0])
        if not parsed.get("version"):
            raise SourceError("not a feed: no RSS, RDF or Atom root element")
    feed = parsed.get("feed", {})
    link = absolute_http_url(feed.get("link"), base_url) or base_url
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for raw in parsed.entries:
        entry = _entry(raw, base_url, full_content_min_chars)
        key = entry.keys()[0]
        if key not in seen:  # the same item listed twice is one entry
            seen.add(key)
            entries.append(entry)
    return FeedParseResult(
        entries=entries,
        title=_clean(feed.get("title")),
        link=link,
        format=parsed.get("version") or "",
        warnings=warnings,
    )


def _entry(raw: Any, base_url: str, min_chars: int) -> FeedEntry:
    # feedparser already applied xml:base to `link`; base_url covers links relative to the feed.
    url = absolute_http_url(raw.get("link"), base_url)
    guid = _clean(raw.get("id"))
    if url is None and guid:
        url = absolute_http_url(guid, base_url) if guid.startswith(("http:", "https:")) else None
    return FeedEntry(
        url=url,
        guid=guid,
        title=_clean(raw.get("title")),
        published=_date(raw.get("published_parsed") or raw.get("updated_parsed")),
        summary=(raw.get("summary") or "").strip() or None,
        content=_full_content(raw, min_chars),
    )


def _full_content(raw: Any, min_chars: int) -> str | None:
    best = max((c.get("value") or "" for c in raw.get("content") or []), key=len, default="")
    if not best.strip():
        return None
    try:
        text = lxml_html.fromstring(best).text_content()
    except Exception:  # lxml raises several types on odd fragments; length is all we need
        text = re.sub(r"<[^>]+>", " ", best)
    return best.strip() if len(" ".join(text.split())) >= min_chars else None


def _date(value: time.struct_time | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    except ValueError:
        return None


def _clean(value: str | None) -> str | None:
    """Collapse the whitespace that pretty-printed feeds wrap around titles and ids."""
    if not value:
        return None
    return " ".join(value.split()) or None


def _bozo_reason(exc: BaseException | None, line_shift: int) -> str:
    if isinstance(exc, SAXParseException):
        line = max((exc.getLineNumber() or 1) - line_shift, 1)
        return f"XML error at line {line}: {exc.getMessage()}"
    if exc is None:
        return "malformed feed"
    name = type(exc).__name__
    return f"{name}: {' '.join(str(exc).split())}"[:200]
