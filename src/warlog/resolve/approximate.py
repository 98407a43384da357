"""Places the gazetteer lacks, placed approximately, as ACLED codes a village no gazetteer has.

Such a place keeps no GeoNames id and is placed in the place the text names beside it
("Damadola, Bajaur", "Damadola in the Bajaur agency", "Derry's Altnagelvin Hospital";
confidence NEAR_NAMED_CONFIDENCE), else
at the town the text names most, else its most named area, else the country it names most
(confidence APPROXIMATE_CONFIDENCE). It ranks as an area (geo precision 2) or a country (3),
never as a town. A small town abroad that only its own name points to, in a text about
another country ("Muttur" in a report on Sri Lanka, where the gazetteer has only India's
Muttūr), is treated the same way.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import replace

from warlog.geo import GeoPlace, gazetteer
from warlog.model import PlaceMention
from warlog.resolve.spatial import Ranking

FOREIGN_TOWN_MIN_POPULATION = 100_000
HOME_COUNTRY_MIN_MENTIONS = 2
HOLDER_GAP = 34  # characters between an unknown place and the place that holds it
APPROXIMATE_CONFIDENCE = 0.2  # placed where the article is about
NEAR_NAMED_CONFIDENCE = 0.4  # placed in the area the text names beside it
PART_MIN_TOWNS = 10  # towns an area needs for "southern X" to be placed in its south


def home_country(countries: Mapping[str, int] | set[str]) -> str | None:
    """The one country the text names most (at least twice, by name or demonym), if any."""
    if not isinstance(countries, Mapping):
        return None
    ranked = Counter(countries).most_common(2)
    if not ranked or ranked[0][1] < HOME_COUNTRY_MIN_MENTIONS:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]


def stray_homonym(
    text: str,
    candidates: tuple[GeoPlace, ...],
    countries: Mapping[str, int] | set[str],
    found: list[tuple[GeoPlace, ...]],
    home: str | None,
) -> bool:
    """A small town abroad that only its own name points to, in a text about another
    country: "Muttur" in a report on Sri Lanka is the Sri Lankan town the gazetteer lacks,
    not Muttūr in India. The name is the town's own (not an exonym, which a town known
    abroad has: "Auschwitz") and no other place has it; nothing else in the text (a country,
    a demonym, another place) is in the town's country."""
    if len(candidates) != 1:
        return False
    best = candidates[0]
    if best.kind != "city" or best.population >= FOREIGN_TOWN_MIN_POPULATION:
        return False
    if folded(text) != folded(best.name):
        return False
    code = best.country_code
    if code is None or code == home or code in countries:
        return False
    own = {c.key for c in candidates}
    return not any(
        any(c.country_code == code for c in other)
        for other in found
        if other and not {c.key for c in other} <= own
    )


def is_approximate(place: PlaceMention) -> bool:
    """Whether a place the gazetteer lacks was put only where the article is about (not in
    a place the text names beside it)."""
    return place.geonameid is None and place.confidence == APPROXIMATE_CONFIDENCE


def is_placed_near_named(place: PlaceMention) -> bool:
    """Whether a place the gazetteer lacks was put at a town the text names beside it."""
    return place.geonameid is None and place.confidence == NEAR_NAMED_CONFIDENCE


def near_at(mention: PlaceMention, anchor: GeoPlace, confidence: float) -> PlaceMention:
    """A place the gazetteer lacks, placed approximately where the text is (ACLED's
    practice for a village no gazetteer has: the nearest known place or area). It keeps no
    GeoNames id and ranks as an area, never as a town."""
    return replace(
        mention,
        geonameid=None,
        name=mention.text,
        lat=anchor.lat,
        lon=anchor.lon,
        country_code=anchor.country_code,
        feature_kind="country" if anchor.kind == "country" else "region",
        confidence=confidence,
    )


def folded(name: str) -> str:
    """A name without accents, lower-cased ("Muttūr" -> "muttur")."""
    import unicodedata

    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


# the kind of place a text may call a name before the area that holds it ("Kasinga village
# in Borno state", "Gombi district of Adamawa")
_SETTLEMENT_NOUNS = (
    "village|town|city|hamlet|settlement|community|district|sub-district|subdistrict|"
    "township|county|municipality|commune|locality|neighbou?rhood|suburb|camp|area"
)

