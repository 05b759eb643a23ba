"""Where the deliveries of some alerts stand, one line per channel of a subscription.

``replay`` prints it for the alerts it raised (after waiting for them a bounded time) and
``readoutwatch alerts --pending`` for every delivery not done yet:

    slack desk: 7 delivered
    slack desk: 4 delivered, 3 pending, next try 02:31Z, delivered by the next run or notifier
    email desk: 2 failed (last error: SMTP 550 mailbox unavailable)

``summarize`` and ``lines`` are pure; ``read_deliveries`` is the one query behind them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.notifier.models import DeliveryRow
from services.notifier.routing import OUTPUT_SUBSCRIPTION

LATER = "delivered by the next run or notifier"


@dataclass(frozen=True)
class ChannelSummary:
    subscription: str
    channel: str
    delivered: int = 0
    pending: int = 0
    failed: int = 0
    next_try: dt.datetime | None = None  # the earliest retry of a pending delivery
    last_error: str | None = None  # of the most recent failed (or else pending) delivery

    def line(self, later: str = LATER) -> str:
        """The summary; ``later`` says what becomes of the pending deliveries."""
        parts = [f"{n} {word}" for n, word in self._counts() if n]
        if self.pending and self.next_try is not None:
            parts.append(f"next try {self.next_try:%H:%MZ}")
        if self.pending:
            parts.append(later)
        who = "output" if self.subscription == OUTPUT_SUBSCRIPTION else self.subscription
        text = f"{self.channel} {who}: " + ", ".join(parts or ["nothing to deliver"])
        if self.last_error and (self.failed or self.pending):
            text += f" (last error: {self.last_error[:160]})"
        return text

    def _counts(self) -> list[tuple[int, str]]:
        return [(self.delivered, "delivered"), (self.pending, "pending"), (self.failed, "failed")]


def summarize(rows: Iterable[DeliveryRow]) -> list[ChannelSummary]:
    """One summary per (subscription, channel), in the order they first appear in ``rows``.

    The built-in outputs (console, JSON Lines, the bus) are left out once all delivered.
    """
    groups: dict[tuple[str, str], list[DeliveryRow]] = {}
    for row in rows:
        groups.setdefault((row.subscription, row.channel), []).append(row)
    summaries = [_one(sub, channel, group) for (sub, channel), group in groups.items()]
    return [s for s in summaries if s.subscription != OUTPUT_SUBSCRIPTION or s.pending or s.failed]


def _one(subscription: str, channel: str, rows: list[DeliveryRow]) -> ChannelSummary:
    pending = [r for r in rows if r.status == "pending"]
    failed = [r for r in rows if r.status == "failed"]
    erring = [r for r in failed or pending if r.last_error]
    return ChannelSummary(
        subscription,
        channel,
        delivered=sum(1 for r in rows if r.status == "done"),
        pending=len(pending),
        failed=len(failed),
        next_try=min((r.next_attempt_at for r in pending), default=None),
        last_error=erring[-1].last_error if erring else None,
    )


def lines(summaries: Sequence[ChannelSummary], later: str = LATER) -> list[str]:
    return [summary.line(later) for summary in summaries]


def any_failed(summaries: Sequence[ChannelSummary]) -> bool:
    return any(summary.failed for summary in summaries)


async def read_deliveries(
    session: AsyncSession, *, alert_ids: Sequence[str] | None = None, undone: bool = False
) -> list[DeliveryRow]:
    """The deliveries of ``alert_ids`` (all alerts when None); only those not done if ``undone``."""
    query = select(DeliveryRow).order_by(DeliveryRow.id)
    if alert_ids is not None:
        query = query.where(DeliveryRow.alert_id.in_(list(alert_ids)))
    if undone:
        query = query.where(DeliveryRow.status != "done")
    return list((await session.scalars(query)).all())
