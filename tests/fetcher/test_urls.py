"""normalise_url and absolute_http_url: one key per article whatever the spelling."""

import pytest

from services.fetcher.feeds import normalise_url
from services.fetcher.urls import absolute_http_url


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("HTTPS://WWW.Example.ORG/News/A?b=2&a=1#top", "https://www.example.org/News/A?a=1&b=2"),
        ("https://example.org:443/x?utm_source=rss&utm_medium=feed", "https://example.org/x"),
        ("http://example.org:80", "http://example.org/"),
        ("http://example.org:8080/a", "http://example.org:8080/a"),
        ("https://example.org/a?id=5&fbclid=abc&gclid=x&wt_mc=rss.x", "https://example.org/a?id=5"),
        ("https://example.org./a?empty=", "https://example.org/a?empty="),
        ("  https://example.org/a  ", "https://example.org/a"),
        ("tag:github.com,2008:Repository/1/v3", "tag:github.com,2008:Repository/1/v3"),
    ],
)
def test_normalise_url(given: str, expected: str) -> None:
    assert normalise_url(given) == expected


def test_normalise_url_keeps_path_case_and_meaningful_params() -> None:
    assert normalise_url("https://a.org/Story?ID=7") != normalise_url("https://a.org/story?ID=7")
    assert normalise_url("https://a.org/s?page=2") != normalise_url("https://a.org/s?page=3")


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("/news/1", "https://site.org/news/1"),
        ("2", "https://site.org/feeds/2"),
        ("//cdn.site.org/x", "https://cdn.site.org/x"),
        ("https://other.org/y", "https://other.org/y"),
        ("/doc/NOTAS 2EJ.pdf", "https://site.org/doc/NOTAS%202EJ.pdf"),
        ("mailto:desk@site.org", None),
        ("tag:site.org,2020:1", None),
        ("", None),
        (None, None),
    ],
)
def test_absolute_http_url(link: str | None, expected: str | None) -> None:
    assert absolute_http_url(link, "https://site.org/feeds/rss.xml") == expected