_HOLDER_GAP_RE = re.compile(
    rf"\s*(?:(?:{_SETTLEMENT_NOUNS})\s+(?=in\b|of\b|near\b))?"
    r",?\s*(?:(?:(?:located|situated|lying|based)\s+)?"  # "X, located in central Iraq"
    r"(?:in|of|near|off the coast of)\s+(?:the\s+)?(?:(?:neighbou?ring|nearby|adjacent)\s+)?"
    r"(?:(?P<direction>[\w-]+ern|central)\s+)?)?",
    re.I,
)


_CLAUSE_VERB_RE = re.compile(
    r"(?:[\w'’.-]+\s+){1,3}(?:has|have|had|is|are|was|were|said|says|will|would|can|could|do|does|did)\b"
)


def _starts_a_clause(text: str | None, start: int) -> bool:
    """Whether the name at ``start`` is the subject of a new clause ("Beyond Madinaty,
    Liverpool have other academies"), not the place that holds the name before it."""
    return text is not None and _CLAUSE_VERB_RE.match(text, start) is not None


def holder_of(
    mention: PlaceMention,
    starts: dict[int, list[Ranking]],
    text: str | None,
    ends: dict[int, list[Ranking]] | None = None,
) -> GeoPlace | None:
    """The place a text puts an unknown place in: "Damadola, Bajaur", "the village of
    Damadola in the Bajaur agency", "Kfraya in eastern Lebanon", "Derry's Altnagelvin
    Hospital". ``starts`` and ``ends`` hold the rankings of the mentions that start and end
    at each offset. A country or area the text then narrows down is the narrower place
    ("Freedom Plaza in the US capital city of Washington" is in Washington); one with a
    direction is that part of it ("Houla in southern Lebanon": the south of Lebanon)."""
    start = mention.evidence.start
    if text is not None and ends:
        for mark in ("'s ", "\u2019s "):
            if text[max(0, start - len(mark)) : start] == mark:
                for ranking in ends.get(start - len(mark), ()):
                    if ranking.best is not None and not ranking.fallback:
                        return ranking.best
    end = mention.evidence.end
    for gap in range(1, HOLDER_GAP + 1):
        for ranking in starts.get(end + gap, ()):
            if ranking.best is None or ranking.fallback:
                continue
            between = text[end : end + gap] if text is not None else None
            if between is None:
                if gap == 2:
                    return ranking.best
                continue
            matched = _HOLDER_GAP_RE.fullmatch(between)
            if matched and not _starts_a_clause(text, end + gap):
                holder = ranking.best
                if text is not None and ends:
                    holder = _narrowed(holder, ranking, end + gap, starts, ends, text)
                direction = matched.group("direction")
                if direction and holder.kind in ("country", "admin1", "region"):
                    return part_of(holder, direction.lower()) or holder
                return holder
    return None


# "the US capital city of Washington", "the southern port city of Galle": what narrows a
# country or an area down to a town in it
_NARROWING_RE = re.compile(r"\s+(?:[a-z]+\s+){0,3}of\s+(?:the\s+)?")
_NOT_NARROWING = frozenset({"instead", "outside", "because", "ahead", "out", "north", "south"})


def _narrowed(
    holder: GeoPlace,
    ranking: Ranking,
    at: int,
    starts: dict[int, list[Ranking]],
    ends: dict[int, list[Ranking]],
    text: str,
) -> GeoPlace:
    """The town a text names right after a country or area as the place in it ("the US
    capital city of Washington"), else the holder."""
    if holder.kind not in ("country", "admin1", "region"):
        return holder
    holder_end = min(
        (e for e, found in ends.items() if e > at and any(r is ranking for r in found)),
        default=None,
    )
    if holder_end is None:
        return holder
    match = _NARROWING_RE.match(text, holder_end)
    if match is None or set(match.group(0).split()) & _NOT_NARROWING:
        return holder
    for inner in starts.get(match.end(), ()):
        town = inner.best
        if (
            town is not None
            and not inner.fallback
            and town.kind in ("city", "admin2")
            and town.country_code == holder.country_code
            and (holder.kind == "country" or town.admin1 == holder.admin1)
        ):
            return town
    return holder


