"""A Report as the prediction dicts the scorer reads (eval/FORMAT.md field names)."""

from __future__ import annotations

from typing import Any

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


def events(report: Report) -> list[Record]:
    return [
        {
            "type": event.type,
            "sub_type": event.sub_type,
            "date": event.date.value if event.date else None,
            "place": event.place,
            "geonameid": event.geonameid,
            "lat": event.lat,
            "lon": event.lon,
            "actor1_side": event.actor1_side,
            "actor2": event.actor2,
            "weapons": list(event.weapons),
            "status": event.status,
            "evidence_text": _text(report, event.evidence),
        }
        for event in report.events
    ]


def claims(report: Report) -> list[Record]:
    return [
        {
            "speaker": claim.speaker,
            "titles": list(claim.titles),
            "side": claim.side,
            "stance": claim.stance,
            "channel": claim.channel,
            "evidence_text": _text(report, claim.evidence),
        }
        for claim in report.claims
    ]


def casualties(report: Report) -> list[Record]:
    return [
        {
            "kind": casualty.kind,
            "best": casualty.best,
            "low": casualty.low,
            "high": casualty.high,
            "qualifier": casualty.qualifier,
            "victims": casualty.victims,
            "side": casualty.side,
            "scope": casualty.scope,
            "according_to_side": casualty.according_to_side,
            "evidence_text": _text(report, casualty.evidence),
        }
        for casualty in report.casualties
    ]


def predictions(report: Report) -> dict[str, list[Record]]:
    return {
        "places": places(report),
        "events": events(report),
        "claims": claims(report),
        "casualties": casualties(report),
    }
