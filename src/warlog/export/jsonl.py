"""``warlog export --format jsonl``: every record, one JSON object per line.

Each object has a ``record`` kind and an ``id``; articles carry ``url``, ``headline`` and
``published``; other records carry their ``article_id`` and ``evidence`` offsets.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from warlog.model import Article, PlaceMention, Report, TemporalExpression
from warlog.store.rows import record_id


def article_object(article: Article) -> dict[str, Any]:
    return {
        "record": "article",
        "id": article.id,
        "url": article.url,
        "outlet": article.outlet,
        "headline": article.headline,
        "published": article.published.value if article.published else None,
        "published_precision": article.published.precision.value if article.published else None,
        "published_source": article.published_source,
        "dateline_place": article.dateline_place,
        "language": article.language,
        "source": article.source,
        "raw_hash": article.raw_hash,
        "text": article.text,
    }


def place_object(place: PlaceMention) -> dict[str, Any]:
    evidence = place.evidence
    return {
        "record": "place",
        "id": record_id(evidence.article_id, "pl", evidence.start, evidence.end),
        "article_id": evidence.article_id,
        "evidence": {"start": evidence.start, "end": evidence.end},
        "text": place.text,
        "label": place.label,
        "name": place.name,
        "geonameid": place.geonameid,
        "lat": place.lat,
        "lon": place.lon,
        "country_code": place.country_code,
        "feature_kind": place.feature_kind,
        "confidence": place.confidence,
    }


def temporal_object(temporal: TemporalExpression) -> dict[str, Any]:
    evidence = temporal.evidence
    return {
        "record": "temporal",
        "id": record_id(evidence.article_id, "tx", evidence.start, evidence.end),
        "article_id": evidence.article_id,
        "evidence": {"start": evidence.start, "end": evidence.end},
        "text": temporal.text,
        "date": temporal.date.value if temporal.date else None,
        "precision": temporal.date.precision.value if temporal.date else None,
        "rule": temporal.rule,
    }


def report_objects(report: Report) -> Iterator[dict[str, Any]]:
    yield article_object(report.article)
    for place in report.places:
        yield place_object(place)
    for temporal in report.temporals:
        yield temporal_object(temporal)


def write_jsonl(reports: Iterable[Report], out: TextIO) -> int:
    """Write every record of ``reports`` to ``out``; return how many lines were written."""
    count = 0
    for report in reports:
        for obj in report_objects(report):
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
            count += 1
    return count
