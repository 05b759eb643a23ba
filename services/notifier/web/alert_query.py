"""The alert log, newest first, each alert with the state of every one of its deliveries.

A failed or pending delivery keeps its last error, so no page can show it as a success.
Delivery targets (e-mail addresses) are left out: subscription and channel say enough.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.notifier.models import AlertRow, DeliveryRow, table_of
from services.notifier.web.params import AlertsQuery, decode_cursor, encode_cursor
from services.notifier.web.schemas import AlertOut, AlertPage, DeliveryOut, PersonOut
from shared.schemas import AlertRaised

ALERTS, DELIVERIES = table_of(AlertRow), table_of(DeliveryRow)


async def list_alerts(session: AsyncSession, q: AlertsQuery) -> AlertPage:
    where = []
    if q.cursor:
        raised, alert_id = decode_cursor(q.cursor, dt.datetime, str)
        c = ALERTS.c
        where.append(or_(c.created_at < raised, and_(c.created_at == raised, c.id > alert_id)))
    query = (
        select(ALERTS.c.id, ALERTS.c.payload, ALERTS.c.created_at)
        .where(*where)
        .order_by(ALERTS.c.created_at.desc(), ALERTS.c.id)
        .limit(q.limit + 1)
    )
    rows = (await session.execute(query)).all()
    more = len(rows) > q.limit
    rows = rows[: q.limit]
    deliveries = await _deliveries(session, [r.id for r in rows])
    items = [_alert_out(r.payload, r.created_at, deliveries.get(r.id, [])) for r in rows]
    following = encode_cursor(rows[-1].created_at, rows[-1].id) if more else None
    return AlertPage(items=items, next=following)


async def _deliveries(session: AsyncSession, ids: list[str]) -> dict[str, list[DeliveryOut]]:
    found: dict[str, list[DeliveryOut]] = defaultdict(list)
    if not ids:
        return found
    d = DELIVERIES.c
    query = (
        select(d.alert_id, d.subscription, d.channel, d.status, d.attempts)
        .add_columns(d.last_error, d.delivered_at, d.next_attempt_at)
        .where(d.alert_id.in_(ids))
        .order_by(d.id)
    )
    for row in await session.execute(query):
        found[row.alert_id].append(
            DeliveryOut(
                subscription=row.subscription,
                channel=row.channel,
                status=row.status,
                attempts=row.attempts,
                last_error=row.last_error,
                delivered_at=row.delivered_at,
                next_attempt_at=row.next_attempt_at if row.status == "pending" else None,
            )
        )
    return found


def _alert_out(
    payload: dict[str, object], raised: dt.datetime, deliveries: list[DeliveryOut]
) -> AlertOut:
    alert = AlertRaised.model_validate(payload)
    return AlertOut(
        alert_id=alert.alert_id,
        type=alert.type,
        date=alert.date,
        kind=alert.kind,
        participants=[PersonOut(name=p.name, country=p.country) for p in alert.participants],
        silence_days=alert.silence_days,
        previous_contact=alert.previous_contact,
        sources=alert.sources,
        raised_at=raised,
        deliveries=deliveries,
    )
