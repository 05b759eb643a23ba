"""Every real feed of ../shared/corpus/feeds parses, or fails with a clear one-line reason."""

from __future__ import annotations

import json

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.fetcher.feeds import parse_feed
from services.fetcher.scheduler import poll_once
from services.fetcher.transport import GuardedClient
from shared.errors import SourceError
from shared.settings import FetcherSettings, Settings, SourceSettings

from .conftest import CORPUS, Published
from .server import LocalServer

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not (CORPUS / "feeds").is_dir(), reason="../shared/corpus absent"),
]

FEEDS = sorted((CORPUS / "feeds").glob("*.xml")) if (CORPUS / "feeds").is_dir() else []
# The one feed that is unusable on purpose, and the reason we must give.
EXPECTED_ERRORS = {"reuters-most-read__rss2.0-truncated-invalid.xml": "XML error at line 19"}


def manifest_counts() -> dict[str, int]:
    data = json.loads((CORPUS / "MANIFEST.json").read_text(encoding="utf-8"))
    counts = {}
    for item in data["files"]:
        if item["path"].startswith("feeds/"):
            found = item.get("feedparser", {}).get("entries", item.get("entries"))
            counts[item["path"].removeprefix("feeds/")] = found
    return counts


@pytest.mark.parametrize("path", FEEDS, ids=lambda p: p.name)
def test_corpus_feed(path) -> None:
    body = path.read_bytes()
    if path.name in EXPECTED_ERRORS:
        with pytest.raises(SourceError) as caught:
            parse_feed(body, "https://example.org/feed.xml")
        assert str(caught.value).startswith(EXPECTED_ERRORS[path.name])
        return
    result = parse_feed(body, "https://example.org/feed.xml")
    expected = manifest_counts().get(path.name)
    assert result.entries, "a usable feed yields entries"
    if expected is not None:
        assert len(result.entries) == expected
    for entry in result.entries:
        assert entry.url is None or entry.url.startswith(("http://", "https://"))
        assert entry.keys()
        assert entry.title is None or entry.title == entry.title.strip()
        assert "\ufffd" not in (entry.title or ""), "mis-decoded title"


async def test_corpus_feeds_polled_together(
    server: LocalServer,
    client: GuardedClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    published: Published,
) -> None:
    sources = []
    for path in FEEDS:
        # Served without a charset, as many servers do: the XML declaration must decide.
        url = server.route(f"/{path.name}", path.read_bytes(), content_type="text/xml")
        sources.append(SourceSettings(url=url, backfill=True))
    fetcher = FetcherSettings(
        allow_private_networks=True, timeout_seconds=10, per_host_delay_seconds=0.0
    )
    settings = Settings(fetcher=fetcher, sources=sources)
    # fetch_pages=False: corpus links point to the internet, which tests must not reach.
    summaries = await poll_once(client, sessionmaker, settings, published, fetch_pages=False)
    for summary in summaries:
        name = summary.source.rsplit("/", 1)[1]
        if name in EXPECTED_ERRORS:
            assert summary.status == "error" and EXPECTED_ERRORS[name] in (summary.error or "")
        else:
            assert (summary.status, summary.failed, summary.error) == ("ok", 0, None), name
            # The trimmed GitHub feed's one entry has neither link nor text: nothing to deliver.
            assert summary.new >= (0 if name.startswith("github-releases") else 1), name
    assert len(published) == sum(s.new for s in summaries)
    again = await poll_once(client, sessionmaker, settings, published, fetch_pages=False)
    assert all(s.status in ("unchanged", "error") and s.new == 0 for s in again)
