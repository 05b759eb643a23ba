"""HTML page -> main text, plus the headline and publication date when the input lacks them.

The page is parsed once. The headline and date, when the input lacks them, are read from the
usual meta tags and JSON-LD of that tree (cheap), instead of trafilatura's full metadata pass
(a second parse and date heuristics); when the input has both, trafilatura parses the page
itself and nothing else is read.

Text comes from trafilatura's own extractor alone (``fast``): the comparison with readability
and justext that its default mode adds costs about a third of the time and, on article pages,
gives the same text (it differs on home pages and section fronts). It earns its cost when the
extractor finds little, so a page yielding less than ``FULL_BELOW`` characters is extracted
again in the default mode.
"""

from __future__ import annotations

import datetime as dt
import re

import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

# Characters of markup given to trafilatura: an article's text comes well before that, and the
# cap bounds the time a giant page can take.
MAX_HTML = 1_500_000
# Fewer characters than this from the fast extraction: a stub, or a page trafilatura's own
# extractor under-reads, where its readability/justext fallbacks may find the article.
FULL_BELOW = 500

_DATE_KEYS = {
    "article:published_time", "og:published_time", "og:article:published_time", "datepublished",
    "date", "pubdate", "publishdate", "publish-date", "publish_date", "dc.date", "dc.date.issued",
    "dcterms.created", "dcterms.date", "sailthru.date", "parsely-pub-date", "article.published",
    "published_time", "citation_publication_date", "originalpublicationdate", "datecreated",
}  # fmt: skip
_TITLE_KEYS = ("og:title", "twitter:title", "headline")
_ISO = re.compile(r"(20\d\d|19\d\d)-(\d\d)-(\d\d)")
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")


def html_to_text(html: str) -> tuple[str, str | None, dt.date | None]:
    """(text, headline, publication date) of an HTML page; empty text if it has none."""
    return extract_html(html, want_metadata=True)


def extract_html(html: str, want_metadata: bool) -> tuple[str, str | None, dt.date | None]:
    """Main text of ``html``; headline and date only when asked."""
    source: str | HtmlElement = html[:MAX_HTML]
    title = published = None
    if want_metadata:
        tree = load_html(source)
        if tree is None:
            return "", None, None
        title, published, source = _title(tree), _published(tree), tree
    text = _text(source, fast=True)
    if len(text) < FULL_BELOW:  # trafilatura copies a tree it is given: ``source`` is intact
        text = _text(source, fast=False) or text
    return text, title, published


def _text(source: str | HtmlElement, fast: bool) -> str:
    found = trafilatura.extract(source, fast=fast, include_comments=False, include_tables=False)
    return found or ""


def _meta(tree: HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    for el in tree.iter("meta"):
        name = el.get("property") or el.get("name") or el.get("itemprop")
        content = el.get("content")
        if name and content:
            found.setdefault(name.strip().lower(), content.strip())
    return found


def _published(tree: HtmlElement) -> dt.date | None:
    meta = _meta(tree)
    candidates = [v for k, v in meta.items() if k in _DATE_KEYS]
    for script in tree.iter("script"):
        if script.get("type") == "application/ld+json" and script.text:
            candidates += _JSONLD_DATE.findall(script.text)
    candidates += [t.get("datetime") or "" for t in tree.iter("time")][:3]
    for value in candidates:
        date = _parse_date(value)
        if date is not None:
            return date
    return None


def _parse_date(value: str) -> dt.date | None:
    m = _ISO.search(value)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _title(tree: HtmlElement) -> str | None:
    meta = _meta(tree)
    for name in _TITLE_KEYS:
        if meta.get(name):
            return meta[name]
    node = next(tree.iter("title"), None)
    text = (node.text or "").strip() if node is not None else ""
    return _SITE_SUFFIX.sub("", text) or None
