"""The map's text search (SQLite FTS5, kept in step with the articles, made for older stores)
and its "near PLACE within N km" filter, in-process and on the store directly."""

from __future__ import annotations

import dataclasses
import logging
import math
import sqlite3
from pathlib import Path
from typing import Any

import pytest

import warlog
from tests.web.conftest import Built, hostile_report, plain_report
from warlog.resolve.spatial import haversine_km
from warlog.serve import query
from warlog.store import schema, search


def _count(client: Any, **params: str) -> int:
    response = client.get("/api/map", params=params)
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["count"] == len(data["points"])
    return int(data["count"])


@pytest.mark.parametrize(
    ("q", "count"),
    [
        ("ganja", 1),
        ("GANJA shells", 1),  # every word, any case, any order
        ("ganja yerevan", 0),  # not one article holds both
        ("shell", 1),  # "Shells": stemmed
        ("marching", 1),  # "marched"
        ('"denied the claims"', 1),  # a phrase
        ('"the claims denied"', 0),  # its words, another order
        ('"police said" yerevan', 1),
        ('"police said" ganja', 0),
        ("zeppelin", 0),
    ],
)
def test_search_words_and_phrases(client: Any, q: str, count: int) -> None:
    assert _count(client, q=q) == count


@pytest.mark.parametrize(
    ("q", "count"),
    [
        ('"', 0),
        ('""', 0),
        ("*", 0),
        ("-", 0),
        ("ganja*", 1),  # a star is no prefix search: the word ganja
        ("-ganja", 1),  # a minus is no exclusion
        ("ganja OR yerevan", 0),  # OR is a word to find, not an operator
        ("NOT ganja", 0),
        ("NEAR(", 0),
        ("NEAR(ganja shells)", 0),  # "near" is no word of these articles
        ('"unclosed phrase', 0),
        ('"shells hit', 1),  # an unclosed quote runs to the end
        ("text:ganja", 0),  # no column filter: the phrase "text ganja"
        ("^ganja", 1),
        ("{text} : ganja", 0),
        ('gan"ja', 0),
        ("ganja AND", 0),
        ("(((", 0),
        ("');DROP TABLE articles;--", 0),
    ],
)
def test_search_syntax_in_user_input_cannot_break_the_query(
    client: Any, q: str, count: int
) -> None:
    assert _count(client, q=q) == count
    assert client.get("/", params={"q": q}).status_code == 200
    assert client.get("/index.json", params={"q": q}).json()["total"] == count


def test_search_terms_and_fts5_query() -> None:
    assert search.terms('shells "hit  Ganja" -x * "" "open') == [
        "shells",
        "hit Ganja",
        "-x",
        "open",
    ]
    assert search.terms("a a A") == ["a", "A"]
    assert search.fts5_query(['say "no"', "OR"]) == '"say ""no""" "OR"'


def test_search_filter_in_the_url_form_and_exports(client: Any) -> None:
    page = client.get("/", params={"q": '"denied the claims"'})
    assert page.status_code == 200 and "1 incidents" in page.text
    assert 'name="q" id="f-q" value="&#34;denied the claims&#34;"' in page.text
    assert 'data-api="/api/map?q=%22denied+the+claims%22"' in page.text
    csv = client.get("/export/acled.csv", params={"q": "yerevan"}).text
    assert "Yerevan" in csv and "Ganja" not in csv


def _search(store: Any, words: str) -> set[str]:
    return query.search_articles(store, words)


def _indexed(path: Path) -> tuple[int, int]:
    connection = sqlite3.connect(path)
    try:
        ids = connection.execute(f"SELECT count(*) FROM {search.FTS_IDS}").fetchone()[0]
        docs = connection.execute(
            f"SELECT count(*) FROM {search.FTS_TABLE} WHERE {search.FTS_TABLE} MATCH 'said'"
        ).fetchone()[0]
    finally:
        connection.close()
    return int(ids), int(docs)


def test_the_index_follows_ingest_reingest_reanalyse_and_delete(tmp_path: Path) -> None:
    from sqlalchemy import text

    path = tmp_path / "s.db"
    hostile, plain = hostile_report(), plain_report()
    store = warlog.open(path)
    try:
        assert store.add_report(hostile)
        assert _search(store, "ganja") == {hostile.article.id}
        assert store.add_report(plain)
        assert not store.add_report(plain)  # re-ingest: a no-op, no second index entry
        assert _indexed(path) == (2, 2)
        # a reanalysis replaces the records, never the text: the index stays as it was
        store.replace_report(dataclasses.replace(plain, events=()))
        store.replace_report(hostile)
        assert _indexed(path) == (2, 2)
        assert _search(store, "yerevan") == {plain.article.id}
        assert _search(store, '"police said"') == {plain.article.id}
        with store.engine.begin() as connection:  # a deleted article leaves the index
            connection.execute(
                text("DELETE FROM articles WHERE id = :id"), {"id": plain.article.id}
            )
        assert _search(store, "yerevan") == set()
        assert _search(store, "said") == {hostile.article.id}
        assert _indexed(path) == (1, 1)
    finally:
        store.close()


