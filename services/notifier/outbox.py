"""The outbox loop: ``deliver_pending`` every few seconds, or at once when woken, until stopped.

The NATS handler sets ``wake`` after ``record_readout`` commits, so alerts go out without waiting
for the next tick.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable, Mapping

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.notifier.backoff import DEFAULT_POLICY, RetryPolicy
from services.notifier.channels.base import Channel
from services.notifier.deliver import Clock, DeliveryStats, deliver_pending
from services.notifier.models import utc_now
from shared.errors import TransientError

log = logging.getLogger("readoutwatch.notifier.outbox")


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
) -> None:
    """Deliver every ``interval`` seconds (at once when ``wake`` is set) until ``stop`` is set.

    Database trouble is logged and retried on the next pass; the loop itself never dies of it.
    """
    while not stop.is_set():
        stats = DeliveryStats()
        try:
            stats = await deliver_pending(
                sessionmaker, channels, now=now, rand=rand, limit=limit, policy=policy
            )
        except TransientError as exc:
            log.warning("outbox pass failed, retrying in %.0f s: %s", interval, exc)
        if stats.picked >= limit:
            continue  # a backlog: keep going without waiting
        await _wait_for_either(stop, wake, interval)


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
