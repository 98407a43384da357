"""What the web app's pages show, from the store's own queries: the incidents a set of filters
selects, the map's points and the timeline's bars. No web framework here, so the benchmark and
the tests can call it directly."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from warlog.errors import StoreError, StoreErrors
from warlog.export.acled import fatalities
from warlog.geo.gazetteer import GeoPlace
from warlog.model import CasualtyReport, Incident
from warlog.store import Store, schema

if TYPE_CHECKING:
    from warlog.serve.state import StoreState

ACLED_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)
STATUSES = ("reported", "claimed", "contested", "confirmed")
FILTER_NAMES = ("since", "until", "type", "side", "country", "actor", "status", "q", "near", "km")
SEARCH_MAX_CHARS = 200
AREA_DEGREES = 1.0  # the grid of the map's areas (map_data): cells of a degree a side
NEAR_KM = 50.0  # the distance of "near" when none is given
NEAR_MAX_KM = 20000.0  # half the Earth's circumference: everywhere
EARTH_KM = 6371.0088  # as warlog.resolve.spatial.haversine_km


@dataclass(frozen=True, slots=True)
class Filters:
    """The map's filters, as the URL holds them (``?type=Battles&side=AM&q=drone``)."""

    since: str | None = None
    until: str | None = None
    type: str | None = None  # an ACLED event type (or its start)
    side: str | None = None  # the perpetrator's side (ISO 3166-1 alpha-2)
    country: str | None = None  # where it happened (ISO 3166-1 alpha-2)
    actor: str | None = None  # part of an actor's name
    status: str | None = None  # reported, claimed, contested or confirmed
    q: str | None = None  # words and "quoted phrases" of the article text
    near: str | None = None  # a place name the gazetteer knows
    km: str | None = None  # the distance from ``near``, in km (NEAR_KM when not given)

    @classmethod
    def of(cls, params: Mapping[str, str | None]) -> Filters:
        """Filters from query parameters; blanks are no filter, dates must be ISO dates."""
        values: dict[str, str | None] = {}
        for name in FILTER_NAMES:
            raw = params.get(name)
            value = raw.strip() if isinstance(raw, str) else None
            values[name] = value or None
        for name in ("since", "until"):
            value = values[name]
            if value is not None:
                try:
                    dt.date.fromisoformat(value)
                except ValueError:
                    raise ValueError(f"{name} must be a date such as 2020-10-04") from None
        for name in ("side", "country"):
            value = values[name]
            if value is not None:
                if len(value) != 2 or not value.isalpha():
                    raise ValueError(f"{name} must be a two-letter country code such as AM")
                values[name] = value.upper()
        status = values["status"]
        if status is not None and status not in STATUSES:
            raise ValueError("status must be one of " + ", ".join(STATUSES))
        for name in ("q", "near"):
            value = values[name]
            if value is not None and len(value) > SEARCH_MAX_CHARS:
                raise ValueError(f"{name} is longer than {SEARCH_MAX_CHARS} characters")
        values["km"] = _km(values["km"]) if values["near"] else None  # no place, no distance
        return cls(**values)

    def params(self) -> dict[str, str]:
        """The filters that are set, as query parameters."""
        return {k: v for k, v in asdict(self).items() if v}

    def without_dates(self) -> Filters:
        return replace(self, since=None, until=None)

    @property
    def radius_km(self) -> float:
        return float(self.km) if self.km else NEAR_KM


def _km(value: str | None) -> str | None:
    """A distance as the URL holds it ("25", "12.5"), or a clear error."""
    if value is None:
        return None
    try:
        km = float(value)
    except ValueError:
        km = math.nan
    if not 0 < km <= NEAR_MAX_KM:  # also NaN and infinities
        raise ValueError(f"km must be a distance in km above 0 and at most {NEAR_MAX_KM:g}")
    return f"{km:g}"


def centre_of(filters: Filters) -> GeoPlace | None:
    """The place "near" names (the gazetteer's most populous of that name), or None when
    the filter is not set; an unknown name is a ValueError saying so."""
    if not filters.near:
        return None
    from warlog.geo.gazetteer import place_named

    place = place_named(filters.near)
    if place is None:
        raise ValueError(
            f"near: no place called {filters.near!r} is in the gazetteer; check the spelling "
            "or give a town nearby"
        )
    return place


