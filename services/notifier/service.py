"""The notifier as a NATS service: ReadoutFound in; history, alerts and deliveries out.

The database is migrated to the head at start.  Readouts arrive in batches
(``bus.consume_batch``): ``record_and_lease`` commits a batch's contacts, alerts and
deliveries in one transaction before its messages are acked, the deliveries already claimed by
this notifier, which then sends them at once in the background (no claim transaction, no wait
for the outbox loop).  The outbox loop sends retries and what a dead notifier left (once its
lease ends, or at once when it was a process of this host that is gone: ``claims``), and the
silence check adds ``silence_started`` alerts.  Publishing the alert on
``rw.alerts.raised`` is one more outbox channel ("nats"), so a crash between commit and
publish cannot lose it and the alert id as ``Nats-Msg-Id`` makes a resend harmless.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

import aiohttp
from faststream.nats import NatsBroker
from sqlalchemy import func, or_, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from services.notifier.backoff import RetryPolicy
from services.notifier.channels import Channel, build_channels, builtin_outputs
from services.notifier.channels.webpost import open_http
from services.notifier.claims import new_owner, release_orphans, retire
from services.notifier.deliver import Claimed, Sender, handed_over
from services.notifier.delivery_summary import read_deliveries
from services.notifier.migrate import upgrade_database
from services.notifier.models import AlertRow, DeliveryRow, utc_now
from services.notifier.outbox import run_outbox
from services.notifier.record import record_and_lease
from services.notifier.silence_check import run_silence_checks
from services.notifier.thresholds import SilenceRules
from shared import bus, subjects
from shared.db import make_engine, make_sessionmaker
from shared.schemas import AlertRaised, ReadoutFound
from shared.settings import Settings, parse_duration

log = logging.getLogger(__name__)
BUS_OUTPUT = "nats"
# Deliveries the handler may have in flight before it leaves new ones to the outbox loop.
HAND_OFF_LIMIT = 1_000


class BusChannel:
    """Publishes an alert on rw.alerts.raised, deduplicated by its alert id."""

    def __init__(self, broker: NatsBroker) -> None:
        self._broker = broker

    async def send(self, alert: AlertRaised, subscription: str, target: str) -> None:
        await bus.publish(self._broker, subjects.ALERTS, alert, alert.alert_id)


class NotifierService:
    name = "notifier"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.rules = SilenceRules.from_settings(settings.alerts)
        self.outputs = [*builtin_outputs(settings), BUS_OUTPUT]
        self.policy = RetryPolicy.from_settings(settings.alerts)
        self._engine: AsyncEngine | None = None
        self._sessions: async_sessionmaker[AsyncSession] | None = None
        self._client: aiohttp.ClientSession | None = None
        self._stop = asyncio.Event()
        self._wake = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._sender: Sender | None = None
        self._sending: set[asyncio.Task[None]] = set()  # sends of just-recorded alerts
        self._handed_off = 0  # their deliveries not finished yet
        self.hand_off_limit = HAND_OFF_LIMIT

    def register(self, broker: NatsBroker) -> None:
        bus.consume_batch(
            broker,
            subject=subjects.READOUTS,
            durable=subjects.NOTIFIER_DURABLE,
            stage=self.name,
            model=ReadoutFound,
            work=self._handle,
            cfg=self.settings.nats,
        )

    async def _handle(self, readouts: list[ReadoutFound]) -> None:
        assert self._sessions is not None, "NotifierService.start() was not called"
        lease_end = utc_now() + dt.timedelta(seconds=self.policy.lease_seconds)
        # While a slow channel holds many sends back, new deliveries go to the outbox loop,
        # which claims no more than can be sent within a lease.
        hand_off = self._handed_off < self.hand_off_limit
        async with self._sessions() as session:
            recorded = await record_and_lease(
                session,
                readouts,
                rules=self.rules,
                subscriptions=self.settings.subscriptions,
                outputs=self.outputs,
                lease_until=lease_end if hand_off else None,
                claimed_by=self._sender.owner if self._sender else None,
            )
        for readout, alerts in zip(readouts, recorded.alerts, strict=True):
            for alert in alerts:
                log.info(
                    "alert %s %s %s from %s",
                    alert.alert_id,
                    alert.type,
                    alert.date,
                    readout.url,
                    extra={"alert_id": alert.alert_id, "url": readout.url},
                )
        if recorded.leased:
            claimed = handed_over(recorded.leased, self.policy.last_start(lease_end))
            task = asyncio.create_task(self._send_now(claimed))
            self._sending.add(task)
            task.add_done_callback(self._sending.discard)
        elif any(recorded.alerts):
            self._wake.set()  # left due for the outbox loop

    async def _send_now(self, claimed: list[Claimed]) -> None:
        """Send deliveries just committed as claimed; what fails is retried by the outbox loop."""
        assert self._sender is not None
        self._handed_off += len(claimed)
        try:
            stats = await self._sender.send(claimed)
        except Exception as exc:  # outcomes not written: resent once the lease ends
            log.warning(
                "writing the outcome of %d deliveries failed; they are sent again when their"
                " lease ends: %s: %s",
                len(claimed),
                type(exc).__name__,
                exc,
            )
            return
        finally:
            self._handed_off -= len(claimed)
        if stats.retried:
            self._wake.set()  # the outbox loop waits for the retry's due time

    async def start(self, broker: NatsBroker) -> None:
        await upgrade_database(self.settings.database_url)
        self._engine = make_engine(self.settings.database_url, one_connection=True)
        self._sessions = make_sessionmaker(self._engine)
        self._client = open_http()
        channels: dict[str, Channel] = build_channels(self.settings, self._client)
        channels[BUS_OUTPUT] = BusChannel(broker)
        self._stop.clear()
        sessions, policy = self._sessions, self.policy
        sender = self._sender = Sender(sessions, channels, policy=policy, owner=new_owner())
        # Claims of this host's notifiers that died mid-send fall due now, not at lease end.
        try:
            await release_orphans(sessions, sender.owner, utc_now())
        except SQLAlchemyError as exc:
            log.warning(
                "could not look for claims of dead notifiers (they wait for their lease"
                " to end): %s: %s",
                type(exc).__name__,
                exc,
            )

        def outbox() -> Coroutine[Any, Any, None]:
            return run_outbox(
                sessions, channels, stop=self._stop, wake=self._wake, policy=policy, sender=sender
            )

        self._tasks = [asyncio.create_task(self._keep_running(outbox), name="notifier-outbox")]
        if self.rules.watched != frozenset():  # some pair is watched for silence_started

            def checks() -> Coroutine[Any, Any, None]:
                return run_silence_checks(
                    sessions,
                    self.rules,
                    self.settings.subscriptions,
                    self.outputs,
                    stop=self._stop,
                    wake=self._wake,
                    interval=parse_duration(self.settings.alerts.check_every),
                )

            task = asyncio.create_task(self._keep_running(checks), name="notifier-silence-check")
            self._tasks.append(task)

    @property
    def engine(self) -> AsyncEngine | None:
        """The database engine while the service runs (benchmarks count its statements)."""
        return self._engine

    async def _keep_running(self, loop: Callable[[], Coroutine[Any, Any, None]]) -> None:
        """Restart a background loop that died of an error it did not expect, so deliveries and
        silence checks resume: a safety net behind the loops' own handling of database errors."""
        while not self._stop.is_set():
            try:
                await loop()
            except Exception:
                log.exception(
                    "notifier: a delivery or silence-check loop failed; restarting it in 2 s"
                    " (check [database] url; report the traceback if it repeats)"
                )
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stop.wait(), 2.0)

    async def stop(self) -> None:
        self._stop.set()
        await asyncio.gather(*self._tasks, *self._sending)
        if self._sender is not None:
            retire(self._sender.owner)
        if self._client is not None:
            await self._client.close()
        if self._engine is not None:
            await self._engine.dispose()

    async def alerts_since(self, since: dt.datetime) -> list[AlertRaised]:
        """The alerts recorded from ``since`` on, in the order recorded (replay prints them).

        Alerts stored in one transaction share ``created_at``; their outbox rows, inserted in
        the alerts' order, break the tie.
        """
        assert self._sessions is not None
        first_delivery = (
            select(DeliveryRow.alert_id, func.min(DeliveryRow.id).label("first_id"))
            .where(DeliveryRow.created_at >= since)
            .group_by(DeliveryRow.alert_id)
            .subquery()
        )
        query = (
            select(AlertRow.payload)
            .outerjoin(first_delivery, first_delivery.c.alert_id == AlertRow.id)
            .where(AlertRow.created_at >= since)
            .order_by(AlertRow.created_at, first_delivery.c.first_id, AlertRow.id)
        )
        async with self._sessions() as session:
            return [AlertRaised.model_validate(p) for p in await session.scalars(query)]

    async def deliveries(self, alert_ids: Sequence[str]) -> list[DeliveryRow]:
        """The delivery rows of these alerts, as they stand (replay waits on them)."""
        assert self._sessions is not None
        async with self._sessions() as session:
            return await read_deliveries(session, alert_ids=alert_ids)

    async def outbox_idle(self) -> bool:
        """True when no delivery is due or on its first attempt (used by replay to wait)."""
        assert self._sessions is not None
        async with self._sessions() as session:
            busy = await session.scalar(
                select(func.count())
                .select_from(DeliveryRow)
                .where(
                    DeliveryRow.status == "pending",
                    or_(DeliveryRow.next_attempt_at <= utc_now(), DeliveryRow.last_error.is_(None)),
                )
            )
        return not busy
