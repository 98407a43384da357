"""Ranking passes that read how a text lists its names: a name listed beside states or
countries is one too ("California or Washington"); a town qualified by the area it lies in
("Washington, DC", "Dublin, Georgia", "Mosul, Iraq") is the town of that area; and a bare name
beside its county is that county ("Suffolk" beside "Suffolk County")."""

from __future__ import annotations

import re

from warlog.geo import GeoPlace
from warlog.model import PlaceMention
from warlog.resolve.spatial import Ranking

_LIST_GAP_RE = re.compile(r"\s*(?:,|,? and|,? or|/|&)\s*")
_QUALIFIER_GAP_RE = re.compile(r"\s*,\s*")
_AREA_KINDS = ("region", "admin1", "country")


def _inside(place: GeoPlace, area: GeoPlace) -> bool:
    """Whether a town or county lies in a country or a first-level area."""
    if place.kind not in ("city", "admin2") or place.key == area.key:
        return False
    if area.kind == "country":
        return place.country_code == area.country_code
    return area.admin1 is not None and place.admin1 == area.admin1


def qualified_pairs(
    rankings: list[Ranking], mentions: tuple[PlaceMention, ...], text: str
) -> dict[int, tuple[int, GeoPlace]]:
    """Mentions qualified by the area that follows them after a comma, as the news places a
    town ("Washington, DC", "Dublin, Georgia", "Mosul, Iraq"): index of the town -> index of
    the area and the area's reading that holds the town (the state of Georgia, for Dublin).
    The area must be the last of the pair: in "Georgia, Armenia and Azerbaijan" the comma
    lists, it does not qualify. The town must have a reading inside the area."""
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].evidence.start)
    pairs: dict[int, tuple[int, GeoPlace]] = {}

    def gap(first: int, second: int) -> str:
        return text[mentions[first].evidence.end : mentions[second].evidence.start]

    def area_at(index: int) -> GeoPlace | None:
        best = rankings[index].best
        return best if best is not None and best.kind in _AREA_KINDS else None

    for position in range(len(order) - 1):
        i, j = order[position], order[position + 1]
        area = area_at(j)
        if area is None or rankings[j].fallback or not _QUALIFIER_GAP_RE.fullmatch(gap(i, j)):
            continue
        if position + 2 < len(order):
            k = order[position + 2]
            if _LIST_GAP_RE.fullmatch(gap(j, k)) and area_at(k) is not None:
                continue  # "Washington, Oregon and California": a list of states
        if position > 0:
            h = order[position - 1]
            before = area_at(h)
            if (
                _QUALIFIER_GAP_RE.fullmatch(gap(h, i))
                and before is not None
                and before.kind == area.kind
            ):
                continue  # "Oregon, Washington, Idaho"
        town = rankings[i].best
        if (
            town is not None
            and town.kind in ("admin1", "region")
            and area.kind == "country"
            and town.country_code == area.country_code
        ):
            continue  # "California, United States": a state of the country, as read
        for _, reading in rankings[j].scored:
            if reading.kind in _AREA_KINDS and any(
                _inside(c, reading) for _, c in rankings[i].scored
            ):
                pairs[i] = (j, reading)
                break
    return pairs


def qualified_first(
    rankings: list[Ranking], mentions: tuple[PlaceMention, ...], text: str
) -> list[Ranking]:
    """A town qualified by its area ("Washington, DC", "Dublin, Georgia") is its reading
    inside that area, the best of them ranked first (the city of Washington, not the state;
    Dublin, Georgia, not Ireland's), and the area is the one that holds it (the state of
    Georgia, not the country)."""
    result = list(rankings)
    for i, (j, area) in qualified_pairs(rankings, mentions, text).items():
        for index, chosen in ((i, None), (j, area)):
            ranking = rankings[index]
            if chosen is None:
                chosen = next(c for _, c in ranking.scored if _inside(c, area))
            top = ranking.scored[0][0]
            rest = [(v, c) for v, c in ranking.scored if c is not chosen]
            result[index] = Ranking([(top + 0.01, chosen), *rest], ranking.fallback)
    return result


def listed_with_areas(
    rankings: list[Ranking], mentions: tuple[PlaceMention, ...], text: str
) -> list[Ranking]:
    """A name listed beside states or countries is one too: "California or Washington" is
    the state of Washington, "Georgia and Armenia" the country, where the name has such a
    reading in the same country (a state) or anywhere (a country)."""
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].evidence.start)
    result = list(rankings)
    qualified = qualified_pairs(rankings, mentions, text)
    for position, i in enumerate(order):
        ranking = rankings[i]
        best = ranking.best
        if best is None or best.kind in _AREA_KINDS or i in qualified:
            continue
        siblings: list[GeoPlace] = []
        for step in (-1, 1):
            j_position = position + step
            if not 0 <= j_position < len(order):
                continue
            j = order[j_position]
            first, second = (j, i) if step < 0 else (i, j)
            gap = text[mentions[first].evidence.end : mentions[second].evidence.start]
            sibling_best = rankings[j].best
            if (
                _LIST_GAP_RE.fullmatch(gap)
                and sibling_best is not None
                and sibling_best.kind in _AREA_KINDS
            ):
                siblings.append(sibling_best)
        for sibling in siblings:
            readings = [
                c
                for _, c in ranking.scored
                if c.kind == sibling.kind
                and (c.kind == "country" or c.country_code == sibling.country_code)
            ]
            if readings:
                top = ranking.scored[0][0]
                rest = [(v, c) for v, c in ranking.scored if c is not readings[0]]
                result[i] = Ranking([(top + 0.01, readings[0]), *rest], ranking.fallback)
                break
    return result


_COUNTY_WORDS = (" County", " Parish", " Borough")


def short_for_county(rankings: list[Ranking], mentions: tuple[PlaceMention, ...]) -> list[Ranking]:
    """A bare name the text also gives in full as a county ("Suffolk" beside "Suffolk
    County", New York) is that county, where no town of the name lies in its state."""
    counties: dict[str, GeoPlace] = {}
    for mention, ranking in zip(mentions, rankings, strict=True):
        best = ranking.best
        if best is not None and best.kind == "admin2" and mention.text.endswith(_COUNTY_WORDS):
            counties.setdefault(mention.text.rsplit(" ", 1)[0].lower(), best)
    if not counties:
        return rankings
    result = []
    for mention, ranking in zip(mentions, rankings, strict=True):
        county = counties.get(mention.text.lower())
        if (
            county is not None
            and ranking.best is not None
            and ranking.best.admin1 != county.admin1
            and not any(c.admin1 == county.admin1 for _, c in ranking.scored)
        ):
            top = ranking.scored[0][0] if ranking.scored else 0.0
            ranking = Ranking([(top, county), *ranking.scored], ranking.fallback)
        result.append(ranking)
    return result
