"""Schema version 1, as warlog 0.2 wrote it: the tables of articles and their records.

Frozen here as it was (the tables of ``warlog.store.schema`` change after it). Each table
and its indexes are made unless the store has it already: a store of schema version 1 is
upgraded from here, and one written by warlog 0.1 lacks ``actors`` and ``analyses``.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

DateText = sa.String(10).with_variant(sa.String(10, collation="C"), "postgresql")
tables = sa.MetaData()


def _article_id() -> sa.Column[str]:
    return sa.Column(
        "article_id",
        sa.String(64),
        sa.ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
    )


def _span(prefix: str) -> list[sa.Column[int]]:
    return [sa.Column(f"{prefix}_start", sa.Integer), sa.Column(f"{prefix}_end", sa.Integer)]


sa.Table(
    "meta",
    tables,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)
sa.Table(
    "articles",
    tables,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("raw_hash", sa.String(64), nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("headline", sa.Text),
    sa.Column("published", DateText),
    sa.Column("published_precision", sa.String(5)),
    sa.Column("published_source", sa.String(20)),
    sa.Column("dateline_place", sa.Text),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("source", sa.Text),
    sa.Column("ingested_at", sa.String(32), nullable=False),
)
sa.Table(
    "place_mentions",
    tables,
    sa.Column("id", sa.String(96), primary_key=True),
    _article_id(),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("label", sa.String(16), nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("geonameid", sa.Integer),
    sa.Column("name", sa.Text),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("country_code", sa.String(2)),
    sa.Column("feature_kind", sa.String(16)),
    sa.Column("confidence", sa.Float),
    sa.Index("ix_place_mentions_article", "article_id"),
    sa.Index("ix_place_mentions_text", "text"),
)
sa.Table(
    "temporal_expressions",
    tables,
    sa.Column("id", sa.String(96), primary_key=True),
    _article_id(),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("date", DateText),
    sa.Column("precision", sa.String(5)),
    sa.Column("rule", sa.String(32), nullable=False),
    sa.Index("ix_temporal_expressions_article", "article_id"),
)
sa.Table(
    "claims",
    tables,
    sa.Column("id", sa.String(128), primary_key=True),
    _article_id(),
    sa.Column("speaker", sa.Text, nullable=False),
    sa.Column("titles", sa.Text, nullable=False),
    sa.Column("side", sa.String(2)),
    sa.Column("stance", sa.String(16), nullable=False),
    sa.Column("channel", sa.String(24), nullable=False),
    sa.Column("cue", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    *_span("source"),
    *_span("cue_span"),
    *_span("content"),
    sa.Column("denies", sa.Text, nullable=False),
    sa.Index("ix_claims_article", "article_id"),
)
sa.Table(
    "casualty_reports",
    tables,
    sa.Column("id", sa.String(128), primary_key=True),
    _article_id(),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("best", sa.Integer),
    sa.Column("low", sa.Integer),
    sa.Column("high", sa.Integer),
    sa.Column("qualifier", sa.String(16), nullable=False),
    sa.Column("victims", sa.String(16), nullable=False),
    sa.Column("side", sa.String(2)),
    sa.Column("scope", sa.String(16), nullable=False),
    sa.Column("according_to", sa.Text),
    sa.Column("according_to_side", sa.String(2)),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("number_text", sa.Text, nullable=False),
    sa.Index("ix_casualty_reports_article", "article_id"),
)
sa.Table(
    "events",
    tables,
    sa.Column("id", sa.String(128), primary_key=True),
    _article_id(),
    sa.Column("type", sa.Text, nullable=False),
    sa.Column("sub_type", sa.Text, nullable=False),
    sa.Column("trigger", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("date", DateText),
    sa.Column("date_precision", sa.String(5)),
    sa.Column("place", sa.Text),
    sa.Column("geonameid", sa.Integer),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("actor1", sa.Text),
    sa.Column("actor1_side", sa.String(2)),
    sa.Column("actor2", sa.Text),
    sa.Column("weapons", sa.Text, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("claims", sa.Text, nullable=False),
    sa.Column("casualties", sa.Text, nullable=False),
    sa.Column("country_code", sa.String(2)),
    sa.Column("geo_precision", sa.Integer),
    sa.Column("date_from_text", sa.Boolean, nullable=False),
    sa.Column("incident_id", sa.String(128), nullable=False),
    sa.Index("ix_events_article", "article_id"),
    sa.Index("ix_events_incident", "incident_id"),
    sa.Index("ix_events_date", "date"),
)
sa.Table(
    "actors",
    tables,
    sa.Column("id", sa.String(64), primary_key=True),
    _article_id(),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.String(24), nullable=False),
    sa.Column("side", sa.String(2)),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("titles", sa.Text, nullable=False),
    sa.Column("mentions", sa.Text, nullable=False),
    sa.Column("claims", sa.Text, nullable=False),
    sa.Column("events", sa.Text, nullable=False),
    sa.Column("casualties", sa.Text, nullable=False),
    sa.Index("ix_actors_article", "article_id"),
    sa.Index("ix_actors_name", "name"),
)
sa.Table(
    "analyses",
    tables,
    sa.Column(
        "article_id",
        sa.String(64),
        sa.ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("version", sa.String(64), nullable=False),
    sa.Column("analysed_at", sa.String(32), nullable=False),
)


def upgrade() -> None:
    bind = op.get_bind()
    tables.create_all(bind)  # each table only if the store lacks it
    meta = tables.tables["meta"]
    found = bind.execute(sa.select(meta.c.value).where(meta.c.key == "schema_version")).first()
    if found is None:
        op.execute(meta.insert().values(key="schema_version", value="1"))


def downgrade() -> None:
    tables.drop_all(op.get_bind())
