"""``record_readouts``: extractor verdicts in, new alerts out, in one transaction (outbox).

Contacts, their sources and "first since" mentions are merged into the history, and the people
named are noted as last seen; each contact new to the history and not old news (backfill: a
first poll's article, or a contact too old at arrival, ``silence.is_backfill``) is decided on;
alerts and their pending deliveries are stored with it. A batch of readouts is recorded as the
same readouts one after another would be (``batch.Batch`` keeps the batch's changes in memory
and writes them at the end); ``record_readout`` is the batch of one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession

from services.notifier.alerts import build_alert
from services.notifier.batch import Batch
from services.notifier.history import PairHistory
from services.notifier.merge import Merged
from services.notifier.models import utc_now
from services.notifier.pairs import Pair, contact_pairs
from services.notifier.routing import BUILTIN_OUTPUTS, routes_for
from services.notifier.silence import decide, history_present, is_backfill
from services.notifier.store import LeasedDelivery
from services.notifier.thresholds import SilenceRules
from shared.errors import PermanentError, TransientError
from shared.schemas import AlertParticipant, AlertRaised, Contact, ReadoutFound
from shared.settings import SubscriptionSettings

Held = list[tuple[Pair, Contact]]


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
    """Store one readout's held contacts; the alerts they raise (see ``record_readouts``)."""
    found = await record_readouts(
        session, [readout], rules=rules, subscriptions=subscriptions, outputs=outputs, now=now
    )
    return found[0]


async def record_readouts(
    session: AsyncSession,
    readouts: Sequence[ReadoutFound],
    *,
    rules: SilenceRules,
    subscriptions: Sequence[SubscriptionSettings],
    outputs: Sequence[str] = BUILTIN_OUTPUTS,
    now: dt.datetime | None = None,
) -> list[list[AlertRaised]]:
    """Store the readouts' held contacts, in order; each readout's alerts, in date order.

    Commits on success; all or nothing.  Idempotent: the same article again, or another article
    about a known contact, raises nothing; database trouble raises ``TransientError``
    (redeliver later).  Documents that are not readouts are ignored: their contacts are not
    trusted as history.  The alerts' deliveries are left due at once for the outbox.
    """
    recorded = await record_and_lease(
        session, readouts, rules=rules, subscriptions=subscriptions, outputs=outputs, now=now
    )
    return recorded.alerts


@dataclass
class Recorded:
    alerts: list[list[AlertRaised]]  # per readout, in date order
    leased: list[LeasedDelivery]  # the deliveries stored as claimed (with ``lease_until``)


async def record_and_lease(
    session: AsyncSession,
    readouts: Sequence[ReadoutFound],
    *,
    rules: SilenceRules,
    subscriptions: Sequence[SubscriptionSettings],
    outputs: Sequence[str] = BUILTIN_OUTPUTS,
    now: dt.datetime | None = None,
    lease_until: dt.datetime | None = None,
    claimed_by: str | None = None,
) -> Recorded:
    """``record_readouts``; with ``lease_until``, the deliveries are committed as claimed by
    the caller (``claimed_by``: ``claims.new_owner``), who sends them at once (no claim
    transaction) and finishes them as the outbox does; should it die first, they fall due
    when the lease ends."""
    work = [(readout, _held(readout)) for readout in readouts]
    keys = {pair.key for _, held in work for pair, _ in held}
    if not keys:
        return Recorded([[] for _ in readouts], [])
    at = now or utc_now()
    try:
        batch = await Batch.open(session, keys)
        alerts = [
            await _record(batch, readout, held, rules, subscriptions, outputs, at)
            for readout, held in work
        ]
        leased = await batch.write(at, lease_until, claimed_by)
        await session.commit()
    except (IntegrityError, OperationalError, InterfaceError) as exc:
        await session.rollback()
        raise TransientError(f"notifier database: {type(exc).__name__}: {exc.orig}") from exc
    except DBAPIError as exc:
        await session.rollback()
        raise PermanentError(f"notifier database refused the readout: {exc.orig}") from exc
    return Recorded(alerts, leased)


def _held(readout: ReadoutFound) -> Held:
    if not readout.is_readout:
        return []
    return [
        (pair, contact)
        for contact in readout.contacts
        if contact.status == "held" and contact.date is not None
        for pair in contact_pairs(contact)
    ]


async def _record(
    batch: Batch,
    readout: ReadoutFound,
    items: Held,
    rules: SilenceRules,
    subscriptions: Sequence[SubscriptionSettings],
    outputs: Sequence[str],
    now: dt.datetime,
) -> list[AlertRaised]:
    if not items:
        return []
    present = history_present(now.date(), batch.newest, readout.published)
    batch.see((p, c.date) for pair, c in items if c.date for p in pair.participants)

    touched: dict[int, _Touched] = {}
    for pair, contact in items:
        merged = await batch.merge(pair, contact)
        await batch.attach(merged.row, readout.url, readout.published)
        touched.setdefault(merged.row.id, _Touched(merged, contact, batch.histories[pair.key]))
        await batch.mention(pair, contact, readout)

    alerts: list[AlertRaised] = []
    for item in touched.values():
        row = item.merged.row
        if item.merged.was_reported or is_backfill(
            row.date,
            published=readout.published,
            present=present,
            max_age_days=rules.max_age_days,
            marked=readout.backfill,
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
        sources = [readout.url] if item.merged.created else await batch.source_urls(row)
        alert = build_alert(
            pair_key=row.pair_key,
            date=row.date,
            participants=[AlertParticipant.model_validate(p) for p in row.participants],
            decision=decision,
            sources=sources,
        )
        batch.add_alert(row, alert, routes_for(alert, subscriptions, outputs))
        alerts.append(alert)
    return sorted(alerts, key=lambda a: a.date or dt.date.min)
