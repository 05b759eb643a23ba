"""A source's health as published on NATS (``shared.source_health``), worked out from its stored
state and what a poll changed; and the publishing of it, which never disturbs polling.

The health is a projection of ``fetcher_sources``: the row as the claim read it, with the
poll's ``StateUpdate`` laid over it.  It is published once per poll (with the next poll time the
loop chose) and, at start-up, once for every configured source, so a source not polled yet
shows as ``new`` and a restart refreshes what the bucket holds.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any

from services.fetcher.state import SourceState
from services.fetcher.updates import StateUpdate
from shared.settings import SourceSettings
from shared.source_health import SourceHealth

log = logging.getLogger(__name__)

Report = Callable[[SourceHealth], Awaitable[None]]
START_CONCURRENCY = 32  # puts in flight when publishing every source at start-up


def project(
    source: SourceSettings, known: SourceState | None, update: StateUpdate | None = None
) -> SourceHealth:
    """The health of ``source``: its stored state ``known`` (None: no row yet), then ``update``."""
    values: dict[str, Any] = {}
    if known is not None:
        values = {
            "last_polled_at": known.last_polled_at,
            "last_success_at": known.last_success_at,
            "last_error": known.last_error,
            "failing_since": known.failing_since,
            "consecutive_failures": known.consecutive_failures,
            "next_poll_at": known.next_poll_at,
            "entries_seen": known.entries_seen,
            "last_new_entry_at": known.last_new_entry_at,
        }
    if update is not None:
        values.update(update.values)
    failures = values.get("consecutive_failures") or 0
    return SourceHealth(
        url=source.url,
        kind=source.kind,
        last_polled=values.get("last_polled_at"),
        last_success=values.get("last_success_at"),
        last_error=values.get("last_error"),
        failing_since=values.get("failing_since") if failures else None,
        consecutive_failures=failures,
        next_poll=values.get("next_poll_at"),
        entries_seen=values.get("entries_seen") or 0,
        last_new_entry=values.get("last_new_entry_at"),
    )


async def report_quietly(report: Report | None, health: SourceHealth) -> None:
    """Publish ``health``; NATS being away costs the bucket an update, never the poll."""
    if report is None:
        return
    try:
        await report(health)
    except Exception as exc:
        log.warning(
            "source %s: cannot publish its health: %s: %s", health.url, type(exc).__name__, exc
        )


async def report_all(
    report: Report, sources: Iterable[SourceSettings], states: Mapping[str, SourceState]
) -> None:
    """Publish the stored health of every configured source (a few dozen puts in flight); at
    the first put that fails the rest are skipped, with one warning: the polls put them again."""
    gate, failed = asyncio.Semaphore(START_CONCURRENCY), asyncio.Event()

    async def one(source: SourceSettings) -> None:
        async with gate:
            if failed.is_set():
                return
            try:
                await report(project(source, states.get(source.url)))
            except Exception as exc:
                if not failed.is_set():
                    failed.set()
                    log.warning(
                        "fetcher: cannot publish the sources' health at start-up (%s: %s); "
                        "each source's next poll will",
                        type(exc).__name__,
                        exc,
                    )

    await asyncio.gather(*(one(source) for source in sources))
