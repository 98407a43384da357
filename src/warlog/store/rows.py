"""Records to plain rows and back. The store holds rows; queries return records."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warlog.model import (
    Article,
    DatePrecision,
    Evidence,
    PlaceMention,
    ResolvedDate,
    TemporalExpression,
)

Row = Mapping[Any, Any]


def record_id(article_id: str, kind: str, start: int, end: int) -> str:
    """A stable id for a record: its article, its kind and its offsets."""
    return f"{article_id[:16]}-{kind}-{start}-{end}"


def _date(value: str | None, precision: str | None) -> ResolvedDate | None:
    if value is None or precision is None:
        return None
    return ResolvedDate(value, DatePrecision(precision))


def article_row(article: Article, ingested_at: str) -> dict[str, Any]:
    return {
        "id": article.id,
        "text": article.text,
        "raw_hash": article.raw_hash,
        "url": article.url,
        "outlet": article.outlet,
        "headline": article.headline,
        "published": article.published.value if article.published else None,
        "published_precision": article.published.precision.value if article.published else None,
        "published_source": article.published_source,
        "dateline_place": article.dateline_place,
        "language": article.language,
        "source": article.source,
        "ingested_at": ingested_at,
    }


def article_from_row(row: Row) -> Article:
    return Article(
        id=row["id"],
        text=row["text"],
        raw_hash=row["raw_hash"],
        url=row["url"],
        outlet=row["outlet"],
        headline=row["headline"],
        published=_date(row["published"], row["published_precision"]),
        published_source=row["published_source"],
        dateline_place=row["dateline_place"],
        language=row["language"],
        source=row["source"],
    )


def place_row(place: PlaceMention) -> dict[str, Any]:
    evidence = place.evidence
    return {
        "id": record_id(evidence.article_id, "pl", evidence.start, evidence.end),
        "article_id": evidence.article_id,
        "text": place.text,
        "label": place.label,
        "start": evidence.start,
        "end": evidence.end,
        "geonameid": place.geonameid,
        "name": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "country_code": place.country_code,
        "feature_kind": place.feature_kind,
        "confidence": place.confidence,
    }


def place_from_row(row: Row) -> PlaceMention:
    return PlaceMention(
        text=row["text"],
        label=row["label"],
        evidence=Evidence(row["article_id"], row["start"], row["end"]),
        geonameid=row["geonameid"],
        name=row["name"],
        lat=row["lat"],
        lon=row["lon"],
        country_code=row["country_code"],
        feature_kind=row["feature_kind"],
        confidence=row["confidence"],
    )


def temporal_row(temporal: TemporalExpression) -> dict[str, Any]:
    evidence = temporal.evidence
    return {
        "id": record_id(evidence.article_id, "tx", evidence.start, evidence.end),
        "article_id": evidence.article_id,
        "text": temporal.text,
        "start": evidence.start,
        "end": evidence.end,
        "date": temporal.date.value if temporal.date else None,
        "precision": temporal.date.precision.value if temporal.date else None,
        "rule": temporal.rule,
    }


def temporal_from_row(row: Row) -> TemporalExpression:
    return TemporalExpression(
        text=row["text"],
        evidence=Evidence(row["article_id"], row["start"], row["end"]),
        date=_date(row["date"], row["precision"]),
        rule=row["rule"],
    )
