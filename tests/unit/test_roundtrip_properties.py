"""Round-trip properties (Hypothesis) of every record kind (issue 17): any record → store row →
record, and → JSON (the export's object) → record, gives the record back; the JSON is valid,
the same after a second trip, and the same text each time; a whole export read back gives
the same reports, and `export | load` into a new store the same records and incidents.

Bounded for CI: WARLOG_ROUNDTRIP_EXAMPLES examples per record property (default 60; the store
properties a third of it), derandomized so that a run is repeatable (random with
WARLOG_ROUNDTRIP_RANDOM set, for a longer hunt)."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import event as hypothesis_event
from hypothesis import strategies as st

import warlog
from warlog.export import jsonl, load
from warlog.link.episodes import group_episodes
from warlog.model import (
    Article,
    DatePrecision,
    Event,
    Evidence,
    Report,
    ResolvedDate,
)
from warlog.store import rows

from . import strategies as s

EXAMPLES = int(os.environ.get("WARLOG_ROUNDTRIP_EXAMPLES", "60"))
ROUNDTRIP = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not os.environ.get("WARLOG_ROUNDTRIP_RANDOM"),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
STORE_ROUNDTRIP = settings(ROUNDTRIP, max_examples=max(1, EXAMPLES // 3))

ToRow = Callable[[Any], dict[str, Any]]
# record kind -> (record -> row, row -> record): the store's converters
ROWS: dict[str, tuple[ToRow, Callable[[Any], Any]]] = {
    "article": (lambda a: rows.article_row(a, "2020-10-04T00:00:00+00:00"), rows.article_from_row),
    "place": (rows.place_row, rows.place_from_row),
    "temporal": (rows.temporal_row, rows.temporal_from_row),
    "claim": (rows.claim_row, rows.claim_from_row),
    "casualty_report": (rows.casualty_row, rows.casualty_from_row),
    "event": (rows.event_row, rows.event_from_row),
    "actor": (rows.actor_row, rows.actor_from_row),
}
# record kind -> (record -> JSON object, JSON object -> record): the export and `load`
OBJECTS: dict[str, tuple[ToRow, Callable[[Any], Any]]] = {
    "article": (jsonl.article_object, load.article_from),
    "place": (jsonl.place_object, load.place_from),
    "temporal": (jsonl.temporal_object, load.temporal_from),
    "claim": (jsonl.claim_object, load.claim_from),
    "casualty_report": (jsonl.casualty_object, load.casualty_from),
    "event": (jsonl.event_object, load.event_from),
    "actor": (jsonl.actor_object, load.actor_from),
}
KIND_RECORDS = st.sampled_from(sorted(s.KINDS)).flatmap(
    lambda kind: st.tuples(st.just(kind), s.KINDS[kind])
)


def test_every_kind_is_covered() -> None:
    """Each record kind the export writes and `load` reads has a strategy and both trips."""
    assert set(s.KINDS) == set(ROWS) == set(OBJECTS) == set(load.READERS) | {"article"}


@ROUNDTRIP
@given(KIND_RECORDS)
def test_record_row_record(kind_record: tuple[str, Any]) -> None:
    kind, record = kind_record
    to_row, from_row = ROWS[kind]
    row = to_row(record)
    assert from_row(row) == record
    assert to_row(from_row(row)) == row


@ROUNDTRIP
@given(KIND_RECORDS)
def test_record_json_record(kind_record: tuple[str, Any]) -> None:
    kind, record = kind_record
    to_object, from_object = OBJECTS[kind]
    obj = to_object(record)
    assert obj["record"] == kind
    assert isinstance(obj["id"], str) and obj["id"]
    line = jsonl.json_line(obj)
    [text] = line.splitlines()  # one line, whatever the record holds, to any line reader
    parsed = json.loads(text)
    assert parsed == obj
    back = from_object(parsed)
    assert back == record
    assert jsonl.json_line(to_object(back)) == line  # stable: the same text on a second trip


LINE_SEPARATOR = Report(  # U+2028 in a field: JSON keeps it raw, str.splitlines ends a line at it
    article=Article(id=s.sha256(""), text="", raw_hash=s.sha256("")),
    events=(Event("Battles", "0", "", Evidence(s.sha256(""), 0, 0), casualties=("0\u2028",)),),
)


@ROUNDTRIP
@given(s.reports())
@example(LINE_SEPARATOR)
def test_report_export_read_back(report: Report) -> None:
    """A report's JSONL lines read back (`read_export`) give the same report, whichever way
    the file is split into lines."""
    out = io.StringIO()
    jsonl.write_jsonl([report], out)
    lines = out.getvalue().splitlines(keepends=True)
    assert len(lines) == 1 + sum(
        len(getattr(report, name))
        for name in ("places", "temporals", "casualties", "claims", "events", "actors")
    )
    exported = load.read_export(lines, "<test>")
    assert exported.reports == [report]
    assert not exported.grouped


def _same_records(a: Report, b: Report) -> None:
    """Equal reports, each kind's records compared whatever their order (the store returns
    them in text order)."""
    assert a.article == b.article
    for name in ("places", "temporals", "casualties", "claims", "events", "actors"):
        assert sorted(getattr(a, name), key=repr) == sorted(getattr(b, name), key=repr), name


@STORE_ROUNDTRIP
@given(s.reports())
def test_report_store_report(report: Report) -> None:
    """A report stored in a real SQLite store and read back is the same report."""
    with tempfile.TemporaryDirectory() as folder, warlog.open(Path(folder) / "t.db") as store:
        assert store.add_report(report)
        _same_records(store.report(report.article.id), report)


# events of a few articles over a few places and days, so that the link rule joins some
PLACES = st.sampled_from(
    [
        {"place": "Ganja", "geonameid": 587084, "lat": 40.68278, "lon": 46.36056},
        {"place": "Goygol", "geonameid": 586001, "lat": 40.58636, "lon": 46.31619},
        {"place": "Stepanakert", "geonameid": 174875, "lat": 39.8177, "lon": 46.7528},
    ]
)
DAYS = st.sampled_from(["2020-10-04", "2020-10-05", "2020-10"])


def _linkable_event(article_id: str, start: int, place: dict[str, Any], day: str) -> Event:
    return Event(
        type="Explosions/Remote violence",
        sub_type="Shelling/artillery/missile attack",
        trigger="shelled",
        evidence=Evidence(article_id, start, start + 7),
        date=ResolvedDate(day, DatePrecision.DAY if len(day) == 10 else DatePrecision.MONTH),
        country_code="AZ",
        geo_precision=1,
        **place,
    )


@st.composite
def linked_reports(draw: st.DrawFn) -> list[Report]:
    """A few articles with records of every kind, some of their events linkable."""
    found: dict[str, Report] = {}
    for index in range(draw(st.integers(min_value=1, max_value=4))):
        base = draw(s.reports())
        article_id = base.article.id
        points = draw(st.lists(st.tuples(PLACES, DAYS), min_size=1, max_size=3))
        linkable = [
            _linkable_event(article_id, 10 * n, place, day) for n, (place, day) in enumerate(points)
        ]
        events = {e.id: e for e in (*base.events, *linkable)}
        article = dataclasses.replace(base.article, outlet=draw(st.none() | st.just(f"o{index}")))
        found.setdefault(
            article_id, dataclasses.replace(base, article=article, events=tuple(events.values()))
        )
    return list(found.values())


@STORE_ROUNDTRIP
@given(linked_reports())
def test_store_export_load_store(reports: list[Report]) -> None:
    """`warlog export --format jsonl | warlog load` into a new store: the same records, the
    same incidents (ids, reports, summary) and episodes, and the same export again."""
    with tempfile.TemporaryDirectory() as folder:
        with warlog.open(Path(folder) / "a.db") as first:
            for report in reports:
                first.add_report(report)
            out = io.StringIO()
            jsonl.write_store_jsonl(first, out)
            before, incidents = list(first.reports()), first.incidents()
        with warlog.open(Path(folder) / "b.db") as second:
            added, unchanged = load.load_jsonl(second, out.getvalue().splitlines(), "<test>")
            assert (added, unchanged) == (len(reports), 0)
            after = list(second.reports())
            assert second.incidents() == incidents
            hypothesis_event(f"linked: {any(len(i.reports) > 1 for i in incidents)}")
            assert group_episodes(second.incidents()) == group_episodes(incidents)
            again = io.StringIO()
            jsonl.write_store_jsonl(second, again)
            assert again.getvalue() == out.getvalue()
    assert len(after) == len(before)
    by_id = {r.article.id: r for r in before}
    for a in after:
        _same_records(a, by_id[a.article.id])
    for incident in incidents:  # an incident's JSON is valid and stable too
        [text] = jsonl.json_line(jsonl.incident_object(incident)).splitlines()
        assert jsonl.json_line(json.loads(text)) == text + "\n"


@pytest.mark.parametrize("kind", sorted(s.KINDS))
def test_strategies_draw_optional_fields_both_ways(kind: str) -> None:
    """The strategies reach None and non-None for each optional field (or the properties
    would prove less than they say)."""
    seen: dict[str, set[bool]] = {}

    @settings(ROUNDTRIP, max_examples=40)
    @given(s.KINDS[kind])
    def draw(record: Any) -> None:
        for f in dataclasses.fields(record):
            seen.setdefault(f.name, set()).add(getattr(record, f.name) is None)

    draw()
    optional = [name for name, nones in seen.items() if True in nones]
    assert optional
    assert all(seen[name] == {True, False} for name in optional)
