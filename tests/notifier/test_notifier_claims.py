"""Claims of a dead notifier on this host fall due at once when a notifier starts, instead of
when their lease ends; claims of live processes, of other hosts and of other notifiers in this
process keep their lease."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.notifier.backoff import RetryPolicy
from services.notifier.channels.base import Channel
from services.notifier.channels.jsonl import JsonlChannel
from services.notifier.claims import new_owner, orphaned, release_orphans, retire
from services.notifier.deliver import DeliveryStats, Sender, deliver_pending
from services.notifier.models import DeliveryRow
from services.notifier.record import record_and_lease
from services.notifier.thresholds import SilenceRules
from tests.notifier.builders import SEEDS_IN_PUBLICATION_ORDER
from tests.notifier.conftest import FakeClock

Sessions = async_sessionmaker[AsyncSession]
LEASE = dt.timedelta(seconds=RetryPolicy().lease_seconds)
HOST = "box"


def never_alive(pid: int) -> bool:
    return False


def always_alive(pid: int) -> bool:
    return True


@pytest.mark.parametrize(
    ("claimant", "live_here", "alive", "expected"),
    [
        ("box:1:aa", set(), always_alive, True),  # my own pid, not running here: my predecessor
        ("box:1:aa", {"box:1:aa"}, always_alive, False),  # a notifier still running here
        ("box:77:aa", set(), never_alive, True),  # its process is gone
        ("box:77:aa", set(), always_alive, False),  # its pid is alive: maybe it is still sending
        ("other:1:aa", set(), never_alive, False),  # another host: cannot tell
        ("boxer:1:aa", set(), never_alive, False),  # a host name that merely starts like mine
        ("box:x:aa", set(), never_alive, False),  # not a name this code writes
        ("garbage", set(), never_alive, False),
    ],
)
def test_orphaned(claimant: str, live_here: set[str], alive: object, expected: bool) -> None:
    assert orphaned(claimant, host=HOST, pid=1, live_here=live_here, alive=alive) is expected  # type: ignore[arg-type]


def dead_pid() -> int:
    """The pid of a process of this host that has exited (and was reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


async def _record(sessionmaker: Sessions, clock: FakeClock, owner: str, n: int) -> None:
    """Commit one alert's deliveries (console, JSON Lines) as claimed by ``owner``."""
    async with sessionmaker() as session:
        await record_and_lease(
            session,
            [SEEDS_IN_PUBLICATION_ORDER[n]],
            rules=SilenceRules(),
            subscriptions=[],
            outputs=["jsonl"],
            now=clock(),
            lease_until=clock() + LEASE,
            claimed_by=owner,
        )


async def _due(sessionmaker: Sessions, at: dt.datetime) -> dict[str | None, int]:
    async with sessionmaker() as session:
        rows = (await session.scalars(select(DeliveryRow))).all()
    counts: dict[str | None, int] = {}
    for row in rows:
        if row.status == "pending" and row.next_attempt_at <= at:
            counts[row.claimed_by] = counts.get(row.claimed_by, 0) + 1
    return counts


async def test_a_restarted_notifier_takes_back_only_dead_claims_of_its_host(
    sessionmaker: Sessions, clock: FakeClock, tmp_path: Path
) -> None:
    host = socket.gethostname()
    gone = f"{host}:{dead_pid()}:dead0001"  # killed mid-send, its process is gone
    running = f"{host}:{os.getppid()}:live0001"  # another process of this host, still running
    elsewhere = f"elsewhere:{dead_pid()}:away0001"  # a replica on another host
    sibling = new_owner()  # another notifier of this very process, still running
    for n, owner in enumerate([gone, running, elsewhere, sibling]):
        await _record(sessionmaker, clock, owner, n)
    assert await _due(sessionmaker, clock()) == {}

    me = new_owner()
    try:
        released = await release_orphans(sessionmaker, me, clock())
    finally:
        retire(me)
    assert {r.claimant for r in released} == {gone}
    assert await _due(sessionmaker, clock()) == {gone: len(released)}
    assert {r.channel for r in released} == {"jsonl"}

    # The outbox sends them now (attempt 2), not when the lease ends; the others still wait.
    channels: dict[str, Channel] = {"jsonl": JsonlChannel(tmp_path / "alerts.jsonl")}
    sender = Sender(sessionmaker, channels, now=clock, owner=me)
    stats = await deliver_pending(sessionmaker, channels, now=clock, sender=sender)
    assert stats == DeliveryStats(picked=len(released), delivered=len(released))
    async with sessionmaker() as session:
        rows = {r.id: r for r in (await session.scalars(select(DeliveryRow))).all()}
    assert {(rows[r.delivery_id].status, rows[r.delivery_id].attempts) for r in released} == {
        ("done", 2)
    }
    assert {r.claimed_by for r in rows.values() if r.status == "pending"} == {
        running,
        elsewhere,
        sibling,
    }
    # Once taken back, a second start finds nothing more to take while the sibling runs.
    again = new_owner()
    try:
        assert await release_orphans(sessionmaker, again, clock()) == []
    finally:
        retire(again)
        retire(sibling)


async def test_a_stopped_notifier_of_this_process_is_no_longer_live(
    sessionmaker: Sessions, clock: FakeClock
) -> None:
    """Its pid is this process's own: once retired, what it left claimed is taken back."""
    first = new_owner()
    await _record(sessionmaker, clock, first, 0)
    second = new_owner()
    try:
        assert await release_orphans(sessionmaker, second, clock()) == []  # first still runs
        retire(first)
        released = await release_orphans(sessionmaker, second, clock())
    finally:
        retire(second)
    assert released and {r.claimant for r in released} == {first}
