"""The outbox worker: sends pending deliveries, retries with backoff, never resends a done one.

A delivery is first *claimed* (attempts + 1, hidden for a lease) and committed, then sent, then
marked done.  A crash mid-send leaves it pending and it is sent again once the lease ends:
at-least-once towards the channel, and never again once it is done.  Deliveries are claimed a
batch at a time (one statement), sent ``concurrency`` at once, and finished together (one
transaction); the batch is small enough that sending it all fits well inside the lease.
Each claimed alert's stored JSON is validated once for all its deliveries (JSON Lines, webhook,
the bus...), and the hot statements are Core statements on the tables, built once.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import random
from collections.abc import Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Text, bindparam, cast, func, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.notifier.backoff import DEFAULT_POLICY, RetryPolicy
from services.notifier.channels.base import BatchChannel, Channel
from services.notifier.models import AlertRow, DeliveryRow, UtcDateTime, table_of, utc_now
from shared.errors import PermanentError, TransientError
from shared.metrics import DELIVERIES
from shared.schemas import AlertRaised

log = logging.getLogger("readoutwatch.notifier.deliver")

Clock = Callable[[], dt.datetime]
ORDERED_CHANNELS = frozenset({"console", "jsonl"})  # local outputs: lines stay in order


_DELIVERIES, _ALERTS = table_of(DeliveryRow), table_of(AlertRow)
# Core statements on the tables (no ORM per-statement work), compiled once and cached
_CLAIMED = (
    select(
        _DELIVERIES.c.id,
        _DELIVERIES.c.subscription,
        _DELIVERIES.c.channel,
        _DELIVERIES.c.target,
        _DELIVERIES.c.attempts,
        _ALERTS.c.id,
        cast(_ALERTS.c.payload, Text),  # the stored JSON, read by pydantic once per alert
    )
    .join(_ALERTS, _ALERTS.c.id == _DELIVERIES.c.alert_id)
    .where(_DELIVERIES.c.id.in_(bindparam("ids", expanding=True)))
    .order_by(_DELIVERIES.c.id)
)
_FINISH_DONE = (
    update(_DELIVERIES)
    .where(
        _DELIVERIES.c.id.in_(bindparam("ids", expanding=True)), _DELIVERIES.c.status == "pending"
    )
    .values(status="done", last_error=None, delivered_at=bindparam("at", type_=UtcDateTime()))
)


@dataclass
class DeliveryStats:
    picked: int = 0
    delivered: int = 0
    retried: int = 0
    failed: int = 0


@dataclass(frozen=True)
class _Claimed:
    id: int
    subscription: str
    channel: str
    target: str
    attempts: int
    alert_id: str
    alert: AlertRaised | None  # None: the stored payload does not read back (``unreadable``)
    unreadable: str | None = None


async def deliver_pending(
    sessionmaker: async_sessionmaker[AsyncSession],
    channels: Mapping[str, Channel],
    *,
    now: Clock = utc_now,
    rand: Callable[[], float] = random.random,
    limit: int = 100,
    policy: RetryPolicy = DEFAULT_POLICY,
) -> DeliveryStats:
    """Send up to ``limit`` due deliveries; database trouble raises ``TransientError``."""
    stats = DeliveryStats()
    try:
        while stats.picked < limit:
            size = min(policy.claim_batch, limit - stats.picked)
            batch = await _claim(sessionmaker, size, now(), policy)
            stats.picked += len(batch)
            await _send_batch(sessionmaker, channels, batch, now, rand, policy, stats)
            if len(batch) < size:
                break  # nothing more is due (or other workers hold it)
    except (SQLAlchemyError, OSError) as exc:
        raise TransientError(f"outbox database: {type(exc).__name__}: {exc}") from exc
    return stats


async def _claim(
    sessionmaker: async_sessionmaker[AsyncSession],
    size: int,
    at: dt.datetime,
    policy: RetryPolicy,
) -> list[_Claimed]:
    """Take up to ``size`` due deliveries, oldest due first, in one statement.

    PostgreSQL workers skip rows another worker is claiming; on SQLite the write lock makes
    claims take turns, and a loser finds the rows already leased.
    """
    lease_end = at + dt.timedelta(seconds=policy.lease_seconds)
    due = (
        select(_DELIVERIES.c.id)
        .where(_DELIVERIES.c.status == "pending", _DELIVERIES.c.next_attempt_at <= at)
        .order_by(_DELIVERIES.c.next_attempt_at, _DELIVERIES.c.id)
        .limit(size)
        .with_for_update(skip_locked=True)
    )
    async with sessionmaker() as session, session.begin():
        won = await session.scalars(
            update(_DELIVERIES)
            .where(
                _DELIVERIES.c.id.in_(due.scalar_subquery()),
                _DELIVERIES.c.status == "pending",
                _DELIVERIES.c.next_attempt_at <= at,
            )
            .values(attempts=_DELIVERIES.c.attempts + 1, next_attempt_at=lease_end)
            .returning(_DELIVERIES.c.id)
        )
        taken = sorted(won)
        if not taken:
            return []
        rows = (await session.execute(_CLAIMED, {"ids": taken})).all()
    return _read_claimed(rows)


def _read_claimed(rows: Sequence[Any]) -> list[_Claimed]:
    """The claimed deliveries with their alerts, each stored alert validated once (an alert has
    a delivery per channel: JSON Lines, webhook, the bus...)."""
    alerts: dict[str, tuple[AlertRaised | None, str | None]] = {}
    claimed = []
    for delivery_id, subscription, channel, target, attempts, alert_id, payload in rows:
        if alert_id not in alerts:
            alerts[alert_id] = _read_alert(payload)
        alert, unreadable = alerts[alert_id]
        claimed.append(
            _Claimed(
                delivery_id, subscription, channel, target, attempts, alert_id, alert, unreadable
            )
        )
    return claimed


def _read_alert(payload: str) -> tuple[AlertRaised | None, str | None]:
    try:
        return AlertRaised.model_validate_json(payload), None
    except ValidationError as exc:
        return None, f"stored alert is unreadable: {exc}"


@dataclass(frozen=True)
class _Outcome:
    claimed: _Claimed
    status: str  # done | failed | pending (retry at retry_at)
    error: str | None = None
    retry_at: dt.datetime | None = None
    exhausted: bool = False  # failed because its last allowed attempt failed


async def _send_batch(
    sessionmaker: async_sessionmaker[AsyncSession],
    channels: Mapping[str, Channel],
    batch: list[_Claimed],
    now: Clock,
    rand: Callable[[], float],
    policy: RetryPolicy,
    stats: DeliveryStats,
) -> None:
    """Send a claimed batch: console and JSON Lines first, one after another in claim order
    (local and quick, they are finished before any network send can hang), then the others,
    at most ``policy.concurrency`` at once.

    Outcomes are written as they come, several per transaction: the sends that end while one
    transaction runs are written together by the next.  So a hung channel delays only its own
    delivery's outcome, and a crash resends only what was not finished yet.  Something that is
    no ``Exception`` (the task cancelled, a crash) propagates once the other sends are done.
    """
    limit = asyncio.Semaphore(max(1, policy.concurrency))
    finisher = _Finisher(sessionmaker, now, stats)

    async def send(claimed: _Claimed) -> None:
        async with limit:
            error = await _attempt(channels, claimed, policy)
        await finisher.add([_judge(claimed, error, now(), rand, policy)])

    async def send_in_order(items: list[_Claimed]) -> None:
        channel = channels.get(items[0].channel)
        if isinstance(channel, BatchChannel) and len(items) > 1:
            ready = [c for c in items if _sendable(c, policy)]
            error = await _attempt_many(channel, ready)
            await finisher.add([_judge(c, error, now(), rand, policy) for c in ready])
            taken = {c.id for c in ready}
            items = [c for c in items if c.id not in taken]  # judged one by one below
        for claimed in items:
            await send(claimed)

    ordered: dict[str, list[_Claimed]] = {}
    jobs: list[Coroutine[Any, Any, None]] = []
    for claimed in batch:
        if claimed.channel in ORDERED_CHANNELS:
            ordered.setdefault(claimed.channel, []).append(claimed)
        else:
            jobs.append(send(claimed))
    for items in ordered.values():  # local outputs first: written and finished in a moment
        await send_in_order(items)
    results = await asyncio.gather(*jobs, return_exceptions=True)
    for result in results:  # database trouble while finishing, or a crash
        if isinstance(result, BaseException):
            raise result


class _Finisher:
    """Writes outcomes as they come: whoever adds to an idle finisher writes, in one
    transaction, everything added until nothing is left."""

    def __init__(
        self, sessionmaker: async_sessionmaker[AsyncSession], now: Clock, stats: DeliveryStats
    ) -> None:
        self._sessionmaker, self._now, self._stats = sessionmaker, now, stats
        self._pending: list[_Outcome] = []
        self._writing = False

    async def add(self, outcomes: list[_Outcome]) -> None:
        self._pending.extend(outcomes)
        if self._writing:
            return  # the running writer takes these too
        self._writing = True
        try:
            while self._pending:
                taken, self._pending = self._pending, []
                await _finish(self._sessionmaker, taken, self._now())
                for outcome in taken:
                    _note(outcome, self._stats)
        finally:
            self._writing = False


async def _attempt(
    channels: Mapping[str, Channel], claimed: _Claimed, policy: RetryPolicy
) -> Exception | None:
    """Send one delivery; the exception that stopped it, or None once the channel took it."""
    try:
        if claimed.attempts > policy.max_attempts:
            # Earlier attempts never came back (the worker died mid-send): stop trying.
            raise PermanentError(f"abandoned after {policy.max_attempts} attempts")
        channel = channels.get(claimed.channel)
        if channel is None:
            raise PermanentError(f"no channel {claimed.channel!r} is configured")
        if claimed.alert is None:
            raise PermanentError(claimed.unreadable or "stored alert is unreadable")
        await channel.send(claimed.alert, claimed.subscription, claimed.target)
    except Exception as exc:  # DeliveryError, or a bug in a channel: judged by _judge
        return exc
    return None


def _sendable(claimed: _Claimed, policy: RetryPolicy) -> bool:
    """Within its attempts, with a stored alert that reads back (else ``_attempt`` says why)."""
    return claimed.attempts <= policy.max_attempts and claimed.alert is not None


async def _attempt_many(channel: BatchChannel, batch: list[_Claimed]) -> Exception | None:
    """Send several deliveries of one batch channel at once: one outcome for all of them."""
    if not batch:
        return None
    try:
        await channel.send_many([c.alert for c in batch if c.alert is not None])
    except Exception as exc:  # DeliveryError, or a bug in the channel: retry either way
        return exc
    return None


def _judge(
    claimed: _Claimed,
    error: Exception | None,
    at: dt.datetime,
    rand: Callable[[], float],
    policy: RetryPolicy,
) -> _Outcome:
    """Done, failed for good, or pending again with the retry's due time (the backoff rules)."""
    if error is None:
        return _Outcome(claimed, "done")
    if isinstance(error, PermanentError):
        return _Outcome(claimed, "failed", str(error))
    reason = str(error) if isinstance(error, TransientError) else f"{type(error).__name__}: {error}"
    if claimed.attempts >= policy.max_attempts:
        return _Outcome(claimed, "failed", reason, exhausted=True)
    return _Outcome(claimed, "pending", reason, at + policy.delay(claimed.attempts, rand()))


