"""The outbox worker: sends pending deliveries, retries with backoff, never resends a done one.

A delivery is first *claimed* (attempts + 1, hidden for a lease) and committed, then sent, then
marked done.  A crash mid-send leaves it pending and it is sent again once the lease ends:
at-least-once towards the channel, and never again once it is done.  Deliveries are claimed a
few at a time (one statement), few enough that sending them all fits well inside the lease.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from pydantic import ValidationError
from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.notifier.backoff import DEFAULT_POLICY, RetryPolicy
from services.notifier.channels.base import Channel
from services.notifier.models import AlertRow, DeliveryRow, utc_now
from shared.errors import PermanentError, TransientError
from shared.metrics import DELIVERIES
from shared.schemas import AlertRaised

log = logging.getLogger("readoutwatch.notifier.deliver")

Clock = Callable[[], dt.datetime]


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
    payload: dict[str, object]


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
            for claimed in batch:
                stats.picked += 1
                await _send(sessionmaker, channels, claimed, now, rand, policy, stats)
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
        select(DeliveryRow.id)
        .where(DeliveryRow.status == "pending", DeliveryRow.next_attempt_at <= at)
        .order_by(DeliveryRow.next_attempt_at, DeliveryRow.id)
        .limit(size)
        .with_for_update(skip_locked=True)
    )
    async with sessionmaker() as session, session.begin():
        won = await session.scalars(
            update(DeliveryRow)
            .where(
                DeliveryRow.id.in_(due.scalar_subquery()),
                DeliveryRow.status == "pending",
                DeliveryRow.next_attempt_at <= at,
            )
            .values(attempts=DeliveryRow.attempts + 1, next_attempt_at=lease_end)
            .returning(DeliveryRow.id)
            .execution_options(synchronize_session=False)
        )
        taken = sorted(won)
        if not taken:
            return []
        rows = await session.execute(
            select(
                DeliveryRow.id,
                DeliveryRow.subscription,
                DeliveryRow.channel,
                DeliveryRow.target,
                DeliveryRow.attempts,
                AlertRow.payload,
            )
            .join(AlertRow, AlertRow.id == DeliveryRow.alert_id)
            .where(DeliveryRow.id.in_(taken))
            .order_by(DeliveryRow.id)
        )
        return [_Claimed(*row) for row in rows]


async def _send(
    sessionmaker: async_sessionmaker[AsyncSession],
    channels: Mapping[str, Channel],
    claimed: _Claimed,
    now: Clock,
    rand: Callable[[], float],
    policy: RetryPolicy,
    stats: DeliveryStats,
) -> None:
    where = f"{claimed.channel} delivery {claimed.id} of subscription {claimed.subscription!r}"
    ids = {"alert_id": claimed.payload.get("alert_id"), "delivery_id": claimed.id}
    try:
        if claimed.attempts > policy.max_attempts:
            # Earlier attempts never came back (the worker died mid-send): stop trying.
            raise PermanentError(f"abandoned after {policy.max_attempts} attempts")
        channel = channels.get(claimed.channel)
        if channel is None:
            raise PermanentError(f"no channel {claimed.channel!r} is configured")
        try:
            alert = AlertRaised.model_validate(claimed.payload)
        except ValidationError as exc:
            raise PermanentError(f"stored alert is unreadable: {exc}") from exc
        await channel.send(alert, claimed.subscription, claimed.target)
    except PermanentError as exc:
        await _finish(sessionmaker, claimed.id, status="failed", error=str(exc), at=now())
        stats.failed += 1
        DELIVERIES.labels(claimed.channel, "failed").inc()
        log.error("%s failed: %s", where, exc, extra=ids)
    except Exception as exc:  # DeliveryError, or a bug in a channel: retry either way
        reason = str(exc) if isinstance(exc, TransientError) else f"{type(exc).__name__}: {exc}"
        if claimed.attempts >= policy.max_attempts:
            await _finish(sessionmaker, claimed.id, status="failed", error=reason, at=now())
            stats.failed += 1
            DELIVERIES.labels(claimed.channel, "failed").inc()
            log.error("%s failed after %d attempts: %s", where, claimed.attempts, reason, extra=ids)
        else:
            retry_at = now() + policy.delay(claimed.attempts, rand())
            await _finish(sessionmaker, claimed.id, error=reason, at=now(), retry_at=retry_at)
            stats.retried += 1
            DELIVERIES.labels(claimed.channel, "retry").inc()
            log.warning("%s attempt %d: %s", where, claimed.attempts, reason, extra=ids)
    else:
        await _finish(sessionmaker, claimed.id, status="done", error=None, at=now())
        stats.delivered += 1
        DELIVERIES.labels(claimed.channel, "delivered").inc()


async def _finish(
    sessionmaker: async_sessionmaker[AsyncSession],
    delivery_id: int,
    *,
    error: str | None,
    at: dt.datetime,
    status: str = "pending",
    retry_at: dt.datetime | None = None,
) -> None:
    values: dict[str, object] = {"status": status, "last_error": error and error[:2000]}
    if status == "done":
        values["delivered_at"] = at
    if retry_at is not None:
        values["next_attempt_at"] = retry_at
    async with sessionmaker() as session, session.begin():
        await session.execute(
            update(DeliveryRow)
            .where(DeliveryRow.id == delivery_id, DeliveryRow.status == "pending")
            .values(**values)
            .execution_options(synchronize_session=False)
        )
