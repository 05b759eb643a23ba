"""What runs beside the dispatcher's loop: one leased poll (poll and deliver, pick the next poll
time with jitter), and the heartbeat that keeps the replica on the live list and its leases
fresh."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import sys
from typing import TYPE_CHECKING

from services.fetcher import health, leases, replicas, updates
from services.fetcher.cycle import poll_and_deliver
from services.fetcher.scheduler import JITTER
from services.fetcher.state import SourceState
from services.fetcher.tx import transaction
from services.fetcher.updates import StateWriter
from shared.settings import SourceSettings

if TYPE_CHECKING:  # the dispatcher imports this module
    from services.fetcher.dispatcher import Dispatcher

log = logging.getLogger(__name__)


async def poll_leased(
    loop: Dispatcher, source: SourceSettings, known: SourceState
) -> tuple[dt.datetime, list[updates.StateUpdate]]:
    """Poll ``source`` (its lease held, ``known`` its state); returns its next poll time and the
    state to store, which the loop writes when it gives the lease back (batched with others).

    Never raises: a failure is logged and the source polled again after its interval.
    """
    interval = dt.timedelta(seconds=source.interval_seconds)
    writer = StateWriter(loop.sessionmaker, batch=sys.maxsize)  # held for the release
    polled = None
    try:
        summary = await poll_and_deliver(
            loop.client,
            loop.sessionmaker,
            source,
            loop.settings.fetcher,
            loop.publish,
            now=loop.clock(),
            limiter=loop.limiter,
            counters=loop.counters,
            states={source.url: known},  # as the claim read it
            writer=writer,
        )
        log.info("%s", summary.line())
        base = summary.next_poll_at or loop.clock() + interval
        polled = summary.health
    except Exception:  # nothing may end the service loop but its stop event
        log.exception(
            "source %s: poll cycle failed; retried at its next interval (a bug or a database"
            " error: check [database] url, report the traceback if it repeats)",
            source.url,
        )
        base = loop.clock() + interval
    now = loop.clock()
    # Jitter on every interval, so sources sharing one drift apart instead of bunching.
    due = now + (base - now) * (1 + loop.rng.uniform(-JITTER, JITTER))
    if polled is not None:
        await health.report_quietly(loop.report, polled.model_copy(update={"next_poll": due}))
    return due, writer.take()


async def heartbeat(loop: Dispatcher) -> None:
    """Every third of a lease: mark this replica alive, learn the others, renew the leases of
    the polls under way (a long poll must not be taken over). Runs until cancelled."""
    while True:
        await asyncio.sleep(loop.ttl / 3)
        urls, now = list(loop.inflight), loop.clock()
        try:
            async with transaction(loop.sessionmaker) as session:
                live = await replicas.heartbeat(session, loop.owner, now=now, ttl=loop.ttl)
                kept = await leases.renew(session, urls, loop.owner, now=now, ttl=loop.ttl)
            loop.set_live(live)
            for url in set(urls) - kept:
                if url in loop.inflight:  # we stalled past the lease; the poll goes on
                    log.warning("source %s: lease taken over by another replica", url)
        except Exception:
            log.exception(
                "fetcher: cannot renew the heartbeat and leases (database); another replica may"
                " take these sources over; check [database] url"
            )
