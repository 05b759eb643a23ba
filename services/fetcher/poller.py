"""Poll one source: conditional GET, skip an unchanged body, parse, and find the unseen entries.

A source's failure is recorded (consecutive failures, exponential backoff for its next poll) and
returned as a result; nothing raises out of ``poll_source``. The cheap outcomes (304, unchanged,
failure) go through a ``StateWriter``, which a whole cycle can batch.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Mapping

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.fetcher import seen, state, updates
from services.fetcher.http import ACCEPT_FEED, ACCEPT_HTML, RateLimited, fetch
from services.fetcher.limits import HostPaused, Limiter
from services.fetcher.models import PollResult, Validators
from services.fetcher.parse import parse_fetched
from services.fetcher.transport import GuardedClient
from services.fetcher.tx import transaction
from services.fetcher.updates import StateWriter
from shared.errors import ReadoutwatchError
from shared.settings import FetcherSettings, SourceSettings

log = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 6 * 3600.0
MAX_RETRY_AFTER_SECONDS = 24 * 3600.0


def backoff_seconds(interval: float, failures: int, retry_after: float | None = None) -> float:
    """Delay before the next poll after ``failures`` consecutive failures (1 = the first)."""
    delay = min(interval * 2 ** max(failures - 1, 0), max(interval, MAX_BACKOFF_SECONDS))
    if retry_after is not None:  # the server's wish wins when it asks for longer
        delay = max(delay, min(retry_after, MAX_RETRY_AFTER_SECONDS))
    return delay


async def poll_source(
    client: GuardedClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    source: SourceSettings,
    settings: FetcherSettings,
    *,
    now: dt.datetime,
    limiter: Limiter | None = None,
    states: Mapping[str, state.SourceState] | None = None,
    writer: StateWriter | None = None,
) -> PollResult:
    """Poll ``source`` once and return its new entries, oldest first, not yet marked seen.

    ``states`` holds the stored state of the sources if the caller loaded it (absent: a new
    source); without it the state is read here. On a source's first successful poll its
    entries are recorded as seen and none is returned, unless backfill is on
    (``source.backfill``, else ``settings.backfill``).
    """
    url, interval = source.url, source.interval_seconds
    limiter = limiter or Limiter(settings.concurrency, settings.per_host_concurrency)
    writer = writer or StateWriter(sessionmaker)
    known: state.SourceState | None = None
    try:
        if states is None:
            async with sessionmaker() as session:
                known = await state.load_source(session, url)
        else:
            known = states.get(url)
        stored = known.validators if known else Validators()
        accept = ACCEPT_FEED if source.kind == "feed" else ACCEPT_HTML
        fetched = await fetch(
            client,
            url,
            settings,
            validators=stored,
            accept=accept,
            limiter=limiter,
        )
        next_poll = now + dt.timedelta(seconds=interval)
        if fetched.not_modified:
            await writer.put(updates.success(url, now=now, next_poll_at=next_poll))
            return PollResult(url, "not_modified", next_poll_at=next_poll)
        digest = hashlib.sha256(fetched.body).hexdigest()
        fresh = Validators(fetched.validators.etag, fetched.validators.last_modified, digest)
        if known and known.initialised and digest == stored.content_hash:
            await writer.put(
                updates.success(url, now=now, next_poll_at=next_poll, validators=fresh)
            )
            return PollResult(url, "unchanged", next_poll_at=next_poll)
        parsed = await parse_fetched(client, fetched, source, settings, limiter)
        for warning in parsed.warnings:
            log.info("source %s: parsed despite: %s", url, warning)
        async with transaction(sessionmaker) as session:
            keys = [key for entry in parsed.entries for key in entry.keys()]
            already = await seen.seen_keys(session, url, keys)
            new = [e for e in parsed.entries if already.isdisjoint(e.keys())][::-1]
            backfill = source.backfill if source.backfill is not None else settings.backfill
            await seen.prune(session, url, keys, now=now, days=settings.seen_retention_days)
            if not (known and known.initialised) and not backfill:
                await seen.mark_seen(session, url, new, now=now, state="backfilled")
                log.info("source %s: first poll, %d existing entries recorded", url, len(new))
                new = []
            # Validators wait until every new entry is delivered: stored now, a 304 next time
            # would hide the entries whose delivery fails.
            kept = None if new else fresh
            done = updates.success(url, now=now, next_poll_at=next_poll, validators=kept)
            await updates.apply(session, [done])
        return PollResult(
            url, "ok", new, validators=fresh, link=parsed.link, next_poll_at=next_poll
        )
    except ReadoutwatchError as exc:
        return await _failed(writer, source, known, str(exc), exc, now=now)
    except Exception as exc:  # a bug or an unforeseen library error must not stop other sources
        log.exception(
            "source %s: unexpected error; retried with backoff (please report this traceback)",
            url,
        )
        reason = f"unexpected {type(exc).__name__}: {exc}"
        return await _failed(writer, source, known, reason, exc, now=now)


async def _failed(
    writer: StateWriter,
    source: SourceSettings,
    known: state.SourceState | None,
    reason: str,
    exc: BaseException,
    *,
    now: dt.datetime,
) -> PollResult:
    failures = (known.consecutive_failures if known else 0) + 1
    retry_after = exc.retry_after if isinstance(exc, RateLimited | HostPaused) else None
    delay = backoff_seconds(source.interval_seconds, failures, retry_after)
    next_poll = now + dt.timedelta(seconds=delay)
    log.warning(
        "source %s: %s (failure %d, next poll in %.0fs)", source.url, reason, failures, delay
    )
    try:
        failed = updates.failure(
            source.url, reason, failures=failures, now=now, next_poll_at=next_poll
        )
        await writer.put(failed)
    except Exception:  # the database being down must not turn into an exception either
        log.exception(
            "source %s: cannot record the failure (database); check [database] url", source.url
        )
    return PollResult(source.url, "error", error=reason, next_poll_at=next_poll)
