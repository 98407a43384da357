"""Resolve place mentions to GeoNames places with a documented score.

score = 3 x kind rank (continent and country 3, region 2, city 1)
      + 4.5 when the candidate's country is one the article is about (named in it, or the
        only country of another place it names: every "Gainesville" is in the US)
      + log10(population + 1) / 7
A town outside the article's countries with fewer than 100,000 people is rejected (a
homonym far away is likelier wrong than right). Confidence is the winner's share of the
candidates' scores.
"""

from __future__ import annotations

import math
from dataclasses import replace

from warlog.geo import GeoPlace, gazetteer
from warlog.geo.gazetteer import kind_rank
from warlog.model import PlaceMention

CONTEXT_BONUS = 4.5
KIND_WEIGHT = 3.0
FOREIGN_TOWN_MIN_POPULATION = 100_000
FEATURE_KINDS = {"country": "country", "region": "region", "city": "city", "continent": "region"}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (R = 6371.0088 km)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def score(candidate: GeoPlace, countries: set[str]) -> float:
    value = KIND_WEIGHT * kind_rank(candidate.kind)
    if candidate.country_code in countries:
        value += CONTEXT_BONUS
    return value + math.log10(candidate.population + 1) / 7


FACILITY_WORDS = (
    "region",
    "province",
    "district",
    "airport",
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
    found = gazetteer().lookup(text)
    if found:
        return found
    lowered = text.lower()
    for word in sorted(FACILITY_WORDS, key=len, reverse=True):
        if lowered.endswith(" " + word):
            return gazetteer().lookup(text[: -len(word) - 1])
    from warlog.extract.sides import side_of

    code = side_of(text)  # a demonym standing for its country ("Turkish", "Israeli")
    country = gazetteer().country(code) if code else None
    return (country,) if country is not None else ()


def geocode(mentions: tuple[PlaceMention, ...], countries: set[str]) -> tuple[PlaceMention, ...]:
    """Mentions with coordinates where the gazetteer resolves them."""
    context = set(countries)
    for mention in mentions:
        found = _candidates(mention.text)
        codes = {c.country_code for c in found if c.country_code}
        if len(codes) == 1:
            context |= codes  # unambiguous: every place of that name is in one country
        for candidate in found:
            if candidate.kind == "country" and candidate.country_code:
                context.add(candidate.country_code)
    resolved = []
    for mention in mentions:
        candidates = [
            c
            for c in _candidates(mention.text)
            if c.kind != "city"
            or c.country_code in context
            or not context
            or c.population >= FOREIGN_TOWN_MIN_POPULATION
        ]
        fallback = False
        if not candidates and context:
            # a transliteration the gazetteer lacks ("Bint Jbail" for "Bint Jubayl"): only in
            # the article's countries, and with half the confidence
            candidates = [
                c
                for c in gazetteer().lookup_skeleton(mention.text)
                if c.country_code in context and c.kind in ("city", "region")
            ]
            fallback = True
        if not candidates:
            resolved.append(mention)
            continue
        scored = sorted(((score(c, context), c) for c in candidates), key=lambda p: -p[0])
        best_score, best = scored[0]
        total = sum(s for s, _ in scored)
        resolved.append(
            replace(
                mention,
                geonameid=best.geonameid,
                name=best.name,
                lat=best.lat,
                lon=best.lon,
                country_code=best.country_code,
                feature_kind=FEATURE_KINDS.get(best.kind, "other"),
                confidence=round(best_score / total / (2 if fallback else 1), 3) if total else None,
            )
        )
    return tuple(resolved)
