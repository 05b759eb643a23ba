"""The notifier (a real process) with its SQLite database locked by another connection: the
readout waits in the handler, unacked; SIGTERM arrives meanwhile; when the lock goes the work is
committed and acked, its alert sent, and the process exits 0 within 30 s."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from nats.js import JetStreamContext

from shared.natsserver import EmbeddedNats
from tests.cluster.jetstream import until
from tests.cluster.procs import ServiceProcess
from tests.e2e.servers import LoopbackHTTP, Recorded
from tests.faults.helpers import (
    HOOK,
    assert_unacked_for,
    in_flight,
    notifier_info,
    publish_one_readout,
)
from tests.faults.sqlitelock import WriteLock, count_rows

pytestmark = [pytest.mark.nats, pytest.mark.slow]


def _slowly(_request: Recorded) -> int:
    time.sleep(2)
    return 200


async def test_locked_database_holds_the_ack_and_sigterm_drains_the_work_in_flight(
    tmp_path: Path,
    own_nats: EmbeddedNats,
    js_client: JetStreamContext,
    slack: LoopbackHTTP,
    make_config: Callable[..., Path],
) -> None:
    db = tmp_path / "data" / "readoutwatch.db"
    notifier = ServiceProcess("notifier", make_config(own_nats.url), tmp_path / "notifier.log")
    notifier.start()
    try:
        await asyncio.to_thread(notifier.wait_ready)
        slack.post_status = _slowly  # the send outlasts the drain of the handler
        lock = await WriteLock(db).acquire()  # a stuck writer elsewhere: ours must wait
        try:
            await publish_one_readout(js_client, seed=31)
            await until(lambda: in_flight(js_client), 30, "the readout in the handler")
            await assert_unacked_for(js_client, slack, seconds=2)
            assert notifier.proc is not None
            notifier.proc.send_signal(signal.SIGTERM)
            stopping = time.monotonic()
            await asyncio.sleep(1)  # SIGTERM lands while the handler still waits on the lock
            assert notifier.proc.poll() is None, "exited with work in flight"
        finally:
            await lock.release()
        code = await asyncio.to_thread(notifier.proc.wait, 30)
        elapsed = time.monotonic() - stopping
    finally:
        await asyncio.to_thread(notifier.stop)

    assert code == 0, notifier.tail()
    assert elapsed < 30
    info = await notifier_info(js_client)
    assert (info.num_ack_pending, info.num_pending, info.ack_floor.stream_seq) == (0, 0, 1)
    assert info.delivered.consumer_seq == 1  # waited and finished; never failed nor redelivered
    assert count_rows(db, "alerts") == 1  # committed before the ack
    # and sent before the exit: the notifier waits for the sends it began after the commit
    assert len(slack.posts(HOOK)) == 1
    with sqlite3.connect(db) as conn:
        statuses = conn.execute("SELECT DISTINCT status FROM deliveries").fetchall()
    assert statuses == [("done",)]
    log = notifier.tail(10**6)
    assert log.index("stopping: draining") < log.index('"alert al_') < log.index('"stopped"')
