"""The gazetteer, the geocoder's scoring and the geo metrics (no spaCy model needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warlog.eval.geo import MISS_KM, auc, evaluate_geo
from warlog.geo import gazetteer
from warlog.model import Evidence, PlaceMention
from warlog.resolve.geocode import geocode


def _resolve(names: list[str], countries: set[str] | None = None) -> list[PlaceMention]:
    mentions = tuple(
        PlaceMention(name, "GPE", Evidence("a" * 64, i * 10, i * 10 + len(name)))
        for i, name in enumerate(names)
    )
    return list(geocode(mentions, countries or set()))


def test_alternate_names_and_curated_regions() -> None:
    [stepanakert] = gazetteer().lookup("Stepanakert")
    assert (stepanakert.geonameid, stepanakert.name) == (146970, "Khankendi")
    [karabakh] = gazetteer().lookup("Nagorno-Karabakh")
    assert karabakh.geonameid is None and karabakh.kind == "region"


def test_country_beats_homonym_town_and_context_picks_the_town() -> None:
    armenia, ganja = _resolve(["Armenia", "Ganja"], {"AZ"})
    assert armenia.geonameid == 174982 and armenia.feature_kind == "country"
    assert ganja.geonameid == 586523
    [athens, _gainesville] = _resolve(["Athens", "Gainesville"])  # every Gainesville is in the US
    assert athens.country_code == "US"


def test_state_abbreviations_demonyms_and_facilities() -> None:
    [west_virginia] = _resolve(["W.Va."])
    assert west_virginia.name == "West Virginia"
    [turkish] = _resolve(["Turkish"])
    assert turkish.country_code == "TR" and turkish.feature_kind == "country"
    [airport] = _resolve(["Bouaké Airport"], {"CI"})
    assert airport.geonameid == 2290956


def test_unknown_name_stays_unresolved() -> None:
    [nowhere] = _resolve(["Qwzxplace"])
    assert nowhere.geonameid is None and nowhere.lat is None


def test_auc_bounds() -> None:
    assert auc([0.0, 0.0, 0.0]) == 0.0
    assert auc([MISS_KM, MISS_KM]) == pytest.approx(1.0)


def test_eval_geo_resolution_only(tmp_path: Path) -> None:
    text = "Shelling hit Ganja and Baku, then Qwzxplace."
    toponyms = [
        {"start": 13, "end": 18, "name": "Ganja", "lat": 40.68, "lon": 46.36, "geonameid": 586523},
        {"start": 23, "end": 27, "name": "Baku", "lat": 40.38, "lon": 49.89, "geonameid": 587084},
        {"start": 34, "end": 43, "name": "Qwzxplace", "lat": 0.0, "lon": 0.0, "geonameid": None},
    ]
    for toponym in toponyms:
        assert text[toponym["start"] : toponym["end"]] == toponym["name"]
    corpus = tmp_path / "tiny.jsonl"
    corpus.write_text(json.dumps({"id": "d1", "text": text, "toponyms": toponyms}) + "\n")
    scores = evaluate_geo(corpus, gold_spans=True)
    assert scores["protocol"] == "resolution-only" and scores["toponyms"] == 3
    assert scores["acc_161"] == pytest.approx(2 / 3, abs=1e-3)
    assert scores["exact_match"] == 1.0
    assert scores["median_km"] < 1.0 and scores["mean_km"] > 6000
    assert set(scores) == {
        "protocol",
        "documents",
        "toponyms",
        "recognition",
        "acc_161",
        "mean_km",
        "median_km",
        "auc",
        "exact_match",
    }


def test_transliteration_skeleton() -> None:
    from warlog.geo.gazetteer import skeleton

    assert skeleton("Bint Jbail") == skeleton("Bint Jubayl") == "bntjbl"
    assert skeleton("Mingachevir") == skeleton("Mingäçevir")
    assert skeleton("Ur") == ""  # too short to be a key


def test_skeleton_fallback_only_inside_the_article_countries() -> None:
    [inside] = _resolve(["Mingacheviir"], {"AZ"})  # a spelling the gazetteer lacks
    assert inside.geonameid == 585514 and inside.confidence is not None
    assert inside.confidence <= 0.5
    [outside] = _resolve(["Mingacheviir"], {"FR"})
    assert outside.geonameid is None
