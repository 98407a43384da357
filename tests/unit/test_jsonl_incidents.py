"""The JSONL export carries the store's incidents, and `load` restores them as they were."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

import warlog
from warlog.errors import InputError
from warlog.export.jsonl import write_jsonl, write_store_jsonl
from warlog.export.load import load_jsonl, read_export
from warlog.model import DatePrecision, Event, Evidence, Report, ResolvedDate
from warlog.pipeline import read

GANJA = {"place": "Ganja", "geonameid": 587084, "lat": 40.68278, "lon": 46.36056}
# a town ~20 km from Ganja: one incident with it under the default link_km_town (30)
GOYGOL = {"place": "Goygol", "geonameid": 586001, "lat": 40.58636, "lon": 46.31619}
STEPANAKERT = {"place": "Stepanakert", "geonameid": 174875, "lat": 39.8177, "lon": 46.7528}


def _report(blank_nlp: Any, text: str, day: str, *places: dict[str, Any]) -> Report:
    base = read(text, published=day, nlp=blank_nlp)
    events = tuple(
        Event(
            type="Explosions/Remote violence",
            sub_type="Shelling/artillery/missile attack",
            trigger="shelled",
            evidence=Evidence(base.article.id, index, index + 7),
            date=ResolvedDate(day, DatePrecision.DAY),
            country_code="AZ",
            geo_precision=1,
            **place,
        )
        for index, place in enumerate(places)
    )
    return Report(article=base.article, events=events)


@pytest.fixture()
def reports(blank_nlp: Any) -> list[Report]:
    """Four articles: three report the shelling of Ganja on 4 October (one of them placing
    it at Goygol, nearby), one also the shelling of Stepanakert, reported again a day later."""
    return [
        _report(blank_nlp, "Shelled Ganja at dawn, officials said.", "2020-10-04", GANJA),
        _report(blank_nlp, "Shelled Goygol overnight, a witness said.", "2020-10-04", GOYGOL),
        _report(
            blank_nlp,
            "Shelled Ganja and Stepanakert both.",
            "2020-10-04",
            GANJA,
            STEPANAKERT,
        ),
        _report(blank_nlp, "Shelled Stepanakert again, it said.", "2020-10-05", STEPANAKERT),
    ]


def _partition(store: Any) -> set[frozenset[str]]:
    return {frozenset(r.event_id for r in incident.reports) for incident in store.incidents()}


def _incident_ids(store: Any) -> dict[str, str]:
    return {r.event_id: incident.id for incident in store.incidents() for r in incident.reports}


def _source(tmp_path: Path, reports: list[Report]) -> Any:
    store = warlog.open(tmp_path / "source.db")
    for report in reports:
        store.add_report(report)
    return store


def _export(store: Any) -> str:
    out = io.StringIO()
    write_store_jsonl(store, out)
    return out.getvalue()


def test_every_event_carries_its_incident_and_episode(
    tmp_path: Path, reports: list[Report]
) -> None:
    source = _source(tmp_path, reports)
    objects = [json.loads(line) for line in _export(source).splitlines()]
    events = [o for o in objects if o["record"] == "event"]
    incidents = [o for o in objects if o["record"] == "incident"]
    assert len(events) == 5 and len(incidents) == 2
    grouping = _incident_ids(source)
    assert all(event["incident_id"] == grouping[event["id"]] for event in events)
    episodes = {episode.id: episode for episode in source.episodes()}
    for event in events:
        assert event["incident_id"] in episodes[event["episode_id"]].incidents
    # incident records follow the articles' records and list their events, reports, summary
    assert [o["record"] for o in objects[-2:]] == ["incident", "incident"]
    assert {frozenset(i["events"]) for i in incidents} == _partition(source)
    for record in incidents:
        stored = source.incident(record["id"])[0]
        assert [r["event_id"] for r in record["reports"]] == record["events"]
        assert record["episode_id"] in episodes
        assert (record["place"], record["date"], record["status"]) == (
            stored.place,
            stored.date.value if stored.date else None,
            stored.status,
        )
        assert record["sources"] == list(stored.sources)
    source.close()


def test_load_restores_the_same_incidents_whatever_the_link_settings(
    tmp_path: Path, reports: list[Report], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _source(tmp_path, reports)
    assert sorted(len(group) for group in _partition(source)) == [2, 3]
    dump = _export(source)
    # settings under which the rule would join neither Goygol's report to Ganja's nor the
    # next day's report to Stepanakert's: the export's incidents hold all the same
    monkeypatch.setenv("WARLOG_LINK_DAY_WINDOW", "0")
    monkeypatch.setenv("WARLOG_LINK_KM_TOWN", "1")
    copy = warlog.open(tmp_path / "copy.db")
    assert load_jsonl(copy, dump.splitlines()) == (4, 0)
    assert _partition(copy) == _partition(source)
    assert _incident_ids(copy) == _incident_ids(source)  # the same ids too
    assert [e.id for e in copy.episodes()] == [e.id for e in source.episodes()]
    assert _export(copy) == dump
    assert load_jsonl(copy, dump.splitlines()) == (0, 4)  # re-loading changes nothing
    assert _incident_ids(copy) == _incident_ids(source)
    copy.close()
    source.close()


def test_an_export_without_incidents_is_linked_again(
    tmp_path: Path, reports: list[Report], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _source(tmp_path, reports)
    out = io.StringIO()
    write_jsonl(source.reports(), out)  # an older warlog's export: no incidents
    lines = out.getvalue().splitlines()
    assert all(json.loads(line).get("incident_id") is None for line in lines)
    relinked = warlog.open(tmp_path / "relinked.db")
    load_jsonl(relinked, lines)
    assert _partition(relinked) == _partition(source)
    monkeypatch.setenv("WARLOG_LINK_KM_TOWN", "1")
    narrow = warlog.open(tmp_path / "narrow.db")
    load_jsonl(narrow, lines)
    assert len(_partition(narrow)) == 3  # Goygol's report is no longer Ganja's
    for store in (source, relinked, narrow):
        store.close()


def test_an_edited_grouping_is_kept(tmp_path: Path, reports: list[Report]) -> None:
    """The file's grouping, not the rule, decides: two incidents merged by hand stay one."""
    source = _source(tmp_path, reports)
    objects = [json.loads(line) for line in _export(source).splitlines()]
    first, second = (o for o in objects if o["record"] == "incident")
    target = min(first["id"], second["id"])
    for obj in objects:
        if obj["record"] == "event":
            obj["incident_id"] = target
    objects = [o for o in objects if o["record"] != "incident"]
    copy = warlog.open(tmp_path / "copy.db")
    load_jsonl(copy, [json.dumps(o) for o in objects])
    [incident] = copy.incidents()
    assert incident.id == target and len(incident.reports) == 5
    copy.close()
    source.close()


