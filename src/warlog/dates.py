"""Calendar helpers shared by ingest (datelines) and resolve (temporal expressions).

Pure functions over strings; no spaCy here.
"""

from __future__ import annotations

import datetime as dt
import re

from warlog.model import DatePrecision, ResolvedDate

MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}

WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

MONTH_PATTERN = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)

# Explicit full dates written in running text: "October 4, 2020", "4 October 2020", "2020-10-04".
FULL_DATE_RE = re.compile(
    rf"\b(?:(?P<m1>{MONTH_PATTERN})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{MONTH_PATTERN}),?\s+(?P<y2>\d{{4}})"
    rf"|(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}}))\b",
    re.IGNORECASE,
)

# The years a date may have: what date arithmetic (a week back, forty days on) and both stores
# hold without overflow. A date outside them in a text is not resolved; as a publication date
# it is refused (W113).
MIN_YEAR = 1000
MAX_YEAR = 2999

_ISO_RE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?\s*$")


def month_number(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def make_date(year: int, month: int | None = None, day: int | None = None) -> ResolvedDate | None:
    """A ResolvedDate cut to what is known, or None when the parts are not a real date (or
    one outside MIN_YEAR..MAX_YEAR)."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        if month is None:
            dt.date(year, 1, 1)
            return ResolvedDate(f"{year:04d}", DatePrecision.YEAR)
        if day is None:
            dt.date(year, month, 1)
            return ResolvedDate(f"{year:04d}-{month:02d}", DatePrecision.MONTH)
        return from_date(dt.date(year, month, day))
    except ValueError:
        return None


def from_date(value: dt.date) -> ResolvedDate:
    return ResolvedDate(value.isoformat(), DatePrecision.DAY)


def to_date(value: ResolvedDate) -> dt.date:
    """The first day the date can be (the day itself at day precision)."""
    parts = [int(part) for part in value.value.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return dt.date(parts[0], parts[1], parts[2])


def iso_year(text: str) -> int | None:
    """The year of an ISO-looking date (``9999-12-31``), whether or not it is in range."""
    match = _ISO_RE.match(text)
    return int(match.group(1)) if match else None


def parse_iso(text: str) -> ResolvedDate | None:
    """``2020``, ``2020-10``, ``2020-10-04`` or an ISO timestamp; None when it is none of these."""
    match = _ISO_RE.match(text)
    if not match:
        return None
    year, month, day = match.groups()
    return make_date(int(year), int(month) if month else None, int(day) if day else None)


def full_dates_in(text: str) -> list[tuple[ResolvedDate, int, int]]:
    """Every explicit full date in ``text`` with its offsets."""
    found: list[tuple[ResolvedDate, int, int]] = []
    for match in FULL_DATE_RE.finditer(text):
        groups = match.groupdict()
        if groups["y1"]:
            month = month_number(groups["m1"])
            year, day = int(groups["y1"]), int(groups["d1"])
        elif groups["y2"]:
            month = month_number(groups["m2"])
            year, day = int(groups["y2"]), int(groups["d2"])
        else:
            year, month, day = int(groups["y3"]), int(groups["m3"]), int(groups["d3"])
        if month is None:
            continue
        resolved = make_date(year, month, day)
        if resolved is not None:
            found.append((resolved, match.start(), match.end()))
    return found
