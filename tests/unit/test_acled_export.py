"""The ACLED export as a researcher's tools read it: ACLED's 31 columns, order and types."""

from __future__ import annotations

import io
import json
from dataclasses import replace

import pandas as pd

from tests.unit.test_exports import EVIDENCE, _casualty, _incident
from warlog.export.acled import (
    ACLED_COLUMNS,
    ACLED_DTYPES,
    acled_actors,
    write_acled,
    write_geojson,
)
from warlog.export.acled_codes import interaction, is_actor_name, iso_numeric
from warlog.model import Actor

ACLED_CODEBOOK_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip


def _frame(actors: tuple[Actor, ...] = ()) -> pd.DataFrame:
    out = io.StringIO()
    casualty = _casualty(3, "authorities")
    write_acled([_incident((casualty.id,))], {casualty.id: casualty}, out, actors, 1700000000)
    return pd.read_csv(io.StringIO(out.getvalue()))


def test_all_of_acleds_columns_in_acleds_order_and_types() -> None:
    frame = _frame()
    assert list(frame.columns) == ACLED_CODEBOOK_COLUMNS == list(ACLED_COLUMNS)
    for column, dtype in ACLED_DTYPES.items():
        assert str(frame[column].dtype) == dtype, column
    row = frame.iloc[0]
    assert row["iso"] == 31 and row["region"] == "Caucasus and Central Asia"  # Azerbaijan
    assert row["inter1"] == 1 and row["inter2"] == 7 and row["interaction"] == 17
    assert row["timestamp"] == 1700000000 and row["fatalities"] == 3
    assert row["source_scale"] == "International"
    assert row["event_date"] == "2020-10-04" and row["admin1"]


def test_numeric_iso_and_interaction_codes() -> None:
    assert iso_numeric()["SO"] == 706 and iso_numeric()["UA"] == 804
    assert interaction(7, 2) == 27 and interaction(1, 1) == 11 and interaction(2, None) == 20


def test_a_sentence_fragment_is_never_an_actor() -> None:
    fragment = "An attack against Ras Kamboni — a remote island near the Kenyan border"
    assert not is_actor_name(fragment)
    assert is_actor_name("Al-Shabaab") and is_actor_name("Military Forces of Somalia (2017-)")
    event_id = "aaaaaaaaaaaa-ev-0-abc123"
    actors = (
        Actor(fragment, "other", "SO", EVIDENCE, events=(event_id,)),
        Actor("Al-Shabaab", "armed_group", "SO", EVIDENCE, events=(event_id,)),
    )
    assert acled_actors(actors)[event_id][0] == ("Al-Shabaab", "armed_group")
    row = _frame(actors).iloc[0]
    assert row["actor1"] == "Al-Shabaab" and row["inter1"] == 2 and row["interaction"] == 27
    assert not _frame((actors[0],)).iloc[0]["actor1"].startswith("An attack")


def test_geojson_is_rfc_7946() -> None:
    unplaced = replace(_incident(()), id="b", lat=None, lon=None)
    out = io.StringIO()
    write_geojson([_incident(()), unplaced], out)
    data = json.loads(out.getvalue())
    assert data["type"] == "FeatureCollection" and isinstance(data["features"], list)
    for feature in data["features"]:
        assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
        assert isinstance(feature["id"], (str, int))
        geometry = feature["geometry"]
        if geometry is not None:
            assert geometry["type"] == "Point"
            lon, lat = geometry["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert data["features"][0]["geometry"]["coordinates"] == [46.36134, 40.68157]  # lon, lat
    assert data["features"][1]["geometry"] is None
