"""The scheduled silence check: raise ``silence_started`` for watched pairs gone quiet.

Candidates are found in a read-only pass; each is then re-checked under the pair's history
lock (a contact may have arrived meanwhile) and stored with its outbox rows in one
transaction, like the alerts of ``record_readout``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Callable, Sequence

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.notifier import store
from services.notifier.models import AlertRow, ContactRow, utc_now
from services.notifier.routing import routes_for
from services.notifier.thresholds import SilenceRules
from services.notifier.watch import Silence, is_watched, silence_due
from shared.errors import TransientError
from shared.schemas import AlertParticipant, AlertRaised
from shared.settings import SubscriptionSettings

log = logging.getLogger("readoutwatch.notifier.silence")


async def check_silences(
    sessionmaker: async_sessionmaker[AsyncSession],
    rules: SilenceRules,
    subscriptions: Sequence[SubscriptionSettings],
    outputs: Sequence[str],
    *,
    now: dt.datetime,
) -> list[AlertRaised]:
    """Raise (store, with deliveries) every ``silence_started`` due now; commits."""
    try:
        async with sessionmaker() as session:
            due = await _due(session, rules, now.date())
        if not due:
            return []
        async with sessionmaker() as session:
            await store.lock_history(session, (s.pair_key for s in due))
            alerts = [
                alert
                for silence in due
                if (alert := await _raise(session, silence, subscriptions, outputs, now))
            ]
            await session.commit()
    except SQLAlchemyError as exc:
        raise TransientError(f"silence check: {type(exc).__name__}: {exc}") from exc
    return alerts


async def _due(session: AsyncSession, rules: SilenceRules, today: dt.date) -> list[Silence]:
    query = select(ContactRow.pair_key, ContactRow.date)
    if rules.watched is not None:
        query = query.where(ContactRow.pair_key.in_(sorted(rules.watched)))
    dates: dict[str, list[dt.date]] = defaultdict(list)
    for key, date in await session.execute(query):
        dates[key].append(date)
    found = [
        silence
        for key, days in dates.items()
        if is_watched(key, rules) and (silence := silence_due(key, days, rules, today))
    ]
    if not found:
        return []
    raised = set(
        await session.scalars(
            select(AlertRow.id).where(AlertRow.id.in_([s.alert_id for s in found]))
        )
    )
    return [s for s in found if s.alert_id not in raised]


async def _raise(
    session: AsyncSession,
    silence: Silence,
    subscriptions: Sequence[SubscriptionSettings],
    outputs: Sequence[str],
    now: dt.datetime,
) -> AlertRaised | None:
    last = await session.scalar(
        select(ContactRow)
        .where(ContactRow.pair_key == silence.pair_key)
        .order_by(ContactRow.date.desc(), ContactRow.id)
        .limit(1)
    )
    if last is None or last.date != silence.last_contact:
        return None  # the pair talked since the candidates were read
    if await session.get(AlertRow, silence.alert_id) is not None:
        return None  # another worker raised it meanwhile
    alert = AlertRaised(
        alert_id=silence.alert_id,
        type="silence_started",
        date=silence.began,
        kind=None,
        participants=[AlertParticipant.model_validate(p) for p in last.participants],
        silence_days=silence.days,
        previous_contact=silence.last_contact,
        sources=await store.source_urls(session, last.id),
    )
    routes = routes_for(alert, subscriptions, outputs)
    await store.insert_alert(session, last.id, alert, routes, now=now)
    log.info(
        "alert %s silence_started %s since %s",
        alert.alert_id,
        silence.pair_key,
        last.date,
        extra={"alert_id": alert.alert_id},
    )
    return alert


async def run_silence_checks(
    sessionmaker: async_sessionmaker[AsyncSession],
    rules: SilenceRules,
    subscriptions: Sequence[SubscriptionSettings],
    outputs: Sequence[str],
    *,
    stop: asyncio.Event,
    wake: asyncio.Event,
    interval: float,
    now: Callable[[], dt.datetime] = utc_now,
) -> None:
    """Check at once, then every ``interval`` seconds until ``stop``; wake the outbox on alerts."""
    while not stop.is_set():
        try:
            if await check_silences(sessionmaker, rules, subscriptions, outputs, now=now()):
                wake.set()
        except TransientError as exc:
            log.warning("silence check failed, retrying in %.0f s: %s", interval, exc)
        try:
            await asyncio.wait_for(stop.wait(), timeout=interval)
        except TimeoutError:
            pass
