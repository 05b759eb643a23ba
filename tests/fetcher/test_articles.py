"""fetch_article: from the feed when it carries the text, else from the page (loopback server
under the source's name)."""

import datetime as dt

import pytest

from services.fetcher.articles import fetch_article
from services.fetcher.models import FeedEntry
from services.fetcher.transport import GuardedClient
from shared.errors import SourceError
from shared.settings import FetcherSettings, SourceSettings

from .server import LocalServer

SOURCE = SourceSettings(url="https://gov.example.org/feed")
SETTINGS = FetcherSettings(allowed_networks=["127.0.0.1/32"], per_host_delay_seconds=0)
NOW = dt.datetime(2024, 1, 19, 12, 0, tzinfo=dt.UTC)


async def loopback(host: str, port: int) -> list[str]:
    return ["127.0.0.1"]


async def article_for(entry: FeedEntry, server: LocalServer):
    async with GuardedClient(SETTINGS, resolve=loopback) as client:
        return await fetch_article(client, entry, SOURCE, SETTINGS, now=NOW)


async def test_full_content_from_the_feed_skips_the_page(server: LocalServer) -> None:
    url = server.route("/a", "<html>page</html>", content_type="text/html")
    entry = FeedEntry(url=url, title="A", content="<p>full</p>")
    article = await article_for(entry, server)
    assert server.requests == []
    assert (article.url, article.html, article.final_url, article.fetched_at) == (
        url, "<p>full</p>", None, NOW,
    )  # fmt: skip


async def test_entry_without_link_uses_its_summary_and_guid(server: LocalServer) -> None:
    entry = FeedEntry(url=None, guid="urn:notice:1", title="Notice", summary="<p>text</p>")
    article = await article_for(entry, server)
    assert server.requests == []
    assert (article.url, article.html, article.source) == (
        "urn:notice:1",
        "<p>text</p>",
        SOURCE.url,
    )


async def test_plain_text_page_goes_to_text(server: LocalServer) -> None:
    server.route("/a.txt", "The readout.", content_type="text/plain")
    page = server.url("/a.txt", host="gov.example.test")
    article = await article_for(FeedEntry(url=page), server)
    assert (article.text, article.html, article.content_type) == (
        "The readout.",
        None,
        "text/plain",
    )


@pytest.mark.parametrize(
    ("content_type", "body", "reason"),
    [
        ("application/pdf", b"%PDF-1.7", "unsupported content type application/pdf"),
        ("text/html", b"  ", "empty page"),
    ],
)
async def test_unusable_pages(
    server: LocalServer, content_type: str, body: bytes, reason: str
) -> None:
    server.route("/a", body, content_type=content_type)
    with pytest.raises(SourceError, match=reason):
        await article_for(FeedEntry(url=server.url("/a", host="gov.example.test")), server)
