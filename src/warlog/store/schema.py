"""The store's tables (SQLAlchemy Core): one schema for SQLite and PostgreSQL; a change to
them is a new revision of ``warlog.store.migrations`` and a new ``SCHEMA_VERSION``."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    false,
)

# the schema version of the tables below: that of the last revision of the migrations
# (warlog.store.migrations, one revision per version), which a store older than it goes
# through when a writer opens it; readers compare meta.schema_version with it
SCHEMA_VERSION = 4
# dates compare as byte strings ("2020-10" < "2020-10-04" < "2020-10~"): PostgreSQL's default
# collation would not, so its date columns use "C"; SQLite compares bytes already
DateText = String(10).with_variant(String(10, collation="C"), "postgresql")

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("text", Text, nullable=False),
    Column("raw_hash", String(64), nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("headline", Text),
    Column("published", DateText),
    Column("published_precision", String(5)),
    Column("published_source", String(20)),
    Column("dateline_place", Text),
    Column("language", String(8), nullable=False),
    Column("source", Text),
    Column("ingested_at", String(32), nullable=False),
)

place_mentions = Table(
    "place_mentions",
    metadata,
    Column("id", String(96), primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("text", Text, nullable=False),
    Column("label", String(16), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("geonameid", Integer),
    Column("name", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("country_code", String(2)),
    Column("feature_kind", String(16)),
    Column("confidence", Float),
    Index("ix_place_mentions_article", "article_id"),
    Index("ix_place_mentions_text", "text"),
)

temporal_expressions = Table(
    "temporal_expressions",
    metadata,
    Column("id", String(96), primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("date", DateText),
    Column("precision", String(5)),
    Column("rule", String(32), nullable=False),
    Index("ix_temporal_expressions_article", "article_id"),
)


def _evidence_columns(prefix: str) -> list[Column[int]]:
    return [Column(f"{prefix}_start", Integer), Column(f"{prefix}_end", Integer)]


claims = Table(
    "claims",
    metadata,
    Column("id", String(128), primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("speaker", Text, nullable=False),
    Column("titles", Text, nullable=False),
    Column("side", String(2)),
    Column("stance", String(16), nullable=False),
    Column("channel", String(24), nullable=False),
    Column("cue", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    *_evidence_columns("source"),
    *_evidence_columns("cue_span"),
    *_evidence_columns("content"),
    Column("denies", Text, nullable=False),
    Index("ix_claims_article", "article_id"),
)

casualty_reports = Table(
    "casualty_reports",
    metadata,
    Column("id", String(128), primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("best", Integer),
    Column("low", Integer),
    Column("high", Integer),
    Column("qualifier", String(16), nullable=False),
    Column("victims", String(16), nullable=False),
    Column("side", String(2)),
    Column("scope", String(16), nullable=False),
    Column("according_to", Text),
    Column("according_to_side", String(2)),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("number_text", Text, nullable=False),
    Index("ix_casualty_reports_article", "article_id"),
)

events = Table(
    "events",
    metadata,
    Column("id", String(128), primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("type", Text, nullable=False),
    Column("sub_type", Text, nullable=False),
    Column("trigger", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("date", DateText),
    Column("date_precision", String(5)),
    Column("place", Text),
    Column("geonameid", Integer),
    Column("lat", Float),
    Column("lon", Float),
    Column("actor1", Text),
    Column("actor1_side", String(2)),
    Column("actor2", Text),
    Column("weapons", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("claims", Text, nullable=False),
    Column("casualties", Text, nullable=False),
    Column("country_code", String(2)),
    Column("geo_precision", Integer),
    Column("date_from_text", Boolean, nullable=False),
    Column("place_approximate", Boolean, nullable=False, server_default=false()),
    Column("incident_id", String(128), nullable=False),
    Index("ix_events_article", "article_id"),
    Index("ix_events_incident", "incident_id"),
    Index("ix_events_date", "date"),
    Index("ix_events_link", "type", "date"),  # link candidates (store.link_candidates)
)


actors = Table(
    "actors",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("name", Text, nullable=False),
    Column("kind", String(24), nullable=False),
    Column("side", String(2)),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("titles", Text, nullable=False),
    Column("mentions", Text, nullable=False),
    Column("claims", Text, nullable=False),
    Column("events", Text, nullable=False),
    Column("casualties", Text, nullable=False),
    Index("ix_actors_article", "article_id"),
    Index("ix_actors_name", "name"),
)

analyses = Table(
    "analyses",
    metadata,
    Column(
        "article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("version", String(64), nullable=False),
    Column("analysed_at", String(32), nullable=False),
)
