"""Turning a decided contact into an ``AlertRaised`` with a stable, content-derived id."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

from services.notifier.silence import Decision
from shared.schemas import AlertParticipant, AlertRaised


def alert_id(pair_key: str, kind: str, date: dt.date) -> str:
    """Same pair, kind and date -> same id, so a re-published alert is dropped downstream."""
    digest = hashlib.sha256(f"{pair_key}|{kind}|{date.isoformat()}".encode()).hexdigest()
    return f"al_{digest[:24]}"


def build_alert(
    *,
    pair_key: str,
    date: dt.date,
    participants: Sequence[AlertParticipant],
    decision: Decision,
    sources: Sequence[str],
) -> AlertRaised:
    if decision.type is None:
        raise ValueError("this decision raises no alert")
    return AlertRaised(
        alert_id=alert_id(pair_key, decision.kind, date),
        type=decision.type,
        date=date,
        kind=decision.kind,
        participants=list(participants),
        silence_days=decision.silence_days,
        previous_contact=decision.previous_contact,
        sources=list(sources),
    )
