"""When two reported events are one real-world event.

Two events link when all of these hold (parameters are settings, see warlog.settings):
- they come from two articles: one article's events are distinct incidents by construction
  (its repeated mentions of one incident are already one event);
- the same ACLED type;
- compatible places: the same GeoNames id; or the same name; or, both placed at towns, at most
  ``link_km_town`` apart; or, one placed only at a region, at most ``link_km_region`` apart;
  or, both placed only at the same country (a country-level report never joins a town-level
  one, which would chain every incident of a country together); a place the gazetteer lacks,
  put only where the article is about (``place_approximate``), counts as its country;
- compatible dates: both day-precise and at most ``link_day_window`` days apart, or one
  month- or year-precise and containing the other; a report the text gives no date for
  (dated by its publication) may come up to ``link_report_lag_days`` after the other, and
  two such reports may be that far apart either way;
- compatible perpetrators: the same side, or one of them unknown;
- mutual: each is the other's closest match in the other's article (``mutual_best``).
The rule is symmetric, so the events linked together (the connected components of the
"links" graph) do not depend on the order in which articles arrive.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from warlog import settings
from warlog.model import DatePrecision, Event
from warlog.resolve.geocode import haversine_km


@dataclass(frozen=True, slots=True)
class LinkRule:
    day_window: int
    km_town: float
    km_region: float
    report_lag_days: int = 10

    @classmethod
    def from_settings(cls) -> LinkRule:
        return cls(
            settings.get_int("link_day_window"),
            float(settings.get_int("link_km_town")),
            float(settings.get_int("link_km_region")),
            settings.get_int("link_report_lag_days"),
        )

    @property
    def search_days(self) -> int:
        """The most days two day-dated reports the rule links can be apart."""
        return max(self.day_window, self.report_lag_days)

    @property
    def search_km(self) -> float:
        """The most km two reports the rule links by distance can be apart."""
        return max(self.km_town, self.km_region)


def _level(event: Event) -> int:
    """ACLED's geo precision for linking: a place the gazetteer lacks, put only where the
    article is about, is known to its country only (its point is nowhere in particular)."""
    return 3 if event.place_approximate else (event.geo_precision or 2)


def _places_compatible(a: Event, b: Event, rule: LinkRule) -> bool:
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    if (
        a.place
        and b.place
        and a.place.lower() == b.place.lower()
        and (a.geonameid, a.country_code) == (b.geonameid, b.country_code)
    ):
        return True
    levels = (_level(a), _level(b))
    precision = max(levels)
    if precision >= 3:
        # a report placed only at a country links only to others placed only there: letting it
        # join town-level reports would chain every incident in the country into one
        return (
            levels[0] == levels[1]
            and a.country_code is not None
            and a.country_code == b.country_code
        )
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return False
    limit = rule.km_town if precision == 1 else rule.km_region
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= limit


def _dates_compatible(a: Event, b: Event, rule: LinkRule) -> bool:
    if a.date is None or b.date is None:
        return False
    if a.date.precision is DatePrecision.DAY and b.date.precision is DatePrecision.DAY:
        first = dt.date.fromisoformat(a.date.value)
        second = dt.date.fromisoformat(b.date.value)
        if a.date_from_text and b.date_from_text:
            return abs((first - second).days) <= rule.day_window
        if not a.date_from_text and not b.date_from_text:
            # both dated by their publication: either may be the later report
            return abs((first - second).days) <= rule.report_lag_days
        # a report dated only by its publication may come days after the event it reports
        published, told = (first, second) if not a.date_from_text else (second, first)
        return -rule.day_window <= (published - told).days <= rule.report_lag_days
    return a.date.value.startswith(b.date.value) or b.date.value.startswith(a.date.value)


def same_event(a: Event, b: Event, rule: LinkRule | None = None) -> bool:
    rule = rule or LinkRule.from_settings()
    return (
        a.evidence.article_id != b.evidence.article_id
        and a.type == b.type
        and (a.actor1_side is None or b.actor1_side is None or a.actor1_side == b.actor1_side)
        and _dates_compatible(a, b, rule)
        and _places_compatible(a, b, rule)
    )


def _closeness(a: Event, b: Event) -> tuple[float, float, str]:
    """How close two matching reports are: days apart (0 when one is only a month or a
    year), then km apart, then the id (a fixed tie-break)."""
    days = 0.0
    if (
        a.date is not None
        and b.date is not None
        and a.date.precision is DatePrecision.DAY
        and b.date.precision is DatePrecision.DAY
    ):
        days = abs((dt.date.fromisoformat(a.date.value) - dt.date.fromisoformat(b.date.value)).days)
    km = 0.0
    if (a.geonameid is None or a.geonameid != b.geonameid) and None not in (
        a.lat,
        a.lon,
        b.lat,
        b.lon,
    ):
        km = haversine_km(a.lat or 0.0, a.lon or 0.0, b.lat or 0.0, b.lon or 0.0)
    return days, km, b.id


def mutual_best(
    a: Event, b: Event, article_events: Callable[[str], list[Event]], rule: LinkRule
) -> bool:
    """Whether two reports that are the same event by the rule are each other's closest
    match in the other's article. A report that matches several events of one article (a
    month-dated "bombing of Qana last month" and the strikes of a war's third day) links to
    the closest only: linking it to all would chain that article's distinct incidents into
    one. The test looks only at the two articles, so it does not depend on ingest order."""

    def best(report: Event, article_id: str) -> str | None:
        matching = [e for e in article_events(article_id) if same_event(report, e, rule)]
        return min(matching, key=lambda e: _closeness(report, e)).id if matching else None

    return best(a, b.evidence.article_id) == b.id and best(b, a.evidence.article_id) == a.id
