"""parse_feed on small hand-made feeds: links, dates, full content, malformed and non-feeds."""

import datetime as dt

import pytest

from services.fetcher.feeds import parse_feed
from shared.errors import SourceError

BASE = "https://news.example.org/feeds/world.xml"


def rss(items: str, extra: str = "") -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title> World </title><link>/world/</link>{extra}{items}</channel></rss>""".encode()


def test_relative_links_resolve_against_the_feed_url_and_xml_base() -> None:
    body = rss(
        "<item><title>One</title><link>/a/1</link></item>"
        '<item xml:base="https://other.example.org/dir/"><title>Two</title><link>2</link></item>'
    )
    result = parse_feed(body, BASE)
    assert [e.url for e in result.entries] == [
        "https://news.example.org/a/1",
        "https://other.example.org/dir/2",
    ]
    assert result.title == "World"
    assert result.link == "https://news.example.org/world/"


def test_entry_fields_dates_and_guid() -> None:
    body = rss(
        "<item><title>\n  Leaders  talk \n</title><link>https://n.org/a</link>"
        "<guid isPermaLink='false'>id-1</guid><pubDate>Fri, 19 Jan 2024 22:10:00 +0000</pubDate>"
        "<description>Short &lt;b&gt;summary&lt;/b&gt;</description></item>"
    )
    (entry,) = parse_feed(body, BASE).entries
    assert entry.title == "Leaders talk"
    assert entry.guid == "id-1"
    assert entry.published == dt.date(2024, 1, 19)
    assert entry.summary == "Short <b>summary</b>"
    assert entry.content is None
    assert entry.keys() == ["url:https://n.org/a", "guid:id-1"]


def test_full_content_is_kept_only_when_long_enough() -> None:
    long_text = "<p>" + "The two presidents spoke by phone. " * 40 + "</p>"
    body = rss(
        f"<item><link>https://n.org/long</link><content:encoded><![CDATA[{long_text}]]>"
        "</content:encoded></item>"
        "<item><link>https://n.org/short</link><content:encoded>teaser</content:encoded></item>"
    )
    long_entry, short_entry = parse_feed(body, BASE).entries
    assert long_entry.content is not None and "presidents spoke" in long_entry.content
    assert short_entry.content is None


def test_entries_without_link_guid_or_date_are_kept_with_a_text_key() -> None:
    body = rss("<item><title>Notice</title><description>Text only</description></item>")
    (entry,) = parse_feed(body, BASE).entries
    assert entry.url is None and entry.guid is None and entry.published is None
    assert entry.keys()[0].startswith("text:")


def test_guid_that_is_a_url_stands_in_for_a_missing_link() -> None:
    body = rss("<item><title>X</title><guid>https://n.org/g/1</guid></item>")
    assert parse_feed(body, BASE).entries[0].url == "https://n.org/g/1"


def test_duplicate_items_are_one_entry() -> None:
    item = "<item><title>A</title><link>https://n.org/a?utm_source=x</link></item>"
    body = rss(item + item.replace("?utm_source=x", ""))
    assert len(parse_feed(body, BASE).entries) == 1


def test_atom_feed() -> None:
    body = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
      <entry><id>urn:1</id><title>A</title><link href="/a"/><updated>2024-02-01T10:00:00Z</updated>
      </entry></feed>"""
    (entry,) = parse_feed(body, BASE).entries
    assert (entry.url, entry.guid, entry.published) == (
        "https://news.example.org/a",
        "urn:1",
        dt.date(2024, 2, 1),
    )


def test_malformed_feed_with_entries_is_usable_with_a_warning() -> None:
    body = rss("<item><title>Plants & Animals</title><link>https://n.org/a</link></item>")
    result = parse_feed(body, BASE)
    assert len(result.entries) == 1
    assert result.warnings and result.warnings[0].startswith("XML error at line")


def test_valid_empty_feed_is_not_an_error() -> None:
    assert parse_feed(rss(""), BASE).entries == []


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"<!DOCTYPE html><html><head><title>Home</title></head><body>hi</body></html>",
         "not a feed: HTML page served"),
        (b"\n  <html lang='en'><body>Error</body></html>", "not a feed: HTML page served"),
        (b"", "empty response body"),
        (b'<?xml version="1.0"?>\n<rss version="2.0">\n<channel><title>R</title>\n<!-- oops',
         "XML error at line 4"),
        (b'{"items": []}', "XML error at line 1"),
        (b"<?xml version='1.0'?><catalog><book/></catalog>", "not a feed: no RSS"),
    ],
)  # fmt: skip
def test_unusable_bodies_raise_a_one_line_reason(body: bytes, reason: str) -> None:
    with pytest.raises(SourceError) as caught:
        parse_feed(body, BASE)
    assert str(caught.value).startswith(reason)
    assert "\n" not in str(caught.value)


def test_header_charset_is_overridden_when_the_bytes_disagree() -> None:
    body = rss("<item><title>Ação</title><link>https://n.org/a</link></item>")
    body = body.replace(b'encoding="utf-8"', b'encoding="iso-8859-1"')
    body = body.replace("Ação".encode(), "Ação".encode("latin-1"))
    assert parse_feed(body, BASE, charset="utf-8").entries[0].title == "Ação"
