"""The benchmark's stand-in for the extractor: publishes ReadoutFound messages from its own
process (as the extractor does in production), so publishing never takes CPU from the notifier.

``feed`` publishes a list of readouts on ``rw.readouts.found`` through ``bus.publish`` (content-
derived ``Nats-Msg-Id``), as fast as they go (a window of publishes in flight) or paced at a
rate, and returns the wall-clock time each message was handed to the broker.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from multiprocessing.connection import Connection

from shared import bus, subjects
from shared.schemas import ReadoutFound
from shared.settings import NatsSettings

WINDOW = 64  # publishes in flight at once when feeding as fast as possible


async def _feed(
    broker: bus.NatsBroker, readouts: list[ReadoutFound], rate: float | None
) -> list[float]:
    window = asyncio.Semaphore(WINDOW if rate is None else 1)
    started: list[float] = []
    tasks: list[asyncio.Task[None]] = []

    async def send(found: ReadoutFound) -> None:
        try:
            await bus.publish(broker, subjects.READOUTS, found, found.msg_id())
        finally:
            window.release()

    first = time.time()
    for i, found in enumerate(readouts):
        if rate is not None and (due := first + i / rate) > time.time():
            await asyncio.sleep(due - time.time())
        await window.acquire()
        started.append(time.time())
        tasks.append(asyncio.create_task(send(found)))
    await asyncio.gather(*tasks)
    return started


async def _serve(conn: Connection, url: str) -> None:
    broker = bus.make_broker(url, NatsSettings())
    await broker.connect()
    try:
        conn.send("ready")
        while (job := await asyncio.to_thread(conn.recv)) is not None:
            payloads, rate = job
            readouts = [ReadoutFound.model_validate_json(p) for p in payloads]
            conn.send(await _feed(broker, readouts, rate))
    finally:
        await broker.stop()


def _main(conn: Connection, url: str) -> None:
    asyncio.run(_serve(conn, url))


class PublisherProcess:
    """The publisher in a child process; ``feed`` blocks the caller's thread (run it in one)."""

    def __init__(self, nats_url: str) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_main, args=(child, nats_url), daemon=True)
        self._proc.start()
        if self._conn.recv() != "ready":
            raise RuntimeError("the publisher process did not start")

    def feed(self, readouts: list[ReadoutFound], rate: float | None) -> list[float]:
        self._conn.send(([r.model_dump_json() for r in readouts], rate))
        times: list[float] = self._conn.recv()
        return times

    def stop(self) -> None:
        self._conn.send(None)
        self._proc.join(10)
        if self._proc.is_alive():
            self._proc.kill()
