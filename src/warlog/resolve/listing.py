"""Ranking passes that read how a text lists its names: a name listed beside states or
countries is one too ("California or Washington"), and a bare name beside its county is that
county ("Suffolk" beside "Suffolk County")."""

from __future__ import annotations

import re

from warlog.geo import GeoPlace
from warlog.model import PlaceMention
from warlog.resolve.spatial import Ranking

_LIST_GAP_RE = re.compile(r"\s*(?:,|,? and|,? or|/|&)\s*")
_AREA_KINDS = ("region", "admin1", "country")


def listed_with_areas(
    rankings: list[Ranking], mentions: tuple[PlaceMention, ...], text: str
) -> list[Ranking]:
    """A name listed beside states or countries is one too: "California or Washington" is
    the state of Washington, "Georgia and Armenia" the country, where the name has such a
    reading in the same country (a state) or anywhere (a country)."""
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].evidence.start)
    result = list(rankings)
    for position, i in enumerate(order):
        ranking = rankings[i]
        best = ranking.best
        if best is None or best.kind in _AREA_KINDS:
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
