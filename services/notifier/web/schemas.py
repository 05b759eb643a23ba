"""What the JSON API answers: one pydantic model per object, the source of the OpenAPI schemas.

Field names are fixed by CONTRACTS.md ("The web interface"); the others are additions.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.schemas import AlertType, ContactKind

DeliveryState = Literal["done", "pending", "failed"]
SourceStatus = Literal["ok", "quiet", "broken", "new"]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class PersonOut(_Out):
    name: str
    country: str | None = None


class ParticipantOut(_Out):
    name: str
    role: str | None = None
    country: str | None = None


class PairOut(_Out):
    people: list[PersonOut] = Field(min_length=2, max_length=2)
    contacts: int
    first_contact: dt.date
    last_contact: dt.date
    silence_days: int = Field(description="days from the last contact to today (UTC)")
    threshold_days: int = Field(description="silence beyond this many days is past threshold")
    past_threshold: bool
    watched: bool = Field(description="checked for silence_started by the notifier")
    pair: str = Field(description="the pair as the `pair` parameter takes it: NAME|NAME")


class ContactOut(_Out):
    id: int
    date: dt.date
    kind: ContactKind
    participants: list[ParticipantOut]
    sources: list[str]
    duration_minutes: int | None = None
    topics: list[str] = Field(default_factory=list)
    first_seen: dt.datetime = Field(description="when the notifier first recorded the contact")
    origin: Literal["reported", "mentioned"] = Field(
        description="mentioned: known only from a later article's 'first since' remark"
    )


class DeliveryOut(_Out):
    subscription: str
    channel: str
    status: DeliveryState
    attempts: int
    last_error: str | None = None
    delivered_at: dt.datetime | None = None
    next_attempt_at: dt.datetime | None = Field(
        default=None, description="pending deliveries only: the next attempt or the lease's end"
    )


class AlertOut(_Out):
    alert_id: str
    type: AlertType
    date: dt.date | None
    kind: ContactKind | None = None
    participants: list[PersonOut]
    silence_days: int | None = None
    previous_contact: dt.date | None = None
    sources: list[str]
    raised_at: dt.datetime
    deliveries: list[DeliveryOut]


class SourceOut(_Out):
    url: str
    kind: str
    status: SourceStatus = Field(description="quiet: polls fine, nothing new lately")
    last_polled: dt.datetime | None = None
    last_success: dt.datetime | None = None
    last_error: str | None = None
    failing_since: dt.datetime | None = None
    consecutive_failures: int
    next_poll: dt.datetime | None = None
    entries_seen: int
    last_new_entry: dt.datetime | None = None


class PairPage(_Out):
    items: list[PairOut]
    next: str | None = Field(description="cursor of the next page; null on the last")


class ContactPage(_Out):
    items: list[ContactOut]
    next: str | None


class AlertPage(_Out):
    items: list[AlertOut]
    next: str | None


class SourceList(_Out):
    items: list[SourceOut]


class ErrorOut(_Out):
    error: str = Field(description="why the request was refused")
