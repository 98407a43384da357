"""The data of each view, built from the record objects of warlog.export.jsonl (one JSON
shape per record kind). ``warlog show ID --json``, the listings' ``--json`` and the web app's
JSON twins all call these, so the CLI, the web and the export give the same objects.

Records (``article``, ``place``, ``temporal``, ``claim``, ``casualty_report``, ``event``,
``actor``, ``incident``) are the export's objects, each with its ``record`` kind and ``id``.
Summaries computed over the store are views, each with a ``record`` kind of its own and the
key the CLI and the web take: ``article_summary`` (a line of ``warlog articles``; ``id``, the
article's), ``place_summary`` (``warlog places``; ``text``, the name ``/places/NAME`` takes),
``actor_summary`` (``warlog actors``; ``name``, which ``/actors/NAME`` takes, and ``ids``, its
per-article ``actor`` records) and ``episode`` (``warlog episodes``; ``id``, which ``warlog
show`` takes).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from warlog.export.jsonl import (
    NO_GROUPING,
    Grouping,
    actor_object,
    article_object,
    casualty_object,
    claim_object,
    event_object,
    incident_object,
    place_object,
    temporal_object,
)
from warlog.model import Actor, CasualtyReport, Claim, Episode, Event, Incident, Report

if TYPE_CHECKING:
    from warlog.store import Store
    from warlog.store.store import ActorSummary, ArticleSummary, PlaceCount

Object = dict[str, Any]

# -- summaries (views over the store) --------------------------------------------------------


def article_summary_object(summary: ArticleSummary) -> Object:
    """A line of ``warlog articles``: the article's id, headline, source, publication day,
    dateline and how many places and dates it names."""
    return {
        "record": "article_summary",
        "id": summary.id,
        "headline": summary.headline,
        "source": summary.source,
        "published": summary.published,
        "dateline_place": summary.dateline_place,
        "places": summary.places,
        "temporals": summary.temporals,
    }


def place_summary_object(place: PlaceCount) -> Object:
    """A line of ``warlog places``: a place name (its key), its mentions and articles, where
    the gazetteer puts it; ``approximate``: placed only near where the text is."""
    return {
        "record": "place_summary",
        "text": place.text,
        "label": place.label,
        "mentions": place.mentions,
        "articles": place.articles,
        "geonameid": place.geonameid,
        "lat": place.lat,
        "lon": place.lon,
        "country_code": place.country_code,
        "feature_kind": place.feature_kind,
        "approximate": place.approximate,
    }


def actor_summary_object(summary: ActorSummary) -> Object:
    """A line of ``warlog actors``: a canonical actor over every article naming it (its
    ``name`` is its key), how many claims, events and casualty figures it is in, and
    ``ids``, the ids of its per-article ``actor`` records."""
    return {
        "record": "actor_summary",
        "name": summary.name,
        "kind": summary.kind,
        "side": summary.side,
        "articles": summary.articles,
        "claims": summary.claims,
        "events": summary.events,
        "casualties": summary.casualties,
        "titles": list(summary.titles),
        "mentions": list(summary.mentions),
        "ids": list(summary.ids),
    }


def episode_object(episode: Episode) -> Object:
    """A line of ``warlog episodes``: its id, first and last day, countries and sides (most
    incidents first), its incidents' ids, its articles' ids and how many reports it has."""
    return {
        "record": "episode",
        "id": episode.id,
        "first": episode.first,
        "last": episode.last,
        "countries": list(episode.countries),
        "sides": list(episode.sides),
        "incidents": list(episode.incidents),
        "articles": list(episode.articles),
        "reports": episode.reports,
    }


# -- views of records --------------------------------------------------------------------


def article_view(report: Report, grouping: Grouping = NO_GROUPING) -> Object:
    """An article and every record found in it (``warlog show ARTICLE_ID --json``,
    ``/articles/ID.json``)."""
    return {
        "article": article_object(report.article),
        "places": [place_object(p) for p in report.places],
        "temporals": [temporal_object(t) for t in report.temporals],
        "claims": [claim_object(c) for c in report.claims],
        "casualties": [casualty_object(c) for c in report.casualties],
        "events": [event_object(e, grouping) for e in report.events],
        "actors": [actor_object(a) for a in report.actors],
    }


def actor_view(report: Report, actor: Actor, grouping: Grouping = NO_GROUPING) -> Object:
    """One article's actor with the claims, events and casualty figures it appears in."""
    claims, events, figures = set(actor.claims), set(actor.events), set(actor.casualties)
    return {
        "actor": actor_object(actor),
        "claims": [claim_object(c) for c in report.claims if c.id in claims],
        "events": [event_object(e, grouping) for e in report.events if e.id in events],
        "casualties": [casualty_object(c) for c in report.casualties if c.id in figures],
    }


