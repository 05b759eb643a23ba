"""``record_readout``: one extractor verdict in, new alerts out, in one transaction (outbox).

Contacts, their sources and "first since" mentions are merged into the history, and the people
named are noted as last seen; each contact new to the history and not old news (backfill) is
decided on; alerts and their pending deliveries are stored with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession

from services.notifier import store
from services.notifier.alerts import build_alert
from services.notifier.history import PairHistory, load_history
from services.notifier.merge import Merged, merge_contact, record_mention
from services.notifier.models import utc_now
from services.notifier.pairs import contact_pairs
from services.notifier.people import note_people
from services.notifier.routing import BUILTIN_OUTPUTS, routes_for
from services.notifier.silence import decide, history_present, is_backfill
from services.notifier.thresholds import SilenceRules
from shared.errors import PermanentError, TransientError
from shared.schemas import AlertParticipant, AlertRaised, Contact, ReadoutFound
from shared.settings import SubscriptionSettings


@dataclass
class _Touched:
    merged: Merged
    contact: Contact
    history: PairHistory


async def record_readout(
    session: AsyncSession,
    readout: ReadoutFound,
    *,
    rules: SilenceRules,
    subscriptions: Sequence[SubscriptionSettings],
    outputs: Sequence[str] = BUILTIN_OUTPUTS,
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
        alerts = await _record(session, readout, rules, subscriptions, outputs, now or utc_now())
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
    rules: SilenceRules,
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
    present = history_present(
        now.date(), await store.newest_contact_date(session), readout.published
    )
    await note_people(
        session, ((p, c.date) for pair, c in items if c.date for p in pair.participants)
    )

    histories: dict[str, PairHistory] = {}
    touched: dict[int, _Touched] = {}
    for pair, contact in items:
        if pair.key not in histories:
            histories[pair.key] = await load_history(session, pair.key)
        history = histories[pair.key]
        merged = await merge_contact(session, pair, contact, history)
        await store.add_source(
            session, merged.row.id, readout.url, readout.published, new_contact=merged.created
        )
        touched.setdefault(merged.row.id, _Touched(merged, contact, history))
        await record_mention(session, pair, contact, readout, history)

    alerts: list[AlertRaised] = []
    for item in touched.values():
        row = item.merged.row
        if item.merged.was_reported or is_backfill(
            row.date,
            published=readout.published,
            present=present,
            max_age_days=rules.backfill_days,
        ):
            continue  # a known contact (maybe new details) or old news: history, no alert
        known = item.history.known(exclude_id=row.id)
        threshold = rules.threshold(row.pair_key, (k.date for k in known if k.date < row.date))
        decision = decide(
            row.date, item.contact.kind, known, item.contact.previous_contact, threshold
        )
        if not decision.raises_alert:
            continue
        # a contact this article created has this article as its only source
        sources = [readout.url] if item.merged.created else await store.source_urls(session, row.id)
        alert = build_alert(
            pair_key=row.pair_key,
            date=row.date,
            participants=[AlertParticipant.model_validate(p) for p in row.participants],
            decision=decision,
            sources=sources,
        )
        await store.insert_alert(
            session, row.id, alert, routes_for(alert, subscriptions, outputs), now=now
        )
        alerts.append(alert)
    return sorted(alerts, key=lambda a: a.date or dt.date.min)
