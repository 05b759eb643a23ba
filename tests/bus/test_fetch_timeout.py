"""An idle pull consumer's fetch times out with ``nats.errors.TimeoutError``, whatever kept the
event loop busy meanwhile, so FastStream's pull loop takes it for an empty poll (issue: a
healthy idle ``run`` logged "Task-NN raised an exception, retrying..." at ERROR)."""

from __future__ import annotations

import asyncio
import time

import nats
import nats.errors
import pytest

from shared import natsfetch

pytestmark = pytest.mark.nats


async def _fetch_while_the_loop_is_busy(nats_url: str, unique: str) -> BaseException | None:
    nc = await nats.connect(nats_url)
    try:
        js = nc.jetstream()
        await js.add_stream(name=f"IDLE_{unique}", subjects=[f"idle.{unique}"])
        sub = await js.pull_subscribe(f"idle.{unique}", durable=f"idle_{unique}")
        # The notifier's kind of fetch (more than one message), on an empty stream: the loop is
        # blocked (a CPU-bound step elsewhere in the process) for longer than the fetch's timeout.
        task = asyncio.create_task(sub.fetch(batch=100, timeout=0.3))
        for _ in range(3):
            await asyncio.sleep(0)
        time.sleep(0.4)  # noqa: ASYNC251 - the point: a loop blocked past the fetch timeout
        try:
            await task
        except BaseException as exc:
            return exc
        return None
    finally:
        await nc.close()


async def test_a_fetch_that_outlived_a_busy_loop_times_out_the_documented_way(
    nats_url: str, unique: str
) -> None:
    natsfetch.install()
    natsfetch.install()  # idempotent: one wrapper, not two
    outcome = await _fetch_while_the_loop_is_busy(nats_url, unique)
    assert isinstance(outcome, nats.errors.TimeoutError), repr(outcome)
