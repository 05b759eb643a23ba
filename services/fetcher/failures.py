"""A failed poll: the backoff before the next one, and the state and health it leaves.

Nothing raises out of ``failed``: the database being down when a failure is recorded must not
stop the other sources' polls either.
"""

from __future__ import annotations

import datetime as dt
import logging

from services.fetcher import health, state, updates
from services.fetcher.http import RateLimited
from services.fetcher.limits import HostPaused
from services.fetcher.models import PollResult
from services.fetcher.updates import StateWriter
from shared.settings import SourceSettings

log = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 6 * 3600.0
MAX_RETRY_AFTER_SECONDS = 24 * 3600.0


def backoff_seconds(interval: float, failures: int, retry_after: float | None = None) -> float:
    """Delay before the next poll after ``failures`` consecutive failures (1 = the first)."""
    delay = min(interval * 2 ** max(failures - 1, 0), max(interval, MAX_BACKOFF_SECONDS))
    if retry_after is not None:  # the server's wish wins when it asks for longer
        delay = max(delay, min(retry_after, MAX_RETRY_AFTER_SECONDS))
    return delay


async def failed(
    writer: StateWriter,
    source: SourceSettings,
    known: state.SourceState | None,
    reason: str,
    exc: BaseException,
    *,
    now: dt.datetime,
) -> PollResult:
    """Record a failed poll of ``source`` (``known``: its state before) and return its result."""
    failures = (known.consecutive_failures if known else 0) + 1
    retry_after = exc.retry_after if isinstance(exc, RateLimited | HostPaused) else None
    delay = backoff_seconds(source.interval_seconds, failures, retry_after)
    next_poll = now + dt.timedelta(seconds=delay)
    log.warning(
        "source %s: %s (failure %d, next poll in %.0fs)", source.url, reason, failures, delay
    )
    since = known.failing_since if known and known.consecutive_failures else None
    update = updates.failure(
        source.url, reason, failures=failures, now=now, next_poll_at=next_poll, failing_since=since
    )
    try:
        await writer.put(update)
    except Exception:  # the database being down must not turn into an exception either
        log.exception(
            "source %s: cannot record the failure (database); check [database] url", source.url
        )
    return PollResult(
        source.url,
        "error",
        error=reason,
        next_poll_at=next_poll,
        health=health.project(source, known, update),
    )