def test_reanalyse_keeps_the_index(tmp_path: Path, blank_nlp: Any) -> None:
    from warlog.store.reanalyse import reanalyse

    path = tmp_path / "r.db"
    store = warlog.open(path)
    try:
        store.add_report(hostile_report())
        store.add_report(plain_report())
        result = reanalyse(store, everything=True, nlp=blank_nlp)
        assert len(result.reanalysed) == 2
        assert _indexed(path) == (2, 2)
        assert len(_search(store, "said")) == 2
    finally:
        store.close()


def _as_version_2(path: Path) -> None:
    """What warlog 0.3 wrote: schema version 2, no search index."""
    connection = sqlite3.connect(path)
    for trigger in search.TRIGGERS:
        connection.execute(f"DROP TRIGGER {trigger}")
    connection.execute(f"DROP TABLE {search.FTS_TABLE}")
    connection.execute(f"DROP TABLE {search.FTS_IDS}")
    connection.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    connection.execute("DROP TABLE warlog_alembic_version")  # 0.3 had no Alembic
    connection.commit()
    connection.close()


def test_a_store_of_version_2_gets_the_index_filled(tmp_path: Path) -> None:
    from warlog.errors import StoreError
    from warlog.serve.store import open_read_only

    path = tmp_path / "v2.db"
    hostile, plain = hostile_report(), plain_report()
    store = warlog.open(path)
    store.add_report(hostile)
    store.add_report(plain)
    store.close()
    _as_version_2(path)
    Path(f"{path}.lock").unlink()
    with pytest.raises(StoreError, match="schema version 2"):
        open_read_only(path)  # the web app asks for a writing command first
    assert not Path(f"{path}.lock").exists()  # it opens the store as a reader
    warlog.open(path).close()  # a writer upgrades it, and fills the index
    assert _indexed(path) == (2, 2)
    reader = open_read_only(path)
    try:
        assert _search(reader, "ganja") == {hostile.article.id}
        assert _search(reader, '"police said"') == {plain.article.id}
    finally:
        reader.close()
    connection = sqlite3.connect(path)
    version = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    connection.close()
    assert version == (str(schema.SCHEMA_VERSION),)


def test_without_fts5_the_search_is_like_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "nofts.db"
    hostile, plain = hostile_report(), plain_report()
    monkeypatch.setattr(search, "has_fts5", lambda _connection: False)
    monkeypatch.setattr(search, "_noted", set())
    with caplog.at_level(logging.WARNING, logger="warlog.store.search"):
        store = warlog.open(path)
        try:
            store.add_report(hostile)
            store.add_report(plain)
            assert _search(store, "GANJA shells") == {hostile.article.id}
            assert _search(store, '"police said"') == {plain.article.id}
            assert _search(store, "100%_") == set()
        finally:
            store.close()
    assert any("no FTS5" in record.getMessage() for record in caplog.records)
    connection = sqlite3.connect(path)
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    connection.close()
    assert search.FTS_TABLE not in tables
    monkeypatch.undo()  # a SQLite with FTS5 opens it: the index is made and filled then
    warlog.open(path).close()
    assert _indexed(path) == (2, 2)


# -- near PLACE within N km -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "count"),
    [
        ({"near": "Ganja"}, 1),  # 50 km by default
        ({"near": "ganja", "km": "5"}, 1),
        ({"near": "Yerevan", "km": "10"}, 1),
        ({"near": "Yerevan", "km": "100"}, 1),  # Ganja is about 200 km from Yerevan
        ({"near": "Yerevan", "km": "300"}, 2),
        ({"near": "Tbilisi"}, 0),
        ({"near": "Tbilisi", "km": "250"}, 2),
        ({"near": "Ganja", "km": "300", "type": "Protests"}, 1),
        ({"near": "Ganja", "km": "300", "q": "marched"}, 1),
        ({"km": "5"}, 2),  # a distance without a place is no filter
    ],
)
def test_near_filter(client: Any, params: dict[str, str], count: int) -> None:
    assert _count(client, **params) == count
    assert client.get("/index.json", params=params).json()["total"] == count


