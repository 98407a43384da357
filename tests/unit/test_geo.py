"""The gazetteer, the geocoder's scoring and the geo metrics (no spaCy model needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warlog.eval.geo import MISS_KM, auc, evaluate_geo
from warlog.geo import gazetteer
from warlog.model import Evidence, PlaceMention
from warlog.resolve.approximate import is_approximate
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


def _in_text(text: str, names: list[str], countries: dict[str, int]) -> list[PlaceMention]:
    mentions = tuple(
        PlaceMention(
            name, "GPE", Evidence("a" * 64, text.index(name), text.index(name) + len(name))
        )
        for name in names
    )
    return list(geocode(mentions, countries, text))


def test_unknown_place_is_put_where_the_text_is() -> None:
    """A village no gazetteer has keeps no id and is placed approximately: in the place the
    text names beside it, else the town the text names most, else its country."""
    text = "The strike hit Qwzxplace, Bajaur, and Qwzxother near Islamabad. Islamabad said."
    [village, bajaur, other, islamabad, _] = _in_text(
        text, ["Qwzxplace", "Bajaur", "Qwzxother", "Islamabad", "Islamabad said"], {"PK": 2}
    )
    assert bajaur.country_code == "PK"
    assert village.geonameid is None and village.name == "Qwzxplace"
    assert (village.lat, village.lon) == (bajaur.lat, bajaur.lon)
    assert village.feature_kind == "region" and village.confidence == 0.4
    assert (other.lat, other.lon) == (islamabad.lat, islamabad.lon)
    [alone] = _in_text("Qwzxplace was hit, Pakistani officials said.", ["Qwzxplace"], {"PK": 2})
    assert alone.country_code == "PK" and alone.feature_kind == "country"
    assert alone.geonameid is None and is_approximate(alone)


def test_small_town_abroad_that_only_its_name_points_to() -> None:
    """ "Muttur" in a report on Sri Lanka: the gazetteer has only an Indian Muttūr."""
    text = "Sri Lankan troops took Muttur. The Sri Lankan army said so."
    [muttur] = _in_text(text, ["Muttur"], {"LK": 2})
    assert muttur.country_code == "LK" and muttur.geonameid is None
    [indian] = _in_text("Muttur is in India, Indian officials say.", ["Muttur"], {"IN": 2})
    assert indian.country_code == "IN" and indian.geonameid is not None


def test_places_of_one_story_lie_together() -> None:
    """Columbus, Ohio alone; Columbus, Georgia beside Phenix City (Alabama, across the river:
    no admin-1 area decides it, the distance does)."""
    [alone] = _resolve(["Columbus"])
    assert round(alone.lat or 0) == 40
    [columbus, phenix_city] = _resolve(["Columbus", "Phenix City"])
    assert round(columbus.lat or 0) == 32 and round(phenix_city.lat or 0) == 32


def test_two_ambiguous_names_side_by_side() -> None:
    """Richmond, Virginia alone; Richmond, Kentucky beside a Madison County (its seat)."""
    [alone] = _resolve(["Richmond"])
    assert round(alone.lon or 0) == -77
    [richmond, _county] = _resolve(["Richmond", "Madison County"])
    assert round(richmond.lon or 0) == -84


def test_own_name_before_alternate_name() -> None:
    """ "Paris" alone is Paris, France (an old name of Swainsboro, Georgia is no rival)."""
    [paris] = _resolve(["Paris"])
    assert paris.country_code == "FR"


def test_landmarks_stand_for_their_city() -> None:
    """ "The White House" is Washington, not White House, Tennessee."""
    white_house, kremlin = _resolve(["White House", "the Kremlin"], {"US"})
    assert white_house.geonameid == 4140963 and kremlin.geonameid == 524901


def test_england_is_the_constituent_country() -> None:
    """ "England" is England (first-level area of the United Kingdom), not the whole UK."""
    [england] = _resolve(["England"], {"GB"})
    assert england.country_code == "GB" and england.feature_kind == "region"
    assert round(england.lat or 0) in (52, 53)


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
    # the unknown place is put where the text is (at Ganja or Baku), far from gold's 0, 0
    assert scores["median_km"] < 1.0 and scores["mean_km"] > 2000
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


def test_admin_areas_come_from_their_towns() -> None:
    sindh = [p for p in gazetteer().lookup("Sindh") if p.kind == "admin1"]
    assert sindh and sindh[0].country_code == "PK" and sindh[0].admin1 == "PK.05"
    assert 24 < sindh[0].lat < 29 and 66 < sindh[0].lon < 71
    harris = {p.admin1: p for p in gazetteer().lookup("Harris County")}
    assert set(harris) == {"US.GA", "US.TX"}  # one county name, two states
    assert abs(harris["US.TX"].lat - 29.8) < 1 and abs(harris["US.TX"].lon + 95.4) < 1
    # an area named like one of its towns is left to the town
    assert {p.kind for p in gazetteer().lookup("Kabul") if p.country_code == "AF"} == {"city"}


def test_area_names_strip_kind_suffixes_but_not_ordinary_words() -> None:
    from warlog.geo.admin_areas import AdminArea, area_names

    def no_town(code: str, name: str) -> bool:
        return False

    assert area_names(AdminArea(1, "CO", "Putumayo Department"), no_town) == {
        "putumayo department",
        "putumayo",
    }
    assert area_names(AdminArea(1, "LB", "South Governorate"), no_town) == {"south governorate"}
    assert {"nabatîyé", "nabatiye"} <= area_names(AdminArea(1, "LB", "Nabatîyé"), no_town)
    assert area_names(AdminArea(2, "US", "Harris County"), no_town) == {"harris county"}
    kabul = area_names(AdminArea(1, "AF", "Kabul"), lambda code, name: name == "kabul")
    assert "kabul" not in kabul and "kabul province" in kabul  # the plain name is the city's


def test_area_names_strip_kind_prefixes_and_take_their_countrys_suffix() -> None:
    """ "County of Ceredigion" is Ceredigion; Nigeria's states are mostly "X State", so the
    state GeoNames calls "Sokoto" is also "Sokoto State" (its plain name is the city's)."""
    from warlog.geo.admin_areas import AdminArea, area_names, dominant_suffixes

    def no_town(code: str, name: str) -> bool:
        return False

    assert area_names(AdminArea(2, "GB", "County of Ceredigion"), no_town) == {
        "county of ceredigion",
        "ceredigion",
    }
    states = [AdminArea(1, "NG", name) for name in ("Kano State", "Borno State", "Sokoto")]
    assert dominant_suffixes([*states, AdminArea(1, "LB", "Beirut")]) == {("NG", 1): "State"}
    sokoto_city = lambda code, name: name == "sokoto"  # noqa: E731
    assert area_names(states[2], sokoto_city, "State") == {
        f"sokoto {kind}" for kind in ("state", "province", "prefecture", "region")
    }
    assert gazetteer().lookup("Sokoto State")[0].kind == "admin1"
    # a first-level area with a bare name answers to the kinds of such areas
    assert gazetteer().lookup("Oaxaca State")[0].kind == "admin1"
    assert gazetteer().lookup("Akita Prefecture")[0].country_code == "JP"


def test_admin1_codes_join_the_two_town_tables() -> None:
    from warlog.geo.admin_areas import admin1_codes

    cities = [
        {"countrycode": "CO", "latitude": 1.15, "longitude": -76.65, "admin1code": "22"},
        {"countrycode": "CO", "latitude": 0.5, "longitude": -76.5, "admin1code": "22"},
    ]
    towns = [
        {"country_code": "CO", "latitude": 1.15, "longitude": -76.65, "state": "Putumayo"},
        {"country_code": "CO", "latitude": 0.5, "longitude": -76.5, "state": "Putumayo"},
    ]
    assert admin1_codes(cities, towns) == {("CO", "Putumayo"): "CO.22"}


def test_the_state_an_article_names_picks_its_towns() -> None:
    georgia, dublin = _resolve(["Georgia", "Dublin"], {"US"})
    assert georgia.geonameid == 4197000  # the state: the article is about the US
    assert dublin.country_code == "US" and abs(dublin.lat - 32.54) < 0.1  # Dublin, Georgia
    [dublin_alone] = _resolve(["Dublin"], {"US"})
    assert abs(dublin_alone.lat - 32.54) > 0.1  # without the state, another Dublin


def test_demonyms_world_regions_and_big_cities() -> None:
    [canadian] = _resolve(["Canadian"], {"US"})
    assert canadian.feature_kind == "country" and canadian.country_code == "CA"  # not Canadian, TX
    [baku] = _resolve(["Baku"], {"AZ"})  # a capital that also names its side stays the city
    assert baku.geonameid == 587084
    eu, middle_east = _resolve(["EU", "Middle East"])
    assert eu.name == "Europe" and middle_east.name == "Middle East"  # not Eu, France
    new_york, washington = _resolve(["New York", "Washington"], {"US"})
    assert new_york.name == "New York City" and washington.feature_kind == "city"
    [georgia] = _resolve(["Georgia"], {"US"})
    assert georgia.feature_kind == "region"  # no big city of that name: the state


def test_transliteration_variants_and_their_fallback() -> None:
    from warlog.geo.gazetteer import transliteration_variants

    assert "nabatieh" in transliteration_variants("Nabatiyeh")
    assert "hula" in transliteration_variants("Houla")
    assert "ghazl" in transliteration_variants("al-Ghazl")
    [inside] = _resolve(["Nabatiyeh"], {"LB"})
    assert inside.geonameid == 278913 and (inside.confidence or 0) <= 0.5
    [outside] = _resolve(["Nabatiyeh"], {"FR"})
    assert outside.geonameid is None


def test_large_areas_sit_at_their_centre_not_their_towns() -> None:
    from warlog.resolve.geocode import haversine_km

    [alberta] = [p for p in gazetteer().lookup("Alberta") if p.kind == "admin1"]
    # GeoNames' point for Alberta, as for the other provinces: its towns crowd the south-east
    assert haversine_km(alberta.lat, alberta.lon, 52.28, -117.47) < 50
    [queensland] = _resolve(["Queensland"], {"AU"})
    assert queensland.feature_kind == "region" and queensland.country_code == "AU"
    # an area keeps its name unless its main town has it
    [jabrayil] = _resolve(["Jabrayil"], {"AZ"})
    assert jabrayil.geonameid == 148141
    [xinjiang] = _resolve(["Xinjiang"], {"CN"})
    assert xinjiang.feature_kind == "region"
    # a province of millions is not left to an entry of unknown population named like it
    hunan, hubei = _resolve(["Hunan", "Hubei"], {"CN"})
    assert (hunan.feature_kind, hubei.feature_kind) == ("region", "region")
    assert hubei.lat is not None and abs(hubei.lat - 31.0) < 1.5


def test_towns_in_a_box_for_the_offline_basemap() -> None:
    from warlog.export.report import map_extent

    towns = gazetteer().towns_in(39.5, 41.5, 48.5, 50.5)
    assert towns and towns[0][2] == "Baku"  # most populous first
    assert all(39.5 <= lat <= 41.5 and 48.5 <= lon <= 50.5 for lat, lon, _, _ in towns)
    south, north, west, east = map_extent([(40.68, 46.36)])  # one event: 2 degrees around
    assert (south, north) == (38.68, 42.68) and west < 46.36 < east


def test_a_country_named_only_by_an_ambiguous_word_is_no_evidence_for_itself() -> None:
    from collections import Counter

    mentions = tuple(
        PlaceMention(name, "GPE", Evidence("c" * 64, i * 20, i * 20 + len(name)))
        for i, name in enumerate(["Palestine", "Tyler", "Texas"])
    )
    # the article names "Palestine" once and the US once: Palestine, Texas
    palestine, _tyler, _texas = geocode(mentions, Counter({"PS": 1, "US": 1}))
    assert palestine.country_code == "US"
    # a second signal for the country ("Palestinian officials") keeps the country
    palestine, _tyler, _texas = geocode(mentions, Counter({"PS": 2, "US": 1}))
    assert palestine.country_code == "PS"


def test_a_world_region_beats_a_town_named_after_it() -> None:
    [middle_east] = _resolve(["Middle East"], {"US"})  # not Middle East, Maryland
    assert middle_east.country_code is None and middle_east.name == "Middle East"


def test_world_regions_and_seas_are_geonames_places() -> None:
    """The Middle East and the oceans GeoNames has carry its id and its point."""
    middle_east, atlantic, indian = _resolve(["Middle East", "Atlantic", "Indian Ocean"], {"US"})
    assert middle_east.geonameid == 6269133 and round(middle_east.lat or 0) == 33
    assert atlantic.geonameid == 3373405 and (atlantic.lat, atlantic.lon) == (10.0, -25.0)
    assert indian.geonameid == 1545739


def test_a_demonym_of_an_area_is_that_area() -> None:
    """ "the English city of Salisbury": England, not the whole United Kingdom; "Kurdish" is
    Kurdistan, not Iraq; "Arab" the Arabian Peninsula, not Arab, Alabama; "T&T" a country."""
    english, kurdish, arab, tt = _resolve(["English", "Kurdish", "Arab", "T&T"], {"GB", "SY"})
    assert english.country_code == "GB" and english.feature_kind == "region"
    assert kurdish.name == "Kurdistan" and arab.name == "Arabian Peninsula"
    assert tt.country_code == "TT" and tt.feature_kind == "country"


def test_a_demonym_by_its_form_and_the_west() -> None:
    """A word that begins its country's name is its demonym ("Slovak", "Philippine"); an
    unknown demonym names what its stem does ("Siberian", "Ontarians", "Texans", "Havanese");
    "the West" is Western Europe, at GeoNames' point for it."""
    # a town of the country known by the word as an alternate name does not stop it
    [kazakh] = _resolve(["KAZAKH"], {"KZ"})  # not Petropavl, once "Kazakh"
    assert kazakh.feature_kind == "country" and kazakh.country_code == "KZ"
    slovak, philippine = _resolve(["Slovak", "Philippine"], {"SK"})
    assert (slovak.country_code, slovak.feature_kind) == ("SK", "country")
    assert (philippine.country_code, philippine.feature_kind) == ("PH", "country")
    siberian, ontarians, texans, havanese = _resolve(
        ["Siberian", "Ontarians", "Texans", "Havanese"], {"US"}
    )
    assert (siberian.name, ontarians.name, texans.name) == ("Siberia", "Ontario", "Texas")
    assert havanese.geonameid == 3553478  # Havana
    [logan] = _resolve(["Loganers"])  # a stem that names no area or big city: nothing
    assert logan.lat is None
    [western] = _resolve(["Western"], {"RU", "US"})
    assert western.name == "Western Europe" and western.geonameid == 9408659


def test_an_area_by_its_initials_or_postal_code() -> None:
    """ "SA" in a South African story is the country, "KY" Kentucky, "N.B." New Brunswick,
    "ACT" the Australian Capital Territory; never a town the letters spell (Wa, Ghana), and a
    big city known by its letters stays that city ("L.A.")."""
    sa, _ = _resolve(["SA", "Durban"], {"ZA"})
    assert (sa.country_code, sa.feature_kind) == ("ZA", "country")
    kentucky, brunswick, act = _resolve(["KY", "N.B.", "ACT"], {"US", "CA", "AU"})
    assert (kentucky.name, brunswick.name) == ("Kentucky", "New Brunswick")
    assert act.name == "Australian Capital Territory"
    [wa] = _resolve(["WA"], {"AU"})
    assert wa.name == "Western Australia"
    [la] = _resolve(["L.A."], {"US"})
    assert la.name == "Los Angeles"
    [un] = _resolve(["UN"], {"SS"})  # a body, not Upper Nile
    assert un.lat is None
    # an agency or the Palestinian Authority, not Andhra Pradesh or Pennsylvania; a headline's
    # "IN" is no Indiana
    for acronym in ("AP", "PA", "IN"):
        [place] = _resolve([acronym], {"IL", "US"})
        assert place.name not in ("Andhra Pradesh", "Pennsylvania", "Indiana"), acronym


def test_counties_islands_and_the_gulf() -> None:
    """English counties the admin tables lack (Berkshire, Cheshire, Yorkshire), islands
    (Trinidad, Maui), the Niger Delta, and "the Gulf" as the Persian Gulf."""
    berkshire, cheshire, yorkshire = _resolve(["Berkshire", "Cheshire", "Yorkshire"], {"GB"})
    assert {p.country_code for p in (berkshire, cheshire, yorkshire)} == {"GB"}
    trinidad, maui, delta = _resolve(["Trinidad", "Maui", "Niger Delta"], {"TT", "US", "NG"})
    assert (trinidad.country_code, maui.country_code, delta.country_code) == ("TT", "US", "NG")
    [gulf] = _resolve(["Gulf"], {"SA"})
    assert gulf.name == "Persian Gulf"


def test_a_body_named_for_its_area_and_a_county_by_its_short_name() -> None:
    """ "Iowa House" in a Des Moines story is Iowa, the state its house serves; "Suffolk"
    beside "Suffolk County" on Long Island is the county, not Suffolk, Virginia."""
    _, iowa_house = _resolve(["Des Moines", "Iowa House"], {"US"})
    [iowa] = _resolve(["Iowa"], {"US"})
    assert (iowa_house.lat, iowa_house.lon) == (iowa.lat, iowa.lon)  # not Des Moines
    county, suffolk, _ = _resolve(["Suffolk County", "Suffolk", "Southold"], {"US"})
    assert suffolk.lat == county.lat and suffolk.lon == county.lon
    assert suffolk.lat is not None and abs(suffolk.lat - 40.9) < 0.3  # New York, not Virginia


def test_a_lower_case_romanisation_makes_no_homonym_of_a_towns_own_name() -> None:
    """Lomé's alternate "rome" (its Japanese name romanised) is no Rome: Rome, Italy is the
    city of that name twice the size of any other, so a story naming Britain and the US once
    still means Italy's."""
    assert all(c.name != "Lomé" for c in gazetteer().lookup("Rome"))
    [rome] = _resolve(["Rome"], {"GB"})
    assert rome.country_code == "IT"


def test_an_area_no_other_place_is_named_like_anchors_an_unknown_name() -> None:
    """A story that names only "Cuyahoga County" puts the hospital it names there."""
    county, hospital = _resolve(["Cuyahoga County", "MetroHealth Medical Center"])
    assert county.feature_kind == "region"
    assert (hospital.lat, hospital.lon) == (county.lat, county.lon)


def test_an_ordinary_name_is_a_province_of_the_texts_country() -> None:
    """ "North West" in a South African story is North West Province; in a story on nowhere
    in particular it is no province of anywhere."""
    _, north_west = _resolve(["Limpopo", "North West"], {"ZA"})
    assert north_west.country_code == "ZA" and north_west.feature_kind == "region"
    [elsewhere] = _resolve(["North West"])
    assert elsewhere.country_code != "ZA"


def test_a_town_upon_a_river_by_its_short_name() -> None:
    """ "Burton" with Birmingham and Bolton is Burton upon Trent; "Rostov" Rostov-on-Don."""
    *_, burton = _resolve(["Birmingham", "Bolton", "Burton"])
    assert burton.geonameid == gazetteer().lookup("Burton upon Trent")[0].geonameid
    [rostov] = _resolve(["Rostov"], {"RU"})
    assert rostov.name == "Rostov-on-Don"


def test_a_legislature_is_where_the_story_is() -> None:
    """ "marched on the Capitol" in an Oklahoma City story, "testify before Congress" in a
    Washington one: there, not Capitola, California or Congress, Arizona."""
    city, _, capitol = _resolve(["Oklahoma City", "Oklahoma City", "Capitol"], {"US"})
    assert (capitol.lat, capitol.lon) == (city.lat, city.lon)
    washington, _, congress = _resolve(["Washington", "Washington", "Congress"], {"US"})
    assert (congress.lat, congress.lon) == (washington.lat, washington.lon)
    assert congress.geonameid is None  # placed approximately, not a town


def test_places_by_id_and_country_are_indexed() -> None:
    """Demonyms, landmarks and state codes look places up one at a time: by an index, not a
    scan of the 200,000 rows (a scan made geocoding an eighth of the pipeline's time)."""
    connection = gazetteer()._connection
    for query, value in (
        ("SELECT * FROM places WHERE geonameid = ?", 587084),
        ("SELECT * FROM places WHERE kind = 'country' AND country = ?", "AZ"),
    ):
        plan = " ".join(
            str(row) for row in connection.execute(f"EXPLAIN QUERY PLAN {query}", (value,))
        )
        assert "USING INDEX" in plan, plan


def test_a_name_listed_with_states_is_a_state() -> None:
    """ "states such as California or Washington": Washington the state; "New Jersey, New
    York and Connecticut": New York the state; "Dallas, Houston and Portland" stay towns."""
    text = "western states such as California or Washington, and New Jersey, New York and Ohio"
    names = ["California", "Washington", "New Jersey", "New York", "Ohio"]
    mentions = tuple(
        PlaceMention(n, "GPE", Evidence("a" * 64, text.index(n), text.index(n) + len(n)))
        for n in names
    )
    places = geocode(mentions, {"US"}, text)
    washington, new_york = places[1], places[3]
    assert (washington.feature_kind, new_york.feature_kind) == ("region", "region")
    text = "Dallas, Houston and Washington"
    mentions = tuple(
        PlaceMention(n, "GPE", Evidence("a" * 64, text.index(n), text.index(n) + len(n)))
        for n in ("Dallas", "Houston", "Washington")
    )
    assert geocode(mentions, {"US"}, text)[2].feature_kind == "city"


def test_a_former_country_name_is_its_successor() -> None:
    """ "Zaire" in a story on Gabon and Uganda is the Congo, not Angola's Zaire province;
    "Ceylon" is Sri Lanka, "Rhodesia" Zimbabwe."""
    zaire, ceylon, rhodesia = _resolve(["Zaire", "Ceylon", "Rhodesia"], {"GA", "UG"})
    assert (zaire.country_code, zaire.feature_kind) == ("CD", "country")
    assert (ceylon.country_code, rhodesia.country_code) == ("LK", "ZW")


def test_a_demonym_is_never_matched_as_a_place_name() -> None:
    """Demonyms are not places (eval/ANNOTATION.md): the gazetteer does not hold them as
    names, so "Arab foreign ministers" names no place."""
    assert [c.kind for c in gazetteer().lookup("Arab")] == ["city"]  # Arab, Alabama only
    assert all(c.name != "England" for c in gazetteer().lookup("English"))


def test_a_named_state_does_not_raise_its_hamlet_over_a_big_city_of_the_name() -> None:
    """ "Texas" in the text makes "Athens" and "Cleveland" the Texan towns; not "Buffalo", a
    hamlet of 1,900 there against Buffalo, New York, 137 times its size."""
    _, buffalo = _resolve(["Texas", "Buffalo"], {"US"})
    assert buffalo.lat is not None and abs(buffalo.lat - 42.9) < 0.2  # New York
    _, athens, cleveland = _resolve(["Texas", "Athens", "Cleveland"], {"US"})
    assert athens.lat is not None and abs(athens.lat - 32.2) < 0.2  # Athens, Texas
    assert cleveland.lat is not None and abs(cleveland.lat - 30.3) < 0.2  # Cleveland, Texas


def test_a_capital_before_a_homonym_town_when_both_countries_are_named() -> None:
    """A story on Britain that names the US once: London is the capital, not London, Ohio
    (which lies near the story's other American homonyms)."""
    names = ["London", "Salisbury", "Washington", "Heathrow", "Moscow"]
    mentions = tuple(
        PlaceMention(n, "GPE", Evidence("a" * 64, i * 20, i * 20 + len(n)))
        for i, n in enumerate(names)
    )
    london, *_ = geocode(mentions, {"RU": 36, "GB": 10, "US": 1})
    assert london.country_code == "GB" and london.geonameid == 2643743
    # the local reading still wins where the text names the homonym's state; alone in a US
    # story "Rome" is Rome, Italy, 64 times the size of any other, as "Paris" is Paris, France
    _, rome = _resolve(["Georgia", "Rome"], {"US"})
    assert rome.country_code == "US"
    [rome] = _resolve(["Rome"], {"US"})
    assert rome.country_code == "IT"


def test_an_unknown_place_goes_to_the_town_of_the_country_the_text_is_about() -> None:
    """Towns are weighed by how often the text names them and their country: Cairo (named
    twice) in a story on Egypt (nine times), not Liverpool, the football club (four times,
    Britain five)."""
    names = ["Cairo", "Cairo", "Qwzxacademy", "Liverpool", "Liverpool", "Liverpool", "Liverpool"]
    mentions = tuple(
        PlaceMention(n, "GPE", Evidence("a" * 64, i * 40, i * 40 + len(n)))
        for i, n in enumerate(names)
    )
    cairo, _, academy, liverpool, *_ = geocode(mentions, {"EG": 9, "GB": 5})
    assert liverpool.country_code == "GB" and cairo.country_code == "EG"
    assert academy.geonameid is None and (academy.lat, academy.lon) == (cairo.lat, cairo.lon)


def test_a_lone_small_town_abroad_is_no_anchor() -> None:
    """A story that names no country and only "Glenrock" (Glenrock, Wyoming, in the gazetteer)
    beside places it lacks: those are not put in Wyoming."""
    text = "Swimmers at Glenrock were warned about Qwzxlagoon."
    _, lagoon = _in_text(text, ["Glenrock", "Qwzxlagoon"], {})
    assert lagoon.country_code != "US"


def test_the_subject_of_a_new_clause_holds_nothing() -> None:
    """ "Beyond Qwzxtown, Liverpool have other academies": Liverpool is the clause's subject,
    not the place Qwzxtown lies in ("Qwzxtown, Cairo" would be)."""
    text = "Beyond Qwzxtown, Liverpool have other academies in Cairo. Egypt and Egypt."
    town, liverpool, _ = _in_text(text, ["Qwzxtown", "Liverpool", "Cairo"], {"EG": 2})
    assert liverpool.country_code == "GB" and town.country_code == "EG"
    held, cairo = _in_text("It hit Qwzxtown, Cairo, on Monday.", ["Qwzxtown", "Cairo"], {})
    assert (held.lat, held.lon) == (cairo.lat, cairo.lon)


def test_an_alternate_name_of_a_small_town_abroad_vouches_for_nothing() -> None:
    """ "Houla" is also an alternate name of Kafr Laha, Syria, its only entry: in a story on
    Lebanon it is the Lebanese village the gazetteer lacks, not a reason to read Syria."""
    [houla] = _resolve(["Houla"], {"LB"})
    assert houla.country_code != "SY" and houla.geonameid is None


def test_a_report_on_two_countries_is_still_about_somewhere() -> None:
    """A story naming the US and Pakistan seven times each: "Badar" is not the Russian
    hamlet, the only Badar the gazetteer has."""
    text = "Missiles hit Badar in South Wazirestan."
    badar, _ = _in_text(text, ["Badar", "South Wazirestan"], {"US": 7, "PK": 7})
    assert badar.country_code == "PK" and badar.geonameid is None


def test_a_consonant_skeleton_match_must_be_spelt_alike() -> None:
    """The skeleton fallback finds romanisations ("Nabatiyeh" is Nabatieh), not other
    words with the same consonants ("Berkshire" is not Brookshire, Texas)."""
    [nabatiyeh] = _resolve(["Nabatiyeh"], {"LB"})
    assert nabatiyeh.geonameid == 278913
    [berkshire] = _resolve(["Berkshire"], {"GB", "US"})
    assert berkshire.name != "Brookshire"


@pytest.mark.parametrize(
    ("name", "country"),
    [("North Kivu", "CD"), ("South Darfur", "SD"), ("West Darfur", "SD"), ("South Kordofan", "SD")],
)
def test_an_area_answers_to_its_compass_word_in_either_form(name: str, country: str) -> None:
    """GeoNames has "Nord Kivu" and "Southern Darfur"; news writes "North Kivu", "South
    Darfur"."""
    assert any(c.kind == "admin1" and c.country_code == country for c in gazetteer().lookup(name))


def test_a_name_called_a_village_is_no_big_city_and_one_called_a_province_an_area() -> None:
    """ "the village of Gaza" is no city of 600,000; "the province of Arauca" is the
    department, not its capital."""
    text = "Troops reached the village of Gaza in Iraq."
    [gaza, _] = _in_text(text, ["Gaza", "Iraq"], {"IQ": 1})
    assert gaza.geonameid != 281133
    text = "Rebels attacked a base in the province of Arauca in Colombia."
    [arauca, _] = _in_text(text, ["Arauca", "Colombia"], {"CO": 1})
    assert arauca.feature_kind in ("admin1", "admin2", "region")


def test_the_arabic_article_takes_the_sun_letter() -> None:
    """ "al-Riyadh" is also written "Ar Riyad": the article assimilates to the first letter."""
    from warlog.geo.gazetteer import transliteration_variants

    assert "ar riyad" in transliteration_variants("al-Riyadh")
    assert "as-sukhnah" in transliteration_variants("al-Sukhnah")
    assert "maaret an-numan" in transliteration_variants("Maaret al-Numan")  # inside a name


def test_a_romanisation_with_its_article_assimilated_is_found_by_its_skeleton() -> None:
    """ "Maaret al-Numan" is GeoNames' "Ma‘arrat an Nu‘mān" in a story on Syria."""
    [maaret] = _resolve(["Maaret al-Numan"], {"SY"})
    assert maaret.geonameid == 167611


def test_a_romanisation_is_spelt_alike_whatever_its_hyphens() -> None:
    """ "Deir al-Balah" is GeoNames' "Dayr al Balaḩ": a hyphen or a space is no letter."""
    [deir] = _resolve(["Deir al-Balah"], {"PS"})
    assert deir.country_code == "PS" and deir.geonameid is not None


def test_a_possessive_place_holds_the_unknown_place_after_it() -> None:
    """ "Derry's Qwzxhospital": the hospital the gazetteer lacks is in Derry, not at the town
    the text names most."""
    text = "It opened at Derry's Qwzxhospital. Belfast, Belfast and Belfast said so."
    derry, hospital, *_ = _in_text(text, ["Derry", "Qwzxhospital", "Belfast"], {"GB": 2})
    assert hospital.geonameid is None and (hospital.lat, hospital.lon) == (derry.lat, derry.lon)
    assert hospital.confidence == 0.4


def test_an_unknown_place_placed_once_is_there_each_time() -> None:
    """ "Qwzxvillage, Bajaur" places the village; its later mention is placed there too,
    not at the town the text names most."""
    text = "Jets hit Qwzxvillage, Bajaur. Islamabad, Islamabad. Qwzxvillage mourned."
    mentions = tuple(
        PlaceMention(name, "GPE", Evidence("a" * 64, start, start + len(name)))
        for name, start in (
            ("Qwzxvillage", 9),
            ("Bajaur", 22),
            ("Islamabad", 30),
            ("Islamabad", 41),
            ("Qwzxvillage", 52),
        )
    )
    first, bajaur, _, _, again = geocode(mentions, {"PK": 2}, text)
    assert (first.lat, first.lon) == (bajaur.lat, bajaur.lon)
    assert (again.lat, again.lon) == (bajaur.lat, bajaur.lon) and again.confidence == 0.4


def test_what_lies_near_a_country_or_world_region_says_nothing_of_it() -> None:
    """Lebanon, Pennsylvania lies beside a Lancaster (and Middle East, Maryland beside a
    Baltimore): the fourth pass would put both towns first, but it leaves the country and the
    world region that led before it."""
    from warlog.geo import GeoPlace
    from warlog.resolve.spatial import Ranking, together_first

    def town(name: str, lat: float, lon: float) -> GeoPlace:
        return GeoPlace(None, name, lat, lon, "US", "city", 1000, f"t:{name}:{lat}")

    lebanon = GeoPlace(272103, "Lebanon", 33.83, 35.83, "LB", "country", 6848925, "g272103")
    region = GeoPlace(6269133, "Middle East", 33.1, 35.9, None, "region", 0, "g6269133")
    rankings = [
        Ranking([(11.0, lebanon), (10.5, town("Lebanon", 40.34, -76.41))], False),
        Ranking([(10.0, region), (9.5, town("Middle East", 39.3, -76.6))], False),
        Ranking(
            [(9.0, town("Lancaster", 40.04, -76.31)), (8.0, town("Lancaster", 34.7, -118.1))], False
        ),
        Ranking(
            [(9.0, town("Baltimore", 39.29, -76.61)), (8.0, town("Baltimore", 53.5, -9.4))], False
        ),
    ]
    mentions = tuple(
        PlaceMention(name, "GPE", Evidence("a" * 64, i * 10, i * 10 + 5))
        for i, name in enumerate(["Lebanon", "Middle East", "Lancaster", "Baltimore"])
    )
    reranked = together_first(rankings, mentions)
    assert reranked[0].best == lebanon and reranked[1].best == region
    # nor a state: "California" beside a Lancaster is not California, Pennsylvania
    state = GeoPlace(None, "California", 37.2, -119.4, "US", "region", 0, "r:california")
    rankings[1] = Ranking([(10.0, state), (9.5, town("California", 40.06, -79.89))], False)
    rankings[2] = Ranking(
        [(9.0, town("Lancaster", 40.04, -79.9)), (8.0, town("Lancaster", 34.7, -118.1))], False
    )
    assert together_first(rankings, mentions)[1].best == state
    assert reranked[2].best is not None and reranked[2].best.lat == 40.04  # towns still pair


def test_one_mention_of_a_country_does_not_rule_out_every_town_abroad() -> None:
    """ "The murder of a Japanese man in a stabbing in Dundalk": Japan, named once by a
    demonym, is all the context; Dundalk and Dundrum are still the Irish towns (which lie
    together), not unplaced for being small towns outside Japan."""
    from collections import Counter

    mentions = tuple(
        PlaceMention(name, "GPE", Evidence("a" * 64, i * 20, i * 20 + len(name)))
        for i, name in enumerate(["Dundalk", "Dundrum"])
    )
    dundalk, dundrum = geocode(mentions, Counter({"JP": 1}))
    assert dundalk.country_code == dundrum.country_code == "IE" and dundalk.geonameid


def test_an_unknown_place_goes_to_the_biggest_of_towns_named_as_often() -> None:
    """A Chicago crime story names Hubbard (street; Hubbard, Ohio by the gazetteer), Chicago
    and Park Ridge once each, and no country: the hospital goes to Chicago, the biggest."""
    *_, hospital = _resolve(["Hubbard", "Chicago", "Park Ridge", "Northwestern Memorial Hospital"])
    assert is_approximate(hospital) and (hospital.lat, hospital.lon) == (41.85003, -87.65005)


def test_eval_context_reads_countries_of_several_words() -> None:
    """eval-geo's context (no parse) reads "the United States", "South Africa" and "the
    Democratic Republic of the Congo" as the countries, not as their single words."""
    from warlog.eval.geo import text_countries

    text = "The United States and South Africa sent aid to the Democratic Republic of the Congo."
    assert text_countries(text) == {"US": 1, "ZA": 1, "CD": 1}


def test_a_people_named_in_the_plural_points_at_its_country() -> None:
    """ "Salvadorans", "South Africans", "Sri Lankans": the plural of a demonym in -n is its
    country; "the Americas" is not the US."""
    from warlog.extract.sides import side_of

    assert [side_of(w) for w in ("Salvadorans", "South Africans", "Sri Lankans")] == [
        "SV",
        "ZA",
        "LK",
    ]
    assert side_of("Americas") is None


def test_demonyms_of_small_states_and_the_official_name_of_north_korea() -> None:
    from warlog.extract.sides import side_of

    assert [side_of(w) for w in ("Maltese", "Cypriot", "Latvian", "Serbs", "Britons")] == [
        "MT",
        "CY",
        "LV",
        "RS",
        "GB",
    ]
    [dprk] = _resolve(["Democratic People's Republic of Korea"], {"KR"})
    assert dprk.country_code == "KP" and dprk.feature_kind == "country"


def test_a_story_on_a_country_is_also_on_its_overseas_territories() -> None:
    """Saipan (Northern Mariana Islands, GeoNames country MP) in a story on the US is the
    island's town, not a small town abroad."""
    [saipan] = _resolve(["Saipan"], {"US"})
    assert saipan.country_code == "MP" and saipan.geonameid is not None


def test_a_city_far_bigger_than_every_homonym_is_the_one_meant() -> None:
    """Los Angeles in a story that names Spain is still Los Angeles, California (Los Angeles,
    Spain is a hundredth its size); London, whose Ontario namesake is a 21st of it, is left to
    the text (London, Ontario in a story on Canada)."""
    [los_angeles] = _resolve(["Los Angeles"], {"ES"})
    assert los_angeles.country_code == "US"
    [london] = _resolve(["London"], {"CA"})
    assert london.country_code == "CA"


def test_an_ordinary_word_is_no_town_by_an_old_name() -> None:
    """ "Western" was once a name of Cuba City, Wisconsin, and "Gulf" is Papua New Guinea's
    Gulf Province: as words of a text, neither."""
    western, gulf = _resolve(["Western", "Gulf"], {"US"})
    assert western.name != "Cuba City" and gulf.country_code != "PG"


def test_the_seat_of_an_international_body_is_its_city() -> None:
    commission, council, bank = _resolve(
        ["European Commission", "Council of Europe", "European Central Bank"], {"FI"}
    )
    assert (commission.name, council.name, bank.name) == (
        "Brussels",
        "Strasbourg",
        "Frankfurt am Main",
    )
    # airports, stadiums and streets that stand for their city: not Heathrow, Florida
    heathrow, anfield, broadway = _resolve(["Heathrow", "Anfield", "Broadway"], {"US"})
    assert (heathrow.name, anfield.name, broadway.name) == ("London", "Liverpool", "New York City")


def test_a_county_name_many_states_have_says_nothing_of_its_state() -> None:
    """ "Paris and Henry County": Henry County, Tennessee (Paris is its seat), not Henry
    County, Georgia, the most populous, which would also have made Georgia an area the text
    is about and so won by its own bonus."""
    _paris, county = _resolve(["Paris", "Henry County"])
    assert county.country_code == "US" and round(county.lat or 0) == 36


def test_names_the_text_calls_counties_are_the_counties() -> None:
    """ "Becker, Clay and Otter Tail counties": Clay is Clay County (of Minnesota, beside the
    others), not a town named Clay."""
    text = "Roads were closed in Becker, Clay and Otter Tail counties on Monday."
    mentions = tuple(
        PlaceMention(
            name, "GPE", Evidence("a" * 64, text.index(name), text.index(name) + len(name))
        )
        for name in ("Becker", "Clay", "Otter Tail")
    )
    becker, clay, otter_tail = geocode(mentions, {"US"}, text)
    assert {becker.feature_kind, clay.feature_kind, otter_tail.feature_kind} == {"region"}
    assert round(clay.lat or 0) == 47 and round(clay.lon or 0) == -97  # Clay County, Minnesota


def test_a_lone_big_city_anchors_the_places_the_gazetteer_lacks() -> None:
    """A story naming only Winnipeg and two of its streets: the streets are in Winnipeg."""
    *_, avenue = _resolve(["Winnipeg", "Assiniboine Avenue"])
    assert is_approximate(avenue) and round(avenue.lat or 0) == 50


def test_only_candidates_that_could_still_win_pair_up() -> None:
    """ "San Antonio" beside "Louisville": a Belizean Louisville far behind Louisville,
    Kentucky does not draw San Antonio to the Honduran hamlet next to it."""
    from warlog.geo import GeoPlace
    from warlog.resolve.spatial import Ranking, together_first

    def town(name: str, cc: str, lat: float, lon: float) -> GeoPlace:
        return GeoPlace(None, name, lat, lon, cc, "city", 1000, f"t:{name}:{cc}")

    texas = town("San Antonio", "US", 29.42, -98.49)
    rankings = [
        Ranking([(10.0, texas), (9.5, town("San Antonio", "HN", 16.0, -88.5))], False),
        Ranking(
            [
                (10.0, town("Louisville", "US", 38.25, -85.76)),
                (5.0, town("Louisville", "BZ", 16.1, -88.6)),
            ],
            False,
        ),
    ]
    mentions = tuple(
        PlaceMention(name, "GPE", Evidence("a" * 64, i * 20, i * 20 + len(name)))
        for i, name in enumerate(["San Antonio", "Louisville"])
    )
    assert together_first(rankings, mentions)[0].best == texas


def test_a_county_smaller_than_a_town_of_its_name_ranks_as_a_town() -> None:
    """ "Cambridge" alone is the English city (145,000), not the Australian council of that
    name (30,000), which as an area would have outranked every town."""
    [cambridge] = _resolve(["Cambridge"])
    assert cambridge.country_code == "GB" and cambridge.feature_kind == "city"


def test_a_town_qualified_by_its_area_is_the_town_of_that_area() -> None:
    """ "Washington, DC" is the city, not the state that "DC" would make it as a list of two
    areas; "Dublin, Georgia" is the US town and the state, not Ireland's capital and the
    country; "Tbilisi, Georgia" keeps the country; a list of states stays a list."""
    washington, dc = _in_text(
        "Crowds rallied in Washington, DC on Saturday.", ["Washington", "DC"], {"US": 2}
    )
    assert washington.geonameid == 4140963 and dc.geonameid == 4138106
    dublin, georgia = _in_text("A fire in Dublin, Georgia killed two.", ["Dublin", "Georgia"], {})
    assert dublin.country_code == georgia.country_code == "US" and dublin.feature_kind == "city"
    tbilisi, country = _in_text("He flew to Tbilisi, Georgia.", ["Tbilisi", "Georgia"], {})
    assert country.geonameid == 614540 and tbilisi.geonameid == 611717
    text = "Fires hit Washington, Oregon and California."
    state, *_ = _in_text(text, ["Washington", "Oregon", "California"], {"US": 2})
    assert state.geonameid == 5815135
    california, _us = _in_text(
        "A boat burned off California, United States.", ["California", "United States"], {}
    )
    assert california.geonameid == 5332921  # the state of the country, not a town named so


def test_a_us_state_sits_at_its_geonames_point() -> None:
    [california] = [c for c in gazetteer().lookup("California") if c.kind == "region"]
    assert (california.lat, california.lon) == (37.25022, -119.75126)


def test_an_unknown_place_in_a_country_then_narrowed_is_in_the_town() -> None:
    """ "Qwzxplaza in the US capital city of Washington": the plaza is in Washington, not at
    the middle of the United States."""
    text = "Crowds rallied at Qwzxplaza in the US capital city of Washington on Saturday."
    plaza, _us, washington = _in_text(text, ["Qwzxplaza", "US", "Washington"], {"US": 2})
    assert washington.geonameid == 4140963
    assert (plaza.lat, plaza.lon) == (washington.lat, washington.lon) and plaza.confidence == 0.4


def test_an_unknown_place_in_a_part_of_a_country_is_in_that_part() -> None:
    """ "Qwzxvillage in southern Lebanon" lies in the south of Lebanon, not at its middle."""
    text = "Jets struck the village of Qwzxvillage in southern Lebanon on Sunday."
    village, lebanon = _in_text(text, ["Qwzxvillage", "Lebanon"], {"LB": 2})
    assert village.geonameid is None and village.confidence == 0.4
    assert village.lat < lebanon.lat - 0.3 and village.country_code == "LB"
    text = "Gunmen raided Qwzxtown in northern Mali."
    town, mali = _in_text(text, ["Qwzxtown", "Mali"], {"ML": 2})
    assert town.lat > mali.lat  # (the towns of the north, which crowd its south)


def test_armed_groups_and_weapons_are_no_places() -> None:
    """An armed group or a weapon the NER tags as a place ("the YPG", "Katyusha") is left
    out, not placed where the text is; an unknown village beside them still is."""
    text = "The YPG said Katyusha rockets hit Qwzxplace near Islamabad. Islamabad said."
    found = _in_text(text, ["YPG", "Katyusha", "Qwzxplace", "Islamabad"], {"PK": 2})
    assert [p.text for p in found] == ["Qwzxplace", "Islamabad"]


def test_a_demonym_before_a_village_names_its_country() -> None:
    """ "the southern Lebanese village of X": X is in southern Lebanon, not at the town the
    article names most (here Israel's)."""
    text = "Jets hit the southern Lebanese village of Qwzxplace. Rockets hit Haifa, Israel."
    [village, haifa, _] = _in_text(text, ["Qwzxplace", "Haifa", "Israel"], {"IL": 2})
    assert haifa.country_code == "IL"
    assert village.country_code == "LB" and village.geonameid is None
    assert village.lat is not None and village.lat < 33.6  # the south of Lebanon


def test_a_village_listed_with_a_town_lies_beside_it() -> None:
    text = "Shells hit the towns of Qwzxplace and Kfar Kila in Lebanon. Tyre was calm."
    [village, kfar_kila, _, tyre] = _in_text(
        text, ["Qwzxplace", "Kfar Kila", "Lebanon", "Tyre"], {"LB": 2}
    )
    assert (village.lat, village.lon) == (kfar_kila.lat, kfar_kila.lon)
    assert (village.lat, village.lon) != (tyre.lat, tyre.lon)


def test_a_capital_speaks_for_its_state_but_points_no_text_at_it() -> None:
    from warlog.extract.sides import country_signal, side_of, speaker_side_of

    assert speaker_side_of("Kigali") == "RW" and speaker_side_of("Male") is None
    assert side_of("Lima") is None and country_signal("Lima") is None  # Lima, Ohio too


def test_a_name_the_text_calls_a_region_is_the_region() -> None:
    """ "the Sagaing region" is Sagaing Region, not its town of Sagaing; a name with no area
    of its name stays what the gazetteer finds for it."""
    [sagaing, _myanmar] = _in_text(
        "An air strike hit a village in the Sagaing region of Myanmar.",
        ["Sagaing", "Myanmar"],
        {"MM": 1},
    )
    assert sagaing.feature_kind == "region" and sagaing.name == "Sagaing Region"
    [town] = _in_text("Fighting near Sagaing town, Myanmar.", ["Sagaing"], {"MM": 1})
    assert town.feature_kind == "city"
    [state] = _in_text("Gunmen attacked a village in Borno state.", ["Borno"], {"NG": 1})
    assert state.feature_kind == "region" and state.country_code == "NG"


def test_a_city_abroad_named_in_a_state_that_only_another_country_has() -> None:
    """ "Palma in Cabo Delgado" is a Mozambican town the gazetteer lacks, not Palma in
    Spain; "Lahore in Punjab" stays Lahore."""
    [palma, cabo] = _in_text(
        "Insurgents attacked Palma in Cabo Delgado.", ["Palma", "Cabo Delgado"], set()
    )
    assert palma.country_code == "MZ" and palma.geonameid is None
    assert (palma.lat, palma.lon) == (cabo.lat, cabo.lon)
    [lahore, _] = _in_text("A bomb hit Lahore in Punjab.", ["Lahore", "Punjab"], {"PK": 1})
    assert lahore.geonameid == 1172451
