"""A Report as the prediction dicts the scorer reads (eval/FORMAT.md field names)."""

from __future__ import annotations

from typing import Any

from warlog.export.jsonl import casualty_object, claim_object, event_object
from warlog.model import Evidence, Report

Record = dict[str, Any]


def _text(report: Report, evidence: Evidence) -> str:
    return report.article.text[evidence.start : evidence.end]


def places(report: Report) -> list[Record]:
    """Distinct places of the article (by GeoNames id, else by name)."""
    distinct: dict[Any, Record] = {}
    for place in report.places:
        key = place.geonameid if place.geonameid is not None else (place.name or place.text).lower()
        distinct.setdefault(
            key,
            {
                "name": place.name or place.text,
                "geonameid": place.geonameid,
                "lat": place.lat,
                "lon": place.lon,
                "evidence_text": _text(report, place.evidence),
            },
        )
    return list(distinct.values())


def _with_evidence(report: Report, obj: Record, evidence: Evidence) -> Record:
    return {**obj, "evidence_text": _text(report, evidence)}


def events(report: Report) -> list[Record]:
    return [_with_evidence(report, event_object(e), e.evidence) for e in report.events]


def claims(report: Report) -> list[Record]:
    return [_with_evidence(report, claim_object(c), c.evidence) for c in report.claims]


def casualties(report: Report) -> list[Record]:
    return [_with_evidence(report, casualty_object(c), c.evidence) for c in report.casualties]


def predictions(report: Report) -> dict[str, list[Record]]:
    return {
        "places": places(report),
        "events": events(report),
        "claims": claims(report),
        "casualties": casualties(report),
    }
