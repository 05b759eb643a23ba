"""Message and record schemas, defined once and shared by every service.

Two families live here:

* the *contract* models of ``readoutwatch extract`` (``ExtractInput`` / ``ExtractOutput`` and
  ``Contact``), fixed by CONTRACTS.md;
* the versioned *bus* payloads that travel on NATS (``ArticleFetched`` -> ``ReadoutFound`` ->
  ``AlertRaised``, plus ``DeadLetter``).  Each carries ``schema_version`` so a consumer can refuse
  a payload it does not understand instead of misreading it.

All bus payloads are frozen: a record handed downstream is never changed on the way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ContactKind = Literal["call", "video_call", "meeting"]
ContactStatus = Literal["held", "planned"]
AlertType = Literal["new_contact", "silence_ended", "silence_started"]


class Person(BaseModel):
    """One participant of a contact: canonical name, role actually held, ISO country code."""

    model_config = ConfigDict(frozen=True)

    name: str | None = None
    role: str | None = None
    country: str | None = None


class Contact(BaseModel):
    """A call, video call or meeting between officials, as reported by one document."""

    model_config = ConfigDict(frozen=True)

    kind: ContactKind
    status: ContactStatus = "held"
    date: dt.date | None = None
    participants: list[Person] = Field(default_factory=list)
    initiator: str | None = None
    duration_minutes: int | None = None
    previous_contact: dt.date | None = None
    source: str | None = None
    topics: list[str] = Field(default_factory=list)
    evidence: str | None = None


class ExtractInput(BaseModel):
    """One input line of ``readoutwatch extract``."""

    id: str | None = None
    text: str | None = None
    html: str | None = None
    url: str | None = None
    published: dt.date | None = None
    title: str | None = None
    # When the page was read (the fetcher's time): the day an otherwise undated page speaks
    # from. Without it and without any date on the page, relative dates stay unknown.
    fetched_at: dt.datetime | None = None


class ExtractOutput(BaseModel):
    """One output line of ``readoutwatch extract``."""

    id: str | None = None
    is_readout: bool = False
    error: str | None = None
    contacts: list[Contact] = Field(default_factory=list)


# --------------------------------------------------------------------------- bus payloads


class _BusModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    schema_version: Literal[1] = 1

    def msg_id(self) -> str:
        """A content-derived id for ``Nats-Msg-Id``: a re-publish is dropped by JetStream."""
        body = self.model_dump_json(exclude=self._volatile_fields()).encode()
        return f"{type(self).__name__}:{hashlib.sha256(body).hexdigest()[:32]}"

    @classmethod
    def _volatile_fields(cls) -> set[str]:
        return set()


class ArticleFetched(_BusModel):
    """An article page the fetcher got, handed to the extractor unchanged."""

    url: str
    final_url: str | None = None
    source: str | None = None
    title: str | None = None
    published: dt.date | None = None
    fetched_at: dt.datetime
    content_type: str | None = None
    html: str | None = None
    text: str | None = None
    # Listed by a source when it was first polled: its contacts fill the history, no alert.
    backfill: bool = False

    @classmethod
    def _volatile_fields(cls) -> set[str]:
        # The same page fetched twice is the same article, whenever and however it came.
        return {"fetched_at", "backfill"}


class ReadoutFound(_BusModel):
    """The extractor's verdict on one article, with its contacts (held and planned)."""

    url: str
    source: str | None = None
    title: str | None = None
    published: dt.date | None = None
    is_readout: bool
    contacts: list[Contact] = Field(default_factory=list)
    # From ``ArticleFetched.backfill``: the contacts enter the history and raise no alert.
    backfill: bool = False

    @classmethod
    def _volatile_fields(cls) -> set[str]:
        return {"backfill"}


class AlertParticipant(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    country: str | None = None
    role: str | None = None


class AlertRaised(_BusModel):
    """An alert the notifier raised: the shape printed by ``replay --json``."""

    alert_id: str
    type: AlertType
    date: dt.date | None
    kind: ContactKind | None = None
    participants: list[AlertParticipant]
    silence_days: int | None = None
    previous_contact: dt.date | None = None
    sources: list[str] = Field(default_factory=list)

    def public_json(self) -> dict[str, object]:
        """The alert as CONTRACTS.md prints it (no bus bookkeeping)."""
        data = self.model_dump(mode="json", exclude={"schema_version", "alert_id"})
        data["participants"] = [{"name": p.name, "country": p.country} for p in self.participants]
        return data


class DeadLetter(_BusModel):
    """A message a consumer gave up on, kept with the reason so it can be inspected or replayed."""

    subject: str
    stage: str
    reason: str
    payload: str
    num_delivered: int | None = None
    failed_at: dt.datetime
    headers: dict[str, str] = Field(default_factory=dict)

    @classmethod
    def _volatile_fields(cls) -> set[str]:
        return {"failed_at"}
