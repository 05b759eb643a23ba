"""The outbox worker: sends pending deliveries, retries with backoff, never resends a done one.

A delivery is first *claimed* (attempts + 1, hidden for a lease) and committed, then sent, then
marked done.  A crash mid-send leaves it pending and it is sent again once the lease ends:
at-least-once towards the channel, and never again once it is done.  Deliveries are claimed a
batch at a time (one statement), sent ``concurrency`` at once by a ``Sender``, their outcomes
written a few per transaction; the batch is small enough that sending it all fits well inside
the lease, and a send that could not begin in time is left for after it.  New alerts skip the
claim: the notifier commits their deliveries already claimed and hands them to its ``Sender``
(``handed_over``).
Each claimed alert's stored JSON is validated once for all its deliveries (JSON Lines, webhook,
the bus...), and the hot statements are Core statements on the tables, built once.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Text, bindparam, cast, func, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.notifier.backoff import DEFAULT_POLICY, RetryPolicy
from services.notifier.channels.base import BatchChannel, Channel
from services.notifier.claims import new_owner
from services.notifier.models import AlertRow, DeliveryRow, UtcDateTime, table_of, utc_now
from services.notifier.store import LeasedDelivery
from shared.errors import PermanentError, TransientError
from shared.metrics import DELIVERIES
from shared.schemas import AlertRaised

log = logging.getLogger("readoutwatch.notifier.deliver")

Clock = Callable[[], dt.datetime]
ORDERED_CHANNELS = frozenset({"console", "jsonl"})  # local outputs: lines stay in order
LINGER_SECONDS = 0.02  # how long written outcomes wait for the sends still under way


_DELIVERIES, _ALERTS = table_of(DeliveryRow), table_of(AlertRow)
# Core statements on the tables (no ORM per-statement work), compiled once and cached
_CLAIMED = (
    select(
        _DELIVERIES.c.id,
        _DELIVERIES.c.subscription,
        _DELIVERIES.c.channel,
        _DELIVERIES.c.target,
        _DELIVERIES.c.attempts,
        _ALERTS.c.id,
        cast(_ALERTS.c.payload, Text),  # the stored JSON, read by pydantic once per alert
    )
    .join(_ALERTS, _ALERTS.c.id == _DELIVERIES.c.alert_id)
    .where(_DELIVERIES.c.id.in_(bindparam("ids", expanding=True)))
    .order_by(_DELIVERIES.c.id)
)
_FINISH_DONE = (
    update(_DELIVERIES)
    .where(
        _DELIVERIES.c.id.in_(bindparam("ids", expanding=True)), _DELIVERIES.c.status == "pending"
    )
    .values(status="done", last_error=None, delivered_at=bindparam("at", type_=UtcDateTime()))
)


@dataclass
class DeliveryStats:
    picked: int = 0
    delivered: int = 0
    retried: int = 0
    failed: int = 0
    expired: int = 0  # not sent: claimed too long ago (sent again once the lease ends)

    def add(self, other: DeliveryStats) -> None:
        self.delivered += other.delivered
        self.retried += other.retried
        self.failed += other.failed
        self.expired += other.expired

    @classmethod
    def of(cls, outcomes: Sequence[_Outcome]) -> DeliveryStats:
        statuses = [o.status for o in outcomes]
        return cls(
            delivered=statuses.count("done"),
            retried=statuses.count("pending"),
            failed=statuses.count("failed"),
        )


@dataclass(frozen=True)
class Claimed:
    id: int
    subscription: str
    channel: str
    target: str
    attempts: int
    alert_id: str
    alert: AlertRaised | None  # None: the stored payload does not read back (``unreadable``)
    unreadable: str | None = None
    start_by: dt.datetime | None = None  # not sent after this: its lease would end mid-send


async def deliver_pending(
    sessionmaker: async_sessionmaker[AsyncSession],
    channels: Mapping[str, Channel],
    *,
    now: Clock = utc_now,
    rand: Callable[[], float] = random.random,
    limit: int = 100,
    policy: RetryPolicy = DEFAULT_POLICY,
    sender: Sender | None = None,
) -> DeliveryStats:
    """Send up to ``limit`` due deliveries; database trouble raises ``TransientError``.

    ``sender`` is the service's own, shared with the alerts it hands over as it records them;
    without it, one is made for this pass.
    """
    sender = sender or Sender(sessionmaker, channels, now=now, rand=rand, policy=policy)
    stats = DeliveryStats()
    try:
        while stats.picked < limit:
            size = min(policy.claim_batch, limit - stats.picked)
            batch = await _claim(sessionmaker, size, now(), policy, sender.owner)
            stats.picked += len(batch)
            stats.add(await sender.send(batch))
            if len(batch) < size:
                break  # nothing more is due (or other workers hold it)
    except (SQLAlchemyError, OSError) as exc:
        raise TransientError(f"outbox database: {type(exc).__name__}: {exc}") from exc
    return stats


def handed_over(leased: Sequence[LeasedDelivery], start_by: dt.datetime) -> list[Claimed]:
    """Deliveries their writer stored as claimed (``store.insert_alerts`` with a lease), in
    the order an outbox pass would have claimed them; none is sent after ``start_by``."""
    return [
        Claimed(
            d.id,
            d.route.subscription,
            d.route.channel,
            d.route.target,
            1,
            d.alert.alert_id,
            d.alert,
            start_by=start_by,
        )
        for d in sorted(leased, key=lambda d: d.id)
    ]


async def _claim(
    sessionmaker: async_sessionmaker[AsyncSession],
    size: int,
    at: dt.datetime,
    policy: RetryPolicy,
    owner: str,
) -> list[Claimed]:
    """Take up to ``size`` due deliveries, oldest due first, in one statement.

    PostgreSQL workers skip rows another worker is claiming; on SQLite the write lock makes
    claims take turns, and a loser finds the rows already leased.
    """
    lease_end = at + dt.timedelta(seconds=policy.lease_seconds)
    due = (
        select(_DELIVERIES.c.id)
        .where(_DELIVERIES.c.status == "pending", _DELIVERIES.c.next_attempt_at <= at)
        .order_by(_DELIVERIES.c.next_attempt_at, _DELIVERIES.c.id)
        .limit(size)
        .with_for_update(skip_locked=True)
    )
    async with sessionmaker() as session, session.begin():
        won = await session.scalars(
            update(_DELIVERIES)
            .where(
                _DELIVERIES.c.id.in_(due.scalar_subquery()),
                _DELIVERIES.c.status == "pending",
                _DELIVERIES.c.next_attempt_at <= at,
            )
            .values(
                attempts=_DELIVERIES.c.attempts + 1, next_attempt_at=lease_end, claimed_by=owner
            )
            .returning(_DELIVERIES.c.id)
        )
        taken = sorted(won)
        if not taken:
            return []
        rows = (await session.execute(_CLAIMED, {"ids": taken})).all()
    return _read_claimed(rows, policy.last_start(lease_end))


def _read_claimed(rows: Sequence[Any], start_by: dt.datetime) -> list[Claimed]:
    """The claimed deliveries with their alerts, each stored alert validated once (an alert has
    a delivery per channel: JSON Lines, webhook, the bus...)."""
    alerts: dict[str, tuple[AlertRaised | None, str | None]] = {}
    claimed = []
    for delivery_id, subscription, channel, target, attempts, alert_id, payload in rows:
        if alert_id not in alerts:
            alerts[alert_id] = _read_alert(payload)
        alert, unreadable = alerts[alert_id]
        claimed.append(
            Claimed(
                delivery_id,
                subscription,
                channel,
                target,
                attempts,
                alert_id,
                alert,
                unreadable,
                start_by,
            )
        )
    return claimed


def _read_alert(payload: str) -> tuple[AlertRaised | None, str | None]:
    try:
        return AlertRaised.model_validate_json(payload), None
    except ValidationError as exc:
        return None, f"stored alert is unreadable: {exc}"


@dataclass(frozen=True)
class _Outcome:
    claimed: Claimed
    status: str  # done | failed | pending (retry at retry_at)
    error: str | None = None
    retry_at: dt.datetime | None = None
    exhausted: bool = False  # failed because its last allowed attempt failed


class Sender:
    """Sends claimed deliveries and writes their outcomes.

    One per notifier, shared by the outbox passes and the alerts the notifier hands over as it
    records them, so that at most ``policy.concurrency`` network sends run at once, console and
    JSON Lines keep their order across batches, and outcomes that end close together are
    written by one transaction (``_Finisher``).
    """

    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        channels: Mapping[str, Channel],
        *,
        now: Clock = utc_now,
        rand: Callable[[], float] = random.random,
        policy: RetryPolicy = DEFAULT_POLICY,
        linger: float = LINGER_SECONDS,
        owner: str | None = None,
    ) -> None:
        self._channels, self._now, self._rand, self._policy = channels, now, rand, policy
        self.owner = owner or new_owner()  # the claimant its claims name (``claims``)
        self._limit = asyncio.Semaphore(max(1, policy.concurrency))
        self._in_order = asyncio.Lock()  # FIFO: batches write their local lines in turn
        self._finisher = _Finisher(sessionmaker, now, linger)

    async def send(self, batch: Sequence[Claimed]) -> DeliveryStats:
        """Send a claimed batch and return once every outcome is written.

        Console and JSON Lines go first, one after another in claim order (local and quick),
        then the others, at most ``policy.concurrency`` at once across all batches.  A hung
        channel delays only its own delivery's outcome, and a crash resends only what was not
        finished yet.  Database trouble while writing outcomes (``SQLAlchemyError``) and
        anything that is no ``Exception`` (cancelled, a crash) propagate once the other sends
        are done.
        """
        ordered: dict[str, list[Claimed]] = {}
        others: list[Claimed] = []
        for claimed in batch:
            if claimed.channel in ORDERED_CHANNELS:
                ordered.setdefault(claimed.channel, []).append(claimed)
            else:
                others.append(claimed)
        outcomes: list[_Outcome] = []
        written: list[asyncio.Future[None]] = []
        added = 0  # outcomes handed to the finisher
        expired: list[Claimed] = []

        def judged(items: list[Claimed], error: Exception | None) -> list[_Outcome]:
            found = [_judge(c, error, self._now(), self._rand, self._policy) for c in items]
            outcomes.extend(found)
            return found

        async def send_one(claimed: Claimed) -> None:
            nonlocal added
            async with self._limit:
                if claimed.start_by is not None and self._now() > claimed.start_by:
                    expired.append(claimed)  # waited too long for a turn: left to the lease
                    return
                error = await _attempt(self._channels, claimed, self._policy)
            written.append(self._finisher.add(judged([claimed], error)))
            added += 1

        self._finisher.expect(len(batch))
        try:
            async with self._in_order:  # local outputs first, in claim order
                for items in ordered.values():
                    channel = self._channels.get(items[0].channel)
                    if isinstance(channel, BatchChannel) and len(items) > 1:
                        ready = [c for c in items if _sendable(c, self._policy)]
                        if ready:
                            judged(ready, await _attempt_many(channel, ready))
                        items = [c for c in items if c not in ready]  # judged one by one
                    for claimed in items:
                        judged([claimed], await _attempt(self._channels, claimed, self._policy))
            # Local outcomes are written, in one transaction, before any network send starts:
            # a send that hangs and a crash meanwhile must not make the JSON Lines file repeat
            # the alert.  If that write fails, nothing else is sent: it could not be written.
            if outcomes:
                local, added = self._finisher.add(list(outcomes), hurry=True), len(outcomes)
                await local
            sent = await asyncio.gather(*map(send_one, others), return_exceptions=True)
        finally:
            self._finisher.expect(added - len(batch))  # no outcome will come for the others
        for result in [*sent, *await asyncio.gather(*written, return_exceptions=True)]:
            if isinstance(result, BaseException):
                raise result
        if expired:
            log.warning(
                "%d deliveries waited for a free sender until their lease nearly ended (a slow"
                " channel?); they are sent again once it ends",
                len(expired),
                extra={"delivery_id": expired[0].id},
            )
        stats = DeliveryStats.of(outcomes)
        stats.expired = len(expired)
        return stats


class _Finisher:
    """Writes outcomes as they come, several per transaction: while sends are still under way,
    a write waits up to ``linger`` for them to join (an alert's network sends -- a webhook, the
    bus -- then share one transaction), unless an outcome added in a ``hurry`` is waiting;
    outcomes added during a write go in the next.  ``add`` returns a future that is done once
    its outcomes are written."""

    def __init__(
        self, sessionmaker: async_sessionmaker[AsyncSession], now: Clock, linger: float
    ) -> None:
        self._sessionmaker, self._now, self._linger = sessionmaker, now, linger
        self._pending: list[_Outcome] = []
        self._written: asyncio.Future[None] | None = None  # for the outcomes in _pending
        self._expected = 0  # sends begun whose outcome has not been added yet
        self._hurry = False  # the next write does not linger
        self._go = asyncio.Event()  # stop lingering: all sends are in, or one is in a hurry
        self._writer: asyncio.Task[None] | None = None

    def expect(self, sends: int) -> None:
        self._expected += sends
        if self._expected <= 0:
            self._go.set()

    def add(self, outcomes: list[_Outcome], *, hurry: bool = False) -> asyncio.Future[None]:
        """Outcomes to write; with ``hurry`` their write does not wait for other sends."""
        self._pending.extend(outcomes)
        if hurry:
            self._hurry = True
            self._go.set()
        if self._written is None:
            self._written = asyncio.get_running_loop().create_future()
        written = self._written
        self.expect(-len(outcomes))
        if self._writer is None:
            self._writer = asyncio.create_task(self._write(), name="outbox-finisher")
        return written

    async def _write(self) -> None:
        try:
            while self._pending:
                if self._expected > 0 and not self._hurry:  # more are coming: let them join
                    self._go.clear()
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._go.wait(), self._linger)
                taken, self._pending, self._hurry = self._pending, [], False
                written, self._written = self._written, None
                assert written is not None
                try:
                    await _finish(self._sessionmaker, taken, self._now())
                except Exception as exc:  # the senders waiting on ``written`` get it
                    written.set_exception(exc)
                    continue
                except BaseException:
                    written.cancel()
                    raise
                for outcome in taken:
                    _note(outcome)
                written.set_result(None)
        finally:
            self._writer = None


async def _attempt(
    channels: Mapping[str, Channel], claimed: Claimed, policy: RetryPolicy
) -> Exception | None:
    """Send one delivery; the exception that stopped it, or None once the channel took it."""
    try:
        if claimed.attempts > policy.max_attempts:
            # Earlier attempts never came back (the worker died mid-send): stop trying.
            raise PermanentError(f"abandoned after {policy.max_attempts} attempts")
        channel = channels.get(claimed.channel)
        if channel is None:
            raise PermanentError(f"no channel {claimed.channel!r} is configured")
        if claimed.alert is None:
            raise PermanentError(claimed.unreadable or "stored alert is unreadable")
        await channel.send(claimed.alert, claimed.subscription, claimed.target)
    except Exception as exc:  # DeliveryError, or a bug in a channel: judged by _judge
        return exc
    return None


def _sendable(claimed: Claimed, policy: RetryPolicy) -> bool:
    """Within its attempts, with a stored alert that reads back (else ``_attempt`` says why)."""
    return claimed.attempts <= policy.max_attempts and claimed.alert is not None


async def _attempt_many(channel: BatchChannel, batch: list[Claimed]) -> Exception | None:
    """Send several deliveries of one batch channel at once: one outcome for all of them."""
    if not batch:
        return None
    try:
        await channel.send_many([c.alert for c in batch if c.alert is not None])
    except Exception as exc:  # DeliveryError, or a bug in the channel: retry either way
        return exc
    return None


def _judge(
    claimed: Claimed,
    error: Exception | None,
    at: dt.datetime,
    rand: Callable[[], float],
    policy: RetryPolicy,
) -> _Outcome:
    """Done, failed for good, or pending again with the retry's due time (the backoff rules)."""
    if error is None:
        return _Outcome(claimed, "done")
    if isinstance(error, PermanentError):
        return _Outcome(claimed, "failed", str(error))
    reason = str(error) if isinstance(error, TransientError) else f"{type(error).__name__}: {error}"
    if claimed.attempts >= policy.max_attempts:
        return _Outcome(claimed, "failed", reason, exhausted=True)
    return _Outcome(claimed, "pending", reason, at + policy.delay(claimed.attempts, rand()))


