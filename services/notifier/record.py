"""``record_readout``: one extractor verdict in, new alerts out, in one transaction (outbox).

Contacts, their sources and "first since" mentions are merged into the history; each contact
new to the history is decided on; alerts and their pending deliveries are stored with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession

from services.notifier import store
from services.notifier.alerts import build_alert
from services.notifier.merge import merge_contact, record_mention
from services.notifier.models import ContactRow, utc_now
from services.notifier.pairs import contact_pairs
from services.notifier.routing import BUILTIN_OUTPUTS, routes_for
from services.notifier.silence import MAX_REPORT_LAG_DAYS, decide
from shared.errors import PermanentError, TransientError
from shared.schemas import AlertParticipant, AlertRaised, Contact, ReadoutFound
from shared.settings import SubscriptionSettings


@dataclass(frozen=True)
class _Rules:
    threshold_days: int
    max_report_lag_days: int


@dataclass
class _Touched:
    row: ContactRow
    contact: Contact
    was_reported: bool  # already a held contact in the history before this readout


async def record_readout(
    session: AsyncSession,
    readout: ReadoutFound,
    *,
    threshold_days: int,
    subscriptions: Sequence[SubscriptionSettings],
    outputs: Sequence[str] = BUILTIN_OUTPUTS,
    max_report_lag_days: int = MAX_REPORT_LAG_DAYS,
    now: dt.datetime | None = None,
) -> list[AlertRaised]:
    """Store a readout's held contacts and return the alerts they raise, in date order.

    Commits on success.  Idempotent: the same article again, or another article about a known
    contact, returns []; database trouble raises ``TransientError`` (redeliver later).
    Documents that are not readouts are ignored: their contacts are not trusted as history.
    """
    if not readout.is_readout:
        return []
    try:
        alerts = await _record(
            session,
            readout,
            _Rules(threshold_days, max_report_lag_days),
            subscriptions,
            outputs,
            now or utc_now(),
        )
        await session.commit()
    except (IntegrityError, OperationalError, InterfaceError) as exc:
        await session.rollback()
        raise TransientError(f"notifier database: {type(exc).__name__}: {exc.orig}") from exc
    except DBAPIError as exc:
        await session.rollback()
        raise PermanentError(f"notifier database refused the readout: {exc.orig}") from exc
    return alerts


async def _record(
    session: AsyncSession,
    readout: ReadoutFound,
    rules: _Rules,
    subscriptions: Sequence[SubscriptionSettings],
    outputs: Sequence[str],
    now: dt.datetime,
) -> list[AlertRaised]:
    items = [
        (pair, contact)
        for contact in readout.contacts
        if contact.status == "held" and contact.date is not None
        for pair in contact_pairs(contact)
    ]
    if not items:
        return []
    await store.lock_history(session, (pair.key for pair, _ in items))

    touched: dict[int, _Touched] = {}
    for pair, contact in items:
        row, was_reported = await merge_contact(session, pair, contact)
        await store.add_source(session, row.id, readout.url, readout.published)
        touched.setdefault(row.id, _Touched(row, contact, was_reported))
        await record_mention(session, pair, contact, readout)

    alerts: list[AlertRaised] = []
    for item in touched.values():
        if item.was_reported:
            continue  # a known contact: maybe new details, never a second alert
        row = item.row
        history = await store.pair_history(session, row.pair_key, exclude_id=row.id)
        decision = decide(
            row.date,
            item.contact.kind,
            history,
            item.contact.previous_contact,
            rules.threshold_days,
            published=readout.published,
            max_report_lag_days=rules.max_report_lag_days,
        )
        if not decision.raises_alert:
            continue
        alert = build_alert(
            pair_key=row.pair_key,
            date=row.date,
            participants=[AlertParticipant.model_validate(p) for p in row.participants],
            decision=decision,
            sources=await store.source_urls(session, row.id),
        )
        await store.insert_alert(
            session, row.id, alert, routes_for(alert, subscriptions, outputs), now=now
        )
        alerts.append(alert)
    return sorted(alerts, key=lambda a: a.date or dt.date.min)
