"""The JSON object of each record kind, and ``warlog export --format jsonl``: every record,
one JSON object per line.

Each function here is the only producer of its record kind's JSON object: the export, every
``--json`` output of the CLI and every JSON twin of the web app (warlog.export.views) call
it, so one record has one JSON shape everywhere. Each object has a ``record`` kind and an
``id``; articles carry ``url``, ``headline`` and ``published``; other records carry their
``article_id`` and ``evidence`` offsets. Each event carries the ``incident_id`` and
``episode_id`` the store put it in (a :class:`Grouping`), and each incident is an
``incident`` record of its own after the articles' records: its ``episode_id``, ``events``
(the event ids it groups), ``reports``, ``sources``, summary fields, ``casualty_summary``
and ``fatalities``, so ``warlog load`` restores the same incidents.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TextIO

from warlog.export.acled import fatalities
from warlog.link import casualty_summary
from warlog.model import (
    Actor,
    Article,
    CasualtyReport,
    Claim,
    Episode,
    Event,
    Evidence,
    Incident,
    PlaceMention,
    Report,
    TemporalExpression,
)
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


def _span(evidence: Evidence | None) -> dict[str, int] | None:
    return {"start": evidence.start, "end": evidence.end} if evidence else None


def event_fields(event: Event | Incident) -> dict[str, Any]:
    """The fields an article's event and a linked incident share (eval/FORMAT.md names)."""
    return {
        "type": event.type,
        "sub_type": event.sub_type,
        "date": event.date.value if event.date else None,
        "date_precision": event.date.precision.value if event.date else None,
        "place": event.place,
        "geonameid": event.geonameid,
        "lat": event.lat,
        "lon": event.lon,
        "country_code": event.country_code,
        "geo_precision": event.geo_precision,
        "actor1": event.actor1,
        "actor1_side": event.actor1_side,
        "actor2": event.actor2,
        "weapons": list(event.weapons),
        "status": event.status,
        "claims": list(event.claims),
        "casualties": list(event.casualties),
    }


# characters JSON leaves as they are that str.splitlines (and JavaScript before ES2019) end
# a line at: escaped, so that each object is one line to every reader
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_line(obj: dict[str, Any]) -> str:
    """One export object as one JSONL line (with its newline)."""
    return json.dumps(obj, ensure_ascii=False).translate(_LINE_BREAKS) + "\n"


@dataclass(frozen=True, slots=True)
class Grouping:
    """Where the store put each event: its incident, and that incident's episode (episodes
    formed from all the store's incidents, as ``warlog episodes`` forms them)."""

    incident_of: Mapping[str, str] = field(default_factory=dict)  # event id -> incident id
    episode_of: Mapping[str, str] = field(default_factory=dict)  # incident id -> episode id

    @classmethod
    def of(cls, incidents: Iterable[Incident], episodes: Iterable[Episode] = ()) -> Grouping:
        return cls(
            {report.event_id: incident.id for incident in incidents for report in incident.reports},
            {key: episode.id for episode in episodes for key in episode.incidents},
        )

    def of_event(self, event_id: str) -> tuple[str | None, str | None]:
        """(incident id, episode id) of an event; None where it is in none."""
        incident_id = self.incident_of.get(event_id)
        if incident_id is None:
            return None, None
        return incident_id, self.episode_of.get(incident_id)


NO_GROUPING = Grouping()  # records read without a store (warlog.read, eval)


def event_object(event: Event, grouping: Grouping = NO_GROUPING) -> dict[str, Any]:
    """An article's event; ``grouping``: where the store put it (its ``incident_id`` and
    ``episode_id``, None without one)."""
    evidence = event.evidence
    incident_id, episode_id = grouping.of_event(event.id)
    return {
        "record": "event",
        "id": event.id,
        "article_id": evidence.article_id,
        "evidence": _span(evidence),
        "reports": [{"article_id": evidence.article_id, "evidence": _span(evidence)}],
        "trigger": event.trigger,
        "date_from_text": event.date_from_text,
        "place_approximate": event.place_approximate,
        "incident_id": incident_id,
        "episode_id": episode_id,
        **event_fields(event),
    }


def claim_object(claim: Claim) -> dict[str, Any]:
    return {
        "record": "claim",
        "id": claim.id,
        "article_id": claim.evidence.article_id,
        "evidence": _span(claim.evidence),
        "speaker": claim.speaker,
        "titles": list(claim.titles),
        "side": claim.side,
        "stance": claim.stance,
        "channel": claim.channel,
        "cue": claim.cue,
        "source": _span(claim.source),
        "cue_span": _span(claim.cue_span),
        "content": _span(claim.content),
        "denies": list(claim.denies),
    }


