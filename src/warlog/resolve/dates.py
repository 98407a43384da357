"""Resolve temporal expressions to calendar dates, relative to the publication date.

News convention: a bare weekday ("on Sunday") is the most recent such day on or before the
publication date; a day and month without a year ("27 September") is in the publication
year unless that would put it after publication, then in the year before.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import cache

from warlog.dates import (
    MONTH_PATTERN,
    WEEKDAYS,
    from_date,
    full_dates_in,
    make_date,
    month_number,
    to_date,
)
from warlog.model import DatePrecision, ResolvedDate, TemporalExpression
from warlog.resources import load_json

_MONTH_OF_YEAR_RE = re.compile(
    rf"\b(?P<m>{MONTH_PATTERN})\s+(?:of\s+)?(?:last|this)\s+year\b"
    rf"|\b(?:last|this)\s+year\s+in\s+(?P<m2>{MONTH_PATTERN})\b",
    re.I,
)
_DAY_MONTH_RE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{MONTH_PATTERN})"
    rf"|(?P<m2>{MONTH_PATTERN})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)\b(?!,?\s*\d{{4}})",
    re.IGNORECASE,
)
_MONTH_YEAR_RE = re.compile(rf"\b(?P<m>{MONTH_PATTERN})\s*,?\s+(?P<y>\d{{4}})\b", re.IGNORECASE)
_MONTH_RE = re.compile(rf"^(?:in\s+|early\s+|late\s+|mid-?)?(?P<m>{MONTH_PATTERN})$", re.I)
_YEAR_RE = re.compile(r"^(?:in\s+|the\s+year\s+|since\s+|early\s+|late\s+)?(?P<y>(?:19|20)\d{2})$")
_AGO_RE = re.compile(
    r"\b(?P<n>\d{1,4}|a|one|two|three|four|five|six|seven)\s+(?P<unit>day|week)s?\s+ago\b"
)
_WEEKDAY_RE = re.compile(r"\b(?P<which>last|next|this)?\s*(?P<day>" + "|".join(WEEKDAYS) + r")\b")
_WEEKEND_RE = re.compile(r"\bweek-?end\b")
_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


@cache
def _relative_days() -> tuple[tuple[re.Pattern[str], int], ...]:
    table: dict[str, int] = load_json("relative_dates.json")["days"]
    return tuple(
        (re.compile(rf"\b{re.escape(words)}\b"), offset)
        for words, offset in sorted(table.items(), key=lambda item: -len(item[0]))
    )


def resolve_expression(
    text: str, published: ResolvedDate | None
) -> tuple[ResolvedDate | None, str]:
    """The date ``text`` refers to, and the name of the rule that decided it."""
    phrase = " ".join(text.split())
    lowered = phrase.lower()
    explicit = full_dates_in(phrase)
    if explicit:
        return explicit[0][0], "explicit"
    month_year = _MONTH_YEAR_RE.search(phrase)
    if month_year:
        month = month_number(month_year["m"])
        if month is not None:
            return make_date(int(month_year["y"]), month), "month-year"
    year_only = _YEAR_RE.match(lowered)
    if year_only:
        return make_date(int(year_only["y"])), "year"
    if published is None:
        return None, "no-publication-date"
    anchor = to_date(published)
    day_precise = published.precision is DatePrecision.DAY
    if day_precise:
        for pattern, offset in _relative_days():
            if pattern.search(lowered):
                return from_date(anchor + dt.timedelta(days=offset)), "relative-day"
        ago = _AGO_RE.search(lowered)
        if ago:
            count = int(ago["n"]) if ago["n"].isdigit() else _SMALL[ago["n"]]
            days = count * (7 if ago["unit"] == "week" else 1)
            return from_date(anchor - dt.timedelta(days=days)), "days-ago"
        if _WEEKEND_RE.search(lowered):
            # "at the weekend", "over the weekend": the Saturday of the weekend just past
            # (this one's when published on it); "next weekend" is the coming one
            back = (anchor.weekday() - 5) % 7
            saturday = anchor - dt.timedelta(days=back)
            if "next weekend" in lowered:
                saturday += dt.timedelta(days=7)
            elif "last weekend" in lowered and back <= 1:
                saturday -= dt.timedelta(days=7)
            return from_date(saturday), "weekend"
        if "last week" in lowered or "past week" in lowered:
            week_before = anchor - dt.timedelta(days=7)
            return make_date(week_before.year, week_before.month), "relative-week"
        weekday = _WEEKDAY_RE.search(lowered)
        if weekday:
            return from_date(_weekday_date(anchor, WEEKDAYS[weekday["day"]], weekday["which"])), (
                "weekday"
            )
    day_month = _DAY_MONTH_RE.search(phrase)
    if day_month:
        month = month_number(day_month["m1"] or day_month["m2"])
        day = int(day_month["d1"] or day_month["d2"])
        if month is not None:
            return _in_year_before(anchor, month, day), "day-month"
    month_only = _MONTH_RE.match(lowered)
    if month_only:
        month = month_number(month_only["m"])
        if month is not None:
            year = anchor.year if month <= anchor.month else anchor.year - 1
            return make_date(year, month), "month"
    month_of_year = _MONTH_OF_YEAR_RE.search(lowered)
    if month_of_year:
        # "in August last year", "March of this year", "last year in May"
        month = month_number(month_of_year["m"] or month_of_year["m2"])
        if month is not None:
            back = 1 if "last" in month_of_year.group(0) else 0
            return make_date(anchor.year - back, month), "month-relative-year"
    if "last year" in lowered:
        return make_date(anchor.year - 1), "relative-year"
    if "this year" in lowered or "earlier this year" in lowered:
        return make_date(anchor.year), "relative-year"
    if "last month" in lowered:
        previous = anchor.replace(day=1) - dt.timedelta(days=1)
        return make_date(previous.year, previous.month), "relative-month"
    if "this month" in lowered:
        return make_date(anchor.year, anchor.month), "relative-month"
    return None, "unresolved"


def _weekday_date(anchor: dt.date, weekday: int, which: str | None) -> dt.date:
    if which == "next":
        return anchor + dt.timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1)
    back = (anchor.weekday() - weekday) % 7
    if which == "last" and back == 0:
        back = 7
    return anchor - dt.timedelta(days=back)


def _in_year_before(anchor: dt.date, month: int, day: int) -> ResolvedDate | None:
    candidate = make_date(anchor.year, month, day)
    if candidate is not None and to_date(candidate) > anchor + dt.timedelta(days=2):
        candidate = make_date(anchor.year - 1, month, day)
    return candidate


def resolve_temporals(
    temporals: list[TemporalExpression] | tuple[TemporalExpression, ...],
    published: ResolvedDate | None,
) -> tuple[TemporalExpression, ...]:
    """The expressions that refer to a date, with that date filled in. "Overnight" right
    before the day it qualifies ("overnight Thursday to Friday", "overnight on Saturday") is
    that day, not the day of publication."""
    resolved = []
    ordered = sorted(temporals, key=lambda t: t.evidence.start)
    for index, temporal in enumerate(ordered):
        following = ordered[index + 1] if index + 1 < len(ordered) else None
        if (
            temporal.text.lower() in _NIGHT_WORDS
            and following is not None
            and 0 <= following.evidence.start - temporal.evidence.end <= NIGHT_GAP
        ):
            continue
        date, rule = resolve_expression(temporal.text, published)
        if date is not None:
            resolved.append(replace(temporal, date=date, rule=rule))
    return tuple(resolved)


_NIGHT_WORDS = frozenset({"overnight", "late at night", "during the night"})
NIGHT_GAP = 4  # characters between "overnight" and the day it qualifies: " on "
