"""Who holds a claimed delivery, and taking back the claims of a notifier that died.

A claimed delivery is hidden until its lease ends (``[alerts] lease_seconds``, 5 minutes by
default), so that no other notifier sends it while its claimant may still be sending.  When a
notifier is killed mid-send and restarted on the same host (a container's restart policy, a
supervisor), waiting for the lease would make its alerts minutes late although the claimant is
known to be dead.  So each claim records its claimant, ``host:pid:random``, and a notifier
starting up makes due at once the claims of a claimant on its own host whose process is gone:

- a claimant with the starting process's own pid is dead (a restarted container's entrypoint
  gets the same pid), unless it is another notifier still running in this process;
- a claimant with another pid is dead when no process has that pid any more;
- a claimant on another host, or whose pid is alive, keeps its claim until the lease ends.

A send that had reached its channel before the kill but whose outcome was not yet written is
sent again: delivery is at least once, and each delivery made due this way is logged with its
alert id, so a duplicate can be told from a bug.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.notifier.models import DeliveryRow, table_of

log = logging.getLogger("readoutwatch.notifier.claims")
_DELIVERIES = table_of(DeliveryRow)
_LIVE: set[str] = set()  # claimants of this process that have not retired


def new_owner() -> str:
    """A claimant name for a notifier starting in this process: ``host:pid:random``."""
    owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    _LIVE.add(owner)
    return owner


def retire(owner: str) -> None:
    """The notifier that claimed as ``owner`` has stopped: its leftover claims may be taken."""
    _LIVE.discard(owner)


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid exists on this host (signal 0 checks, sends nothing)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except OSError:
        return True  # cannot tell: keep the claim
    return True


def _host_and_pid(name: str) -> tuple[str, int] | None:
    """The host and pid of a claimant name ``host:pid:random``; None if it is not one."""
    parts = name.rsplit(":", 2)
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    return parts[0], int(parts[1])


def orphaned(
    claimant: str,
    *,
    host: str,
    pid: int,
    live_here: set[str],
    alive: Callable[[int], bool],
) -> bool:
    """Whether ``claimant``'s process is known to be gone, seen from process ``pid`` on ``host``
    (``live_here``: this process's running notifiers; ``alive``: does a pid exist here)."""
    parsed = _host_and_pid(claimant)
    if parsed is None:
        return False  # not a claimant name this code wrote: leave it to the lease
    claimant_host, claimant_pid = parsed
    if claimant_host != host or claimant in live_here:
        return False
    return claimant_pid == pid or not alive(claimant_pid)


@dataclass(frozen=True, order=True)
class Released:
    delivery_id: int
    alert_id: str
    channel: str
    claimant: str


async def release_orphans(
    sessionmaker: async_sessionmaker[AsyncSession], owner: str, now: dt.datetime
) -> list[Released]:
    """Make due at ``now`` the pending deliveries claimed by dead claimants of this host
    (``orphaned``), seen from ``owner``'s process; log each one and return them."""
    mine = _host_and_pid(owner)
    if mine is None:
        raise ValueError(f"not a claimant name (new_owner): {owner!r}")
    host, pid = mine
    held = (
        select(_DELIVERIES.c.claimed_by)
        .where(
            _DELIVERIES.c.status == "pending",
            _DELIVERIES.c.next_attempt_at > now,
            _DELIVERIES.c.claimed_by.like(f"{host}:%"),
        )
        .distinct()
    )
    async with sessionmaker() as session, session.begin():
        claimants = [c for c in await session.scalars(held) if c is not None]
        dead = [
            c
            for c in claimants
            if orphaned(c, host=host, pid=pid, live_here=_LIVE, alive=pid_alive)
        ]
        if not dead:
            return []
        rows = await session.execute(
            update(_DELIVERIES)
            .where(
                _DELIVERIES.c.status == "pending",
                _DELIVERIES.c.next_attempt_at > now,
                _DELIVERIES.c.claimed_by.in_(dead),
            )
            .values(next_attempt_at=now)
            .returning(
                _DELIVERIES.c.id,
                _DELIVERIES.c.alert_id,
                _DELIVERIES.c.channel,
                _DELIVERIES.c.claimed_by,
            )
        )
        released = sorted(Released(*row) for row in rows)
    log.warning(
        "%d deliveries claimed by %d notifier process(es) of this host that are gone (%s) are"
        " due again now instead of when their lease ends; one whose send had reached its"
        " channel before the process died arrives twice",
        len(released),
        len(dead),
        ", ".join(sorted(dead)),
    )
    for item in released:
        log.info(
            "resending delivery %d of alert %s over %s (claimed by %s, which is gone)",
            item.delivery_id,
            item.alert_id,
            item.channel,
            item.claimant,
            extra={"alert_id": item.alert_id, "delivery_id": item.delivery_id},
        )
    return released
