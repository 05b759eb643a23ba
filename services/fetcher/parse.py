"""Parse a fetched source body by the source's kind (feed, listing page, sitemap), off the event
loop; a sitemap index brings in its most recently modified child sitemaps."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from services.fetcher.charset import decode_html
from services.fetcher.feeds import parse_feed
from services.fetcher.http import ACCEPT_FEED, Fetched, fetch
from services.fetcher.limits import Limiter
from services.fetcher.listings import parse_index_page, parse_sitemap
from services.fetcher.models import FeedParseResult
from services.fetcher.transport import GuardedClient
from shared.errors import SourceError
from shared.settings import FetcherSettings, SourceSettings

T = TypeVar("T")
MAX_CHILD_SITEMAPS = 3  # of a sitemap index, the most recently modified
# Parsing is CPU-bound pure Python (feedparser needs seconds for a 1.6 MB feed): it runs off the
# event loop, but in few threads, since they share the GIL with the loop: more of them would
# parse no faster and starve the loop (requests, database) of its turn.
_PARSERS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="fetcher-parse")


async def _off_loop(func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    return await asyncio.get_running_loop().run_in_executor(
        _PARSERS, functools.partial(func, *args, **kwargs)
    )


async def parse_fetched(
    client: GuardedClient,
    fetched: Fetched,
    source: SourceSettings,
    settings: FetcherSettings,
    limiter: Limiter,
) -> FeedParseResult:
    base = fetched.final_url
    if source.kind == "feed":
        return await _off_loop(parse_feed, fetched.body, base, charset=fetched.charset)
    if source.kind == "page":
        html, _ = decode_html(fetched.body, fetched.content_type)
        return await _off_loop(parse_index_page, html, base, source.selector, source.pattern)
    parsed = await _off_loop(parse_sitemap, fetched.body, base)
    if parsed.format != "sitemapindex":
        return parsed
    entries = []
    for child in parsed.children[:MAX_CHILD_SITEMAPS]:
        got = await fetch(client, child, settings, accept=ACCEPT_FEED, limiter=limiter)
        sub = await _off_loop(parse_sitemap, got.body, child)
        if sub.format == "sitemapindex":
            raise SourceError(f"nested sitemap index at {child}")
        entries.extend(sub.entries)
    return FeedParseResult(entries=entries, link=base, format="sitemap")
