"""One incident out of the reports linked together: its fields, status and sources.

- place and date: the most precise report's (town over region over country; a day over a
  month), ties to the earliest report;
- status over all reports (eval/ANNOTATION.md: a denial wins): ``contested`` if any report
  is contested, else ``confirmed`` if any is, else ``claimed`` if any is, else ``reported``;
- perpetrator: the side most reports give.
"""

from __future__ import annotations

import statistics
from collections import Counter
from typing import Any

from warlog.model import CasualtyReport, DatePrecision, Event, EventReport, Incident

STATUS_RANK = {"reported": 0, "claimed": 1, "confirmed": 2, "contested": 3}
_DATE_RANK = {DatePrecision.DAY: 0, DatePrecision.MONTH: 1, DatePrecision.YEAR: 2}


def build_incident(
    incident_id: str, events: list[Event], outlets: dict[str, str | None]
) -> Incident:
    keyed = sorted(((e.id, e) for e in events), key=lambda pair: pair[0])  # ids: once each
    ordered = [e for _id, e in keyed]
    best_place = min(keyed, key=lambda pair: (pair[1].geo_precision or 2, pair[0]))[1]
    dated = [e for e in ordered if e.date is not None]
    best_date = min(
        dated,
        key=lambda e: (_DATE_RANK[e.date.precision], e.date.value) if e.date else (9, ""),
        default=None,
    )
    sides = Counter(e.actor1_side for e in ordered if e.actor1_side)
    sub_types = Counter(e.sub_type for e in ordered)
    return Incident(
        id=incident_id,
        type=ordered[0].type,
        sub_type=sub_types.most_common(1)[0][0],
        date=best_date.date if best_date else None,
        place=best_place.place,
        geonameid=best_place.geonameid,
        lat=best_place.lat,
        lon=best_place.lon,
        country_code=best_place.country_code,
        geo_precision=best_place.geo_precision,
        actor1=next((e.actor1 for e in ordered if e.actor1), None),
        actor1_side=sides.most_common(1)[0][0] if sides else None,
        actor2=next((e.actor2 for e in ordered if e.actor2), None),
        weapons=tuple(dict.fromkeys(w for e in ordered for w in e.weapons)),
        status=max((e.status for e in ordered), key=lambda s: STATUS_RANK[s]),
        reports=tuple(
            EventReport(
                event_id=event_id,
                article_id=e.evidence.article_id,
                evidence=e.evidence,
                outlet=outlets.get(e.evidence.article_id),
                status=e.status,
            )
            for event_id, e in keyed
        ),
        claims=tuple(dict.fromkeys(c for e in ordered for c in e.claims)),
        casualties=tuple(dict.fromkeys(c for e in ordered for c in e.casualties)),
    )


def casualty_summary(
    incident: Incident, casualties: dict[str, CasualtyReport]
) -> dict[str, dict[str, Any]]:
    """Per kind (killed, injured, ...): each source's figure and the UCDP summary over them:
    low = the lowest figure, high = the highest, best = the median of the sources."""
    per_kind: dict[str, dict[str, int]] = {}
    for casualty_id in incident.casualties:
        casualty = casualties.get(casualty_id)
        if casualty is None or casualty.scope == "historical":
            continue
        figure = casualty.best if casualty.best is not None else casualty.low
        if figure is None:
            continue
        source = casualty.according_to or "reported"
        sources = per_kind.setdefault(casualty.kind, {})
        sources[source] = max(sources.get(source, 0), figure)
    return {
        kind: {
            "by_source": dict(sorted(sources.items())),
            "low": min(sources.values()),
            "high": max(sources.values()),
            "best": statistics.median_low(sorted(sources.values())),
            "disputed": len(set(sources.values())) > 1,
        }
        for kind, sources in sorted(per_kind.items())
    }
