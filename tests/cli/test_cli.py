"""The CLI end to end, with the real model, on the shipped examples."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import EXAMPLES, SEED
from warlog.cli import EXIT_ERROR, EXIT_REJECTED, app

pytestmark = pytest.mark.model

runner = CliRunner()


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder)
    for name in sorted(p.name for p in EXAMPLES.glob("wn-00*.json"))[:3]:
        shutil.copy(EXAMPLES / name, folder)
    (folder / "broken.jsonl").write_text('{"text": "Shelling hit Ganja."}\n{oops\n')
    (folder / "empty.txt").write_text("")
    return folder


def test_ingest_summary_rejects_and_noop(tmp_path: Path, corpus: Path) -> None:
    db = str(tmp_path / "w.db")
    first = runner.invoke(app, ["ingest", str(corpus), "--db", db])
    assert first.exit_code == EXIT_REJECTED, first.output
    assert "5 added, 0 unchanged, 2 rejected" in first.output
    assert "broken.jsonl:2" in first.output
    assert "empty.txt" in first.output
    assert "Traceback" not in first.output

    second = runner.invoke(app, ["ingest", str(corpus / "wn-001*"), str(SEED), "--db", db])
    assert second.exit_code == 0, second.output
    assert "0 added, 2 unchanged, 0 rejected" in second.output


def test_ingest_json_output(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    result = runner.invoke(app, ["ingest", str(SEED), "--db", db, "--json"])
    assert result.exit_code == 0
    summary = json.loads(result.stdout)
    [added] = summary["added"]
    assert added["published"] == "2020-10-04"
    assert "Azerbaijan" in added["places"]
    assert summary["rejected"] == []


def test_query_commands(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    assert runner.invoke(app, ["ingest", str(SEED), "--db", db]).exit_code == 0

    articles = json.loads(runner.invoke(app, ["articles", "--db", db, "--json"]).stdout)
    assert len(articles) == 1 and articles[0]["published"] == "2020-10-04"
    article_id = articles[0]["id"]

    places = json.loads(runner.invoke(app, ["places", "--db", db, "--json"]).stdout)
    assert {"Azerbaijan", "Armenia", "Baku"} <= {place["text"] for place in places}

    shown = runner.invoke(app, ["show", article_id[:10], "--db", db, "--json"])
    report = json.loads(shown.stdout)
    assert report["article"]["id"] == article_id
    assert any(t["text"] == "Sunday" and t["date"] == "2020-10-04" for t in report["temporals"])

    table = runner.invoke(app, ["show", article_id[:10], "--db", db])
    assert table.exit_code == 0 and "places" in table.output
    assert "claims" in table.output and "casualty figures" in table.output

    exported = runner.invoke(app, ["export", "--format", "jsonl", "--db", db])
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    assert records[0]["record"] == "article"
    assert {record["record"] for record in records} >= {"article", "place", "temporal"}


def test_db_from_environment(tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    result = runner.invoke(app, ["ingest", str(SEED)], env={"WARLOG_DB": str(db)})
    assert result.exit_code == 0 and db.exists()


def test_stdin(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    result = runner.invoke(
        app,
        ["ingest", "-", "--db", db, "--published", "2020-10-04", "--json"],
        input="Armenia shelled Stepanakert on Sunday, officials in Yerevan said.",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["added"][0]["published"] == "2020-10-04"


def test_clean_errors(tmp_path: Path) -> None:
    bad_date = runner.invoke(
        app, ["ingest", str(SEED), "--db", str(tmp_path / "w.db"), "--published", "someday"]
    )
    assert bad_date.exit_code == EXIT_ERROR
    assert "YYYY-MM-DD" in bad_date.output and "Traceback" not in bad_date.output

    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("hello " * 200)
    wrong_store = runner.invoke(app, ["articles", "--db", str(not_a_db)])
    assert wrong_store.exit_code == EXIT_ERROR
    assert "not a warlog store" in wrong_store.output

    missing = runner.invoke(app, ["show", "deadbeef", "--db", str(tmp_path / "w.db")])
    assert missing.exit_code == EXIT_ERROR and "no article id" in missing.output

    unknown = runner.invoke(app, ["export", "--format", "xml", "--db", str(tmp_path / "w.db")])
    assert unknown.exit_code == EXIT_ERROR


def test_events_claims_casualties_and_show_event(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    assert runner.invoke(app, ["ingest", str(SEED), "--db", db]).exit_code == 0

    events = json.loads(runner.invoke(app, ["events", "--db", db, "--json"]).stdout)
    places = {event["place"] for event in events}
    assert {"Ganja", "Mingachevir", "Khizi", "Stepanakert", "Jabrayil"} <= places
    assert all(event["record"] == "incident" and event["reports"] for event in events)
    battles = json.loads(
        runner.invoke(app, ["events", "--db", db, "--type", "Battles", "--json"]).stdout
    )
    assert [event["place"] for event in battles] == ["Jabrayil"]
    assert runner.invoke(app, ["events", "--db", db]).exit_code == 0

    denials = json.loads(
        runner.invoke(app, ["claims", "--db", db, "--stance", "denies", "--json"]).stdout
    )
    assert {"Shushan Stepanian", "Vahram Poghosyan"} <= {c["speaker"] for c in denials}
    assert runner.invoke(app, ["claims", "--db", db]).exit_code == 0

    armenian = json.loads(
        runner.invoke(app, ["casualties", "--db", db, "--side", "AM", "--json"]).stdout
    )
    assert {c["best"] for c in armenian} >= {200, 18, 90}
    assert runner.invoke(app, ["casualties", "--db", db]).exit_code == 0

    ganja = next(event for event in events if event["place"] == "Ganja")
    assert all(len(event["reports"]) == 1 and event["sources"] for event in events)
    shown = json.loads(runner.invoke(app, ["show", ganja["id"], "--db", db, "--json"]).stdout)
    assert shown["incident"]["place"] == "Ganja"
    stances = {claim["stance"] for report in shown["reports"] for claim in report["claims"]}
    assert "denies" in stances and "accuses" in stances
    table = runner.invoke(app, ["show", ganja["id"], "--db", db])
    assert table.exit_code == 0 and "claims and denials" in table.output

    acled = runner.invoke(app, ["export", "--format", "acled", "--db", db]).stdout
    rows = list(__import__("csv").DictReader(__import__("io").StringIO(acled)))
    assert {row["location"] for row in rows} >= {"Ganja", "Stepanakert", "Jabrayil"}
    ganja_row = next(row for row in rows if row["location"] == "Ganja")
    assert ganja_row["actor1"] == "Military Forces of Armenia"
    assert ganja_row["actor2"] == "Civilians (Azerbaijan)"
    for kind, column in (("claims", "speaker"), ("actors", "name"), ("events", "sub_type")):
        table = runner.invoke(app, ["export", "--format", "csv", "--record", kind, "--db", db])
        assert table.exit_code == 0
        records = list(__import__("csv").DictReader(__import__("io").StringIO(table.stdout)))
        assert records and all(r[column] for r in records)
        assert {"id", "article_id", "evidence_start", "evidence_end"} <= set(records[0])
    no_kind = runner.invoke(app, ["export", "--format", "csv", "--db", db])
    assert no_kind.exit_code == EXIT_ERROR and "--record" in no_kind.output
    geojson = json.loads(runner.invoke(app, ["export", "--format", "geojson", "--db", db]).stdout)
    assert geojson["type"] == "FeatureCollection" and len(geojson["features"]) == len(events)
    exported = runner.invoke(app, ["export", "--db", db]).stdout.splitlines()
    kinds = {json.loads(line)["record"] for line in exported}
    assert {"article", "place", "event", "claim", "casualty_report", "actor"} <= kinds

    actors = json.loads(runner.invoke(app, ["actors", "--db", db, "--json"]).stdout)
    by_name = {actor["name"]: actor for actor in actors}
    assert by_name["Ministry of Defence of Armenia"]["side"] == "AM"
    assert by_name["Hikmet Hajiyev"]["claims"] >= 3
    people = json.loads(
        runner.invoke(
            app, ["actors", "--db", db, "--kind", "person", "--side", "AM", "--json"]
        ).stdout
    )
    assert {"Shushan Stepanian", "Vahram Poghosyan"} <= {a["name"] for a in people}
    assert all(a["kind"] == "person" and a["side"] == "AM" for a in people)
    by_armenia = json.loads(
        runner.invoke(app, ["events", "--db", db, "--actor", "forces of armenia", "--json"]).stdout
    )
    assert {e["place"] for e in by_armenia} == {"Ganja", "Mingachevir", "Khizi"}
    on_civilians = json.loads(
        runner.invoke(app, ["events", "--db", db, "--actor", "civilians", "--json"]).stdout
    )
    assert on_civilians and all(e["actor2"] == "civilians" for e in on_civilians)
    listing = runner.invoke(app, ["actors", "--db", db]).output
    assert f"{len(actors)} actors" in listing and "Hajiyev" in listing
    shown = runner.invoke(app, ["show", by_name["Hikmet Hajiyev"]["ids"][0], "--db", db])
    assert shown.exit_code == 0 and "Hikmet Hajiyev" in shown.output
    hajiyev = json.loads(
        runner.invoke(
            app, ["show", by_name["Hikmet Hajiyev"]["ids"][0], "--db", db, "--json"]
        ).stdout
    )
    assert hajiyev["actor"]["name"] == "Hikmet Hajiyev" and len(hajiyev["claims"]) >= 3
    assert {c["channel"] for c in hajiyev["claims"]} >= {"twitter"}


def test_eval_command(tmp_path: Path) -> None:
    gold = {
        "id": "x",
        "published": "2020-10-04",
        "text": SEED.read_text(),
        "places": [],
        "events": [],
        "claims": [],
        "casualties": [],
    }
    (tmp_path / "x.json").write_text(json.dumps(gold))
    result = runner.invoke(app, ["eval", str(tmp_path), "--json"])
    assert result.exit_code == 0
    scores = json.loads(result.stdout)
    assert scores["files"] == 1 and "per_file" in scores
    errors = runner.invoke(app, ["eval", str(tmp_path), "--errors"])
    assert errors.exit_code == 0
    assert "== x" in errors.stdout and "events spurious:" in errors.stdout
    missing = runner.invoke(app, ["eval", str(tmp_path / "nope")])
    assert missing.exit_code == EXIT_ERROR


def test_eval_geo_command(tmp_path: Path) -> None:
    text = "Missiles hit Ganja on Sunday, officials in Baku said."
    toponyms = [
        {"start": 13, "end": 18, "name": "Ganja", "lat": 40.68, "lon": 46.36, "geonameid": 586523},
        {"start": 43, "end": 47, "name": "Baku", "lat": 40.38, "lon": 49.89, "geonameid": 587084},
    ]
    corpus = tmp_path / "tiny.jsonl"
    corpus.write_text(json.dumps({"id": "d1", "text": text, "toponyms": toponyms}) + "\n")
    resolution = runner.invoke(app, ["eval-geo", str(corpus), "--gold-spans", "--json"])
    assert resolution.exit_code == 0, resolution.output
    assert json.loads(resolution.stdout)["acc_161"] == 1.0
    end_to_end = json.loads(runner.invoke(app, ["eval-geo", str(corpus), "--json"]).stdout)
    assert end_to_end["protocol"] == "end-to-end"
    assert end_to_end["recognition"]["recall"] > 0
    table = runner.invoke(app, ["eval-geo", str(corpus), "--gold-spans"])
    assert table.exit_code == 0 and "acc@161" in table.output
    missing = runner.invoke(app, ["eval-geo", str(tmp_path / "none.jsonl")])
    assert missing.exit_code == EXIT_ERROR


def test_situation_report(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    assert runner.invoke(app, ["ingest", str(SEED), "--db", db]).exit_code == 0
    out = tmp_path / "report"
    result = runner.invoke(
        app,
        [
            "report",
            "--db",
            db,
            "--since",
            "2020-10-01",
            "--until",
            "2020-10-31",
            "--country",
            "AZ",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    markdown = (out / "report.md").read_text()
    assert "## Casualties per side" in markdown and "## Events by day" in markdown
    assert (
        "| AM | killed | military | cumulative | 200 | Nagorno-Karabakh officials: 200 |"
        in markdown
    )
    assert "Shushan Stepanian (AM, denies, facebook)" in markdown
    # the day's strikes on Azerbaijani towns are one episode
    assert (
        "## Episodes" in markdown
        and "| 2020-10-04 | 2020-10-04 | AZ | AM, AZ | 5 | 1 |" in markdown
    )
    page = (out / "report.html").read_text()
    assert "<h2>Episodes</h2>" in page
    assert "data:image/png;base64," in page
    assert 'src="http' not in page and "<link" not in page  # self-contained
    assert (out / "map.png").read_bytes().startswith(b"\x89PNG")
    assert (out / "casualties.png").read_bytes().startswith(b"\x89PNG")

    near = runner.invoke(
        app, ["report", "--db", db, "--near", "Ganja", "--km", "20", "-o", str(tmp_path / "near")]
    )
    assert near.exit_code == 0
    near_md = (tmp_path / "near" / "report.md").read_text()
    assert "at Ganja" in near_md and "at Jabrayil" not in near_md
    unknown = runner.invoke(app, ["report", "--db", db, "--near", "Qwzxplace"])
    assert unknown.exit_code == EXIT_ERROR and "gazetteer" in unknown.output


def test_export_then_load_gives_the_same_store(tmp_path: Path) -> None:
    first, second = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    assert runner.invoke(app, ["ingest", str(SEED), "--db", first]).exit_code == 0
    dump = tmp_path / "dump.jsonl"
    assert runner.invoke(app, ["export", "--db", first, "-o", str(dump)]).exit_code == 0
    loaded = runner.invoke(app, ["load", str(dump), "--db", second])
    assert loaded.exit_code == 0 and "1 articles loaded" in loaded.output
    again = runner.invoke(app, ["export", "--db", second]).stdout
    assert sorted(again.splitlines()) == sorted(dump.read_text().splitlines())
    events_a = json.loads(runner.invoke(app, ["events", "--db", first, "--json"]).stdout)
    events_b = json.loads(runner.invoke(app, ["events", "--db", second, "--json"]).stdout)
    assert events_a == events_b
    assert (
        "0 articles loaded, 1 already there"
        in runner.invoke(app, ["load", str(dump), "--db", second]).output
    )
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"record": "article"}\n')
    bad = runner.invoke(app, ["load", str(broken), "--db", second])
    assert bad.exit_code == EXIT_ERROR and "broken.jsonl:1" in bad.output


def test_export_then_load_keeps_the_incidents(tmp_path: Path) -> None:
    """Reports the store linked into one incident are one incident in the loaded store,
    even where the loading store's link settings would not join them."""
    first, second = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    files = [str(p) for p in sorted(EXAMPLES.glob("wn-02[01]-*.json"))]
    files += [str(p) for p in EXAMPLES.glob("wn-018-*.json")]
    assert runner.invoke(app, ["ingest", *files, "--db", first]).exit_code == 0
    dump = tmp_path / "dump.jsonl"
    assert runner.invoke(app, ["export", "--db", first, "-o", str(dump)]).exit_code == 0
    records = [json.loads(line) for line in dump.read_text().splitlines()]
    events = [r for r in records if r["record"] == "event"]
    incidents = [r for r in records if r["record"] == "incident"]
    assert events and all(e["incident_id"] and e["episode_id"] for e in events)
    assert any(len(i["events"]) > 1 for i in incidents)  # reports of two articles, one incident
    assert {e["id"] for e in events} == {m for i in incidents for m in i["events"]}

    def partition(db: str) -> set[frozenset[str]]:
        shown = json.loads(runner.invoke(app, ["events", "--db", db, "--json"]).stdout)
        return {frozenset(r["event_id"] for r in i["reports"]) for i in shown}

    assert partition(first) == {frozenset(i["events"]) for i in incidents}
    # towns 5 km apart at most: the rule alone would split the linked reports
    narrow = {"WARLOG_LINK_KM_TOWN": "5"}
    loaded = runner.invoke(app, ["load", str(dump), "--db", second], env=narrow)
    assert loaded.exit_code == 0 and "3 articles loaded" in loaded.output
    assert partition(second) == partition(first)
    events_a = runner.invoke(app, ["events", "--db", first, "--json"]).stdout
    assert runner.invoke(app, ["events", "--db", second, "--json"]).stdout == events_a
    episodes_a = runner.invoke(app, ["episodes", "--db", first, "--json"]).stdout
    assert runner.invoke(app, ["episodes", "--db", second, "--json"]).stdout == episodes_a
    again = runner.invoke(app, ["export", "--db", second]).stdout
    assert again.splitlines() == dump.read_text().splitlines()
    third = str(tmp_path / "c.db")  # export | load
    piped = runner.invoke(app, ["load", "-", "--db", third], input=again, env=narrow)
    assert piped.exit_code == 0 and "3 articles loaded" in piped.output
    assert partition(third) == partition(first)