def event_view(report: Report, event: Event, grouping: Grouping = NO_GROUPING) -> Object:
    """One article's event with the claims and casualty figures about it and its sentence."""
    by_id = {claim.id: claim for claim in report.claims}
    figures = set(event.casualties)
    return {
        "event": event_object(event, grouping),
        "claims": [claim_object(by_id[i]) for i in event.claims if i in by_id],
        "casualties": [casualty_object(c) for c in report.casualties if c.id in figures],
        "evidence": report.article.text[event.evidence.start : event.evidence.end],
    }


def incident_view(
    incident: Incident, reports: Iterable[Report], grouping: Grouping = NO_GROUPING
) -> Object:
    """An incident and, for each of its reports, that article's event view."""
    found = list(reports)
    events = {e.id: (r, e) for r in found for e in r.events}
    casualties = {c.id: c for r in found for c in r.casualties}
    return {
        "incident": incident_object(incident, casualties, grouping),
        "reports": [
            event_view(*events[item.event_id], grouping)
            for item in incident.reports
            if item.event_id in events
        ],
    }


def incident_rows(
    incidents: Iterable[Incident],
    casualties: Mapping[str, CasualtyReport],
    grouping: Grouping = NO_GROUPING,
) -> list[Object]:
    """The incident list (``warlog events --json``): each incident's object."""
    return [incident_object(i, casualties, grouping) for i in incidents]


def episode_view(
    episode: Episode,
    incidents: Iterable[Incident],
    casualties: Mapping[str, CasualtyReport],
    grouping: Grouping = NO_GROUPING,
) -> Object:
    """An episode and its incidents, earliest first (``warlog show EPISODE_ID --json``,
    ``/episodes/ID.json``)."""
    return {
        "episode": episode_object(episode),
        "events": incident_rows(incidents, casualties, grouping),
    }


# -- from a store (the CLI's calls) ------------------------------------------------------


def store_grouping(store: Store) -> Grouping:
    """Each event's incident and each incident's episode, over the whole store."""
    from warlog.link.episodes import group_episodes

    incidents = store.incidents()
    return Grouping.of(incidents, group_episodes(incidents))


def cited_casualties(store: Store, incidents: Iterable[Incident]) -> dict[str, CasualtyReport]:
    """The casualty reports these incidents cite, by id."""
    from sqlalchemy import select

    from warlog.store import rows, schema

    wanted = sorted({c for i in incidents for c in i.casualties})
    table = schema.casualty_reports
    found: dict[str, CasualtyReport] = {}
    with store.engine.connect() as connection:
        for start in range(0, len(wanted), 500):  # SQL parameter limits
            chunk = wanted[start : start + 500]
            for row in connection.execute(select(table).where(table.c.id.in_(chunk))):
                casualty = rows.casualty_from_row(row._mapping)
                found[casualty.id] = casualty
    return found


def incident_list(store: Store, **filters: Any) -> list[Object]:
    """``warlog events --json``: the incidents ``filters`` select (Store.incidents)."""
    found = store.incidents(**filters)
    return incident_rows(found, cited_casualties(store, found), store_grouping(store))


def show_object(store: Store, record_id: str) -> Object:
    """``warlog show ID --json``: an episode (``ep-...``) or incident (an incident id or any
    of its events' ids) view, a claim's or casualty report's object, an actor's view or an
    article's view."""
    if record_id.startswith("ep-"):
        episode, members = store.episode(record_id)
        return episode_view(
            episode, members, cited_casualties(store, members), store_grouping(store)
        )
    if "-ev-" in record_id:
        incident, reports = store.incident(record_id)
        return incident_view(incident, reports, store_grouping(store))
    report, record = store.find(record_id)
    if isinstance(record, Claim):
        return claim_object(record)
    if isinstance(record, CasualtyReport):
        return casualty_object(record)
    if isinstance(record, Actor):
        return actor_view(report, record, store_grouping(store))
    return article_view(report, store_grouping(store))


def sentence(text: str, start: int, end: int) -> str:
    """An evidence sentence on one line."""
    return " ".join(text[start:end].split())


def claims_with_evidence(
    store: Store, stance: str | None = None, side: str | None = None
) -> list[tuple[Claim, str]]:
    """``warlog claims``: the stored claims (by stance and speaker side), each with its
    evidence sentence."""
    found = store.claims(stance=stance, side=side)
    texts = {a: store.article_text(a) for a in dict.fromkeys(c.evidence.article_id for c in found)}
    return [
        (c, sentence(texts[c.evidence.article_id], c.evidence.start, c.evidence.end)) for c in found
    ]
