"""Resolve place mentions to GeoNames places with a documented score.

score = 3 x kind rank (continent and country 3, region and admin area 2, city 1; a city of
        500,000 or more ranks 2 when a state or region of its country has its name)
      + 4.5 when the candidate's country is one the article is about (named in it, or the
        only country of another place it names: every "Gainesville" is in the US)
      + 2 when the candidate lies in an admin-1 area the article is about (one it names, or
        the only area of a town it names), found by a first ranking without this term
      + log10(population + 1) / 7
      + 1 when a town or county candidate lies within 40 km of a candidate of another
        ambiguous name of the text ("Richmond" beside "Madison County": Richmond, Kentucky,
        the county's seat), found by a fourth ranking
      + 1 when the mention is the candidate's own name, not one of its alternate names ("Paris"
        is also an old name of Swainsboro, Georgia); a country's or world region's curated
        aliases count as its own
      + 1.5 when the candidate lies within 250 km of a town or county the text names without
        doubt (every candidate of that name within 250 km of its winner, or a winner leading
        by 1 point), found by a third ranking
A town outside the article's countries with fewer than 100,000 people is rejected (a
homonym far away is likelier wrong than right). Confidence is the winner's share of the
candidates' scores.

A place the gazetteer lacks (or a small town abroad that only its own name points to, in
a text about another country) keeps no GeoNames id and is placed approximately, as ACLED
codes a village no gazetteer has: in the place the text names beside it ("Damadola,
Bajaur", "Damadola in the Bajaur agency"; confidence 0.4), else at the town the text names
most, else its most named area, else the country it names most (confidence 0.2). It ranks
as an area (geo precision 2) or a country (3), never as a town.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache

from warlog.geo import GeoPlace, gazetteer
from warlog.geo.gazetteer import kind_rank
from warlog.model import PlaceMention

CONTEXT_BONUS = 4.5
AREA_BONUS = 2.0
NEAR_BONUS = 1.5
HOLDER_GAP = 24  # characters between an unknown place and the place that holds it
OWN_NAME_BONUS = 1.0
PAIR_BONUS = 1.0
PAIR_KM = 40.0
NEAR_KM = 250.0
SETTLED_MARGIN = 1.0
LARGE_CITY_POPULATION = 500_000
# how demonyms end ("Canadian", "Turkish", "French", "Chinese", "Israeli", "Arabic", "Uzbek")
DEMONYM_ENDINGS = ("an", "ans", "sh", "ch", "ese", "i", "is", "ic", "ean", "ss", "ek", "ar")
KIND_WEIGHT = 3.0
FOREIGN_TOWN_MIN_POPULATION = 100_000
HOME_COUNTRY_MIN_MENTIONS = 2
APPROXIMATE_CONFIDENCE = 0.2  # placed where the article is about
NEAR_NAMED_CONFIDENCE = 0.4  # placed in the area the text names beside it
FEATURE_KINDS = {
    "country": "country",
    "region": "region",
    "admin1": "region",
    "admin2": "region",
    "city": "city",
    "continent": "region",
}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (R = 6371.0088 km)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def score(
    candidate: GeoPlace, countries: set[str], areas: frozenset[str] | set[str] = frozenset()
) -> float:
    # a world region or sea (a curated region in no one country) ranks as a continent: the
    # "Middle East" or the "Atlantic", not a town named after it
    kind = (
        "continent" if candidate.kind == "region" and not candidate.country_code else candidate.kind
    )
    value = KIND_WEIGHT * kind_rank(kind)
    if candidate.country_code in countries:
        value += CONTEXT_BONUS
    if candidate.admin1 is not None and candidate.admin1 in areas:
        value += AREA_BONUS
    return value + math.log10(candidate.population + 1) / 7


FACILITY_WORDS = (
    "region",
    "province",
    "district",
    "airport",
    "international airport",
    "air base",
    "airbase",
    "base",
    "station",
    "railway station",
    "hospital",
    "market",
    "city",
    "town",
    "village",
    "county",
    "governorate",
)


def _candidates(text: str) -> tuple[GeoPlace, ...]:
    """Gazetteer entries for a name, or for the town a facility is named after
    ("Bouaké Airport" -> Bouaké, "Kramatorsk railway station" -> Kramatorsk)."""
    from warlog.extract.sides import side_of

    landmark = _landmarks().get(text.lower())
    if landmark is not None:
        city = gazetteer().by_id(landmark)
        if city is not None:
            return (city,)
    found = gazetteer().lookup(text)
    code = side_of(text)
    if (
        code is not None
        and text.lower().endswith(DEMONYM_ENDINGS)
        and not any(c.country_code == code for c in found)
    ):
        # a demonym ("Canadian", "Turkish") stands for its country, not for a town named
        # like it elsewhere (Canadian, Texas)
        country = gazetteer().country(code)
        if country is not None:
            return (country,)
    if found:
        return found
    lowered = text.lower()
    for word in sorted(FACILITY_WORDS, key=len, reverse=True):
        if lowered.endswith(" " + word):
            return gazetteer().lookup(text[: -len(word) - 1])
    return ()


@cache
def _landmarks() -> dict[str, int]:
    """Buildings that stand for their city ("the White House": Washington), by lower-cased
    name (data/regions.json)."""
    from warlog.resources import load_json

    return {
        name.lower(): geonameid
        for name, geonameid in load_json("regions.json")["landmarks"].items()
    }


@dataclass(frozen=True, slots=True)
class _Ranking:
    """A mention's candidates, best first, with their scores."""

    scored: list[tuple[float, GeoPlace]]
    fallback: bool  # found by transliteration skeleton only

    @property
    def best(self) -> GeoPlace | None:
        return self.scored[0][1] if self.scored else None


