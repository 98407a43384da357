"""Link candidates narrowed in SQL: the same links as the rule over every stored event, rows
read per new event bounded as the store grows, and an ingest summary that holds no report.
Hand-made events, no model."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

import warlog
from warlog.link import LinkRule, same_event
from warlog.model import DatePrecision, Event, Evidence, Report, ResolvedDate
from warlog.pipeline import read
from warlog.store import Added, rows, schema
from warlog.store import store as store_module

RULE = LinkRule.from_settings()
TYPES = ("Explosions/Remote violence", "Battles")
# (place, GeoNames id, lat, lon, country, ACLED precision, approximate): towns close to one
# another across a border, a region and countries, a village the gazetteer lacks, a place
# of no country, two towns either side of the antimeridian and two by the North Pole
PLACES: tuple[
    tuple[str | None, int | None, float | None, float | None, str | None, int, bool], ...
] = (
    ("Ganja", 587084, 40.68278, 46.36056, "AZ", 1, False),
    ("Goygol", 586001, 40.58636, 46.31619, "AZ", 1, False),
    ("Ijevan", 616629, 40.8756, 45.1492, "AM", 1, False),
    ("Tovuz", 147271, 40.9922, 45.6286, "AZ", 1, False),
    ("Nagorno-Karabakh", None, 39.9, 46.7, "AZ", 2, False),
    ("Azerbaijan", 587116, 40.5, 47.5, "AZ", 3, False),
    ("Armenia", 174982, 40.25, 45.0, "AM", 3, False),
    ("Talish", None, 40.2, 46.6, "AZ", 1, True),
    ("Ganja", None, None, None, None, 2, False),
    ("the hills", None, None, None, None, 3, False),
    ("East Cape", 1, -17.68, 179.95, "FJ", 1, False),
    ("West Cape", 2, -17.68, -179.95, "TO", 1, False),
    ("Pole A", 3, 89.95, 0.0, "NO", 1, False),
    ("Pole B", 4, 89.95, 120.0, "RU", 1, False),
)


def _article(blank_nlp: Any, key: str, published: str) -> Any:
    return read(f"Report {key}: shelling and fighting went on.", published=published, nlp=blank_nlp)


def _event(article_id: str, start: int, rng: random.Random, day: str) -> Event:
    place, geonameid, lat, lon, country, precision, approximate = rng.choice(PLACES)
    date = ResolvedDate(day, DatePrecision.DAY)
    roll = rng.random()
    if roll < 0.1:
        date = ResolvedDate(day[:7], DatePrecision.MONTH)
    elif roll < 0.15:
        date = ResolvedDate(day[:4], DatePrecision.YEAR)
    return Event(
        type=rng.choice(TYPES),
        sub_type="Armed clash",
        trigger="fighting",
        evidence=Evidence(article_id, start, start + 5),
        date=date,
        place=place,
        geonameid=geonameid,
        lat=lat,
        lon=lon,
        actor1_side=rng.choice(("AM", "AZ", None)),
        country_code=country,
        geo_precision=precision,
        date_from_text=rng.random() < 0.7,
        place_approximate=approximate,
        weapons=("artillery",),
        status="reported",
    )


def _reports(blank_nlp: Any, count: int, seed: int, first_day: int = 0) -> list[Report]:
    """``count`` articles of one to three events each, dated over about 300 days from
    2020-01-01 + ``first_day``."""
    import datetime as dt

    rng = random.Random(seed)
    reports = []
    for index in range(count):
        day = (dt.date(2020, 1, 1) + dt.timedelta(days=first_day + rng.randrange(300))).isoformat()
        article = _article(blank_nlp, f"{seed}-{first_day}-{index}", day).article
        events = tuple(_event(article.id, 10 * k, rng, day) for k in range(rng.randint(1, 3)))
        reports.append(Report(article=article, events=events))
    return reports


def _every_row_of_the_type(connection: Any, new: Event, rule: LinkRule, skip: Any = ()) -> Any:
    """What linking read before: every stored event of the type, each row decoded whole."""
    table = schema.events
    return [
        (rows.event_from_row(row._mapping), row.incident_id)
        for row in connection.execute(select(table).where(table.c.type == new.type))
        if row.article_id not in skip
    ]


def _partition(store: Any) -> set[frozenset[str]]:
    return {frozenset(r.event_id for r in incident.reports) for incident in store.incidents()}


def test_the_candidates_hold_every_event_the_rule_links(tmp_path: Path, blank_nlp: Any) -> None:
    store = warlog.open(tmp_path / "s.db")
    stored = [e for report in _reports(blank_nlp, 120, seed=1) for e in report.events]
    for report in _reports(blank_nlp, 120, seed=1):
        store.add_report(report)
    read_rows = everything = 0
    with store.engine.connect() as connection:
        for new in [e for report in _reports(blank_nlp, 60, seed=2) for e in report.events]:
            candidates = store_module.link_candidates(connection, new, RULE)
            by_rule = {e.id for e in stored if same_event(new, e, RULE)}
            assert {e.id for e, _ in candidates if same_event(new, e, RULE)} == by_rule
            read_rows += len(candidates)
            everything += sum(e.type == new.type for e in stored)
    store.close()
    assert read_rows < everything / 5  # narrowed: a fraction of the events of the type


def test_a_candidate_is_what_the_rule_sees_of_the_stored_event(
    tmp_path: Path, blank_nlp: Any
) -> None:
    reports = _reports(blank_nlp, 40, seed=3)
    store = warlog.open(tmp_path / "s.db")
    for report in reports:
        store.add_report(report)
    full = {e.id: e for report in reports for e in report.events}
    with store.engine.connect() as connection:
        for new in full.values():
            for candidate, _incident in store_module.link_candidates(connection, new, RULE):
                whole = full[candidate.id]
                assert candidate.id == whole.id
                for other in full.values():
                    assert same_event(other, candidate, RULE) == same_event(other, whole, RULE)
    store.close()


def test_incidents_are_those_of_reading_every_row(
    tmp_path: Path, blank_nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    reports = _reports(blank_nlp, 150, seed=4)
    narrowed = warlog.open(tmp_path / "narrowed.db")
    for report in reports:
        narrowed.add_report(report)
    monkeypatch.setattr(store_module, "link_candidates", _every_row_of_the_type)
    whole = warlog.open(tmp_path / "whole.db")
    for report in reports:
        whole.add_report(report)
    try:
        assert _partition(narrowed) == _partition(whole)
        assert any(len(group) > 2 for group in _partition(narrowed))  # real links formed
    finally:
        narrowed.close()
        whole.close()


def _far_theatre(blank_nlp: Any, theatre: int, year: int) -> list[Report]:
    """Articles of the same days in a country of their own, far from every place above."""
    code = ("BR", "CL", "AR", "PE", "BO", "PY", "UY", "EC")[theatre]
    return [
        dataclasses.replace(
            report,
            events=tuple(
                dataclasses.replace(
                    event,
                    place=f"Town {theatre}",
                    geonameid=9000 + theatre,
                    lat=-20.0 - 3 * theatre,
                    lon=-60.0,
                    country_code=code,
                    place_approximate=False,
                )
                for event in report.events
            ),
        )
        for report in _reports(blank_nlp, 40, seed=10 + theatre, first_day=365 * year)
    ]


def test_rows_read_per_new_event_do_not_grow_with_the_store(
    tmp_path: Path, blank_nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same last 20 articles after a store of one or of eight theatres and years: other
    countries' reports of the same days, earlier years' of the same places. The rows the
    candidate query returns for them are the same (counted, not timed); reading every
    event of the type within 40 days, linking read 5-10 times as many in the larger one."""
    read_rows: list[int] = []
    counted = store_module.link_candidates

    def counting(*args: Any, **kwargs: Any) -> Any:
        found = counted(*args, **kwargs)
        read_rows.append(len(found))
        return found

    totals, stored = [], []
    for size in (1, 8):
        store = warlog.open(tmp_path / f"s{size}.db")
        for k in range(size):
            for report in (
                *_reports(blank_nlp, 40, seed=5, first_day=-365 * (k + 1)),
                *_far_theatre(blank_nlp, k, 0),
            ):
                store.add_report(report)
        monkeypatch.setattr(store_module, "link_candidates", counting)
        read_rows.clear()
        for report in _reports(blank_nlp, 20, seed=6):
            store.add_report(report)
        monkeypatch.setattr(store_module, "link_candidates", counted)
        totals.append(sum(read_rows))
        stored.append(len(store.events()))
        store.close()
    assert stored[1] > 6 * stored[0]
    assert totals[0] == totals[1] > 0


