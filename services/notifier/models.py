"""The notifier's tables: people, contacts and their sources, alerts, and the delivery outbox.

Its own ``MetaData``, managed by the Alembic migrations in ``migrations/`` (version table
``notifier_alembic_version``) apart from the fetcher's tables in the same database.  Times are
stored as naive UTC (portable between SQLite and PostgreSQL) and read back aware.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Index,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UtcDateTime(TypeDecorator[dt.datetime]):
    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; the notifier stores UTC only")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    metadata = metadata


def table_of(model: type[Base]) -> Table:
    """A model's Core table, for hot-path statements that skip the ORM's per-row machinery."""
    return cast(Table, model.__table__)


class PersonRow(Base):
    """A person as last seen in a held contact; ``key`` is the spelling-tolerant name key."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(16))
    role: Mapped[str | None] = mapped_column(String(200))
    last_seen: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utc_now)


class ContactRow(Base):
    """A contact of one pair; ``origin`` is "mentioned" while only a "first since" knows of it."""

    __tablename__ = "contacts"
    __table_args__ = (
        UniqueConstraint("pair_key", "kind", "date", name="uq_contacts_pair_kind_date"),
        Index("ix_contacts_pair_date", "pair_key", "date"),
        Index("ix_contacts_date", "date"),  # the newest known contact: the history's present
        Index("ix_contacts_date_id", "date", "id"),  # the web's newest-first pages
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pair_key: Mapped[str] = mapped_column(String(400))
    kind: Mapped[str] = mapped_column(String(16))
    date: Mapped[dt.date] = mapped_column(Date)
    origin: Mapped[str] = mapped_column(String(16))
    participants: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    duration_minutes: Mapped[int | None]
    initiator: Mapped[str | None] = mapped_column(String(200))
    source: Mapped[str | None] = mapped_column(String(400))
    topics: Mapped[list[str] | None] = mapped_column(JSON)  # of the first article that had some
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utc_now)


class ContactSourceRow(Base):
    __tablename__ = "contact_sources"
    __table_args__ = (UniqueConstraint("contact_id", "url", name="uq_contact_sources_contact_url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utc_now)


class AlertRow(Base):
    """An alert about a contact (``silence_started``: the pair's last contact before the silence).

    ``id`` is the stable ``AlertRaised.alert_id``.
    """

    __tablename__ = "alerts"
    __table_args__ = (
        UniqueConstraint("contact_id", "type", name="uq_alerts_contact_type"),
        Index("ix_alerts_created_at", "created_at"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    type: Mapped[str] = mapped_column(String(32))
    date: Mapped[dt.date] = mapped_column(Date)
    silence_days: Mapped[int | None]
    previous_contact: Mapped[dt.date | None] = mapped_column(Date)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utc_now)


class DeliveryRow(Base):
    """One outbox entry: an alert to send over one channel, retried until done or failed."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint(
            "alert_id", "subscription", "channel", "target", name="uq_deliveries_route"
        ),
        Index("ix_deliveries_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[str] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"))
    subscription: Mapped[str] = mapped_column(String(200))
    channel: Mapped[str] = mapped_column(String(32))
    target: Mapped[str] = mapped_column(String(320), default="")
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending|done|failed
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    # The notifier process that holds it until next_attempt_at ("host:pid:random"; claims.py).
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    last_error: Mapped[str | None] = mapped_column(Text)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utc_now)