def _rank(found: tuple[GeoPlace, ...], text: str, context: set[str], areas: set[str]) -> _Ranking:
    candidates = [
        c
        for c in found
        if c.kind != "city"
        or c.country_code in context
        or not context
        or c.population >= FOREIGN_TOWN_MIN_POPULATION
    ]
    fallback = False
    if not candidates and context:
        # a romanisation the gazetteer lacks ("Nabatiyeh" for "Nabatieh", "Bint Jbail" for
        # "Bint Jubayl"): only in the article's countries, and with half the confidence
        candidates = [
            c
            for c in gazetteer().lookup_variants(text) or gazetteer().lookup_skeleton(text)
            if c.country_code in context and c.kind in ("city", "region")
        ]
        fallback = True
    # a big city outranks its country's state or region of the same name ("New York",
    # "Washington"), not a homonym abroad
    area_countries = {c.country_code for c in candidates if c.kind in ("region", "admin1")}
    scored = sorted(
        (
            (
                score(c, context, areas)
                + (OWN_NAME_BONUS if _curated(c) or _same_name(c.name, text) else 0.0)
                + (
                    KIND_WEIGHT
                    if c.kind == "city"
                    and c.population >= LARGE_CITY_POPULATION
                    and c.country_code in area_countries
                    else 0.0
                ),
                c,
            )
            for c in candidates
        ),
        key=lambda p: -p[0],
    )
    return _Ranking(scored, fallback)


def _country_context(
    found: list[tuple[GeoPlace, ...]],
    countries: set[str],
    doubtful: frozenset[str] | set[str] = frozenset(),
) -> set[str]:
    context = set(countries)
    for candidates in found:
        codes = {c.country_code for c in candidates if c.country_code}
        if len(codes) == 1:
            context |= codes  # unambiguous: every place of that name is in one country
        elif all(c.kind in ("country", "city") for c in candidates):
            # a country name that is elsewhere only a town ("Lebanon", Pennsylvania) is the
            # country; one that is also a state ("Georgia") decides nothing by itself
            context |= {
                c.country_code
                for c in candidates
                if c.kind == "country" and c.country_code and c.country_code not in doubtful
            }
    return context


