"""The first schema: people, contacts and their sources, alerts, and the delivery outbox.

Revision ID: 0001
Revises:
Create Date: 2024-11-22

Times are naive UTC ``DateTime`` columns (``models.UtcDateTime`` converts at the edge).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _created_at() -> sa.Column[object]:
    return sa.Column("created_at", sa.DateTime(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("country", sa.String(16), nullable=True),
        sa.Column("role", sa.String(200), nullable=True),
        sa.Column("last_seen", sa.Date(), nullable=False),
        _created_at(),
        sa.PrimaryKeyConstraint("id", name="pk_people"),
        sa.UniqueConstraint("key", name="uq_people_key"),
    )
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pair_key", sa.String(400), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("participants", sa.JSON(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=True),
        sa.Column("initiator", sa.String(200), nullable=True),
        sa.Column("source", sa.String(400), nullable=True),
        _created_at(),
        sa.PrimaryKeyConstraint("id", name="pk_contacts"),
        sa.UniqueConstraint("pair_key", "kind", "date", name="uq_contacts_pair_kind_date"),
    )
    op.create_index("ix_contacts_pair_date", "contacts", ["pair_key", "date"])
    op.create_index("ix_contacts_date", "contacts", ["date"])
    op.create_table(
        "contact_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("published", sa.Date(), nullable=True),
        _created_at(),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name="fk_contact_sources_contact_id_contacts",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_contact_sources"),
        sa.UniqueConstraint("contact_id", "url", name="uq_contact_sources_contact_url"),
    )
    op.create_table(
        "alerts",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("silence_days", sa.Integer(), nullable=True),
        sa.Column("previous_contact", sa.Date(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        _created_at(),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name="fk_alerts_contact_id_contacts",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_alerts"),
        sa.UniqueConstraint("contact_id", "type", name="uq_alerts_contact_type"),
    )
    op.create_index("ix_alerts_created_at", "alerts", ["created_at"])
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.String(64), nullable=False),
        sa.Column("subscription", sa.String(200), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("target", sa.String(320), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("delivered_at", sa.DateTime(), nullable=True),
        _created_at(),
        sa.ForeignKeyConstraint(
            ["alert_id"], ["alerts.id"], name="fk_deliveries_alert_id_alerts", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_deliveries"),
        sa.UniqueConstraint(
            "alert_id", "subscription", "channel", "target", name="uq_deliveries_route"
        ),
    )
    op.create_index("ix_deliveries_due", "deliveries", ["status", "next_attempt_at"])


def downgrade() -> None:
    for table in ("deliveries", "alerts", "contact_sources", "contacts", "people"):
        op.drop_table(table)
