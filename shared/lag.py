"""Consumer lag: every few seconds, each durable consumer this process runs reports how many
messages of its stream it has not been delivered yet (``readoutwatch_consumer_pending``).

The numbers come from JetStream's own consumer info, so replicas of one service sharing a durable
all report the same backlog; alert on it per consumer, not per pod.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Sequence

from faststream.nats import NatsBroker
from nats.errors import Error as NatsError
from nats.js import JetStreamContext

from shared.metrics import CONSUMER_LAG

log = logging.getLogger(__name__)

INTERVAL_SECONDS = 10.0
Consumer = tuple[str, str]  # (stream, durable name)


def durable_consumers(broker: NatsBroker) -> list[Consumer]:
    """The (stream, durable) pairs of the broker's JetStream subscribers, sorted, no repeats."""
    found = set()
    for sub in broker.subscribers:
        stream = getattr(sub, "stream", None)
        durable = getattr(getattr(sub, "config", None), "durable_name", None)
        if stream is not None and durable:
            found.add((stream.name, durable))
    return sorted(found)


async def sample(js: JetStreamContext, consumers: Sequence[Consumer]) -> dict[str, int]:
    """Pending (not yet delivered) messages per durable consumer, from JetStream."""
    pending = {}
    for stream, durable in consumers:
        info = await js.consumer_info(stream, durable)
        pending[durable] = info.num_pending or 0
    return pending


async def watch(
    js: JetStreamContext,
    consumers: Sequence[Consumer],
    stop: asyncio.Event,
    interval: float = INTERVAL_SECONDS,
) -> None:
    """Set the gauge now and every ``interval`` seconds until ``stop`` is set."""
    while not stop.is_set():
        try:
            for durable, pending in (await sample(js, consumers)).items():
                CONSUMER_LAG.labels(durable).set(pending)
        except (NatsError, TimeoutError) as exc:  # NATS away for a moment: keep the last value
            log.debug("consumer lag not sampled: %s", exc)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), interval)


@contextlib.asynccontextmanager
async def watching(broker: NatsBroker, interval: float = INTERVAL_SECONDS) -> AsyncIterator[None]:
    """Run ``watch`` for the broker's durable consumers while the block runs (none: no task)."""
    consumers = durable_consumers(broker)
    if not consumers:
        yield
        return
    stop = asyncio.Event()
    task = asyncio.create_task(
        watch(broker.connection.jetstream(), consumers, stop, interval), name="consumer-lag"
    )
    try:
        yield
    finally:
        stop.set()
        await task
