"""The store's tables (SQLAlchemy Core): one schema for SQLite and, later, PostgreSQL."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

SCHEMA_VERSION = 1

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
    Column("published", String(10)),
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
    Column("date", String(10)),
    Column("precision", String(5)),
    Column("rule", String(32), nullable=False),
    Index("ix_temporal_expressions_article", "article_id"),
)