def test_the_candidate_query_reads_the_link_index(tmp_path: Path, blank_nlp: Any) -> None:
    store = warlog.open(tmp_path / "s.db")
    new = _reports(blank_nlp, 1, seed=7)[0].events[0]
    query, parameters = store_module.candidate_query(new, RULE)
    compiled = query.params(parameters).compile(
        store.engine, compile_kwargs={"literal_binds": True}
    )
    with store.engine.connect() as connection:
        plan = [str(row[-1]) for row in connection.execute(text(f"EXPLAIN QUERY PLAN {compiled}"))]
    store.close()
    searches = [step for step in plan if step.startswith("SEARCH events")]
    assert searches and not [step for step in plan if step.startswith("SCAN events")]
    # each date range read through the index: not every event of the type
    assert all(
        step.startswith("SEARCH events USING INDEX ix_events_link (type=? AND date")
        for step in searches
    )


def test_the_day_window_is_the_rules() -> None:
    """A day-dated event's candidates: the days the rule could link (the longer of the day
    window and the report lag), its month and its year; not a month around it."""

    def dated(value: str, precision: DatePrecision) -> Event:
        return Event(
            type="Battles",
            sub_type="Armed clash",
            trigger="clash",
            evidence=Evidence("a" * 64, 0, 5),
            date=ResolvedDate(value, precision),
        )

    rule = LinkRule(day_window=2, km_town=30, km_region=150, report_lag_days=10)
    window = store_module._date_window(dated("2020-10-15", DatePrecision.DAY), rule)
    assert window == {"low": "2020-10-05", "high": "2020-10-25", "month": "2020-10", "year": "2020"}
    window = store_module._date_window(dated("2020-10", DatePrecision.MONTH), rule)
    assert window == {"low": "2020-10", "high": "2020-10~", "year": "2020"}


