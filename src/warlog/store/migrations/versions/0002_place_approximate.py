"""Schema version 2 (warlog 0.3): ``events.place_approximate``, an event placed only near
where its text is (a village the gazetteer lacks). The articles' analysis is then stale:
``warlog reanalyse`` redoes it.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from warlog.store.migrations import set_schema_version

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "events",
        sa.Column("place_approximate", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    set_schema_version(2)


def downgrade() -> None:
    with op.batch_alter_table("events") as events:
        events.drop_column("place_approximate")
    set_schema_version(1)
