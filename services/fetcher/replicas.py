"""Which fetcher replicas are alive, and which of them should poll a given host.

Each replica keeps a row in ``fetcher_replicas`` fresh while it runs. A source is preferred by
one live replica, chosen by rendezvous hashing of the source's host: the sources of one host stay
with one replica (so the per-host limits hold across replicas), and when a replica joins or
leaves only its share moves. Others claim a source only after a grace period, as a fallback.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import socket
import uuid
from collections.abc import Sequence

from sqlalchemy import Column, DateTime, String, Table, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.fetcher.limits import host_of
from services.fetcher.state import metadata

replicas = Table(
    "fetcher_replicas",
    metadata,
    Column("owner", String(200), primary_key=True),
    Column("alive_until", DateTime(timezone=True), nullable=False),
)


def default_owner() -> str:
    """A replica's name: host, process, and a random part so a restart is a new replica."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def grace_seconds(interval: float) -> float:
    """How long the other replicas leave a source to the replica that prefers it."""
    return max(2.0, min(0.1 * interval, 60.0))


async def heartbeat(
    session: AsyncSession, owner: str, *, now: dt.datetime, ttl: float
) -> list[str]:
    """Mark ``owner`` alive for ``ttl`` seconds, forget replicas long dead, return the live ones."""
    until = now + dt.timedelta(seconds=ttl)
    mine = replicas.c.owner == owner
    result = await session.execute(update(replicas).where(mine).values(alive_until=until))
    if not result.rowcount:  # type: ignore[attr-defined]
        await session.execute(replicas.insert().values(owner=owner, alive_until=until))
    await session.execute(
        delete(replicas).where(replicas.c.alive_until < now - dt.timedelta(days=1))
    )
    query = select(replicas.c.owner).where(replicas.c.alive_until > now)
    return sorted(set((await session.scalars(query)).all()) | {owner})


async def retire(session: AsyncSession, owner: str) -> None:
    """A clean stop: the others take over this replica's share at once, not after its ttl."""
    await session.execute(delete(replicas).where(replicas.c.owner == owner))


def preferred(url: str, owners: Sequence[str]) -> str | None:
    """The live replica that should poll ``url`` (rendezvous hashing of its host)."""
    host = host_of(url)

    def weight(owner: str) -> bytes:
        return hashlib.blake2b(f"{owner}\n{host}".encode(), digest_size=8).digest()

    return max(owners, key=weight, default=None)
