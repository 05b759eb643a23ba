"""One source's poll cycle: poll, fetch the new articles, publish each, then mark it seen."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Mapping

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.fetcher import articles, seen, updates
from services.fetcher.articles import Publish
from services.fetcher.limits import HostPaused, Limiter
from services.fetcher.models import Counters, FeedEntry, SourceSummary
from services.fetcher.poller import poll_source
from services.fetcher.state import SourceState
from services.fetcher.transport import GuardedClient
from services.fetcher.tx import transaction
from services.fetcher.updates import StateWriter
from shared.errors import ReadoutwatchError
from shared.schemas import ArticleFetched
from shared.settings import FetcherSettings, SourceSettings

log = logging.getLogger(__name__)

MARK_BATCH = 50  # published entries marked seen per transaction (bounds re-publishes on a crash)


async def poll_and_deliver(
    client: GuardedClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    source: SourceSettings,
    settings: FetcherSettings,
    publish: Publish,
    *,
    now: dt.datetime | None = None,
    limiter: Limiter,
    fetch_pages: bool = True,
    counters: Counters | None = None,
    states: Mapping[str, SourceState] | None = None,
    writer: StateWriter | None = None,
) -> SourceSummary:
    """One source: poll, fetch the new articles concurrently, publish them in order (oldest
    first), mark each seen after its publish returned, and store the validators if all went.
    ``states`` and ``writer`` let a caller load and write the state of many sources at once."""
    counters = counters if counters is not None else Counters()
    now = now or dt.datetime.now(dt.UTC)
    writer = writer or StateWriter(sessionmaker)
    result = await poll_source(
        client,
        sessionmaker,
        source,
        settings,
        now=now,
        limiter=limiter,
        states=states,
        writer=writer,
    )
    _count_poll(counters, result.status)
    summary = SourceSummary(
        source.url,
        result.status,
        not_modified=result.status == "not_modified",
        error=result.error,
        next_poll_at=result.next_poll_at,
        backfill=result.backfill,
        health=result.health,
    )
    if not result.entries:
        return summary
    counters.entries_new += len(result.entries)
    entries = await _drop_empty(sessionmaker, source.url, result.entries, now=now)

    async def get(entry: FeedEntry) -> ArticleFetched | ReadoutwatchError:
        try:
            return await articles.fetch_article(
                client,
                entry,
                source,
                settings,
                now=now,
                fetch_page=fetch_pages,
                fallback_url=result.link,
                limiter=limiter,
                backfill=result.backfill,
            )
        except ReadoutwatchError as exc:
            return exc

    fetched = await asyncio.gather(*(get(entry) for entry in entries))
    delivered: list[FeedEntry] = []
    try:
        for entry, outcome in zip(entries, fetched, strict=True):
            if isinstance(outcome, HostPaused):  # nothing was sent: not the entry's fault
                summary.failed += 1
                continue
            if isinstance(outcome, ReadoutwatchError):
                summary.failed += 1
                counters.articles_failed += 1
                if await articles.record_failure(sessionmaker, source.url, entry, outcome, now=now):
                    counters.articles_given_up += 1
                continue
            await publish(outcome)
            delivered.append(entry)
            summary.new += 1
            counters.articles_published += 1
            if len(delivered) >= MARK_BATCH:
                await articles.mark_delivered(sessionmaker, source.url, delivered, now=now)
                delivered = []
                if result.backfill:
                    log.info(
                        "source %s: first poll: %d of %d listed entries published (history)",
                        source.url,
                        summary.new,
                        len(entries),
                    )
        await articles.mark_delivered(sessionmaker, source.url, delivered, now=now)
    except Exception as exc:  # publish or database down: keep the rest for the next poll
        summary.failed = len(entries) - summary.new
        summary.error = f"publish failed: {type(exc).__name__}: {exc}"
        log.warning(
            "source %s: %s; %d entries left for the next poll",
            source.url,
            summary.error,
            summary.failed,
        )
        try:  # what was published must not be published again
            await articles.mark_delivered(sessionmaker, source.url, delivered, now=now)
        except Exception:
            log.exception(
                "source %s: cannot mark published entries seen (database): the next poll may"
                " publish them again (JetStream drops repeats for 24 h); check [database] url",
                source.url,
            )
        return summary
    if not summary.failed and result.validators:
        next_poll = result.next_poll_at or now
        await writer.put(
            updates.success(
                source.url, now=now, next_poll_at=next_poll, validators=result.validators
            )
        )
    return summary


def _count_poll(counters: Counters, status: str) -> None:
    counters.polls += 1
    field = {
        "ok": "polls_ok",
        "not_modified": "polls_not_modified",
        "unchanged": "polls_unchanged",
        "error": "polls_failed",
    }[status]
    setattr(counters, field, getattr(counters, field) + 1)


async def _drop_empty(
    sessionmaker: async_sessionmaker[AsyncSession],
    source_url: str,
    entries: list[FeedEntry],
    *,
    now: dt.datetime,
) -> list[FeedEntry]:
    """Entries with no link and no text have nothing to deliver: recorded as seen, left out."""
    empty = [e for e in entries if not e.url and not (e.content or e.summary)]
    if empty:
        async with transaction(sessionmaker) as session:
            await seen.mark_seen(session, source_url, empty, now=now, state="empty")
        log.info("source %s: %d entries with neither link nor text skipped", source_url, len(empty))
    return [e for e in entries if e not in empty]