def test_loading_into_a_store_with_articles_links_to_them(
    tmp_path: Path, reports: list[Report], blank_nlp: Any
) -> None:
    """The export's incidents stay whole, and join by the rule the incidents of the
    articles the store held before."""
    source = _source(tmp_path, reports)
    dump = _export(source)
    target = warlog.open(tmp_path / "target.db")
    other = _report(blank_nlp, "Shelled Ganja, the ministry said.", "2020-10-04", GANJA)
    elsewhere = _report(blank_nlp, "Shelled Stepanakert, it said.", "2020-10-04", STEPANAKERT)
    target.add_report(other)
    assert load_jsonl(target, dump.splitlines()) == (4, 0)
    ganja = next(i for i in target.incidents() if i.place == "Ganja")
    source_ganja = next(i for i in source.incidents() if i.place == "Ganja")
    assert {r.event_id for r in ganja.reports} == {
        *(r.event_id for r in source_ganja.reports),
        other.events[0].id,
    }
    assert len(target.incidents()) == 2
    target.add_report(elsewhere)  # linking goes on as before after a load
    assert len(target.incidents()) == 2
    target.close()
    source.close()


def test_inconsistent_incidents_are_refused(tmp_path: Path, reports: list[Report]) -> None:
    source = _source(tmp_path, reports)
    lines = _export(source).splitlines()
    source.close()
    records = [json.loads(line) for line in lines]
    number, first = next((n, o) for n, o in enumerate(records, 1) if o["record"] == "incident")
    stray = next(
        o["id"] for o in records if o["record"] == "event" and o["id"] not in first["events"]
    )
    lines[number - 1] = json.dumps({**first, "events": [*first["events"], stray]})
    with pytest.raises(InputError, match=f"dump.jsonl:{number}"):
        read_export(lines, "dump.jsonl")
    original = [json.dumps(o) for o in records]
    listed_twice = {**first, "id": "another", "events": first["events"][:1]}
    with pytest.raises(InputError, match=f"dump.jsonl:{len(original) + 1}"):
        read_export([*original, json.dumps(listed_twice)], "dump.jsonl")
    lines[number - 1] = json.dumps({**first, "events": "not a list"})
    with pytest.raises(InputError, match=f"dump.jsonl:{number}"):
        read_export(lines, "dump.jsonl")


def test_an_incident_record_alone_groups_its_events(tmp_path: Path, reports: list[Report]) -> None:
    """Events without incident_id are grouped by the incident records listing them;
    members the file does not hold (a partial export) are skipped."""
    source = _source(tmp_path, reports)
    objects = [json.loads(line) for line in _export(source).splitlines()]
    for obj in objects:
        obj.pop("incident_id", None)
        if obj["record"] == "incident":
            obj["events"].append(f"0000-ev-0-{obj['id']}")  # an event of another article
    export = read_export([json.dumps(o) for o in objects], "dump.jsonl")
    assert {frozenset(members) for members in export.incidents.values()} == _partition(source)
    source.close()


def test_loaded_events_are_not_linked_again_among_themselves(
    tmp_path: Path, reports: list[Report], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store built under narrower link settings keeps its incidents when loaded under
    wider ones: the export's events are not linked by the rule among themselves."""
    monkeypatch.setenv("WARLOG_LINK_KM_TOWN", "1")
    source = _source(tmp_path, reports)
    dump = _export(source)
    monkeypatch.delenv("WARLOG_LINK_KM_TOWN")
    copy = warlog.open(tmp_path / "copy.db")
    load_jsonl(copy, dump.splitlines())
    assert len(_partition(copy)) == 3  # Goygol's report stays an incident of its own
    assert _partition(copy) == _partition(source)
    copy.close()
    source.close()