def test_near_in_the_url_form_and_json_twin(client: Any) -> None:
    page = client.get("/", params={"near": "Ganja", "km": "25.0"})
    assert page.status_code == 200 and "1 incidents" in page.text
    assert 'name="near" id="f-near" value="Ganja"' in page.text
    assert 'name="km" id="f-km" value="25"' in page.text
    assert 'data-api="/api/map?near=Ganja&amp;km=25"' in page.text
    data = client.get("/api/map", params={"near": "Ganja", "km": "25.0"}).json()
    assert data["filters"] == {"near": "Ganja", "km": "25"}
    near = data["near"]
    assert (near["name"], near["country_code"], near["km"]) == ("Ganja", "AZ", 25.0)
    assert haversine_km(near["lat"], near["lon"], 40.68, 46.36) < 5
    listing = client.get("/index.json", params={"near": "Yerevan"}).json()
    assert listing["near"]["name"] == "Yerevan" and listing["near"]["km"] == query.NEAR_KM
    assert client.get("/index.json").json()["near"] is None


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"near": "Qwzxplace"}, "no place called 'Qwzxplace' is in the gazetteer"),
        ({"near": "<script>x</script>"}, "is in the gazetteer"),
        ({"near": "Ganja", "km": "far"}, "km must be a distance"),
        ({"near": "Ganja", "km": "-5"}, "km must be a distance"),
        ({"near": "Ganja", "km": "0"}, "km must be a distance"),
        ({"near": "Ganja", "km": "nan"}, "km must be a distance"),
        ({"near": "Ganja", "km": "1e9"}, "km must be a distance"),
        ({"near": "x" * 201}, "near is longer than"),
    ],
)
def test_a_bad_near_filter_is_a_clear_400(
    client: Any, params: dict[str, str], message: str
) -> None:
    for path in ("/api/map", "/index.json"):
        response = client.get(path, params=params)
        assert response.status_code == 400
        assert message in response.json()["detail"]
    assert client.get("/export/events.geojson", params=params).status_code == 400
    page = client.get("/", params=params)
    assert page.status_code == 400
    assert "Traceback" not in page.text and "<script>x" not in page.text
    assert message.replace("'", "&#39;") in page.text


def test_box_around_holds_the_circle() -> None:
    for lat, lon, km in [
        (40.68, 46.36, 50.0),
        (-18.1, 178.4, 300.0),  # across the antimeridian
        (65.0, -179.9, 120.0),
        (89.5, 10.0, 100.0),  # a pole inside
        (0.0, 0.0, 15000.0),
    ]:
        south, north, west, east = query.box_around(lat, lon, km)
        for step in range(360):
            bearing = math.radians(step)
            # the point km away on this bearing (the direct geodesic problem on a sphere)
            d = km / query.EARTH_KM
            phi1, lam1 = math.radians(lat), math.radians(lon)
            phi2 = math.asin(
                math.sin(phi1) * math.cos(d) + math.cos(phi1) * math.sin(d) * math.cos(bearing)
            )
            lam2 = lam1 + math.atan2(
                math.sin(bearing) * math.sin(d) * math.cos(phi1),
                math.cos(d) - math.sin(phi1) * math.sin(phi2),
            )
            plat = math.degrees(phi2)
            plon = (math.degrees(lam2) + 540) % 360 - 180
            assert south <= plat <= north, (lat, lon, km, step)
            inside = west <= plon <= east if west <= east else plon >= west or plon <= east
            assert inside, (lat, lon, km, step, plon, west, east)
    south, north, west, east = query.box_around(-18.1, 178.4, 300.0)
    assert west > east  # crosses: two ranges in SQL
    assert query.box_around(89.5, 10.0, 100.0)[2:] == (-180.0, 180.0)


def test_near_across_the_antimeridian_in_sql(tmp_path: Path) -> None:
    """An incident at 179.95 W is found near Suva (178.4 E): the box wraps."""
    report = plain_report()
    [event] = report.events
    moved = dataclasses.replace(event, lat=-17.0, lon=-179.95, place="Lau")
    store = warlog.open(tmp_path / "fiji.db")
    try:
        store.add_report(dataclasses.replace(report, events=(moved,)))
        filters = query.Filters.of({"near": "Suva", "km": "300"})
        assert [i.id for i in query.select_incidents(store, filters)] == [moved.id]
        far = query.Filters.of({"near": "Suva", "km": "100"})
        assert query.select_incidents(store, far) == []
    finally:
        store.close()


def test_the_served_store_is_indexed(built: Built) -> None:
    assert _indexed(built.path) == (2, 2)
