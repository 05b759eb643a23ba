"""parse_index_page (HTML listing pages) and parse_sitemap (sitemaps, news sitemaps, indexes)."""

import datetime as dt
import gzip

import pytest

from services.fetcher.listings import parse_index_page, parse_sitemap
from shared.errors import SourceError

PAGE = """<html><head><base href="https://gov.example.org/press/"></head><body>
<nav><a href="/about">About</a></nav>
<ul class="news">
  <li><a href="2024/01/readout-call"> Readout of a  call </a></li>
  <li><div class="card"><a href="https://gov.example.org/press/2024/01/statement#top">Statement</a>
      <a href="https://gov.example.org/press/2024/01/statement">Statement again</a></div></li>
  <li><a href="mailto:press@gov.example.org">Mail us</a></li>
</ul></body></html>"""


def test_selector_picks_anchors_and_anchors_inside_matched_elements() -> None:
    result = parse_index_page(PAGE, "https://gov.example.org/", "ul.news li")
    assert [(e.url, e.title) for e in result.entries] == [
        ("https://gov.example.org/press/2024/01/readout-call", "Readout of a call"),
        ("https://gov.example.org/press/2024/01/statement#top", "Statement"),
    ]


def test_pattern_filters_all_anchors_when_no_selector() -> None:
    result = parse_index_page(PAGE, "https://gov.example.org/", pattern=r"/readout-")
    assert [e.url for e in result.entries] == ["https://gov.example.org/press/2024/01/readout-call"]


@pytest.mark.parametrize(
    ("selector", "pattern", "reason"),
    [("ul[", "", "bad CSS selector"), ("", "(", "bad pattern")],
)
def test_bad_selector_or_pattern_fails(selector: str, pattern: str, reason: str) -> None:
    with pytest.raises(SourceError, match=reason):
        parse_index_page(PAGE, "https://gov.example.org/", selector, pattern)


NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://n.example.org/a</loc>
    <news:news><news:publication_date>2024-01-19T12:00:00+00:00</news:publication_date>
      <news:title>Leaders spoke</news:title></news:news></url>
  <url><loc> /b </loc><lastmod>2024-01-18</lastmod></url>
</urlset>"""


def test_news_sitemap_entries() -> None:
    result = parse_sitemap(NEWS_SITEMAP, "https://n.example.org/sitemap.xml")
    assert result.format == "sitemap"
    first, second = result.entries
    assert (first.url, first.title, first.published) == (
        "https://n.example.org/a",
        "Leaders spoke",
        dt.date(2024, 1, 19),
    )
    assert (second.url, second.title) == ("https://n.example.org/b", None)


def test_gzipped_sitemap() -> None:
    result = parse_sitemap(gzip.compress(NEWS_SITEMAP), "https://n.example.org/sitemap.xml.gz")
    assert len(result.entries) == 2


def test_sitemap_index_lists_children_newest_first() -> None:
    body = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://n.example.org/s-2023.xml</loc><lastmod>2023-12-31</lastmod></sitemap>
      <sitemap><loc>https://n.example.org/s-2024.xml</loc><lastmod>2024-01-19</lastmod></sitemap>
    </sitemapindex>"""
    result = parse_sitemap(body, "https://n.example.org/index.xml")
    assert result.format == "sitemapindex" and result.entries == []
    assert result.children == [
        "https://n.example.org/s-2024.xml",
        "https://n.example.org/s-2023.xml",
    ]


def test_entities_are_not_expanded() -> None:
    body = b"""<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file:///etc/passwd">]>
      <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://n.org/&x;</loc>
      </url></urlset>"""
    for entry in parse_sitemap(body, "https://n.org/s.xml").entries:
        assert "root:" not in (entry.url or "")


@pytest.mark.parametrize(
    "body", [b"<html><body>Not found</body></html>", b"", gzip.compress(b"")[:5]]
)
def test_not_a_sitemap(body: bytes) -> None:
    with pytest.raises(SourceError):
        parse_sitemap(body, "https://n.org/s.xml")
