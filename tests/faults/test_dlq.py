"""Dead-letter tooling end to end: the notifier (a real process) gives up on a readout its
database refuses, `readoutwatch dlq list` shows it, and `dlq replay` after the fix gets it
processed."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from nats.js import JetStreamContext

from services.dlq_cmd import Stored, format_table, replay_headers
from shared import subjects
from shared.natsserver import EmbeddedNats
from shared.schemas import AlertRaised, DeadLetter
from tests.cluster.jetstream import drained, read_stream, until
from tests.cluster.procs import ServiceProcess
from tests.e2e.servers import LoopbackHTTP
from tests.faults.helpers import HOOK, cli, publish_one_readout

FREEZE = (
    "CREATE TRIGGER rw_test_freeze BEFORE INSERT ON contacts "
    "BEGIN SELECT RAISE(ABORT, 'contacts are frozen for maintenance'); END"
)


def _sql(db: Path, statement: str) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute(statement)


@pytest.mark.nats
@pytest.mark.slow
async def test_dead_letter_is_listed_then_replayed_after_the_fix(
    tmp_path: Path,
    own_nats: EmbeddedNats,
    js_client: JetStreamContext,
    slack: LoopbackHTTP,
    make_config: Callable[..., Path],
) -> None:
    db = tmp_path / "data" / "readoutwatch.db"
    config = make_config(own_nats.url, nats={"max_deliver": 2})
    notifier = ServiceProcess("notifier", config, tmp_path / "notifier.log")
    notifier.start()
    try:
        await asyncio.to_thread(notifier.wait_ready)
        _sql(db, FREEZE)  # the cause: the database refuses new contacts
        url = await publish_one_readout(js_client, seed=41)
        dlq = subjects.dlq_subject("notifier")
        await until(lambda: read_stream(js_client, dlq, DeadLetter), 30, "the dead letter")

        broker = ("--nats-url", own_nats.url)
        code, out, err = await cli("dlq", "list", "--stage", "notifier", "--json", *broker)
        assert code == 0, err
        [row] = [json.loads(line) for line in out.splitlines()]
        assert row["stage"] == "notifier" and row["subject"] == subjects.READOUTS
        assert "contacts are frozen for maintenance" in row["reason"]
        assert row["num_delivered"] == 2 and row["payload_bytes"] > 100 and row["failed_at"]
        assert slack.posts(HOOK) == []

        _sql(db, "DROP TRIGGER rw_test_freeze")  # the fix
        seq = str(row["seq"])
        code, out, err = await cli("dlq", "replay", "--stage", "notifier", "--seq", seq, *broker)
        assert code == 0, err
        assert out.startswith(f"replayed {seq} (notifier) to {subjects.READOUTS}")
        await until(lambda: slack.posts(HOOK), 30, "the replayed readout's alert")
        await until(
            lambda: drained(js_client, subjects.READOUTS, subjects.NOTIFIER_DURABLE), 30, ""
        )
        assert await read_stream(js_client, dlq, DeadLetter) == []  # replayed: removed
        alerts = await read_stream(js_client, subjects.ALERTS, AlertRaised)
        assert [a.sources for a in alerts] == [[url]] and len(slack.posts(HOOK)) == 1
    finally:
        await asyncio.to_thread(notifier.stop)


async def test_dlq_without_a_broker_address_says_so_in_one_line(tmp_path: Path) -> None:
    code, out, err = await cli("dlq", "list", "--data-dir", str(tmp_path))
    assert code == 1 and out == ""
    assert err.strip().splitlines() == [
        "readoutwatch dlq: dlq needs the broker's address in [nats] url (or --nats-url, "
        "READOUTWATCH_NATS_URL): the embedded nats-server only lives while `readoutwatch run` does"
    ]


def test_replay_headers_keep_the_content_type_and_get_a_fresh_message_id() -> None:
    letter = DeadLetter(
        subject=subjects.READOUTS,
        stage="notifier",
        reason="r",
        payload="{}",
        failed_at=dt.datetime(2024, 1, 2, tzinfo=dt.UTC),
        headers={"Nats-Msg-Id": "ReadoutFound:abc", "content-type": "application/json"},
    )
    first, again = replay_headers(Stored(7, letter)), replay_headers(Stored(7, letter))
    assert first["content-type"] == "application/json"
    assert (
        first["Nats-Msg-Id"] != "ReadoutFound:abc" and first["Nats-Msg-Id"] != again["Nats-Msg-Id"]
    )
    assert first["Readoutwatch-Replay-Of"] == "RW_DLQ:7"
    [head, row] = format_table([Stored(7, letter)])
    assert head.split() == ["SEQ", "STAGE", "FAILED", "AT", "DELIV", "BYTES", "SUBJECT:", "REASON"]
    assert row.split()[:4] == ["7", "notifier", "2024-01-02", "00:00:00"]