def casualty_object(casualty: CasualtyReport) -> dict[str, Any]:
    return {
        "record": "casualty_report",
        "id": casualty.id,
        "article_id": casualty.evidence.article_id,
        "evidence": _span(casualty.evidence),
        "kind": casualty.kind,
        "best": casualty.best,
        "low": casualty.low,
        "high": casualty.high,
        "qualifier": casualty.qualifier,
        "victims": casualty.victims,
        "side": casualty.side,
        "scope": casualty.scope,
        "according_to": casualty.according_to,
        "according_to_side": casualty.according_to_side,
        "number_text": casualty.number_text,
    }


def actor_object(actor: Actor) -> dict[str, Any]:
    return {
        "record": "actor",
        "id": actor.id,
        "article_id": actor.evidence.article_id,
        "evidence": _span(actor.evidence),
        "name": actor.name,
        "kind": actor.kind,
        "side": actor.side,
        "titles": list(actor.titles),
        "mentions": list(actor.mentions),
        "claims": list(actor.claims),
        "events": list(actor.events),
        "casualties": list(actor.casualties),
    }


def incident_object(
    incident: Incident,
    casualties: Mapping[str, CasualtyReport] | None = None,
    grouping: Grouping = NO_GROUPING,
) -> dict[str, Any]:
    """An incident the store formed: its id, episode, the event ids it groups, its reports
    and sources, its summary fields (eval/FORMAT.md names) and, from ``casualties`` (the
    casualty reports it cites, by id), its ``casualty_summary`` (per kind: each source's
    figure, low, high, best, disputed) and ACLED's ``fatalities``."""
    cited = casualties or {}
    return {
        "record": "incident",
        "id": incident.id,
        "episode_id": grouping.episode_of.get(incident.id),
        "events": [report.event_id for report in incident.reports],
        "reports": [
            {
                "article_id": report.article_id,
                "event_id": report.event_id,
                "evidence": _span(report.evidence),
                "status": report.status,
            }
            for report in incident.reports
        ],
        "sources": list(incident.sources),
        **event_fields(incident),
        "casualty_summary": casualty_summary(incident, dict(cited)),
        "fatalities": fatalities(incident, dict(cited))[0],
    }


def record_object(record: Any, grouping: Grouping = NO_GROUPING) -> dict[str, Any]:
    """The JSON object of any one record (article, place mention, temporal expression,
    claim, casualty report, event, actor or incident), by its kind."""
    if isinstance(record, Event):
        return event_object(record, grouping)
    if isinstance(record, Incident):
        return incident_object(record, None, grouping)
    for kind, to_object in _OBJECTS:
        if isinstance(record, kind):
            return to_object(record)
    raise TypeError(f"no JSON object for a {type(record).__name__}")


_OBJECTS: tuple[tuple[type, Callable[[Any], dict[str, Any]]], ...] = (
    (Article, article_object),
    (PlaceMention, place_object),
    (TemporalExpression, temporal_object),
    (Claim, claim_object),
    (CasualtyReport, casualty_object),
    (Actor, actor_object),
)


def report_objects(report: Report, grouping: Grouping = NO_GROUPING) -> Iterator[dict[str, Any]]:
    """The records of one article; ``grouping`` gives each event's incident and episode."""
    yield article_object(report.article)
    for place in report.places:
        yield place_object(place)
    for temporal in report.temporals:
        yield temporal_object(temporal)
    for claim in report.claims:
        yield claim_object(claim)
    for casualty in report.casualties:
        yield casualty_object(casualty)
    for event in report.events:
        yield event_object(event, grouping)
    for actor in report.actors:
        yield actor_object(actor)


def write_jsonl(
    reports: Iterable[Report],
    out: TextIO,
    incidents: Iterable[Incident] | None = None,
    episodes: Iterable[Episode] = (),
    casualties: Mapping[str, CasualtyReport] | None = None,
) -> int:
    """Write every record of ``reports`` to ``out``; return how many lines were written.

    With ``incidents`` (and the ``episodes`` they form), each event carries its
    ``incident_id`` and ``episode_id``, and each incident follows the articles' records as
    an ``incident`` record of its own, its casualty summary from ``casualties`` (by id;
    default: the casualty reports of ``reports``)."""
    found = list(incidents or ())
    grouping = Grouping.of(found, episodes)
    cited: dict[str, CasualtyReport] = dict(casualties or {})
    count = 0
    for report in reports:
        if casualties is None:
            cited.update((c.id, c) for c in report.casualties)
        for obj in report_objects(report, grouping):
            out.write(json_line(obj))
            count += 1
    for incident in found:
        out.write(json_line(incident_object(incident, cited, grouping)))
        count += 1
    return count


def write_store_jsonl(store: Any, out: TextIO) -> int:
    """``warlog export --format jsonl``: every record of ``store``, its events with their
    incident and episode, and its incidents."""
    from warlog.link.episodes import group_episodes

    incidents = store.incidents()
    return write_jsonl(store.reports(), out, incidents, group_episodes(incidents))
