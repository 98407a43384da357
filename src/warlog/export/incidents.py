"""Incidents (events across articles) as plain objects, GeoJSON and ACLED-style CSV."""

from __future__ import annotations

from typing import Any

from warlog.export.jsonl import event_fields
from warlog.model import Incident


def incident_object(incident: Incident) -> dict[str, Any]:
    """An incident with eval/FORMAT.md's field names, its ``reports`` and ``sources``."""
    return {
        "record": "event",
        "id": incident.id,
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
        **event_fields(incident),
    }
