"""The notifier (a real process) while its PostgreSQL database is unreachable: the readout fails,
is nacked with a delay and redelivered, stays unacked until the work is committed, and its
alert arrives once when the database is back.  (A locked SQLite: see test_sigterm.py.)"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from nats.js import JetStreamContext
from sqlalchemy import text

from shared.db import make_engine
from shared.natsserver import EmbeddedNats
from tests.cluster.jetstream import until
from tests.cluster.procs import ServiceProcess
from tests.e2e.servers import LoopbackHTTP
from tests.faults.helpers import (
    assert_alerted_once,
    assert_unacked_for,
    notifier_info,
    publish_one_readout,
)
from tests.faults.tcpproxy import TcpProxy
from tests.pg import PG_URL, postgres_answers

pytestmark = [pytest.mark.nats, pytest.mark.slow]


@pytest.fixture
async def pg_database() -> AsyncIterator[str]:
    """A fresh PostgreSQL database (the notifier migrates its own schema into it)."""
    if not postgres_answers():
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    name = f"rw_fault_{uuid.uuid4().hex[:10]}"
    admin = make_engine(PG_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield name
    async with admin.connect() as conn:
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    await admin.dispose()


@pytest.mark.postgres
async def test_postgres_unreachable_the_notifier_retries_and_resumes(
    tmp_path: Path,
    own_nats: EmbeddedNats,
    js_client: JetStreamContext,
    slack: LoopbackHTTP,
    make_config: Callable[..., Path],
    pg_database: str,
) -> None:
    proxy = await TcpProxy("127.0.0.1", 5432).start()
    db_url = f"postgresql+asyncpg://postgres@127.0.0.1:{proxy.port}/{pg_database}"
    config = make_config(own_nats.url, nats={"max_deliver": 8}, database={"url": db_url})
    notifier = ServiceProcess("notifier", config, tmp_path / "notifier.log")
    notifier.start()
    try:
        await asyncio.to_thread(notifier.wait_ready)
        await proxy.cut()
        url = await publish_one_readout(js_client, seed=12)

        async def retried() -> bool:  # failed once, nacked with a delay, delivered again
            return (await notifier_info(js_client)).delivered.consumer_seq >= 2

        await until(retried, 30, "a redelivery while the database is away")
        await assert_unacked_for(js_client, slack, seconds=1)
        await proxy.restore()
        await assert_alerted_once(js_client, slack, url)
        assert (await notifier_info(js_client)).delivered.consumer_seq >= 2
        assert "retrying in" in notifier.tail(10**6)
    finally:
        await asyncio.to_thread(notifier.stop)
        await proxy.cut()
