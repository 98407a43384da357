"""``warlog load FILE.jsonl``: read an export back into a store (the inverse of jsonl).

Loading an export into an empty store gives the same store back: the same articles and
records, and the same incidents. An export carries the store's incidents (each event's
``incident_id`` and the ``incident`` records), and loading keeps them as they were, whatever
the link settings of the store loaded into; an export without them (an older warlog's) is
linked again by the link rule, as its articles are added.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
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


@dataclass(slots=True)
class Export:
    """What an export file holds: its reports and, when it carries them, the incidents the
    exporting store formed (incident id -> the ids of its events, in the file's order)."""

    reports: list[Report]
    incidents: dict[str, list[str]] = field(default_factory=dict)

    @property
    def grouped(self) -> bool:
        return bool(self.incidents)


def _incident_id(obj: Object) -> str | None:
    value = obj.get("incident_id")
    if value is not None and not isinstance(value, str):
        raise TypeError("incident_id is not a string")
    return value


def _incident_members(obj: Object) -> list[str]:
    members = obj["events"]
    if not isinstance(obj["id"], str) or not isinstance(members, list):
        raise TypeError("an incident needs an id and a list of events")
    if not all(isinstance(member, str) for member in members):
        raise TypeError("an incident's events are event ids")
    return members


def read_export(lines: Iterable[str], source: str) -> Export:
    """Reports and incidents rebuilt from export lines; a bad line raises InputError naming
    it, and so does an incident record that lists an event another incident holds."""
    articles: dict[str, Article] = {}
    records: dict[str, dict[str, list[Any]]] = {}
    incident_of: dict[str, str] = {}  # event id -> the incident its own line names
    listed: dict[str, tuple[str, str]] = {}  # event id -> (incident record id, its line)
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
            elif kind == "incident":
                for member in _incident_members(obj):
                    if member in listed and listed[member][0] != obj["id"]:
                        raise ValueError(
                            f"event {member} is in incident {listed[member][0]} "
                            f"({listed[member][1]}) too"
                        )
                    listed[member] = (obj["id"], where)
            elif kind in READERS:
                field_name, reader = READERS[kind]
                record = reader(obj)
                records.setdefault(obj["article_id"], {}).setdefault(field_name, []).append(record)
                if isinstance(record, Event) and (incident_id := _incident_id(obj)) is not None:
                    incident_of[record.id] = incident_id
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
    event_ids = [event.id for report in reports for event in report.events]
    for event_id, (incident_id, where) in listed.items():
        named = incident_of.get(event_id)
        if event_id in incident_of and named != incident_id:
            raise InputError(
                where,
                f"puts event {event_id} in incident {incident_id}, its event line in {named}",
                "Give a file written by `warlog export --format jsonl`, unedited.",
            )
    incidents: dict[str, list[str]] = {}
    for event_id in event_ids:  # an incident's events the file does not hold are skipped
        incident_id = incident_of.get(event_id)
        if incident_id is None and event_id in listed:
            incident_id = listed[event_id][0]
        if incident_id is not None:
            incidents.setdefault(incident_id, []).append(event_id)
    return Export(reports, incidents)


def read_reports(lines: Iterable[str], source: str) -> list[Report]:
    """Reports rebuilt from export lines; a bad line raises InputError naming it."""
    return read_export(lines, source).reports


def load_jsonl(store: Any, lines: Iterable[str], source: str = "<jsonl>") -> tuple[int, int]:
    """Load an export into ``store``; returns (articles added, articles already there).

    An export carrying incidents keeps them: its events are grouped as the file groups them
    (never re-linked among themselves), and joined by the link rule only to the incidents
    of articles the store held and the file does not. An export without incidents is
    linked by the link rule, article by article."""
    export = read_export(lines, source)
    if export.grouped:
        added, unchanged = store.load_reports(export.reports, export.incidents)
        return int(added), int(unchanged)
    added = unchanged = 0
    for report in export.reports:
        if store.add_report(report):
            added += 1
        else:
            unchanged += 1
    return added, unchanged
