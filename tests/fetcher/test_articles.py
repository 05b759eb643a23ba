"""fetch_article: from the feed when it carries the text, else from the page (MockTransport)."""

import datetime as dt

import httpx
import pytest

from services.fetcher.articles import fetch_article
from services.fetcher.models import FeedEntry
from shared.errors import SourceError
from shared.settings import FetcherSettings, SourceSettings

SOURCE = SourceSettings(url="https://gov.example.org/feed")
SETTINGS = FetcherSettings()
NOW = dt.datetime(2024, 1, 19, 12, 0, tzinfo=dt.UTC)


async def public(host: str, port: int) -> list[str]:
    return ["93.184.216.34"]


async def article_for(entry: FeedEntry, response: httpx.Response | None = None, **kwargs):
    def handler(request: httpx.Request) -> httpx.Response:
        assert response is not None, "no page fetch expected"
        return response

    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
        return await fetch_article(
            client, entry, SOURCE, SETTINGS, now=NOW, resolve=public, **kwargs
        )


async def test_full_content_from_the_feed_skips_the_page() -> None:
    entry = FeedEntry(url="https://gov.example.org/a", title="A", content="<p>full</p>")
    article = await article_for(entry)
    assert (article.url, article.html, article.final_url, article.fetched_at) == (
        "https://gov.example.org/a", "<p>full</p>", None, NOW,
    )  # fmt: skip


async def test_entry_without_link_uses_its_summary_and_guid() -> None:
    entry = FeedEntry(url=None, guid="urn:notice:1", title="Notice", summary="<p>text</p>")
    article = await article_for(entry)
    assert (article.url, article.html, article.source) == (
        "urn:notice:1",
        "<p>text</p>",
        SOURCE.url,
    )


async def test_plain_text_page_goes_to_text() -> None:
    page = httpx.Response(200, headers={"Content-Type": "text/plain"}, content=b"The readout.")
    article = await article_for(FeedEntry(url="https://gov.example.org/a.txt"), page)
    assert (article.text, article.html, article.content_type) == (
        "The readout.",
        None,
        "text/plain",
    )


@pytest.mark.parametrize(
    ("response", "reason"),
    [
        (httpx.Response(200, headers={"Content-Type": "application/pdf"}, content=b"%PDF-1.7"),
         "unsupported content type application/pdf"),
        (httpx.Response(200, headers={"Content-Type": "text/html"}, content=b"  "), "empty page"),
    ],
)  # fmt: skip
async def test_unusable_pages(response: httpx.Response, reason: str) -> None:
    with pytest.raises(SourceError, match=reason):
        await article_for(FeedEntry(url="https://gov.example.org/a"), response)
