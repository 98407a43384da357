"""The web app over a store of many incidents: the map's data is bounded (the latest
incidents as points, the others counted per area), lists are paged, filters still select
what the store's own query selects, and what the app keeps of the store follows it when it
changes (warlog.serve.state)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import warlog
from tests.web.conftest import CROWDED_INCIDENTS, crowded_report
from warlog.serve import query
from warlog.serve.query import Filters
from warlog.serve.state import StoreState

MAP_POINTS = 10
PAGE_SIZE = 25


def _client(path: Path, **settings: Any) -> Iterator[Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette: its TestClient will move to httpx2
        from fastapi.testclient import TestClient

    from warlog.serve.app import ServeSettings, create_app

    app = create_app(ServeSettings(db=str(path), rate_per_second=0, **settings))
    with TestClient(app) as test_client:
        yield test_client
    app.state.store.close()


@pytest.fixture(scope="module")
def bounded(crowded: Path) -> Iterator[Any]:
    """The app over the crowded store, drawing at most MAP_POINTS markers."""
    yield from _client(crowded, map_points=MAP_POINTS, page_size=PAGE_SIZE)


def _day(index: int) -> str:
    return crowded_report(index).events[0].date.value  # type: ignore[union-attr]


def test_map_data_is_bounded_and_counts_the_rest_per_area(bounded: Any) -> None:
    data = bounded.get("/api/map").json()
    assert (data["count"], data["placed"]) == (CROWDED_INCIDENTS, CROWDED_INCIDENTS)
    assert len(data["points"]) == MAP_POINTS
    assert data["more"] == CROWDED_INCIDENTS - MAP_POINTS
    # the points are the latest incidents, oldest first
    assert [p["date"] for p in data["points"]] == [
        _day(i) for i in range(CROWDED_INCIDENTS - MAP_POINTS, CROWDED_INCIDENTS)
    ]
    # every incident left out is in one area, each area a cell of a degree with its count
    assert sum(a["count"] for a in data["areas"]) == data["more"]
    assert all(a["count"] >= 1 for a in data["areas"])
    cells = {(int(a["lat"] // 1), int(a["lon"] // 1)) for a in data["areas"]}
    assert len(cells) == len(data["areas"])
    assert len(data["areas"]) < data["more"]  # aggregated, not one per incident
    # the timeline and the killed chart are of every selected incident, not of the points
    assert sum(d["count"] for d in data["timeline"]) == CROWDED_INCIDENTS


@pytest.mark.parametrize(
    ("params", "count"),
    [
        ({"type": "Battles"}, 40),
        ({"type": "Protests"}, 40),
        ({"country": "GE"}, 40),
        ({"side": "am"}, 40),
        ({"actor": "Northern Army"}, CROWDED_INCIDENTS),
        ({"status": "reported"}, CROWDED_INCIDENTS),
        ({"status": "contested"}, 0),
        ({"q": "Southtown"}, 40),
        ({"since": _day(100), "until": _day(104)}, 5),
        ({"since": _day(90)}, 30),
        ({"type": "Battles", "country": "AM"}, 40),
        ({"type": "Battles", "country": "AZ"}, 0),
    ],
)
def test_filters_still_select_on_a_bounded_map(
    bounded: Any, params: dict[str, str], count: int
) -> None:
    data = bounded.get("/api/map", params=params).json()
    assert data["count"] == count
    assert len(data["points"]) == min(count, MAP_POINTS)
    assert data["more"] == max(0, count - MAP_POINTS)
    assert sum(a["count"] for a in data["areas"]) == data["more"]
    for point in data["points"]:
        if "type" in params:
            assert point["type"] == params["type"]
        if "since" in params:
            assert point["date"] >= params["since"]
    listed = bounded.get("/index.json", params=params).json()
    assert listed["total"] == count
    assert len(listed["events"]) == min(count, PAGE_SIZE)


def test_a_date_range_keeps_the_timeline_of_every_date(bounded: Any) -> None:
    data = bounded.get("/api/map", params={"since": _day(100), "until": _day(104)}).json()
    assert data["count"] == 5 and data["more"] == 0 and len(data["points"]) == 5
    assert sum(d["count"] for d in data["timeline"]) == CROWDED_INCIDENTS


def test_no_limit_sends_every_point(crowded: Path) -> None:
    for client in _client(crowded, map_points=0):
        data = client.get("/api/map").json()
        assert len(data["points"]) == CROWDED_INCIDENTS
        assert (data["more"], data["areas"]) == (0, [])


def test_the_incident_list_is_paged(bounded: Any) -> None:
    pages = -(-CROWDED_INCIDENTS // PAGE_SIZE)
    first = bounded.get("/index.json").json()
    assert (first["total"], first["pages"], len(first["events"])) == (
        CROWDED_INCIDENTS,
        pages,
        PAGE_SIZE,
    )
    last = bounded.get("/index.json", params={"page": pages}).json()
    assert len(last["events"]) == CROWDED_INCIDENTS - (pages - 1) * PAGE_SIZE
    seen = {
        row["id"]
        for page in range(1, pages + 1)
        for row in bounded.get("/index.json", params={"page": page}).json()["events"]
    }
    assert len(seen) == CROWDED_INCIDENTS
    assert bounded.get("/index.json", params={"page": pages + 1}).status_code == 404


def test_an_actors_incidents_are_paged(bounded: Any) -> None:
    pages = -(-CROWDED_INCIDENTS // PAGE_SIZE)
    data = bounded.get("/actors/Northern Army.json").json()
    assert data["actor"]["name"] == "Northern Army"
    assert (data["total"], data["page"], data["pages"]) == (CROWDED_INCIDENTS, 1, pages)
    assert len(data["events"]) == PAGE_SIZE
    second = bounded.get("/actors/Northern Army.json", params={"page": 2}).json()
    assert {r["id"] for r in second["events"]}.isdisjoint(r["id"] for r in data["events"])
    page = bounded.get("/actors/Northern Army", params={"page": 2})
    assert page.status_code == 200
    assert f"Incidents it took part in ({CROWDED_INCIDENTS}), page 2 of {pages}" in page.text
    assert 'href="/actors/Northern%20Army?page=3"' in page.text
    assert bounded.get("/actors/Northern Army.json", params={"page": "x"}).status_code == 400
    assert bounded.get("/actors/Northern Army.json", params={"page": 99}).status_code == 404


def test_a_places_incidents_are_paged(bounded: Any) -> None:
    data = bounded.get("/places/Northtown.json").json()
    assert (data["total"], data["pages"], len(data["events"])) == (40, 2, PAGE_SIZE)
    assert {r["place"] for r in data["events"]} == {"Northtown"}
    second = bounded.get("/places/Northtown.json", params={"page": 2}).json()
    assert len(second["events"]) == 40 - PAGE_SIZE
    page = bounded.get("/places/Northtown")
    assert "Incidents here (40), page 1 of 2" in page.text


FILTERS = [
    Filters(),
    Filters(type="Battles"),
    Filters(type="explosions"),
    Filters(side="AZ"),
    Filters(country="GE"),
    Filters(actor="northern"),
    Filters(actor="nobody"),
    Filters(since="2021-06-01", until="2021-09-30"),
    Filters(until="2021-12-31"),
    Filters(q="Easttown"),
    Filters(near="Yerevan", km="150"),
    Filters(type="Protests", since="2021-03-01", side="AM"),
]


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: repr(f.params()))
def test_the_kept_state_selects_as_the_store_does(crowded: Path, filters: Filters) -> None:
    with warlog.open(crowded) as store:
        state = StoreState(store, store.state())
        direct = query.select_incidents(store, filters)
        kept = query.select_incidents(store, filters, state)
        assert [i.id for i in kept] == [i.id for i in direct]
        assert kept == direct  # the same incidents, built once
        assert query.map_data(store, filters, state) == query.map_data(store, filters)


def test_the_app_follows_the_store_when_it_changes(tmp_path: Path) -> None:
    path = tmp_path / "changing.db"
    with warlog.open(path) as writer:
        for index in range(5):
            writer.add_report(crowded_report(index))
    for client in _client(path, map_points=2):
        assert client.get("/api/map").json()["count"] == 5
        with warlog.open(path) as writer:
            writer.add_report(crowded_report(5))
        data = client.get("/api/map").json()
        assert (data["count"], len(data["points"]), data["more"]) == (6, 2, 4)
        assert client.get("/index.json").json()["total"] == 6
        # a reanalysis changes no count: the app still sees it (one within the same second)
        assert client.get("/api/map", params={"type": "Riots"}).json()["count"] == 0
        with warlog.open(path) as writer:
            writer.replace_report(crowded_report(0, event_type="Riots"))
        assert client.get("/api/map", params={"type": "Riots"}).json()["count"] == 1
        with warlog.open(path) as writer:
            writer.replace_report(crowded_report(1, event_type="Riots"))
        assert client.get("/api/map", params={"type": "Riots"}).json()["count"] == 2
