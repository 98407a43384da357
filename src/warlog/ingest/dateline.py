"""Datelines: the place, date and agency that open many wire reports."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from warlog.dates import MONTH_PATTERN, full_dates_in, make_date, month_number
from warlog.model import Dateline, DatePrecision, ResolvedDate
from warlog.resources import load_json


@dataclass(frozen=True, slots=True)
class DatelinePattern:
    name: str
    regex: re.Pattern[str]


@cache
def dateline_patterns() -> tuple[DatelinePattern, ...]:
    return tuple(
        DatelinePattern(entry["name"], re.compile(entry["regex"].replace("{MONTH}", MONTH_PATTERN)))
        for entry in load_json("datelines.json")["patterns"]
    )


def _place_name(raw: str) -> str:
    raw = raw.strip()
    return raw.title() if raw.isupper() else raw


def parse_dateline(text: str) -> Dateline | None:
    """The dateline at the start of ``text``, or None.

    A dateline date without a year ("Oct 4") takes the year of the first explicit full date
    in the text that has the same month; without one its date stays unknown.
    """
    for start in _opening_starts(text):
        found = _dateline_at(text, start)
        if found is not None:
            return found
    return None


DATELINE_REACH = 300  # characters of a lead a dateline may take


def _opening_starts(text: str) -> list[int]:
    """Where a dateline may stand: the text's start, and the lead after a one-line headline
    ("Drone strike kills five in Somalia\n\nMOGADISHU, Somalia (Reuters) - ...")."""
    starts = [0]
    first_break = text.find("\n")
    if first_break >= 0:
        rest = text[first_break:]
        starts.append(first_break + len(rest) - len(rest.lstrip()))
    return starts


def _dateline_at(text: str, start: int) -> Dateline | None:
    opening = text[start : start + DATELINE_REACH] if start else text
    for pattern in dateline_patterns():
        match = pattern.regex.match(opening)
        if not match:
            continue
        groups = match.groupdict()
        month: int | None = None
        if groups.get("month"):
            month = int(groups["month"])
        elif groups.get("monthname"):
            month = month_number(groups["monthname"])
        day = int(groups["day"]) if groups.get("day") else None
        year = int(groups["year"]) if groups.get("year") else None
        if year is None and month is not None:
            year = next(
                (found.year for found, _, _ in full_dates_in(text) if _month_of(found) == month),
                None,
            )
        date = make_date(year, month, day) if year is not None else None
        return Dateline(
            place=_place_name(groups["place"]) if groups.get("place") else None,
            date=date,
            agency=groups.get("agency"),
            start=start + match.start(),
            end=start + match.end(),
            place_start=start + match.start("place") if groups.get("place") else None,
            place_end=start + match.end("place") if groups.get("place") else None,
        )
    return None


def dateline_end(text: str) -> int | None:
    """Where the dateline that opens the article or its lead (the paragraph after a one-line
    headline) ends: the sentence proper starts there ("KANO, Nigeria, June 12 (Reuters) -
    Gunmen stormed ..." has "Gunmen" as its subject, not the town)."""
    for start in _opening_starts(text):
        for pattern in dateline_patterns():
            match = pattern.regex.match(text[start : start + 200])
            if match and start + match.end() < len(text):
                return start + match.end()
    return None


def _month_of(date: ResolvedDate) -> int | None:
    return int(date.value[5:7]) if date.precision is not DatePrecision.YEAR else None


def refine_with_text(date: ResolvedDate, text: str) -> ResolvedDate:
    """A month-precise dateline date made day-precise by a full date in the text that fits it.

    The seed's ``date 2020-10 Baku:`` plus "October 4, 2020" in its tweet gives 2020-10-04.
    """
    if date.precision is not DatePrecision.MONTH:
        return date
    for found, _, _ in full_dates_in(text):
        if found.value.startswith(date.value + "-"):
            return found
    return date
