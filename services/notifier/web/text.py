"""Words for contacts, alerts and times, shared by the pages and the feeds (pure functions)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from services.notifier.web.schemas import AlertOut, ContactOut, ParticipantOut, PersonOut

KINDS = {"call": "call", "video_call": "video call", "meeting": "meeting"}
ALERT_TYPES = {
    "new_contact": "new contact",
    "silence_ended": "silence ended",
    "silence_started": "silence started",
}


def person_text(person: PersonOut | ParticipantOut) -> str:
    return f"{person.name} ({person.country})" if person.country else person.name


def people_text(people: Sequence[PersonOut | ParticipantOut]) -> str:
    return " – ".join(person_text(p) for p in people)


def kind_text(kind: str | None) -> str:
    return KINDS.get(kind or "", kind or "contact")


def contact_title(contact: ContactOut) -> str:
    return f"{people_text(contact.participants)}: {kind_text(contact.kind)}, {contact.date}"


def alert_title(alert: AlertOut) -> str:
    what = ALERT_TYPES.get(alert.type, alert.type)
    title = f"{what}: {people_text(alert.participants)}"
    if alert.type == "silence_started":
        return f"{title}, {alert.silence_days} days without contact since {alert.previous_contact}"
    title += f": {kind_text(alert.kind)}, {alert.date}"
    if alert.silence_days is not None:
        title += f", after {alert.silence_days} days"
    return title


def utc_text(when: dt.datetime | None) -> str:
    """The absolute time, as shown on hover: ``2024-01-19 14:03 UTC``."""
    return when.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC") if when else ""


def iso_text(when: dt.datetime | None) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if when else ""


def ago_text(when: dt.datetime | None, now: dt.datetime) -> str:
    """``3 h ago``, ``in 5 min``: short, relative, always in whole units."""
    if when is None:
        return "never"
    seconds = (now - when).total_seconds()
    size = abs(seconds)
    for unit, length in (("d", 86400), ("h", 3600), ("min", 60)):
        if size >= length:
            amount = f"{int(size // length)} {unit}"
            break
    else:
        return "just now"
    return f"{amount} ago" if seconds >= 0 else f"in {amount}"
