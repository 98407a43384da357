"""Incidents (events across articles) as plain objects, GeoJSON and ACLED-style CSV."""

from __future__ import annotations

from typing import Any

from warlog.model import Incident


def incident_object(incident: Incident) -> dict[str, Any]:
    """An incident with eval/FORMAT.md's field names and its ``reports``."""
    return {
        "record": "event",
        "id": incident.id,
        "type": incident.type,
        "sub_type": incident.sub_type,
        "date": incident.date.value if incident.date else None,
        "date_precision": incident.date.precision.value if incident.date else None,
        "place": incident.place,
        "geonameid": incident.geonameid,
        "lat": incident.lat,
        "lon": incident.lon,
        "country_code": incident.country_code,
        "geo_precision": incident.geo_precision,
        "actor1": incident.actor1,
        "actor1_side": incident.actor1_side,
        "actor2": incident.actor2,
        "weapons": list(incident.weapons),
        "status": incident.status,
        "reports": [
            {
                "article_id": report.article_id,
                "event_id": report.event_id,
                "evidence": {"start": report.evidence.start, "end": report.evidence.end},
                "status": report.status,
            }
            for report in incident.reports
        ],
        "sources": list(incident.sources),
        "claims": list(incident.claims),
        "casualties": list(incident.casualties),
    }