_DIRECTIONS = {
    "northern": (1, 0),
    "southern": (-1, 0),
    "eastern": (0, 1),
    "western": (0, -1),
    "northeastern": (1, 1),
    "northwestern": (1, -1),
    "southeastern": (-1, 1),
    "southwestern": (-1, -1),
    "north-eastern": (1, 1),
    "north-western": (1, -1),
    "south-eastern": (-1, 1),
    "south-western": (-1, -1),
    "central": (0, 0),
}


def part_of(area: GeoPlace, direction: str) -> GeoPlace | None:
    """The part of a country or area a direction names ("southern Lebanon"): the middle of
    the outer third, on that side, of the box around its towns (islands and outliers cut, as
    for a country's middle); the box's middle for "central". None for another word."""
    steps = _DIRECTIONS.get(direction)
    if steps is None or area.country_code is None:
        return None
    towns = gazetteer().town_points(
        area.country_code, area.admin1 if area.kind != "country" else None
    )
    if len(towns) < PART_MIN_TOWNS:
        return None
    lats = sorted(lat for lat, _ in towns)
    lons = sorted(lon for _, lon in towns)
    low, high = int(len(lats) * 0.02), max(int(len(lats) * 0.98) - 1, 0)
    south, north, west, east = lats[low], lats[high], lons[low], lons[high]
    return GeoPlace(
        None,
        f"{direction} {area.name}",
        (south + north) / 2 + steps[0] * (north - south) / 3,
        (west + east) / 2 + steps[1] * (east - west) / 3,
        area.country_code,
        "region",
        0,
        f"d{direction}:{area.key}",
        area.admin1 if area.kind != "country" else None,
    )


def anchor_of(
    rankings: list[Ranking],
    home: str | None,
    countries: Mapping[str, int] | set[str] | frozenset[str] = frozenset(),
) -> GeoPlace | None:
    """Where a place the gazetteer lacks most likely is: the town the text names most, unless
    an area is named more often than any town ("Zamfara state" twice beside "Anka" once), else
    its most named area, else the country it names most. A town or area counts only when
    something else in the text points to its country (the country named, or another of its
    places), and each is weighed by how often the text names it and its country: "Cairo"
    named four times in a story that names Egypt nine times, not "Liverpool" named six times
    beside Britain's five; never a lone small town abroad ("Glenrock", Wyoming, in a story
    that names only New South Wales), though a lone city of 100,000 or more will do, and so
    will an area no other place shares the name of ("Cuyahoga County" alone). Of
    towns named as often, the biggest: Chicago, not Hubbard, in a story that names each
    once."""
    named: Counter[str] = Counter()
    places: dict[str, GeoPlace] = {}
    unambiguous: set[str] = set()  # areas only one place has the name of ("Cuyahoga County")
    for ranking in rankings:
        best = ranking.best
        if best is None or (ranking.fallback and best.kind == "city"):
            continue  # an area by another spelling ("South Wazirestan") still says where
        places[best.key] = best
        named[best.key] += 1
        if best.kind in ("admin2", "admin1", "region") and len(ranking.scored) == 1:
            unambiguous.add(best.key)
    mentions = Counter(countries) if isinstance(countries, Mapping) else Counter(set(countries))
    holders: dict[str, set[str]] = {}
    for key, place in places.items():
        if place.country_code:
            holders.setdefault(place.country_code, set()).add(key)

    def supported(place: GeoPlace) -> bool:
        code = place.country_code
        # the place itself is one of its country's places: another is needed
        return code is not None and (
            mentions[code] > 0
            or len(holders.get(code, ())) > 1
            or place.key in unambiguous
            # a city that big is no stray homonym (Winnipeg, named alone)
            or (place.kind == "city" and place.population >= FOREIGN_TOWN_MIN_POPULATION)
        )

    leaders: dict[tuple[str, ...], tuple[int, int, int, str]] = {}
    for kinds in (("city",), ("admin2", "admin1", "region")):
        ranked = [
            (n + mentions[places[key].country_code or ""], n, places[key].population, key)
            for key, n in named.items()
            if places[key].kind in kinds and supported(places[key])
        ]
        if ranked:
            leaders[kinds] = max(ranked)
    town, area = leaders.get(("city",)), leaders.get(("admin2", "admin1", "region"))
    if town is not None and area is not None and area[1] > town[1]:
        return places[area[3]]  # an area named more often than any town: "Zamfara state"
    chosen = town or area
    if chosen is not None:
        return places[chosen[3]]
    return gazetteer().country(home) if home is not None else None
