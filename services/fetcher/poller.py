"""Poll one source: conditional GET, skip an unchanged body, parse, and find the unseen entries.

A source's failure is recorded (consecutive failures, exponential backoff: ``failures.py``) and
returned as a result; nothing raises out of ``poll_source``. The cheap outcomes (304, unchanged,
failure) go through a ``StateWriter``, which a whole cycle can batch.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Mapping

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.fetcher import backfill, health, seen, state, updates
from services.fetcher.failures import failed
from services.fetcher.http import ACCEPT_FEED, ACCEPT_HTML, fetch
from services.fetcher.limits import Limiter
from services.fetcher.models import PollResult, Validators
from services.fetcher.parse import parse_fetched
from services.fetcher.transport import GuardedClient
from services.fetcher.tx import transaction
from services.fetcher.updates import StateUpdate, StateWriter
from shared.errors import ReadoutwatchError
from shared.settings import FetcherSettings, SourceSettings
from shared.source_health import SourceHealth

log = logging.getLogger(__name__)


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
    """Poll ``source`` once and return its new entries, oldest first, not yet marked seen, and
    the source's health after the poll.

    ``states`` holds the stored state of the sources if the caller loaded it (absent: a new
    source); without it the state is read here. A source's first poll brings the newest entries
    it lists into the history, marked backfill (``backfill.py``), and keeps the source
    uninitialised until they are delivered, so the entries whose delivery failed are retried
    as backfill too.
    """
    url, interval = source.url, source.interval_seconds
    limiter = limiter or Limiter(settings.concurrency, settings.per_host_concurrency)
    writer = writer or StateWriter(sessionmaker)
    known: state.SourceState | None = None

    def _health(update: StateUpdate) -> SourceHealth:
        return health.project(source, known, update)

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
            update = updates.success(url, now=now, next_poll_at=next_poll)
            await writer.put(update)
            return PollResult(url, "not_modified", next_poll_at=next_poll, health=_health(update))
        digest = hashlib.sha256(fetched.body).hexdigest()
        fresh = Validators(fetched.validators.etag, fetched.validators.last_modified, digest)
        if known and known.initialised and digest == stored.content_hash:
            update = updates.success(url, now=now, next_poll_at=next_poll, validators=fresh)
            await writer.put(update)
            return PollResult(url, "unchanged", next_poll_at=next_poll, health=_health(update))
        parsed = await parse_fetched(client, fetched, source, settings, limiter)
        for warning in parsed.warnings:
            log.info("source %s: parsed despite: %s", url, warning)
        first = not (known and known.initialised)
        marked = first and not backfill.alerts_on_existing(source, settings)
        async with transaction(sessionmaker) as session:
            keys = [key for entry in parsed.entries for key in entry.keys()]
            met = await seen.key_states(session, url, keys)
            already = {key for key, kept in met.items() if kept != "failed"}
            new = [e for e in parsed.entries if already.isdisjoint(e.keys())][::-1]
            unmet = sum(met.keys().isdisjoint(e.keys()) for e in new)  # not even a failed try
            await seen.prune(session, url, keys, now=now, days=settings.seen_retention_days)
            if marked:
                plan = backfill.split(new, settings.backfill_entries)
                await seen.mark_seen(session, url, plan.record, now=now, state="backfilled")
                backfill.log_plan(url, plan, settings.backfill_entries)
                new = plan.publish
            # Validators wait until every new entry is delivered: stored now, a 304 next time
            # would hide the entries whose delivery fails.
            done = updates.success(
                url,
                now=now,
                next_poll_at=next_poll,
                validators=None if new else fresh,
                initialised=not (marked and new),
                entries_seen=(known.entries_seen if known else 0) + unmet if unmet else None,
                last_new_entry_at=(
                    (backfill.newest_listed(parsed.entries, now) if first else now)
                    if unmet
                    else None
                ),
            )
            await updates.apply(session, [done])
        return PollResult(
            url,
            "ok",
            new,
            validators=fresh,
            link=parsed.link,
            next_poll_at=next_poll,
            backfill=marked,
            health=_health(done),
        )
    except ReadoutwatchError as exc:
        return await failed(writer, source, known, str(exc), exc, now=now)
    except Exception as exc:  # a bug or an unforeseen library error must not stop other sources
        log.exception(
            "source %s: unexpected error; retried with backoff (please report this traceback)",
            url,
        )
        reason = f"unexpected {type(exc).__name__}: {exc}"
        return await failed(writer, source, known, reason, exc, now=now)