def test_eval_attribution_command(tmp_path: Path) -> None:
    text = "The mayor said the election was fair. Voters were happy."
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(text)
    (tmp_path / "attributions" / "a_x.ann").write_text(
        "T1\tSource 0 9\tThe mayor\nT2\tCue 10 14\tsaid\nT3\tContent 15 36\tthe election was fair\n"
        "E1\tSource:T1 Cue:T2 Content:T3\n"
    )
    result = runner.invoke(app, ["eval-attribution", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["documents"] == 1
    assert scores["attributions"]["tp"] == 1 and scores["attributions"]["fp"] == 0
    assert scores["roles"]["cue"]["f1"] == 1.0 and scores["roles"]["source"]["recall"] > 0
    assert runner.invoke(app, ["eval-attribution", str(tmp_path)]).exit_code == 0
    missing = runner.invoke(app, ["eval-attribution", str(tmp_path / "nope")])
    assert missing.exit_code == EXIT_ERROR and "text/ and attributions/" in missing.output


def test_reanalyse_brings_an_older_store_up_to_date(tmp_path: Path) -> None:
    import sqlite3

    db = str(tmp_path / "w.db")
    assert runner.invoke(app, ["ingest", str(SEED), "--db", db]).exit_code == 0
    before = json.loads(runner.invoke(app, ["events", "--db", db, "--json"]).stdout)
    dump = runner.invoke(app, ["export", "--db", db]).stdout
    # a store an older warlog wrote: no actors yet, another analysis version
    with sqlite3.connect(db) as connection:
        connection.execute("DELETE FROM actors")
        connection.execute("UPDATE analyses SET version = '0.0.1'")
    assert json.loads(runner.invoke(app, ["actors", "--db", db, "--json"]).stdout) == []
    again = runner.invoke(app, ["ingest", str(SEED), "--db", db])
    assert "1 unchanged" in again.output and "reanalyse" in " ".join(again.output.split())

    result = runner.invoke(app, ["reanalyse", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert len(summary["reanalysed"]) == 1 and summary["current"] == 0
    assert json.loads(runner.invoke(app, ["actors", "--db", db, "--json"]).stdout)
    assert json.loads(runner.invoke(app, ["events", "--db", db, "--json"]).stdout) == before
    assert runner.invoke(app, ["export", "--db", db]).stdout == dump  # as a fresh ingest
    current = runner.invoke(app, ["reanalyse", "--db", db])
    assert current.exit_code == 0 and "0 reanalysed, 1 already current" in current.output
    everything = json.loads(runner.invoke(app, ["reanalyse", "--all", "--db", db, "--json"]).stdout)
    assert len(everything["reanalysed"]) == 1


def test_ingest_a_feed_file(tmp_path: Path) -> None:
    from tests.unit.test_feeds import RSS

    feed = tmp_path / "wire.rss"
    feed.write_text(RSS, encoding="utf-8")
    db = str(tmp_path / "w.db")
    result = runner.invoke(app, ["ingest", str(feed), "--db", db, "--json"])
    assert result.exit_code == EXIT_REJECTED  # the link-only item is reported
    summary = json.loads(result.stdout)
    assert len(summary["added"]) == 1 and summary["added"][0]["published"] == "2020-10-04"
    assert summary["rejected"][0]["source"].endswith("#item2")
    events = json.loads(runner.invoke(app, ["events", "--db", db, "--json"]).stdout)
    assert [(e["place"], e["date"]) for e in events] == [("Ganja", "2020-10-04")]
    [article] = json.loads(runner.invoke(app, ["articles", "--db", db, "--json"]).stdout)
    assert article["headline"] == "Shelling hits Ganja"


def test_places_lists_an_unknown_village_as_approximate(tmp_path: Path) -> None:
    """A village no gazetteer has is stored near the place named beside it and listed so."""
    article = tmp_path / "2006-01-14-damadola.txt"
    article.write_text(
        "Pakistani officials said a U.S. missile strike hit Damadola, Bajaur, on Friday, "
        "killing 18 people. Pakistani authorities protested.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "w.db")
    assert runner.invoke(app, ["ingest", str(article), "--db", db]).exit_code == 0
    places = json.loads(runner.invoke(app, ["places", "--db", db, "--json"]).stdout)
    damadola = next(place for place in places if place["text"] == "Damadola")
    assert damadola["approximate"] and damadola["geonameid"] is None
    assert damadola["country_code"] == "PK" and damadola["lat"] is not None
    table = runner.invoke(app, ["places", "--db", db], env={"COLUMNS": "160"})
    assert "approximate" in table.output


def test_episodes_group_an_ambush_and_the_strikes_that_answer_it(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    turkey = [str(p) for p in sorted(EXAMPLES.glob("wn-04[23]-*.json"))]
    assert runner.invoke(app, ["ingest", *turkey, str(SEED), "--db", db]).exit_code == 0
    events = json.loads(runner.invoke(app, ["events", "--db", db, "--json"]).stdout)
    found = json.loads(runner.invoke(app, ["episodes", "--db", db, "--json"]).stdout)
    assert sum(len(e["incidents"]) for e in found) == len(events)
    (episode,) = [e for e in found if "TR" in e["countries"]]
    assert set(episode["countries"]) == {"TR", "IQ"} and len(episode["articles"]) == 2
    assert (episode["first"], episode["last"]) == ("2007-10-21", "2007-10-24")
    iraq = json.loads(
        runner.invoke(app, ["episodes", "--country", "IQ", "--db", db, "--json"]).stdout
    )
    assert [e["id"] for e in iraq] == [episode["id"]]
    shown = json.loads(runner.invoke(app, ["show", episode["id"], "--db", db, "--json"]).stdout)
    assert shown["episode"]["id"] == episode["id"]
    assert {e["sub_type"] for e in shown["events"]} >= {"Air/drone strike", "Armed clash"}
    table = runner.invoke(app, ["show", episode["id"], "--db", db])
    assert table.exit_code == 0 and "Hakkari" in table.output
    listing = runner.invoke(app, ["episodes", "--db", db])
    assert listing.exit_code == 0 and f"{len(found)} episodes" in listing.output
    missing = runner.invoke(app, ["show", "ep-nothing", "--db", db])
    assert missing.exit_code == EXIT_ERROR and "warlog episodes" in missing.output
