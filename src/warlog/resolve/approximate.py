"""Places the gazetteer lacks, placed approximately, as ACLED codes a village no gazetteer has.

Such a place keeps no GeoNames id and is placed in the place the text names beside it
("Damadola, Bajaur", "Damadola in the Bajaur agency"; confidence NEAR_NAMED_CONFIDENCE), else
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
HOLDER_GAP = 24  # characters between an unknown place and the place that holds it
APPROXIMATE_CONFIDENCE = 0.2  # placed where the article is about
NEAR_NAMED_CONFIDENCE = 0.4  # placed in the area the text names beside it


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


_HOLDER_GAP_RE = re.compile(r"\s*,?\s*(?:(?:in|of|near)\s+(?:the\s+)?(?:\w+ern\s+)?)?", re.I)


def holder_of(
    mention: PlaceMention,
    starts: dict[int, list[Ranking]],
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


def anchor_of(rankings: list[Ranking], home: str | None) -> GeoPlace | None:
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
