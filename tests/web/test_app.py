"""The web app in-process (FastAPI's TestClient): every route and its JSON twin, filters,
unknown ids, escaping of article-derived text, security headers, read-only store."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import socket
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

import warlog
from tests.web.conftest import HOSTILE_TEXT, Built
from warlog.errors import ConfigError, StoreError
from warlog.export.jsonl import article_object
from warlog.export.views import incident_view, store_grouping


def test_map_page_lists_incidents_with_filters_in_the_url(client: Any) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert 'id="map"' in page.text and "2 incidents" in page.text
    assert 'src="/static/map.js"' in page.text and "<script>" not in page.text
    protests = client.get("/", params={"type": "Protests"})
    assert "1 incidents" in protests.text
    assert 'data-api="/api/map?type=Protests"' in protests.text
    assert 'href="/export/acled.csv?type=Protests"' in protests.text


def test_index_json_twin_is_paged(client: Any, built: Built) -> None:
    first = client.get("/index.json").json()
    assert (first["total"], first["page"], first["pages"], first["page_size"]) == (2, 1, 2, 1)
    [row] = first["events"]
    assert row["record"] == "incident" and row["episode_id"]
    assert {"events", "reports", "sources", "casualty_summary", "fatalities"} <= row.keys()
    assert row["id"] == built.event.id  # oldest first
    assert row["casualty_summary"]["killed"]["best"] == 12
    second = client.get("/index.json", params={"page": 2}).json()
    assert second["events"][0]["type"] == "Protests"
    assert client.get("/index.json", params={"page": 3}).status_code == 404
    accept = client.get("/", headers={"Accept": "application/json"})
    assert accept.json() == first


@pytest.mark.parametrize(
    ("params", "count"),
    [
        ({}, 2),
        ({"type": "Battles"}, 0),
        ({"type": "Explosions"}, 1),
        ({"side": "am"}, 2),
        ({"country": "AZ"}, 1),
        ({"status": "contested"}, 1),
        ({"status": "reported"}, 1),
        ({"since": "2020-10-05"}, 1),
        ({"until": "2020-10-04"}, 1),
        ({"q": "onerror"}, 1),
        ({"q": "yerevan"}, 1),
        ({"q": "100%_"}, 0),
        ({"actor": "nobody"}, 0),
    ],
)
def test_map_data_filters(client: Any, params: dict[str, str], count: int) -> None:
    data = client.get("/api/map", params=params).json()
    assert data["count"] == count == len(data["points"])
    assert data["filters"] == {k: v.upper() if k == "side" else v for k, v in params.items()}


def test_map_points_and_timeline(client: Any, built: Built) -> None:
    data = client.get("/api/map", params={"since": "2020-10-05"}).json()
    [point] = data["points"]
    assert point["type"] == "Protests" and point["lat"] == 40.18
    # the timeline keeps the other filters but not the date range: the brush's context
    assert data["timeline"] == [
        {"day": "2020-10-04", "count": 1},
        {"day": "2020-10-05", "count": 1},
    ]
    everything = client.get("/api/map").json()
    assert everything["killed_by_side"] == [{"day": "2020-10-04", "side": "AZ", "killed": 12}]
    shelling = client.get("/api/map", params={"type": "Explosions"}).json()["points"][0]
    assert (shelling["id"], shelling["fatalities"], shelling["status"]) == (
        built.event.id,
        12,
        "contested",
    )


@pytest.mark.parametrize(
    "params",
    [{"since": "yesterday"}, {"side": "Armenia"}, {"status": "rumoured"}, {"page": "two"}],
)
def test_bad_filters_are_a_400(client: Any, params: dict[str, str]) -> None:
    assert client.get("/index.json", params=params).status_code == 400
    page = client.get("/", params=params)
    assert page.status_code == 400 and "must be" in page.text


def test_incident_page_claims_in_columns_by_side(client: Any, built: Built) -> None:
    page = client.get(f"/events/{built.event.id}")
    assert page.status_code == 200
    columns = re.findall(r'<section class="column" data-side="([^"]+)">', page.text)
    assert columns == ["AM", "AZ"]
    am = page.text.split('data-side="AM"')[1].split("</section>")[0]
    assert "stance-denies" in am and "&lt;b&gt;Ministry&lt;/b&gt;" in am
    denial = built.hostile.claims[1]
    assert f'href="/articles/{built.hostile.article.id}#claim-{denial.id}"' in am
    assert "a party denies it" in page.text and "contested" in page.text
    assert "officials (AZ)" in page.text  # the figure's source
    assert "<b>Ministry</b>" not in page.text and "<script>title" not in page.text
    assert "&lt;Armenian&gt; forces" in page.text


def test_incident_json_twin_is_the_show_json(client: Any, built: Built) -> None:
    data = client.get(f"/events/{built.event.id}.json").json()
    store = warlog.open(built.path)
    try:
        incident, reports = store.incident(built.event.id)
        grouping = store_grouping(store)
    finally:
        store.close()
    assert data == json.loads(json.dumps(incident_view(incident, reports, grouping)))
    assert data["incident"]["status"] == "contested"
    [report] = data["reports"]
    assert [c["stance"] for c in report["claims"]] == ["accuses", "denies"]
    accept = client.get(f"/events/{built.event.id}", headers={"Accept": "application/json"})
    assert accept.json() == data


def test_cli_show_json_gives_the_same_object(client: Any, built: Built) -> None:
    from typer.testing import CliRunner

    from warlog.cli import app

    result = CliRunner().invoke(app, ["show", built.event.id, "--db", str(built.path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == client.get(f"/events/{built.event.id}.json").json()


@pytest.mark.parametrize(
    "path",
    ["/events/nope-ev-1", "/events/nope-ev-1.json", "/articles/ffffffff", "/articles/ab.json"],
)
def test_unknown_ids_are_a_404(client: Any, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    if path.endswith(".json"):
        assert "detail" in response.json()
    else:
        assert "Not found" in response.text


def test_article_page_is_escaped_text_with_highlights(client: Any, built: Built) -> None:
    article = built.hostile.article
    page = client.get(f"/articles/{article.id[:10]}")
    assert page.status_code == 200
    body = page.text
    for raw in ("<script>alert", "<img src=x", 'href="javascript:', "<b>Ministry", "<i>Shell"):
        assert raw not in body
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    assert "&lt;Wire&gt; &amp; Co" in body  # outlet
    # the text is the article's, marks only around it: strip them and it is what was stored
    marked = body.split('<div class="article-text" id="text">')[1].split("</div>")[0]
    assert html.unescape(re.sub(r"</?mark[^>]*>", "", marked)) == HOSTILE_TEXT
    kinds = set(re.findall(r'<mark class="hl hl-([a-z-]+)"', marked))
    assert kinds == {
        "claim",
        "claim-source",
        "claim-cue",
        "claim-content",
        "event",
        "trigger",
        "casualty",
        "casualty-sentence",
        "place",
        "date",
    }
    denial = built.hostile.claims[1]
    assert f'id="claim-{denial.id}"' in marked
    assert f'data-record="rec-{denial.id}"' in marked and f'id="rec-{denial.id}"' in body
    assert "legend" in body and "claim cue" in body


def test_highlights_nest_when_spans_cross() -> None:
    from warlog.serve.highlight import Span, pieces

    spans = [
        Span(0, 10, "claim", "r1", "a", ""),
        Span(5, 15, "event", "r2", "b", ""),
        Span(6, 8, "place", "r3", "c", ""),
    ]
    out = []
    for piece in pieces("abcdefghijklmno", spans):
        if piece.action == "open":
            assert piece.span is not None
            out.append(f"<{piece.span.anchor}{'!' if piece.first else ''}>")
        else:
            out.append("</>" if piece.action == "close" else piece.text)
    assert "".join(out) == "<a!>abcde<b!>f<c!>gh</>ij</></><b>klmno</>"


def test_article_json_twin_uses_the_export_shapes(client: Any, built: Built) -> None:
    article = built.hostile.article
    data = client.get(f"/articles/{article.id}.json").json()
    assert data["article"] == article_object(article)
    assert [len(data[k]) for k in ("places", "temporals", "claims", "casualties", "events")] == [
        1,
        1,
        2,
        1,
        1,
    ]
    assert {o["record"] for o in data["claims"]} == {"claim"}
    assert data["claims"][1]["speaker"] == "<b>Ministry</b>"  # JSON carries the raw text


def test_exports_follow_the_filters(client: Any) -> None:
    acled = client.get("/export/acled.csv", params={"type": "Protests"})
    assert acled.status_code == 200 and "attachment" in acled.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(acled.text)))
    assert [row["event_type"] for row in rows] == ["Protests"]
    geojson = client.get("/export/events.geojson", params={"status": "contested"}).json()
    assert [f["properties"]["status"] for f in geojson["features"]] == ["contested"]
    lines = client.get("/export/records.jsonl", params={"country": "AM"}).text.splitlines()
    kinds = [json.loads(line)["record"] for line in lines]
    assert kinds[0] == "article" and "event" in kinds and kinds.count("article") == 1
    records = [json.loads(line) for line in lines]
    incidents = {r["id"]: r for r in records if r["record"] == "incident"}
    for event in (r for r in records if r["record"] == "event"):
        assert event["id"] in incidents[event["incident_id"]]["events"]
        assert event["episode_id"]


def test_openapi_document_lists_the_twins(client: Any) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/index.json",
        "/api/map",
        "/events/{event_id}.json",
        "/articles/{article_id}.json",
        "/episodes/{episode_id}.json",
    ):
        assert path in paths
    assert client.get("/docs").status_code == 404  # it would load a CDN's scripts


def test_security_headers_and_static_files(client: Any) -> None:
    response = client.get("/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/vendor/leaflet/leaflet.js").status_code == 200
    assert client.get("/static/countries-50m.geojson").json()["type"] == "FeatureCollection"
    for path in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py"):
        assert client.get(path).status_code == 404


def test_the_store_is_read_only(client: Any) -> None:
    store = client.app.state.store
    with pytest.raises(OperationalError, match=r"readonly|read-only"), store.engine.begin() as c:
        c.execute(text("DELETE FROM events"))
    assert client.get("/index.json").json()["total"] == 2


def test_a_missing_store_is_one_clear_error(tmp_path: Path) -> None:
    from warlog.serve.store import open_read_only

    with pytest.raises(StoreError, match=r"no store at .*warlog ingest"):
        open_read_only(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()
    (tmp_path / "notes.db").write_text("not a database " * 100)
    with pytest.raises(StoreError, match="not a warlog store"):
        open_read_only(tmp_path / "notes.db")


def test_an_empty_store_or_a_taken_port_is_one_clear_error(tmp_path: Path) -> None:
    from warlog.serve.run import check_port, serve

    warlog.open(tmp_path / "empty.db").close()
    with pytest.raises(StoreError, match="holds no articles"):
        serve(str(tmp_path / "empty.db"), "127.0.0.1", 8765)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ConfigError, match=f"port {port} on 127.0.0.1 is taken"):
            check_port("127.0.0.1", port)


def test_serve_command_reports_a_missing_store(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from warlog.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "no store at" in result.output


def test_claims_page_and_twin_are_warlog_claims(client: Any, built: Built) -> None:
    from typer.testing import CliRunner

    from warlog.cli import app

    twin = client.get("/claims.json", params={"stance": "denies"}).json()
    result = CliRunner().invoke(
        app, ["claims", "--db", str(built.path), "--stance", "denies", "--json"]
    )
    assert json.loads(result.stdout) == twin
    assert [c["speaker"] for c in twin] == ["<b>Ministry</b>"]
    page = client.get("/claims", params={"side": "AZ"})
    assert page.status_code == 200 and "1 claims" in page.text
    assert "Shells hit Ganja on Sunday" in page.text
    assert client.get("/claims", params={"stance": "whispers"}).status_code == 400


def test_casualties_page_and_twin_are_warlog_casualties(client: Any, built: Built) -> None:
    twin = client.get("/casualties.json", params={"kind": "killed"}).json()
    assert [(c["record"], c["best"], c["according_to"]) for c in twin] == [
        ("casualty_report", 12, "officials")
    ]
    page = client.get("/casualties")
    assert page.status_code == 200 and "1 casualty figures" in page.text
    assert client.get("/casualties.json", params={"kind": "bored"}).status_code == 400


def test_actor_and_place_pages(client: Any) -> None:
    actor = client.get("/actors/<b>Ministry</b>.json").json()
    assert actor["actor"]["name"] == "<b>Ministry</b>" and actor["actor"]["side"] == "AM"
    page = client.get("/actors/%3Cb%3EMinistry%3C%2Fb%3E")
    assert page.status_code == 200 and "&lt;b&gt;Ministry&lt;/b&gt;" in page.text
    assert "<b>Ministry</b>" not in page.text
    place = client.get("/places/Ganja.json").json()
    assert place["place"]["text"] == "Ganja" and [e["place"] for e in place["events"]] == ["Ganja"]
    assert 'id="mini-map"' in client.get("/places/Ganja").text
    assert client.get("/places/Atlantis").status_code == 404
    assert client.get("/actors/Nobody.json").status_code == 404


def test_topojson_becomes_the_geojson_basemap() -> None:
    from warlog.serve.topojson import to_geojson

    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
        "arcs": [[[0, 0], [2, 0], [0, 2]], [[2, 2], [-2, 0], [0, -2]]],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0, 1]], "id": "1", "properties": {"name": "A"}},
                    {"type": "MultiPolygon", "arcs": [[[~1, ~0]]], "id": "2"},
                    {"type": "Point", "coordinates": [0, 0]},
                ],
            }
        },
    }
    data = to_geojson(topology)
    first, second = data["features"]
    square = [[10.0, 20.0], [11.0, 20.0], [11.0, 21.0], [10.0, 21.0], [10.0, 20.0]]
    assert first["geometry"] == {"type": "Polygon", "coordinates": [square]}
    assert first["properties"] == {"name": "A"} and second["properties"] == {"name": None}
    assert second["geometry"]["coordinates"] == [[square[::-1]]]


def test_the_records_export_groups_the_store_once_per_state(built: Any) -> None:
    """Two exports of an unchanged store work out its incidents once, not per request."""
    from fastapi.testclient import TestClient

    from warlog.serve.app import ServeSettings, create_app

    app = create_app(ServeSettings(db=str(built.path), rate_per_second=0))
    store = app.state.store
    calls = []
    incidents = store.incidents

    def counted(*args: Any, **kwargs: Any) -> Any:
        if not args and not kwargs:
            calls.append(1)  # the whole store's incidents
        return incidents(*args, **kwargs)

    store.incidents = counted
    try:
        with TestClient(app) as test_client:
            first = test_client.get("/export/records.jsonl").text
            second = test_client.get("/export/records.jsonl").text
    finally:
        store.close()
    assert first == second and '"record": "incident"' in first
    assert len(calls) == 1