def box_around(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """The latitude/longitude box (south, north, west, east) holding every point within
    ``km`` of a point: its widest longitude is where the circle touches the box's sides,
    asin(sin(r) / cos(lat)). West > east when it crosses the antimeridian; every longitude
    when it holds a pole."""
    radius = km / EARTH_KM  # in radians
    slack = 1e-6  # degrees: rounding must not lose a point on the edge
    south, north = lat - math.degrees(radius) - slack, lat + math.degrees(radius) + slack
    if south <= -90 or north >= 90:
        return max(south, -90.0), min(north, 90.0), -180.0, 180.0
    spread = math.sin(radius) / math.cos(math.radians(lat))
    if spread >= 1:
        return south, north, -180.0, 180.0
    width = math.degrees(math.asin(spread)) + slack
    if width >= 180:
        return south, north, -180.0, 180.0
    west, east = lon - width, lon + width
    if west < -180:
        west += 360
    if east > 180:
        east -= 360
    return south, north, west, east


def search_articles(store: Store, words: str) -> set[str]:
    """Ids of the articles whose text holds every word and "quoted phrase" of ``words``:
    SQLite's FTS5 index, PostgreSQL's full-text search (warlog.store.search)."""
    from warlog.store.search import search_articles as search

    return search(store.engine, words)


def select_incidents(
    store: Store, filters: Filters, state: StoreState | None = None
) -> list[Incident]:
    """The incidents the filters select, oldest first: date, type, side, actor and the box
    around "near" in the store's own query (Store.incidents), then status, country, the
    exact distance from "near" and text search. With the ``state`` of the store
    (warlog.serve.state) the store's query gives incident ids only, and the incidents are
    the state's, built already."""
    from warlog.resolve.spatial import haversine_km
    from warlog.store.store import incidents_passing

    centre = centre_of(filters)
    km = filters.radius_km
    box = box_around(centre.lat, centre.lon, km) if centre is not None else None
    if state is None:
        found = store.incidents(
            since=filters.since,
            until=filters.until,
            event_type=filters.type,
            side=filters.side,
            actor=filters.actor,
            box=box,
        )
    elif filters.since or filters.until or filters.type or filters.side or filters.actor or box:
        keys = store.incident_ids(
            since=filters.since,
            until=filters.until,
            event_type=filters.type,
            side=filters.side,
            actor=filters.actor,
            box=box,
        )
        found = incidents_passing(
            state.incidents_of(keys),
            filters.since,
            filters.until,
            filters.type,
            side=filters.side,
        )
    else:
        found = list(state.incidents)
    if filters.status:
        found = [i for i in found if i.status == filters.status]
    if filters.country:
        found = [i for i in found if i.country_code == filters.country]
    if centre is not None:
        found = [
            i
            for i in found
            if i.lat is not None
            and i.lon is not None
            and haversine_km(i.lat, i.lon, centre.lat, centre.lon) <= km
        ]
    if filters.q:
        matching = search_articles(store, filters.q)
        found = [i for i in found if any(r.article_id in matching for r in i.reports)]
    return found


def near_of(filters: Filters) -> dict[str, Any] | None:
    """The place "near" resolved to, and the distance, as the JSON twins show them."""
    centre = centre_of(filters)
    if centre is None:
        return None
    return {
        "name": centre.name,
        "country_code": centre.country_code,
        "geonameid": centre.geonameid,
        "lat": centre.lat,
        "lon": centre.lon,
        "km": filters.radius_km,
    }


def casualties_of(
    store: Store, incidents: Iterable[Incident], state: StoreState | None = None
) -> dict[str, CasualtyReport]:
    """The casualty reports these incidents cite, by id (the ``state``'s, when given)."""
    if state is None:
        from warlog.export.views import cited_casualties

        return cited_casualties(store, incidents)
    known = state.casualties
    return {c: known[c] for i in incidents for c in i.casualties if c in known}


def day_of(incident: Incident) -> str | None:
    """The day an incident is put on the timeline: its date, a month or year at its start."""
    if incident.date is None:
        return None
    value = incident.date.value
    return value + "-01" * (3 - len(value.split("-")))


def map_point(incident: Incident, casualties: dict[str, CasualtyReport]) -> dict[str, Any]:
    """One marker: where, what (ACLED type, status) and how many were killed (ACLED's rule)."""
    killed, _note = fatalities(incident, casualties)
    return {
        "id": incident.id,
        "lat": incident.lat,
        "lon": incident.lon,
        "type": incident.type,
        "sub_type": incident.sub_type,
        "status": incident.status,
        "date": incident.date.value if incident.date else None,
        "day": day_of(incident),
        "place": incident.place,
        "actor1_side": incident.actor1_side,
        "fatalities": killed,
        "reports": len(incident.reports),
    }


def timeline(
    incidents: Iterable[Incident], days: Mapping[str, str | None] | None = None
) -> list[dict[str, Any]]:
    """Incidents per day, oldest first (a month or a year counts on its first day); ``days``
    holds the day of an incident by id where it is worked out already."""
    known = days or {}
    counts = Counter(
        day for day in (known[i.id] if i.id in known else day_of(i) for i in incidents) if day
    )
    return [{"day": day, "count": counts[day]} for day in sorted(counts)]


def killed_of(
    incident: Incident, casualties: Mapping[str, CasualtyReport]
) -> tuple[tuple[str, int], ...]:
    """An incident's killed per victims' side, by ACLED's rule: each source's figure, then
    the most conservative source; running totals left out. Sides unknown count as "?"."""
    from warlog.export.acled import acled_figure

    per_side: dict[str, dict[str, int]] = {}
    for casualty_id in incident.casualties:
        report = casualties.get(casualty_id)
        if report is None or report.kind != "killed" or report.scope != "incident":
            continue
        figure = acled_figure(report)
        if figure is None:
            continue
        sources = per_side.setdefault(report.side or "?", {})
        source = report.according_to or "reported"
        sources[source] = max(sources.get(source, 0), figure)
    return tuple((side, min(sources.values())) for side, sources in per_side.items())


def killed_by_side(
    incidents: Iterable[Incident],
    casualties: Mapping[str, CasualtyReport],
    state: StoreState | None = None,
) -> list[dict[str, Any]]:
    """Killed per day and victims' side: each incident's (killed_of) summed per day; the
    ``state``'s days and killed where it is given."""
    days: Mapping[str, str | None] = state.days if state is not None else {}
    killed: Mapping[str, tuple[tuple[str, int], ...]] = state.killed if state is not None else {}
    totals: Counter[tuple[str, str]] = Counter()
    for incident in incidents:
        day = days[incident.id] if incident.id in days else day_of(incident)
        if day is None:
            continue
        found = killed.get(incident.id)
        for side, count in found if found is not None else killed_of(incident, casualties):
            totals[(day, side)] += count
    return [
        {"day": day, "side": side, "killed": totals[(day, side)]} for day, side in sorted(totals)
    ]


def map_data(
    store: Store,
    filters: Filters,
    state: StoreState | None = None,
    max_points: int | None = None,
) -> dict[str, Any]:
    """What the map page asks for: the selected incidents as points, and the timeline of the
    same filters without the date range (so the brush shows what it cuts from).

    At most ``max_points`` points (None: no limit): when more incidents are placed, the
    points are the latest ``max_points`` placed ones, ``more`` says how many placed
    incidents they leave out and ``areas`` counts those per cell of AREA_DEGREES, at the
    mean position of its incidents, so the map still shows where they are; ``count``,
    ``placed``, the timeline and the killed stay those of every selected incident."""
    selected = select_incidents(store, filters, state)
    if state is not None:  # each incident's marker, day and killed are worked out already
        casualties, known = state.casualties, state.points
        points = [known[i.id] if i.id in known else map_point(i, casualties) for i in selected]
    else:
        casualties = casualties_of(store, selected)
        points = [map_point(i, casualties) for i in selected]
    placed = [p for p in points if p["lat"] is not None and p["lon"] is not None]
    shown, left_out = points, []
    if max_points is not None and len(placed) > max_points:
        cut = len(placed) - max_points  # selected is oldest first: the latest are kept
        shown, left_out = placed[cut:], placed[:cut]
    context = selected
    if filters.since or filters.until:
        context = select_incidents(store, filters.without_dates(), state)
    return {
        "filters": filters.params(),
        "near": near_of(filters),
        "count": len(points),
        "placed": len(placed),
        "points": shown,
        "more": len(left_out),
        "areas": areas(left_out),
        "timeline": timeline(context, state.days if state is not None else None),
        "killed_by_side": killed_by_side(selected, casualties, state),
    }


def areas(points: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Placed points counted per grid cell of AREA_DEGREES: each cell's mean position and
    its number of incidents, the cells west to east, then south to north."""
    cells: dict[tuple[int, int], list[float]] = {}
    for point in points:
        lat, lon = point["lat"], point["lon"]
        key = (math.floor(lon / AREA_DEGREES), math.floor(lat / AREA_DEGREES))
        cell = cells.setdefault(key, [0.0, 0.0, 0.0])
        cell[0] += lat
        cell[1] += lon
        cell[2] += 1
    return [
        {"lat": round(s_lat / n, 5), "lon": round(s_lon / n, 5), "count": int(n)}
        for (s_lat, s_lon, n) in (cells[key] for key in sorted(cells))
    ]


def facets(store: Store) -> dict[str, list[str]]:
    """The values the filter menus offer: sides and countries that occur in the store."""
    events = schema.events
    with store.engine.connect() as connection:
        sides = connection.execute(
            select(events.c.actor1_side).where(events.c.actor1_side.is_not(None)).distinct()
        )
        countries = connection.execute(
            select(events.c.country_code).where(events.c.country_code.is_not(None)).distinct()
        )
        return {
            "types": list(ACLED_TYPES),
            "statuses": list(STATUSES),
            "sides": sorted(str(row[0]) for row in sides),
            "countries": sorted(str(row[0]) for row in countries),
        }


def page_of(items: list[Any], page: int, size: int) -> tuple[list[Any], int]:
    """One page of a list (pages count from 1) and the number of pages."""
    pages = max(1, -(-len(items) // size))
    if page < 1 or page > pages:
        raise StoreError(StoreErrors.W229, page=page, pages=pages)
    return items[(page - 1) * size : page * size], pages
