"""Records to plain rows and back. The store holds rows; queries return records."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from warlog.model import (
    Actor,
    Article,
    CasualtyReport,
    Claim,
    DatePrecision,
    Event,
    Evidence,
    PlaceMention,
    ResolvedDate,
    TemporalExpression,
)
from warlog.model import record_id as model_record_id

Row = Mapping[Any, Any]


def record_id(article_id: str, kind: str, start: int, end: int) -> str:
    """A stable id for a record: its article, its kind and its offsets."""
    return model_record_id(Evidence(article_id, start, end), kind)


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


def _span(prefix: str, evidence: Evidence | None) -> dict[str, Any]:
    return {
        f"{prefix}_start": evidence.start if evidence else None,
        f"{prefix}_end": evidence.end if evidence else None,
    }


def _span_from(row: Row, prefix: str, article_id: str) -> Evidence | None:
    start, end = row[f"{prefix}_start"], row[f"{prefix}_end"]
    return Evidence(article_id, start, end) if start is not None and end is not None else None


def claim_row(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "article_id": claim.evidence.article_id,
        "speaker": claim.speaker,
        "titles": json.dumps(list(claim.titles), ensure_ascii=False),
        "side": claim.side,
        "stance": claim.stance,
        "channel": claim.channel,
        "cue": claim.cue,
        "start": claim.evidence.start,
        "end": claim.evidence.end,
        **_span("source", claim.source),
        **_span("cue_span", claim.cue_span),
        **_span("content", claim.content),
        "denies": json.dumps(list(claim.denies)),
    }


def claim_from_row(row: Row) -> Claim:
    article_id = row["article_id"]
    return Claim(
        speaker=row["speaker"],
        titles=tuple(json.loads(row["titles"])),
        side=row["side"],
        stance=row["stance"],
        channel=row["channel"],
        cue=row["cue"],
        evidence=Evidence(article_id, row["start"], row["end"]),
        source=_span_from(row, "source", article_id),
        cue_span=_span_from(row, "cue_span", article_id),
        content=_span_from(row, "content", article_id),
        denies=tuple(json.loads(row["denies"])),
    )


_CASUALTY_FIELDS = (
    "kind",
    "best",
    "low",
    "high",
    "qualifier",
    "victims",
    "side",
    "scope",
    "according_to",
    "according_to_side",
    "number_text",
)


def casualty_row(casualty: CasualtyReport) -> dict[str, Any]:
    return {
        "id": casualty.id,
        "article_id": casualty.evidence.article_id,
        "start": casualty.evidence.start,
        "end": casualty.evidence.end,
        **{name: getattr(casualty, name) for name in _CASUALTY_FIELDS},
    }


def casualty_from_row(row: Row) -> CasualtyReport:
    return CasualtyReport(
        evidence=Evidence(row["article_id"], row["start"], row["end"]),
        **{name: row[name] for name in _CASUALTY_FIELDS},
    )


_EVENT_FIELDS = (
    "type",
    "sub_type",
    "trigger",
    "place",
    "geonameid",
    "lat",
    "lon",
    "actor1",
    "actor1_side",
    "actor2",
    "status",
    "country_code",
    "geo_precision",
    "date_from_text",
    "place_approximate",
)


def event_row(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "article_id": event.evidence.article_id,
        "start": event.evidence.start,
        "end": event.evidence.end,
        "date": event.date.value if event.date else None,
        "date_precision": event.date.precision.value if event.date else None,
        "weapons": json.dumps(list(event.weapons), ensure_ascii=False),
        "claims": json.dumps(list(event.claims)),
        "casualties": json.dumps(list(event.casualties)),
        "incident_id": event.id,
        **{name: getattr(event, name) for name in _EVENT_FIELDS},
    }


def event_from_row(row: Row) -> Event:
    return Event(
        evidence=Evidence(row["article_id"], row["start"], row["end"]),
        date=_date(row["date"], row["date_precision"]),
        weapons=tuple(json.loads(row["weapons"])),
        claims=tuple(json.loads(row["claims"])),
        casualties=tuple(json.loads(row["casualties"])),
        **{name: row[name] for name in _EVENT_FIELDS},
    )


# what the link rule reads of a stored event (warlog.link.rule), with its id and incident
LINK_COLUMNS = (
    "id",
    "article_id",
    "start",
    "end",
    "type",
    "date",
    "date_precision",
    "place",
    "geonameid",
    "lat",
    "lon",
    "actor1_side",
    "country_code",
    "geo_precision",
    "date_from_text",
    "place_approximate",
    "incident_id",
)


def link_event_from_row(row: Row) -> Event:
    """A stored event as the link rule sees it, from the ``LINK_COLUMNS`` of its row: what
    the rule never reads (sub-type, trigger, actors' names, weapons, status, the claims and
    casualty reports) is left empty and no list is decoded."""
    return Event(
        type=row["type"],
        sub_type="",
        trigger="",
        evidence=Evidence(row["article_id"], row["start"], row["end"]),
        date=_date(row["date"], row["date_precision"]),
        place=row["place"],
        geonameid=row["geonameid"],
        lat=row["lat"],
        lon=row["lon"],
        actor1_side=row["actor1_side"],
        country_code=row["country_code"],
        geo_precision=row["geo_precision"],
        date_from_text=row["date_from_text"],
        place_approximate=row["place_approximate"],
    )


_ACTOR_LISTS = ("titles", "mentions", "claims", "events", "casualties")


def actor_row(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id,
        "article_id": actor.evidence.article_id,
        "name": actor.name,
        "kind": actor.kind,
        "side": actor.side,
        "start": actor.evidence.start,
        "end": actor.evidence.end,
        **{
            name: json.dumps(list(getattr(actor, name)), ensure_ascii=False)
            for name in _ACTOR_LISTS
        },
    }


def actor_from_row(row: Row) -> Actor:
    return Actor(
        name=row["name"],
        kind=row["kind"],
        side=row["side"],
        evidence=Evidence(row["article_id"], row["start"], row["end"]),
        **{name: tuple(json.loads(row[name])) for name in _ACTOR_LISTS},
    )