def _settled_points(
    rankings: list[_Ranking], mentions: tuple[PlaceMention, ...]
) -> list[tuple[str, GeoPlace]]:
    """Towns and counties the text names without doubt: every candidate of the name lies
    within NEAR_KM of the winner, or the winner leads the next by SETTLED_MARGIN."""
    settled = []
    for ranking, mention in zip(rankings, mentions, strict=True):
        best = ranking.best
        if best is None or ranking.fallback or best.kind not in ("city", "admin2"):
            continue
        if (
            all(
                haversine_km(best.lat, best.lon, c.lat, c.lon) <= NEAR_KM for _, c in ranking.scored
            )
            or ranking.scored[0][0] - ranking.scored[1][0] >= SETTLED_MARGIN
        ):
            settled.append((mention.text.lower(), best))
    return settled


class _Points:
    """Named points on a grid of one-degree cells, to ask quickly whether a point of
    another name lies within a distance (at most a few hundred km) of a place."""

    def __init__(self, points_for: dict[str, list[GeoPlace]]) -> None:
        self._cells: dict[tuple[int, int], list[tuple[str, GeoPlace]]] = {}
        for name, places in points_for.items():
            for place in places:
                cell = (math.floor(place.lat), math.floor(place.lon))
                self._cells.setdefault(cell, []).append((name, place))

    def near(self, place: GeoPlace, km: float, other_than: str) -> bool:
        reach = int(km // 80) + 1  # a degree of longitude is >= 80 km below 44 degrees
        row, column = math.floor(place.lat), math.floor(place.lon)
        return any(
            name != other_than
            and abs(place.lat - other.lat) * 111.2 <= km  # cheap: a degree of latitude
            and haversine_km(place.lat, place.lon, other.lat, other.lon) <= km
            for dr in range(-reach, reach + 1)
            for dc in range(-reach * 3, reach * 3 + 1)  # wider cells towards the poles
            for name, other in self._cells.get((row + dr, column + dc), ())
        )


def _boosted(
    rankings: list[_Ranking],
    mentions: tuple[PlaceMention, ...],
    points_for: dict[str, list[GeoPlace]],
    km: float,
    bonus: float,
    kinds: tuple[str, ...] | None = None,
) -> list[_Ranking]:
    """Rankings where each candidate near a point of another name gains ``bonus``
    (computed once per distinct name)."""
    grid = _Points(points_for)
    cache: dict[str, _Ranking] = {}
    reranked = []
    for ranking, mention in zip(rankings, mentions, strict=True):
        name = mention.text.lower()
        if len(ranking.scored) < 2 or not any(other != name for other in points_for):
            reranked.append(ranking)
            continue
        if name not in cache:
            scored = sorted(
                (
                    (
                        value
                        + (
                            bonus
                            if (kinds is None or c.kind in kinds) and grid.near(c, km, name)
                            else 0.0
                        ),
                        c,
                    )
                    for value, c in ranking.scored
                ),
                key=lambda pair: -pair[0],
            )
            cache[name] = _Ranking(scored, ranking.fallback)
        reranked.append(cache[name])
    return reranked


def _nearer_first(rankings: list[_Ranking], mentions: tuple[PlaceMention, ...]) -> list[_Ranking]:
    """A third pass: among a name's candidates, those near a town the text names without
    doubt gain NEAR_BONUS (spatial minimality: the places of one story lie together)."""
    settled: dict[str, list[GeoPlace]] = {}
    for name, place in _settled_points(rankings, mentions):
        settled.setdefault(name, []).append(place)
    if not settled:
        return rankings
    return _boosted(rankings, mentions, settled, NEAR_KM, NEAR_BONUS)


def _together_first(rankings: list[_Ranking], mentions: tuple[PlaceMention, ...]) -> list[_Ranking]:
    """A fourth pass: two ambiguous names with candidates side by side ("Richmond" and
    "Madison County": Richmond, Kentucky is Madison County's seat) are read as those two."""
    towns = ("city", "admin2")
    ambiguous: dict[str, list[GeoPlace]] = {}
    for mention, ranking in zip(mentions, rankings, strict=True):
        if len(ranking.scored) > 1 and not ranking.fallback:
            ambiguous[mention.text.lower()] = [c for _, c in ranking.scored if c.kind in towns]
    if len(ambiguous) < 2:
        return rankings
    return _boosted(rankings, mentions, ambiguous, PAIR_KM, PAIR_BONUS, towns)


def _admin_context(rankings: list[_Ranking]) -> set[str]:
    """The admin-1 areas an article is about: those it names ("Georgia" read as the US
    state) and those of towns whose every candidate lies in one area."""
    areas: set[str] = set()
    for ranking in rankings:
        best = ranking.best
        if best is None or best.admin1 is None or ranking.fallback:
            continue
        if best.kind != "city" or len({c.admin1 for _, c in ranking.scored}) == 1:
            areas.add(best.admin1)
    return areas


def _own_word_only(found: list[tuple[GeoPlace, ...]], countries: Mapping[str, int]) -> set[str]:
    """Countries the article names only by mentions that may be a place of another country
    it is about: every signal of "Palestine" is the word itself, and the article is about the
    US, where a Palestine lies in Texas. Such a name is no evidence for its own reading."""
    own: Counter[str] = Counter()
    ambiguous: set[str] = set()
    for candidates in found:
        for candidate in candidates:
            if candidate.kind == "country" and candidate.country_code:
                own[candidate.country_code] += 1
                if any(
                    c.kind != "country" and c.country_code in countries
                    for c in candidates
                    if c.country_code != candidate.country_code
                ):
                    ambiguous.add(candidate.country_code)
    return {code for code in ambiguous if countries.get(code, 0) <= own[code]}


def geocode(
    mentions: tuple[PlaceMention, ...],
    countries: Mapping[str, int] | set[str],
    text: str | None = None,
) -> tuple[PlaceMention, ...]:
    """Mentions with coordinates where the gazetteer resolves them: ranked once with the
    article's countries (with how often the article names each, where known), then again
    with the admin-1 areas that ranking settled."""
    found = [_candidates(mention.text) for mention in mentions]
    home = _home_country(countries)
    stray = [
        home is not None and _stray_homonym(m.text, f, countries, found, home)
        for m, f in zip(mentions, found, strict=True)
    ]
    found = [() if is_stray else f for f, is_stray in zip(found, stray, strict=True)]
    doubtful = _own_word_only(found, countries) if isinstance(countries, Mapping) else set()
    context = _country_context(found, set(countries) - doubtful, doubtful)
    rankings = [_rank(f, m.text, context, set()) for f, m in zip(found, mentions, strict=True)]
    areas = _admin_context(rankings)
    if areas:
        rankings = [_rank(f, m.text, context, areas) for f, m in zip(found, mentions, strict=True)]
    rankings = _nearer_first(rankings, mentions)
    rankings = _together_first(rankings, mentions)
    anchor = _anchor(rankings, home)
    starts: dict[int, list[_Ranking]] = {}
    for mention, ranking in zip(mentions, rankings, strict=True):
        starts.setdefault(mention.evidence.start, []).append(ranking)
    resolved = []
    for mention, ranking, is_stray in zip(mentions, rankings, stray, strict=True):
        if is_stray or ranking.best is None:
            holder = _holder(mention, starts, text)
            if holder is not None:
                resolved.append(_near(mention, holder, NEAR_NAMED_CONFIDENCE))
            elif anchor is not None:
                resolved.append(_near(mention, anchor, APPROXIMATE_CONFIDENCE))
            else:
                resolved.append(mention)
            continue
        if ranking.best is None:
            resolved.append(mention)
            continue
        best_score, best = ranking.scored[0]
        total = sum(s for s, _ in ranking.scored)
        share = best_score / total / (2 if ranking.fallback else 1) if total else None
        resolved.append(
            replace(
                mention,
                geonameid=best.geonameid,
                name=best.name,
                lat=best.lat,
                lon=best.lon,
                country_code=best.country_code,
                feature_kind=FEATURE_KINDS.get(best.kind, "other"),
                confidence=round(share, 3) if share is not None else None,
            )
        )
    return tuple(resolved)


def _home_country(countries: Mapping[str, int] | set[str]) -> str | None:
    """The one country the text names most (at least twice, by name or demonym), if any."""
    if not isinstance(countries, Mapping):
        return None
    ranked = Counter(countries).most_common(2)
    if not ranked or ranked[0][1] < HOME_COUNTRY_MIN_MENTIONS:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]


