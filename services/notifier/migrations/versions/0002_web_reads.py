"""What the web interface reads: each contact's topics, and an index for newest-first pages.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06

``topics`` stays NULL for contacts recorded before it existed.  ``ix_contacts_date_id`` serves
``ORDER BY date DESC, id DESC`` with its keyset cursor without a sort (PostgreSQL's
``ix_contacts_date`` alone leaves ties on a date to sort).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contacts") as batch:
        batch.add_column(sa.Column("topics", sa.JSON(), nullable=True))
    op.create_index("ix_contacts_date_id", "contacts", ["date", "id"])


def downgrade() -> None:
    op.drop_index("ix_contacts_date_id", table_name="contacts")
    with op.batch_alter_table("contacts") as batch:
        batch.drop_column("topics")