def _note(outcome: _Outcome, stats: DeliveryStats) -> None:
    claimed = outcome.claimed
    where = f"{claimed.channel} delivery {claimed.id} of subscription {claimed.subscription!r}"
    ids = {"alert_id": claimed.alert_id, "delivery_id": claimed.id}
    if outcome.status == "done":
        stats.delivered += 1
        DELIVERIES.labels(claimed.channel, "delivered").inc()
    elif outcome.status == "failed":
        stats.failed += 1
        DELIVERIES.labels(claimed.channel, "failed").inc()
        if outcome.exhausted:
            log.error(
                "%s failed after %d attempts: %s", where, claimed.attempts, outcome.error, extra=ids
            )
        else:
            log.error("%s failed: %s", where, outcome.error, extra=ids)
    else:
        stats.retried += 1
        DELIVERIES.labels(claimed.channel, "retry").inc()
        log.warning("%s attempt %d: %s", where, claimed.attempts, outcome.error, extra=ids)


# Core, not ORM: run once per row of a list of parameters (executemany), not a bulk by key
_FINISH_ONE = (
    update(_DELIVERIES)
    .where(_DELIVERIES.c.id == bindparam("delivery_id"), _DELIVERIES.c.status == "pending")
    .values(
        status=bindparam("new_status"),
        last_error=bindparam("error"),
        # a failed delivery keeps its lease end: it is never due again
        next_attempt_at=func.coalesce(
            bindparam("retry_at", type_=UtcDateTime()), _DELIVERIES.c.next_attempt_at
        ),
    )
)


async def _finish(
    sessionmaker: async_sessionmaker[AsyncSession], outcomes: list[_Outcome], at: dt.datetime
) -> None:
    """Write the outcomes in one transaction: one UPDATE for the done ones, one (many rows)
    for the others; a delivery another worker already finished is left alone."""
    if not outcomes:
        return
    done = [o.claimed.id for o in outcomes if o.status == "done"]
    others = [
        {
            "delivery_id": o.claimed.id,
            "new_status": o.status,
            "error": o.error and o.error[:2000],
            "retry_at": o.retry_at,
        }
        for o in outcomes
        if o.status != "done"
    ]
    async with sessionmaker() as session, session.begin():
        if done:
            await session.execute(_FINISH_DONE, {"ids": done, "at": at})
        if others:
            await session.execute(_FINISH_ONE, others)
