"""``warlog load FILE.jsonl``: read an export back into a store (the inverse of jsonl).

Loading an export into an empty store gives the same store back: the same articles and
records, and (the link rule being deterministic) the same incidents.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from warlog.errors import InputError
from warlog.model import (
    Actor,
    Article,
    CasualtyReport,
    Claim,
    DatePrecision,
    Event,
    Evidence,
    PlaceMention,
    Report,
    ResolvedDate,
    TemporalExpression,
)

Object = dict[str, Any]


def _date(value: str | None, precision: str | None) -> ResolvedDate | None:
    return ResolvedDate(value, DatePrecision(precision)) if value and precision else None


def _evidence(obj: Object, key: str = "evidence") -> Evidence | None:
    span = obj.get(key)
    if not span:
        return None
    return Evidence(obj["article_id"], int(span["start"]), int(span["end"]))


def _required_evidence(obj: Object) -> Evidence:
    evidence = _evidence(obj)
    if evidence is None:
        raise KeyError("evidence")
    return evidence


def article_from(obj: Object) -> Article:
    return Article(
        id=obj["id"],
        text=obj["text"],
        raw_hash=obj["raw_hash"],
        url=obj.get("url"),
        outlet=obj.get("outlet"),
        headline=obj.get("headline"),
        published=_date(obj.get("published"), obj.get("published_precision")),
        published_source=obj.get("published_source"),
        dateline_place=obj.get("dateline_place"),
        language=obj.get("language") or "en",
        source=obj.get("source"),
    )


def place_from(obj: Object) -> PlaceMention:
    return PlaceMention(
        text=obj["text"],
        label=obj["label"],
        evidence=_required_evidence(obj),
        geonameid=obj.get("geonameid"),
        name=obj.get("name"),
        lat=obj.get("lat"),
        lon=obj.get("lon"),
        country_code=obj.get("country_code"),
        feature_kind=obj.get("feature_kind"),
        confidence=obj.get("confidence"),
    )


def temporal_from(obj: Object) -> TemporalExpression:
    return TemporalExpression(
        text=obj["text"],
        evidence=_required_evidence(obj),
        date=_date(obj.get("date"), obj.get("precision")),
        rule=obj["rule"],
    )


def claim_from(obj: Object) -> Claim:
    return Claim(
        speaker=obj["speaker"],
        titles=tuple(obj.get("titles") or ()),
        side=obj.get("side"),
        stance=obj["stance"],
        channel=obj["channel"],
        cue=obj["cue"],
        evidence=_required_evidence(obj),
        source=_evidence(obj, "source"),
        cue_span=_evidence(obj, "cue_span"),
        content=_evidence(obj, "content"),
        denies=tuple(obj.get("denies") or ()),
    )


def casualty_from(obj: Object) -> CasualtyReport:
    return CasualtyReport(
        kind=obj["kind"],
        best=obj.get("best"),
        low=obj.get("low"),
        high=obj.get("high"),
        qualifier=obj["qualifier"],
        victims=obj["victims"],
        side=obj.get("side"),
        scope=obj["scope"],
        according_to=obj.get("according_to"),
        according_to_side=obj.get("according_to_side"),
        evidence=_required_evidence(obj),
        number_text=obj.get("number_text") or "",
    )


def event_from(obj: Object) -> Event:
    return Event(
        type=obj["type"],
        sub_type=obj["sub_type"],
        trigger=obj.get("trigger") or "",
        evidence=_required_evidence(obj),
        date=_date(obj.get("date"), obj.get("date_precision")),
        place=obj.get("place"),
        geonameid=obj.get("geonameid"),
        lat=obj.get("lat"),
        lon=obj.get("lon"),
        actor1=obj.get("actor1"),
        actor1_side=obj.get("actor1_side"),
        actor2=obj.get("actor2"),
        weapons=tuple(obj.get("weapons") or ()),
        status=obj.get("status") or "reported",
        claims=tuple(obj.get("claims") or ()),
        casualties=tuple(obj.get("casualties") or ()),
        country_code=obj.get("country_code"),
        geo_precision=obj.get("geo_precision"),
        date_from_text=bool(obj.get("date_from_text", True)),
        place_approximate=bool(obj.get("place_approximate", False)),
    )


def actor_from(obj: Object) -> Actor:
    return Actor(
        name=obj["name"],
        kind=obj["kind"],
        side=obj.get("side"),
        evidence=_required_evidence(obj),
        titles=tuple(obj.get("titles") or ()),
        mentions=tuple(obj.get("mentions") or ()),
        claims=tuple(obj.get("claims") or ()),
        events=tuple(obj.get("events") or ()),
        casualties=tuple(obj.get("casualties") or ()),
    )


READERS = {
    "place": ("places", place_from),
    "temporal": ("temporals", temporal_from),
    "claim": ("claims", claim_from),
    "casualty_report": ("casualties", casualty_from),
    "event": ("events", event_from),
    "actor": ("actors", actor_from),
}


def read_reports(lines: Iterable[str], source: str) -> list[Report]:
    """Reports rebuilt from export lines; a bad line raises InputError naming it."""
    articles: dict[str, Article] = {}
    records: dict[str, dict[str, list[Any]]] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            obj = json.loads(line)
            kind = obj["record"]
            if kind == "article":
                articles[obj["id"]] = article_from(obj)
                records.setdefault(obj["id"], {})
            elif kind in READERS:
                field, reader = READERS[kind]
                records.setdefault(obj["article_id"], {}).setdefault(field, []).append(reader(obj))
            else:
                raise KeyError(f"record kind {kind!r}")
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise InputError(
                where,
                f"is not a warlog export line ({exc})",
                "Give a file written by `warlog export --format jsonl`.",
            ) from None
    reports = []
    for article_id, article in articles.items():
        found = records.get(article_id, {})
        reports.append(Report(article=article, **{k: tuple(v) for k, v in found.items()}))
    missing = set(records) - set(articles)
    if missing:
        raise InputError(
            source,
            f"has records of {len(missing)} article(s) it does not hold",
            "Export and load whole stores, not parts of a file.",
        )
    return reports


def load_jsonl(store: Any, lines: Iterable[str], source: str = "<jsonl>") -> tuple[int, int]:
    """Load an export into ``store``; returns (articles added, articles already there)."""
    added = unchanged = 0
    for report in read_reports(lines, source):
        if store.add_report(report):
            added += 1
        else:
            unchanged += 1
    return added, unchanged