def _note(outcome: _Outcome) -> None:
    """Metrics and log lines of a written outcome."""
    claimed = outcome.claimed
    where = f"{claimed.channel} delivery {claimed.id} of subscription {claimed.subscription!r}"
    ids = {"alert_id": claimed.alert_id, "delivery_id": claimed.id}
    if outcome.status == "done":
        DELIVERIES.labels(claimed.channel, "delivered").inc()
    elif outcome.status == "failed":
        DELIVERIES.labels(claimed.channel, "failed").inc()
        if outcome.exhausted:
            log.error(
                "%s failed after %d attempts, given up: %s; check the channel's settings"
                " (`readoutwatch alerts` lists what failed)",
                where,
                claimed.attempts,
                outcome.error,
                extra=ids,
            )
        else:
            log.error(
                "%s failed for good: %s; check the channel's settings (`readoutwatch alerts`"
                " lists what failed)",
                where,
                outcome.error,
                extra=ids,
            )
    else:
        DELIVERIES.labels(claimed.channel, "retry").inc()
        log.warning("%s attempt %d: %s", where, claimed.attempts, outcome.error, extra=ids)


# Core, not ORM: run once per row of a list of parameters (executemany), not a bulk by key
_FINISH_ONE = (
    update(_DELIVERIES)
    .where(_DELIVERIES.c.id == bindparam("delivery_id"), _DELIVERIES.c.status == "pending")
    .values(
        status=bindparam("new_status"),
        last_error=bindparam("error"),
        # a failed delivery keeps its lease end: it is never due again
        next_attempt_at=func.coalesce(
            bindparam("retry_at", type_=UtcDateTime()), _DELIVERIES.c.next_attempt_at
        ),
    )
)


async def _finish(
    sessionmaker: async_sessionmaker[AsyncSession], outcomes: list[_Outcome], at: dt.datetime
) -> None:
    """Write the outcomes in one transaction: one UPDATE for the done ones, one (many rows)
    for the others; a delivery another worker already finished is left alone."""
    if not outcomes:
        return
    done = [o.claimed.id for o in outcomes if o.status == "done"]
    others = [
        {
            "delivery_id": o.claimed.id,
            "new_status": o.status,
            "error": o.error and o.error[:2000],
            "retry_at": o.retry_at,
        }
        for o in outcomes
        if o.status != "done"
    ]
    async with sessionmaker() as session, session.begin():
        if done:
            await session.execute(_FINISH_DONE, {"ids": done, "at": at})
        if others:
            await session.execute(_FINISH_ONE, others)
