"""Schema version 4: the index ``ix_events_link`` on events (type, date), through which
linking reads the candidates of a new event (``store.candidate_query``). Nothing stored
changes.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op

from warlog.store.migrations import set_schema_version

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_link", "events", ["type", "date"], if_not_exists=True)
    set_schema_version(4)


def downgrade() -> None:
    op.drop_index("ix_events_link", table_name="events", if_exists=True)
    set_schema_version(3)
