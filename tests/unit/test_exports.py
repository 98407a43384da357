"""ACLED-style CSV and GeoJSON exports against their specs, on hand-made incidents."""

from __future__ import annotations

import csv
import io
import json

from warlog.export.acled import ACLED_COLUMNS, acled_figure, fatalities, write_acled, write_geojson
from warlog.model import (
    CasualtyReport,
    DatePrecision,
    EventReport,
    Evidence,
    Incident,
    ResolvedDate,
)

EVIDENCE = Evidence("a" * 64, 0, 10)


def _casualty(
    best: int | None,
    source: str,
    number_text: str = "",
    low: int | None = None,
    scope: str = "incident",
    kind: str = "killed",
) -> CasualtyReport:
    return CasualtyReport(
        kind,
        best,
        low if low is not None else best,
        best,
        "exact",
        "civilians",
        "AZ",
        scope,
        source,
        "AZ",
        EVIDENCE,
        number_text,
    )


def _incident(casualty_ids: tuple[str, ...], date: ResolvedDate | None = None) -> Incident:
    return Incident(
        id="aaaaaaaaaaaa-ev-0-abc123",
        type="Explosions/Remote violence",
        sub_type="Shelling/artillery/missile attack",
        date=date or ResolvedDate("2020-10-04", DatePrecision.DAY),
        place="Ganja",
        geonameid=586523,
        lat=40.68157,
        lon=46.36134,
        country_code="AZ",
        geo_precision=1,
        actor1=None,
        actor1_side="AM",
        actor2="civilians",
        weapons=("Smerch",),
        status="contested",
        reports=(EventReport("aaaaaaaaaaaa-ev-0-abc123", "a" * 64, EVIDENCE, "AFP", "contested"),),
        claims=(),
        casualties=casualty_ids,
    )


def test_fatalities_take_the_most_conservative_source_and_note_disputes() -> None:
    one = _casualty(1, "Azerbaijani authorities")
    three = _casualty(3, "Hikmet Hajiyev")
    cumulative = _casualty(24, "officials", scope="cumulative")
    injured = _casualty(32, "officials", kind="injured")
    table = {c.id: c for c in (one, three, cumulative, injured)}
    count, note = fatalities(_incident(tuple(table)), table)
    assert count == 1
    assert "disputed" in note and "3 according to Hikmet Hajiyev" in note


def test_vague_words_as_acled_codes_them() -> None:
    assert acled_figure(_casualty(None, "x", "dozens", low=24)) == 12
    assert acled_figure(_casualty(None, "x", "hundreds", low=200)) == 100
    assert acled_figure(_casualty(None, "x", "tens of thousands", low=20000)) == 10000


def test_acled_csv_columns_and_codes() -> None:
    out = io.StringIO()
    casualty = _casualty(1, "authorities")
    assert write_acled([_incident((casualty.id,))], {casualty.id: casualty}, out) == 1
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == ACLED_COLUMNS
    row = rows[0]
    assert row["event_date"] == "2020-10-04" and row["year"] == "2020"
    assert row["time_precision"] == "1" and row["geo_precision"] == "1"
    assert row["event_type"] == "Explosions/Remote violence"
    assert row["country"] == "Azerbaijan" and row["location"] == "Ganja"
    assert row["fatalities"] == "1" and row["civilian_targeting"] == "Civilian targeting"
    assert row["actor1"] == "Armenia" and "contested" in row["notes"]


def test_month_precise_date_in_acled() -> None:
    out = io.StringIO()
    write_acled([_incident((), ResolvedDate("2020-10", DatePrecision.MONTH))], {}, out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["event_date"], row["time_precision"], row["fatalities"]) == ("2020-10-01", "3", "0")


def test_geojson_feature_collection() -> None:
    out = io.StringIO()
    assert write_geojson([_incident(())], out) == 1
    data = json.loads(out.getvalue())
    assert data["type"] == "FeatureCollection"
    [feature] = data["features"]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [46.36134, 40.68157]}
    assert feature["properties"]["status"] == "contested"
    assert feature["properties"]["reports"][0]["article_id"] == "a" * 64


def test_acled_admin1_from_the_gazetteer() -> None:
    from dataclasses import replace

    from warlog.geo import gazetteer

    assert gazetteer().admin1_name(98182) == "Baghdad"  # the governorate, kept unnamed
    assert gazetteer().admin1_name(4190396) == "Georgia"  # Dublin, Georgia
    baghdad = replace(_incident(()), place="Baghdad", geonameid=98182, country_code="IQ")
    out = io.StringIO()
    write_acled([baghdad], {}, out)
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["admin1"] == "Baghdad" and row["country"] == "Iraq"