def _stray_homonym(
    text: str,
    candidates: tuple[GeoPlace, ...],
    countries: Mapping[str, int] | set[str],
    found: list[tuple[GeoPlace, ...]],
    home: str,
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
    if _folded(text) != _folded(best.name):
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


def _near(mention: PlaceMention, anchor: GeoPlace, confidence: float) -> PlaceMention:
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


def _folded(name: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


_HOLDER_GAP_RE = re.compile(r"\s*,?\s*(?:(?:in|of|near)\s+(?:the\s+)?(?:\w+ern\s+)?)?", re.I)


def _holder(
    mention: PlaceMention,
    starts: dict[int, list[_Ranking]],
    text: str | None,
) -> GeoPlace | None:
    """The place a text puts an unknown place in: "Damadola, Bajaur", "the village of
    Damadola in the Bajaur agency", "Kfraya in eastern Lebanon". ``starts`` holds the
    rankings of the mentions that start at each offset."""
    end = mention.evidence.end
    for gap in range(1, HOLDER_GAP + 1):
        for ranking in starts.get(end + gap, ()):
            if ranking.best is None or ranking.fallback:
                continue
            between = text[end : end + gap] if text is not None else None
            if (between is None and gap == 2) or (
                between is not None and _HOLDER_GAP_RE.fullmatch(between)
            ):
                return ranking.best
    return None


def _anchor(rankings: list[_Ranking], home: str | None) -> GeoPlace | None:
    """Where a place the gazetteer lacks most likely is: the town the text names most, else
    its most named area, else the country it names most."""
    named: Counter[str] = Counter()
    places: dict[str, GeoPlace] = {}
    for ranking in rankings:
        best = ranking.best
        if best is None or ranking.fallback:
            continue
        places[best.key] = best
        named[best.key] += 1
    for kinds in (("city",), ("admin2", "admin1", "region")):
        ranked = [(n, key) for key, n in named.items() if places[key].kind in kinds]
        if ranked:
            return places[max(ranked)[1]]
    return gazetteer().country(home) if home is not None else None


def _curated(place: GeoPlace) -> bool:
    """Countries, continents and world regions: their aliases are curated ("Britain", "the
    Pacific"), as good as their names."""
    return place.kind in ("country", "continent") or (
        place.kind == "region" and place.country_code is None
    )


_ABBREVIATIONS = (("st. ", "saint "), ("st ", "saint "), ("mt. ", "mount "), ("ft. ", "fort "))


@cache
def _same_name(name: str, text: str) -> bool:
    """Whether a mention gives a town's own name (not one of its alternate names: "Paris"
    is also an old name of Swainsboro, Georgia), "St." and "Saint" alike."""

    def key(value: str) -> str:
        value = _folded(value) + " "
        for short, full in _ABBREVIATIONS:
            if value.startswith(short):
                value = full + value[len(short) :]
        value = value.replace("-", " ").strip()
        return value.removesuffix(" city")  # "New York" is New York City's own name

    return key(name) == key(text)
