"""Turn new entries into ``ArticleFetched`` records, publish them, and only then mark them seen.

An entry whose page cannot be fetched stays unseen and is retried on the next poll; after
repeated failures it is given up (recorded, never published) so it cannot pin the source forever.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.fetcher import seen
from services.fetcher.charset import decode_html
from services.fetcher.http import ACCEPT_HTML, fetch
from services.fetcher.limits import Limiter
from services.fetcher.models import FeedEntry
from services.fetcher.transport import GuardedClient
from services.fetcher.tx import transaction
from shared.errors import PermanentError, ReadoutwatchError, SourceError
from shared.schemas import ArticleFetched
from shared.settings import FetcherSettings, SourceSettings

log = logging.getLogger(__name__)

Publish = Callable[[ArticleFetched], Awaitable[None]]
MAX_ATTEMPTS_PERMANENT = 3  # 404, refused address, unsupported type: a few tries, then give up
MAX_ATTEMPTS_TRANSIENT = 10  # timeouts and 5xx: keep trying for longer
_HTML_TYPES = {"", "text/html", "application/xhtml+xml"}


async def fetch_article(
    client: GuardedClient,
    entry: FeedEntry,
    source: SourceSettings,
    settings: FetcherSettings,
    *,
    now: dt.datetime | None = None,
    fetch_page: bool = True,
    fallback_url: str | None = None,
    limiter: Limiter | None = None,
    backfill: bool = False,
) -> ArticleFetched:
    """The article of ``entry``: from the feed when it carries the full text (or has no link, or
    ``fetch_page`` is False), else from its page. Raises SourceError/TransientError.
    ``backfill``: a first poll's entry (``backfill.py``), marked so on the record."""
    now = now or dt.datetime.now(dt.UTC)
    common: dict[str, Any] = {
        "source": source.url,
        "title": entry.title,
        "published": entry.published,
        "fetched_at": now,
        "backfill": backfill,
    }
    if entry.content or not entry.url or not fetch_page:
        url = entry.url or entry.guid or fallback_url or source.url
        body = entry.content or entry.summary
        if not body and not entry.url:
            raise SourceError("entry has neither a link nor any text")
        return ArticleFetched(
            url=url, content_type="text/html" if body else None, html=body, **common
        )
    page = await fetch(client, entry.url, settings, accept=ACCEPT_HTML, limiter=limiter)
    mime = (page.content_type or "").split(";")[0].strip().lower()
    if not page.body.strip():
        raise SourceError("empty page")
    html = text = None
    looks_html = page.body[:1024].lstrip().lower().startswith((b"<!doctype", b"<html"))
    if mime in _HTML_TYPES or looks_html:
        html, _ = decode_html(page.body, page.content_type)
    elif mime == "text/plain":
        text, _ = decode_html(page.body, page.content_type)
    else:
        raise SourceError(f"unsupported content type {mime}")
    return ArticleFetched(
        url=entry.url,
        final_url=page.final_url,
        content_type=mime or None,
        html=html,
        text=text,
        **common,
    )


async def mark_delivered(
    sessionmaker: async_sessionmaker[AsyncSession],
    source_url: str,
    delivered: list[FeedEntry],
    *,
    now: dt.datetime,
) -> None:
    """Mark entries seen whose ``publish`` already returned. Called in small batches: a crash
    before this runs re-publishes at most one batch, which downstream de-duplicates by
    ``ArticleFetched.msg_id``; nothing is ever marked seen before it was published."""
    if delivered:
        async with transaction(sessionmaker) as session:
            await seen.mark_seen(session, source_url, delivered, now=now)


async def record_failure(
    sessionmaker: async_sessionmaker[AsyncSession],
    source_url: str,
    entry: FeedEntry,
    exc: ReadoutwatchError,
    *,
    now: dt.datetime,
) -> bool:
    """Count a failed article fetch; returns True when the entry was given up for good."""
    limit = MAX_ATTEMPTS_PERMANENT if isinstance(exc, PermanentError) else MAX_ATTEMPTS_TRANSIENT
    async with transaction(sessionmaker) as session:
        attempts = await seen.record_entry_failure(session, source_url, entry, str(exc), now=now)
        if attempts >= limit:
            await seen.mark_seen(session, source_url, [entry], now=now, state="gave_up")
    gave_up = attempts >= limit
    what = "giving up" if gave_up else "will retry next poll"
    log.warning(
        "source %s: article %s: %s (attempt %d, %s)",
        source_url,
        entry.url or entry.guid or entry.title,
        exc,
        attempts,
        what,
        extra={"url": entry.url, "source": source_url},
    )
    return gave_up