def test_the_ingest_summary_holds_no_report(tmp_path: Path, blank_nlp: Any) -> None:
    good = [tmp_path / f"good{k}.txt" for k in range(3)]
    for k, path in enumerate(good):
        path.write_text(f"Armenia shelled Ganja on Sunday, officials said ({k}).")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    store = warlog.open(tmp_path / "s.db")
    result = store.ingest([str(p) for p in (*good, empty)], nlp=blank_nlp, published="2020-10-05")
    assert len(result.added) == 3 and all(isinstance(a, Added) for a in result.added)
    held = [
        item
        for field in dataclasses.fields(result)
        for item in getattr(result, field.name)
        if isinstance(item, Report)
    ]
    assert held == []
    for added in result.added:  # what the summary shows is what was stored
        report = store.report(added.id)
        assert added.places == tuple(p.text for p in report.places)
        assert added.dates == len(report.temporals) and added.published == "2020-10-05"
        assert added.source in {str(p) for p in good}
    store.close()
    assert [r.source for r in result.rejected] == [str(empty)] and result.rejected[0].hint


@pytest.mark.parametrize(
    ("first", "second"),
    [(10, 11), (12, 13), (2, 3), (0, 1)],
    ids=["across-the-antimeridian", "by-the-pole", "across-a-border", "two-towns"],
)
def test_towns_close_by_are_candidates(
    tmp_path: Path, blank_nlp: Any, first: int, second: int
) -> None:
    def placed(key: str, index: int) -> Report:
        article = _article(blank_nlp, key, "2020-10-04").article
        place, geonameid, lat, lon, country, precision, approximate = PLACES[index]
        event = dataclasses.replace(
            _event(article.id, 0, random.Random(0), "2020-10-04"),
            type="Battles",
            date=ResolvedDate("2020-10-04", DatePrecision.DAY),
            place=place,
            geonameid=geonameid,
            lat=lat,
            lon=lon,
            country_code=country,
            geo_precision=precision,
            place_approximate=approximate,
            actor1_side=None,
        )
        return Report(article=article, events=(event,))

    stored, new = placed("stored", first), placed("new", second).events[0]
    rule = dataclasses.replace(RULE, km_town=150.0) if first == 2 else RULE  # Ijevan-Tovuz: 42 km
    store = warlog.open(tmp_path / "s.db")
    store.add_report(stored)
    with store.engine.connect() as connection:
        found = store_module.link_candidates(connection, new, rule)
    store.close()
    assert [e.id for e, _ in found] == [stored.events[0].id]
    assert same_event(new, found[0][0], rule)
