"""Alerts for the web benchmark: one per pair's newest contact, each with a done and a failed
delivery, written straight into the notifier's tables like ``notifier_history`` writes contacts."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.notifier.models import AlertRow, ContactRow, DeliveryRow, table_of
from shared.schemas import AlertParticipant, AlertRaised

CHUNK = 1_000


async def fill_alerts(sessionmaker: async_sessionmaker[AsyncSession], count: int = 2_000) -> None:
    """``count`` alerts about the newest contacts (ids 1..count in ``fill_history``)."""
    contacts = table_of(ContactRow)
    async with sessionmaker() as session:
        rows = (
            await session.execute(
                select(contacts.c.id, contacts.c.date, contacts.c.participants)
                .where(contacts.c.id <= count)
                .order_by(contacts.c.id)
            )
        ).all()
    now = dt.datetime.now(dt.UTC)
    for start in range(0, len(rows), CHUNK):
        alerts, deliveries = [], []
        for contact_id, date, participants in rows[start : start + CHUNK]:
            alert = AlertRaised(
                alert_id=f"al_bench_{contact_id:06d}",
                type="new_contact",
                date=date,
                kind="call",
                participants=[AlertParticipant.model_validate(p) for p in participants],
                sources=[f"https://history.example/{contact_id}"],
            )
            raised = now - dt.timedelta(seconds=contact_id)
            alerts.append(
                {"id": alert.alert_id, "contact_id": contact_id, "type": alert.type}
                | {"date": date, "payload": alert.model_dump(mode="json"), "created_at": raised}
            )
            for channel, status in (("jsonl", "done"), ("webhook", "failed")):
                deliveries.append(
                    {"alert_id": alert.alert_id, "subscription": "desk", "channel": channel}
                    | {"target": "", "status": status, "attempts": 1, "next_attempt_at": raised}
                    | {"last_error": None if status == "done" else "HTTP 502 from the webhook"}
                    | {"created_at": raised}
                )
        async with sessionmaker() as session, session.begin():
            await session.execute(insert(table_of(AlertRow)), alerts)
            await session.execute(insert(table_of(DeliveryRow)), deliveries)
