"""`readoutwatch alerts`: the most recent alerts and the state of each of their deliveries.

Reads the notifier's database only: it never migrates it and never creates a SQLite file.
Delivery rows name subscriptions and e-mail addresses, never webhook URLs, so nothing secret
is printed.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path

from sqlalchemy import inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from services.notifier import delivery_summary
from services.notifier.channels.render import kind_text, participants_text, silence_text
from services.notifier.models import AlertRow, DeliveryRow
from shared.db import make_engine, make_sessionmaker
from shared.errors import TransientError
from shared.schemas import AlertRaised
from shared.settings import Settings


async def list_alerts(settings: Settings, *, limit: int, as_json: bool = False) -> list[str]:
    """Printable lines, newest alert first: one per alert, then one per delivery (indented).

    With ``as_json``: one JSON object per alert, its deliveries inside.
    """
    if _no_sqlite_file(settings.database_url):
        return []
    engine = make_engine(settings.database_url)
    try:
        async with engine.connect() as conn:
            if not await conn.run_sync(lambda c: inspect(c).has_table(AlertRow.__tablename__)):
                return []
        async with make_sessionmaker(engine)() as session:
            alerts = (
                await session.scalars(
                    select(AlertRow)
                    .order_by(AlertRow.created_at.desc(), AlertRow.id)
                    .limit(max(limit, 0))
                )
            ).all()
            rows = await session.scalars(
                select(DeliveryRow)
                .where(DeliveryRow.alert_id.in_([a.id for a in alerts]))
                .order_by(DeliveryRow.id)
            )
            deliveries: dict[str, list[DeliveryRow]] = defaultdict(list)
            for row in rows:
                deliveries[row.alert_id].append(row)
    except SQLAlchemyError as exc:
        raise TransientError(f"cannot read the notifier database: {exc}") from exc
    finally:
        await engine.dispose()
    if as_json:
        return [json.dumps(_as_json(a, deliveries[a.id]), ensure_ascii=False) for a in alerts]
    return [line for a in alerts for line in _as_text(a, deliveries[a.id])]


async def pending_summary(settings: Settings) -> list[str]:
    """One line per channel that has deliveries not done, as ``replay`` prints them."""
    if _no_sqlite_file(settings.database_url):
        return []
    engine = make_engine(settings.database_url)
    try:
        async with engine.connect() as conn:
            if not await conn.run_sync(lambda c: inspect(c).has_table(DeliveryRow.__tablename__)):
                return []
        async with make_sessionmaker(engine)() as session:
            rows = await delivery_summary.read_deliveries(session, undone=True)
    except SQLAlchemyError as exc:
        raise TransientError(f"cannot read the notifier database: {exc}") from exc
    finally:
        await engine.dispose()
    return delivery_summary.lines(delivery_summary.summarize(rows))


def _no_sqlite_file(database_url: str) -> bool:
    url = make_url(database_url)
    return url.get_backend_name() == "sqlite" and not Path(url.database or "").is_file()


def _as_text(row: AlertRow, deliveries: list[DeliveryRow]) -> list[str]:
    alert = AlertRaised.model_validate(row.payload)
    lines = [
        f"{alert.date} {alert.type}: {participants_text(alert)}, {kind_text(alert)}, "
        f"{silence_text(alert)}  [{alert.alert_id}, raised {_time(row.created_at)}]"
    ]
    for d in deliveries:
        where = f"{d.subscription}/{d.channel}" + (f" {d.target}" if d.target else "")
        tries = f"{d.attempts} attempt" + ("" if d.attempts == 1 else "s")
        state = f"    {where:<40} {d.status:<8} {tries}"
        if d.status == "done" and d.delivered_at is not None:
            state += f", delivered {_time(d.delivered_at)}"
        elif d.status == "pending" and d.attempts and d.last_error is None:
            # claimed for its first attempt: being sent, or its notifier died mid-send
            state += f", claimed until {_time(d.next_attempt_at)} (sent again then if unfinished)"
        elif d.status == "pending":
            state += f", next {_time(d.next_attempt_at)}"
        if d.last_error and d.status != "done":
            state += f", last error: {d.last_error[:120]}"
        lines.append(state)
    return lines


def _as_json(row: AlertRow, deliveries: list[DeliveryRow]) -> dict[str, object]:
    alert = AlertRaised.model_validate(row.payload)
    return {
        "alert_id": alert.alert_id,
        **alert.public_json(),
        "raised_at": _time(row.created_at),
        "deliveries": [
            {
                "subscription": d.subscription,
                "channel": d.channel,
                "target": d.target,
                "status": d.status,
                "attempts": d.attempts,
                "next_attempt_at": _time(d.next_attempt_at) if d.status == "pending" else None,
                "delivered_at": _time(d.delivered_at),
                "last_error": d.last_error,
            }
            for d in deliveries
        ],
    }


def _time(value: dt.datetime | None) -> str | None:
    return value.strftime("%Y-%m-%d %H:%M:%SZ") if value is not None else None
