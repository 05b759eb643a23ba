"""The outbox worker: sends pending deliveries, retries with backoff, never resends a done one.

A delivery is first *claimed* (attempts + 1, hidden for a lease) and committed, then sent, then
marked done.  A crash mid-send leaves it pending and it is sent again once the lease ends:
at-least-once towards the channel, and never again once it is done.
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
        async with sessionmaker() as session:
            due = await session.scalars(
                select(DeliveryRow.id)
                .where(DeliveryRow.status == "pending", DeliveryRow.next_attempt_at <= now())
                .order_by(DeliveryRow.next_attempt_at, DeliveryRow.id)
                .limit(limit)
            )
            ids = list(due)
        for delivery_id in ids:
            claimed = await _claim(sessionmaker, delivery_id, now(), policy)
            if claimed is not None:
                stats.picked += 1
                await _send(sessionmaker, channels, claimed, now, rand, policy, stats)
    except SQLAlchemyError as exc:
        raise TransientError(f"outbox database: {type(exc).__name__}: {exc}") from exc
    return stats


async def _claim(
    sessionmaker: async_sessionmaker[AsyncSession],
    delivery_id: int,
    at: dt.datetime,
    policy: RetryPolicy,
) -> _Claimed | None:
    """Take the delivery if it is still due (another worker may have won); None otherwise."""
    lease_end = at + dt.timedelta(seconds=policy.lease_seconds)
    async with sessionmaker() as session, session.begin():
        result = await session.execute(
            update(DeliveryRow)
            .where(
                DeliveryRow.id == delivery_id,
                DeliveryRow.status == "pending",
                DeliveryRow.next_attempt_at <= at,
            )
            .values(attempts=DeliveryRow.attempts + 1, next_attempt_at=lease_end)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            return None
        row = (
            await session.execute(
                select(DeliveryRow, AlertRow.payload)
                .join(AlertRow, AlertRow.id == DeliveryRow.alert_id)
                .where(DeliveryRow.id == delivery_id)
            )
        ).one()
        d = row[0]
        return _Claimed(d.id, d.subscription, d.channel, d.target, d.attempts, row[1])


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
        log.error("%s failed: %s", where, exc)
    except Exception as exc:  # DeliveryError, or a bug in a channel: retry either way
        reason = str(exc) if isinstance(exc, TransientError) else f"{type(exc).__name__}: {exc}"
        if claimed.attempts >= policy.max_attempts:
            await _finish(sessionmaker, claimed.id, status="failed", error=reason, at=now())
            stats.failed += 1
            log.error("%s failed after %d attempts: %s", where, claimed.attempts, reason)
        else:
            retry_at = now() + policy.delay(claimed.attempts, rand())
            await _finish(sessionmaker, claimed.id, error=reason, at=now(), retry_at=retry_at)
            stats.retried += 1
            log.warning("%s attempt %d: %s", where, claimed.attempts, reason)
    else:
        await _finish(sessionmaker, claimed.id, status="done", error=None, at=now())
        stats.delivered += 1


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
