"""One JSON shape per record everywhere: for every record of a store, the object of `warlog
show ID --json`, of the listing's `--json`, of the JSONL export and of the web app's JSON twin
are equal. Run on the hand-built store of conftest.py and on the example article ingested
with the real model."""

from __future__ import annotations

import csv
import io
import json
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest
from typer.testing import CliRunner

from tests.conftest import SEED
from warlog.cli import app

runner = CliRunner()
Object = dict[str, Any]
RECORD_KINDS = (
    "article",
    "place",
    "temporal",
    "claim",
    "casualty_report",
    "event",
    "actor",
    "incident",
)


@dataclass
class Outputs:
    db: str
    web: Any
    exported: dict[tuple[str, str], Object]  # (record kind, id) -> the export's object
    lines: list[Object]

    def cli(self, *args: str) -> Any:
        result = runner.invoke(app, [*args, "--db", self.db, "--json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    def get(self, path: str) -> Any:
        response = self.web.get(path)
        assert response.status_code == 200, (path, response.text)
        return response.json()

    def of(self, kind: str) -> list[Object]:
        return [line for line in self.lines if line["record"] == kind]

    def same(self, obj: Object) -> None:
        """``obj`` is the export's object of its record, field for field."""
        assert obj == self.exported[(obj["record"], obj["id"])]


@pytest.fixture(scope="module", params=["built", pytest.param("seed", marks=pytest.mark.model)])
def outputs(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Outputs]:
    if request.param == "built":
        path = request.getfixturevalue("built").path
    else:
        path = tmp_path_factory.mktemp("shapes") / "seed.db"
        result = runner.invoke(app, ["ingest", str(SEED), "--db", str(path)])
        assert result.exit_code == 0, result.output
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette: its TestClient will move to httpx2
        from fastapi.testclient import TestClient

    from warlog.serve.app import ServeSettings, create_app

    web_app = create_app(ServeSettings(db=str(path), page_size=1000, rate_per_second=0))
    exported = runner.invoke(app, ["export", "--db", str(path)])
    assert exported.exit_code == 0, exported.output
    lines = [json.loads(line) for line in exported.stdout.splitlines()]
    by_key = {(line["record"], line["id"]): line for line in lines}
    assert len(by_key) == len(lines)  # every record has an id, unique within its kind
    with TestClient(web_app) as client:
        yield Outputs(str(path), client, by_key, lines)
    web_app.state.store.close()


def test_every_exported_record_has_a_kind_and_an_id(outputs: Outputs) -> None:
    assert {line["record"] for line in outputs.lines} <= set(RECORD_KINDS)
    assert all(isinstance(line["id"], str) and line["id"] for line in outputs.lines)
    assert {"article", "claim", "event", "incident", "actor"} <= {
        line["record"] for line in outputs.lines
    }


def test_an_article_and_its_records(outputs: Outputs) -> None:
    summaries = outputs.cli("articles")
    assert [s["id"] for s in summaries] == [a["id"] for a in outputs.of("article")]
    assert {s["record"] for s in summaries} == {"article_summary"}
    for summary in summaries:
        shown = outputs.cli("show", summary["id"])
        assert shown == outputs.get(f"/articles/{summary['id']}.json")
        outputs.same(shown["article"])
        held = set()
        for key in ("places", "temporals", "claims", "casualties", "events", "actors"):
            for obj in shown[key]:
                outputs.same(obj)
                held.add((obj["record"], obj["id"]))
        of_article = {
            (line["record"], line["id"])
            for line in outputs.lines
            if line.get("article_id") == summary["id"]
        }
        assert held == of_article  # every record of the article, in the export's shape


def test_a_claim(outputs: Outputs) -> None:
    listed = outputs.cli("claims")
    assert listed == outputs.get("/claims.json") == outputs.of("claim")
    for claim in listed:
        assert outputs.cli("show", claim["id"]) == claim
    denials = outputs.cli("claims", "--stance", "denies")
    assert denials == outputs.get("/claims.json?stance=denies")
    assert denials == [c for c in listed if c["stance"] == "denies"]


def test_a_casualty_report(outputs: Outputs) -> None:
    listed = outputs.cli("casualties")
    assert listed == outputs.get("/casualties.json") == outputs.of("casualty_report")
    for casualty in listed:
        assert outputs.cli("show", casualty["id"]) == casualty


def test_an_actor_record(outputs: Outputs) -> None:
    for actor in outputs.of("actor"):
        shown = outputs.cli("show", actor["id"])
        assert shown["actor"] == actor
        for key in ("claims", "events", "casualties"):
            for obj in shown[key]:
                outputs.same(obj)


def test_an_event_and_its_incident(outputs: Outputs) -> None:
    listed = outputs.cli("events")
    incidents = outputs.of("incident")
    assert listed == outputs.get("/index.json")["events"] == incidents
    events = {event["id"]: event for event in outputs.of("event")}
    assert set(events) == {member for incident in incidents for member in incident["events"]}
    for incident in incidents:
        shown = outputs.cli("show", incident["id"])
        assert shown == outputs.get(f"/events/{incident['id']}.json")
        assert shown["incident"] == incident
        assert [r["event"]["id"] for r in shown["reports"]] == incident["events"]
        for report in shown["reports"]:
            outputs.same(report["event"])
            for obj in (*report["claims"], *report["casualties"]):
                outputs.same(obj)
        for member in incident["events"]:  # an event's id shows its incident
            assert outputs.cli("show", member) == shown
            assert events[member]["incident_id"] == incident["id"]
            assert events[member]["episode_id"] == incident["episode_id"]


def test_an_episode(outputs: Outputs) -> None:
    listed = outputs.cli("episodes")
    assert {e["record"] for e in listed} == {"episode"}
    incidents = {incident["id"]: incident for incident in outputs.of("incident")}
    assert {i["episode_id"] for i in incidents.values()} == {e["id"] for e in listed}
    for episode in listed:
        shown = outputs.cli("show", episode["id"])
        assert shown == outputs.get(f"/episodes/{episode['id']}.json")
        assert shown["episode"] == episode
        assert shown["events"] == [incidents[key] for key in episode["incidents"]]


def test_an_actor_summary(outputs: Outputs) -> None:
    listed = outputs.cli("actors")
    assert {a["record"] for a in listed} == {"actor_summary"}
    assert {i for a in listed for i in a["ids"]} == {a["id"] for a in outputs.of("actor")}
    for summary in listed:
        page = outputs.get(f"/actors/{quote(summary['name'], safe='')}.json")
        assert page["actor"] == summary
        for incident in page["events"]:
            outputs.same(incident)


def test_a_place_summary(outputs: Outputs) -> None:
    listed = outputs.cli("places")
    assert {p["record"] for p in listed} == {"place_summary"}
    assert {p["text"] for p in listed} == {p["text"] for p in outputs.of("place")}
    for place in listed:
        page = outputs.get(f"/places/{quote(place['text'], safe='')}.json")
        assert page["place"] == place
        for incident in page["events"]:
            outputs.same(incident)


def test_geojson_and_csv_carry_the_same_incidents(outputs: Outputs) -> None:
    geojson = json.loads(runner.invoke(app, ["export", "-f", "geojson", "--db", outputs.db]).stdout)
    assert [f["properties"] for f in geojson["features"]] == outputs.of("incident")
    web = outputs.web.get("/export/events.geojson").json()
    assert web == geojson
    table = runner.invoke(app, ["export", "-f", "csv", "--record", "events", "--db", outputs.db])
    rows = list(csv.DictReader(io.StringIO(table.stdout)))
    assert [(r["id"], r["incident_id"], r["episode_id"]) for r in rows] == [
        (e["id"], e["incident_id"], e["episode_id"]) for e in outputs.of("event")
    ]


def test_the_web_export_is_the_cli_export(outputs: Outputs) -> None:
    web = [json.loads(line) for line in outputs.web.get("/export/records.jsonl").text.splitlines()]
    assert web == outputs.lines
