"""Distances, and the ranking passes that read a text's places as lying together.

- ``nearer_first`` (the third pass): among a name's candidates, those within NEAR_KM of a town
  or county the text names without doubt gain NEAR_BONUS ("Columbus" beside Phenix City is
  Columbus, Georgia);
- ``together_first`` (the fourth pass): a town or county candidate within PAIR_KM of a
  candidate of another ambiguous name (one within PAIR_PARTNER_MARGIN of that name's leader)
  gains PAIR_BONUS ("Richmond" beside "Madison County").
Neither pass puts a town before a country, state or region that led before it: what lies near
a country says nothing of it ("Lebanon" beside Washington is not Lebanon, Pennsylvania).
Candidates are looked up in one-degree grid cells, once per distinct name, so a long article
costs about as much as its names.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from warlog.geo import GeoPlace
from warlog.model import PlaceMention

NEAR_BONUS = 1.5
NEAR_KM = 250.0
SETTLED_MARGIN = 1.0
PAIR_BONUS = 1.0
PAIR_KM = 40.0
PAIR_PARTNER_MARGIN = 2.0  # how far behind its name's leader a candidate may be to pair


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (R = 6371.0088 km)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True, slots=True)
class Ranking:
    """A mention's candidates, best first, with their scores."""

    scored: list[tuple[float, GeoPlace]]
    fallback: bool  # found by transliteration skeleton only

    @property
    def best(self) -> GeoPlace | None:
        return self.scored[0][1] if self.scored else None


def settled_points(
    rankings: list[Ranking], mentions: tuple[PlaceMention, ...]
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


def _above_towns(place: GeoPlace) -> bool:
    """A country, a state or province, a region: what lies near it says nothing of it, so
    the spatial passes do not put a town of its name first ("Lebanon" beside Washington is not
    Lebanon, Pennsylvania; "California" beside Pittsburgh is not California, Pennsylvania)."""
    return place.kind in ("country", "continent", "admin1", "region")


def _boosted(
    rankings: list[Ranking],
    mentions: tuple[PlaceMention, ...],
    points_for: dict[str, list[GeoPlace]],
    km: float,
    bonus: float,
    kinds: tuple[str, ...] | None = None,
) -> list[Ranking]:
    """Rankings where each candidate near a point of another name gains ``bonus``
    (computed once per distinct name)."""
    grid = _Points(points_for)
    cache: dict[str, Ranking] = {}
    reranked = []
    for ranking, mention in zip(rankings, mentions, strict=True):
        name = mention.text.lower()
        if (
            len(ranking.scored) < 2
            or not any(other != name for other in points_for)
            or _above_towns(ranking.scored[0][1])
        ):
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
            cache[name] = Ranking(scored, ranking.fallback)
        reranked.append(cache[name])
    return reranked


def nearer_first(rankings: list[Ranking], mentions: tuple[PlaceMention, ...]) -> list[Ranking]:
    """A third pass: among a name's candidates, those near a town the text names without
    doubt gain NEAR_BONUS (spatial minimality: the places of one story lie together)."""
    settled: dict[str, list[GeoPlace]] = {}
    for name, place in settled_points(rankings, mentions):
        settled.setdefault(name, []).append(place)
    if not settled:
        return rankings
    return _boosted(rankings, mentions, settled, NEAR_KM, NEAR_BONUS)


def together_first(rankings: list[Ranking], mentions: tuple[PlaceMention, ...]) -> list[Ranking]:
    """A fourth pass: two ambiguous names with candidates side by side ("Richmond" and
    "Madison County": Richmond, Kentucky is Madison County's seat) are read as those two."""
    towns = ("city", "admin2")
    ambiguous: dict[str, list[GeoPlace]] = {}
    for mention, ranking in zip(mentions, rankings, strict=True):
        if len(ranking.scored) > 1 and not ranking.fallback:
            # only candidates that could still win pair up: not a hamlet of Belize far
            # behind Louisville, Kentucky, that would draw "San Antonio" to Honduras
            top = ranking.scored[0][0]
            ambiguous[mention.text.lower()] = [
                c
                for value, c in ranking.scored
                if c.kind in towns and value >= top - PAIR_PARTNER_MARGIN
            ]
    if len(ambiguous) < 2:
        return rankings
    return _boosted(rankings, mentions, ambiguous, PAIR_KM, PAIR_BONUS, towns)
