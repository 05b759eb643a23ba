"""The outbox loop: ``deliver_pending`` when a delivery falls due, or at once when woken.

New alerts do not wait for it: the NATS handler commits their deliveries as claimed and sends
them itself (``NotifierService``).  The loop takes what is left: retries, when their backoff
ends (the handler wakes it when one of its sends failed), the ``silence_started`` alerts of the
scheduled check (which wakes it), and deliveries whose sender died, once their lease ends.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import random
from collections.abc import Callable, Mapping

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.notifier.backoff import DEFAULT_POLICY, RetryPolicy
from services.notifier.channels.base import Channel
from services.notifier.deliver import Clock, Sender, deliver_pending
from services.notifier.models import DeliveryRow, utc_now
from shared.errors import TransientError

log = logging.getLogger("readoutwatch.notifier.outbox")
MIN_WAIT_SECONDS = 0.05  # a delivery due "now" that another worker holds must not spin the loop


async def run_outbox(
    sessionmaker: async_sessionmaker[AsyncSession],
    channels: Mapping[str, Channel],
    *,
    stop: asyncio.Event,
    wake: asyncio.Event | None = None,
    interval: float = 2.0,
    limit: int = 100,
    now: Clock = utc_now,
    rand: Callable[[], float] = random.random,
    policy: RetryPolicy = DEFAULT_POLICY,
    sender: Sender | None = None,
) -> None:
    """Deliver when the next delivery is due, at least every ``interval`` seconds, and at once
    when ``wake`` is set, until ``stop`` is set.

    Database trouble is logged and retried on the next pass; the loop itself never dies of it.
    """
    while not stop.is_set():
        try:
            stats = await deliver_pending(
                sessionmaker,
                channels,
                now=now,
                rand=rand,
                limit=limit,
                policy=policy,
                sender=sender,
            )
        except TransientError as exc:
            log.warning("outbox pass failed, retrying in %.0f s: %s", interval, exc)
            await _wait_for_either(stop, None, interval)
            continue
        if stats.picked >= limit:
            continue  # a backlog: keep going without waiting
        if wake is not None and wake.is_set():
            wake.clear()  # new alerts were committed during the pass
            continue
        due = await _next_due(sessionmaker)
        wait = interval if due is None else (due - now()).total_seconds()
        await _wait_for_either(stop, wake, min(interval, max(wait, MIN_WAIT_SECONDS)))


async def _next_due(sessionmaker: async_sessionmaker[AsyncSession]) -> dt.datetime | None:
    try:
        async with sessionmaker() as session:
            return await session.scalar(
                select(func.min(DeliveryRow.next_attempt_at)).where(DeliveryRow.status == "pending")
            )
    except SQLAlchemyError:
        return None  # the next pass reports database trouble


async def _wait_for_either(stop: asyncio.Event, wake: asyncio.Event | None, seconds: float) -> None:
    waiters = [asyncio.create_task(stop.wait())]
    if wake is not None:
        waiters.append(asyncio.create_task(wake.wait()))
    try:
        await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in waiters:
            task.cancel()
        await asyncio.gather(*waiters, return_exceptions=True)
    if wake is not None:
        wake.clear()
