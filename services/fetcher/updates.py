"""Writing a source's state after a poll: success (validators, next poll) or failure (error,
count, backoff). ``StateWriter`` batches the cheap outcomes of a whole cycle (304, unchanged,
errors) into a few ``executemany`` statements instead of a transaction per source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.fetcher.models import Validators
from services.fetcher.state import ensure_rows, sources
from services.fetcher.tx import transaction


@dataclass(frozen=True)
class StateUpdate:
    url: str
    values: Mapping[str, object]


def success(
    url: str,
    *,
    now: dt.datetime,
    next_poll_at: dt.datetime,
    validators: Validators | None = None,
    initialised: bool = True,
    entries_seen: int | None = None,
    last_new_entry_at: dt.datetime | None = None,
) -> StateUpdate:
    """The source answered and parsed; ``validators`` (if given) replace the stored ones.

    ``initialised`` False keeps a first poll's backfill going (poller.py); ``entries_seen`` and
    ``last_new_entry_at`` (if given) replace the stored counts of a poll that listed new entries.
    """
    values: dict[str, object] = {
        "initialised": initialised,
        "last_polled_at": now,
        "last_success_at": now,
        "last_error": None,
        "failing_since": None,
        "consecutive_failures": 0,
        "next_poll_at": next_poll_at,
    }
    if entries_seen is not None:
        values["entries_seen"] = entries_seen
    if last_new_entry_at is not None:
        values["last_new_entry_at"] = last_new_entry_at
    if validators is not None:
        values.update(
            etag=validators.etag,
            last_modified=validators.last_modified,
            content_hash=validators.content_hash,
        )
    return StateUpdate(url, values)


def failure(
    url: str,
    error: str,
    *,
    failures: int,
    now: dt.datetime,
    next_poll_at: dt.datetime,
    failing_since: dt.datetime | None = None,
) -> StateUpdate:
    """The poll failed; ``failures`` is the new count of consecutive failures, and
    ``failing_since`` when the first of them happened (None: this one)."""
    values = {
        "last_polled_at": now,
        "last_error": error,
        "consecutive_failures": failures,
        "failing_since": failing_since or now,
        "next_poll_at": next_poll_at,
    }
    return StateUpdate(url, values)


async def apply(session: AsyncSession, updates: Sequence[StateUpdate]) -> None:
    """Write ``updates``: one ``executemany`` per kind of update, rows created when missing."""
    await ensure_rows(session, list(dict.fromkeys(u.url for u in updates)))
    kinds: dict[tuple[str, ...], list[dict[str, object]]] = {}
    for update in updates:
        kinds.setdefault(tuple(update.values), []).append({"key": update.url, **update.values})
    for names, rows in kinds.items():
        statement = (
            sources.update()
            .where(sources.c.url == bindparam("key"))
            .values({name: bindparam(name) for name in names})
        )
        await session.execute(statement, rows)


async def record_success(
    session: AsyncSession,
    url: str,
    *,
    now: dt.datetime,
    next_poll_at: dt.datetime,
    validators: Validators | None = None,
) -> None:
    await _write(session, success(url, now=now, next_poll_at=next_poll_at, validators=validators))


async def record_failure(
    session: AsyncSession,
    url: str,
    error: str,
    *,
    failures: int,
    now: dt.datetime,
    next_poll_at: dt.datetime,
) -> None:
    await _write(
        session, failure(url, error, failures=failures, now=now, next_poll_at=next_poll_at)
    )


async def _write(session: AsyncSession, update: StateUpdate) -> None:
    # One row, written at once: insert or update (the row is created on a source's first poll).
    mine = sources.c.url == update.url
    if await session.scalar(select(sources.c.url).where(mine)) is None:
        await session.execute(sources.insert().values(url=update.url, **update.values))
    else:
        await session.execute(sources.update().where(mine).values(**update.values))


class StateWriter:
    """Collects updates and writes them ``batch`` at a time (1: at once), each batch in one
    transaction. Losing a batch in a crash only repeats a poll; nothing is published twice."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], batch: int = 1) -> None:
        self._sessionmaker = sessionmaker
        self._batch = max(batch, 1)
        self._pending: list[StateUpdate] = []

    async def put(self, update: StateUpdate) -> None:
        self._pending.append(update)
        if len(self._pending) >= self._batch:
            await self.flush()

    def take(self) -> list[StateUpdate]:
        """The updates not written yet, for a caller that writes them in its own transaction."""
        pending, self._pending = self._pending, []
        return pending

    async def flush(self) -> None:
        pending = self.take()
        if pending:
            async with transaction(self._sessionmaker) as session:
                await apply(session, pending)
