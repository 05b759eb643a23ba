"""Who holds a claimed delivery: ``deliveries.claimed_by``.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06

A notifier restarted on the same host makes the claims of its dead predecessor due at once
instead of waiting for their lease to end (``services/notifier/claims.py``).  Rows claimed
before this revision keep NULL and wait for their lease, as before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("claimed_by", sa.String(200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_column("claimed_by")
