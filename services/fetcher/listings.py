"""Pure parsers for the two non-feed source kinds: HTML listing pages and (news) sitemaps."""

from __future__ import annotations

import datetime as dt
import re
import zlib

from lxml import etree
from lxml import html as lxml_html

from services.fetcher.models import FeedEntry, FeedParseResult
from services.fetcher.urls import absolute_http_url, normalise_url
from shared.errors import SourceError

MAX_GUNZIPPED_BYTES = 50 * 1024 * 1024  # a sitemap may be at most 50 MB uncompressed (protocol)


def parse_index_page(
    html: str, base_url: str, selector: str = "", pattern: str = ""
) -> FeedParseResult:
    """Article links of a listing page: anchors matched by the CSS ``selector`` (all anchors if
    empty; a matched non-anchor contributes the anchors inside it), kept if their absolute URL
    matches the regular expression ``pattern`` (if any). Document order, duplicates dropped."""
    if not html.strip():
        raise SourceError("empty response body")
    try:
        doc = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise SourceError(f"unparsable HTML page: {exc}") from exc
    base = doc.find(".//base[@href]")
    if base is not None:
        base_url = absolute_http_url(base.get("href"), base_url) or base_url
    anchors = _select(doc, selector) if selector else doc.iter("a")
    try:
        regex = re.compile(pattern) if pattern else None
    except re.error as exc:
        raise SourceError(f"bad pattern {pattern!r}: {exc}") from exc
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for anchor in anchors:
        url = absolute_http_url(anchor.get("href"), base_url)
        if url is None or (regex and not regex.search(url)):
            continue
        key = normalise_url(url)
        if key not in seen:
            seen.add(key)
            title = " ".join(anchor.text_content().split()) or anchor.get("title")
            entries.append(FeedEntry(url=url, title=title or None))
    return FeedParseResult(entries=entries, link=base_url, format="page")


def _select(doc: lxml_html.HtmlElement, selector: str) -> list[lxml_html.HtmlElement]:
    try:
        matched = doc.cssselect(selector)
    except ImportError as exc:
        raise SourceError("CSS selectors need the cssselect package") from exc
    except Exception as exc:  # cssselect's SelectorSyntaxError and friends
        raise SourceError(f"bad CSS selector {selector!r}: {exc}") from exc
    anchors: list[lxml_html.HtmlElement] = []
    for element in matched:
        anchors.extend([element] if element.tag == "a" else element.iter("a"))
    return anchors


def parse_sitemap(body: bytes, base_url: str) -> FeedParseResult:
    """A ``urlset`` (entries, with Google News title and date when present) or a
    ``sitemapindex`` (``children``, most recently modified first). Gzipped bodies are accepted."""
    body = _gunzip(body) if body[:2] == b"\x1f\x8b" else body
    if not body.strip():
        raise SourceError("empty response body")
    # No entity expansion, no network: a sitemap is untrusted input.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise SourceError(f"not a sitemap: {exc}") from exc
    kind = etree.QName(root).localname if root is not None else ""
    if kind == "sitemapindex":
        children = []
        for node in root:
            url = absolute_http_url(_child_text(node, "loc"), base_url)
            if url:
                children.append((_child_text(node, "lastmod") or "", url))
        children.sort(key=lambda pair: pair[0], reverse=True)  # stable: ties keep document order
        return FeedParseResult(
            entries=[], link=base_url, format="sitemapindex", children=[url for _, url in children]
        )
    if kind != "urlset":
        raise SourceError(f"not a sitemap: root element <{kind or 'none'}>")
    entries = []
    for node in root:
        url = absolute_http_url(_child_text(node, "loc"), base_url)
        if url:
            news = next((c for c in node if _local(c) == "news"), None)
            title = _child_text(news, "title") if news is not None else None
            date = _child_text(news, "publication_date") if news is not None else None
            entries.append(FeedEntry(url=url, title=title, published=_iso_date(date)))
    return FeedParseResult(entries=entries, link=base_url, format="sitemap")


def _local(node: etree._Element) -> str:
    return etree.QName(node).localname if isinstance(node.tag, str) else ""


def _child_text(node: etree._Element, name: str) -> str | None:
    child = next((c for c in node if _local(c) == name), None)
    text = (child.text or "").strip() if child is not None else ""
    return text or None


def _iso_date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _gunzip(body: bytes) -> bytes:
    # Bounded decompression: a small gzip bomb must not exhaust memory.
    decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = decompressor.decompress(body, MAX_GUNZIPPED_BYTES)
    except zlib.error as exc:
        raise SourceError(f"corrupt gzip body: {exc}") from exc
    if decompressor.unconsumed_tail:
        raise SourceError(f"sitemap larger than {MAX_GUNZIPPED_BYTES} bytes uncompressed")
    return out
