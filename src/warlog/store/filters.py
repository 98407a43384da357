"""Query filters checked before they reach SQL: a malformed one is an error naming it, not a
query that silently matches nothing (or everything). Text in filters is matched literally:
``%`` and ``_`` are no SQL wildcards (the queries use ``autoescape``)."""

from __future__ import annotations

import re

from warlog.dates import MAX_YEAR, MIN_YEAR, make_date
from warlog.errors import ConfigError

_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_COUNTRY_RE = re.compile(r"[A-Za-z]{2}")


def date_filter(name: str, value: str | None) -> str | None:
    """``value`` when it is YYYY, YYYY-MM or YYYY-MM-DD and a real date in range."""
    if value is None:
        return None
    match = _DATE_RE.fullmatch(value.strip())
    if match is not None:
        year, month, day = match.groups()
        if make_date(int(year), int(month) if month else None, int(day) if day else None):
            return value.strip()
    raise ConfigError(
        f"{name} {value!r} is not a date between {MIN_YEAR} and {MAX_YEAR}; give YYYY-MM-DD, "
        "YYYY-MM or YYYY, e.g. 2020-10-01"
    )


def country_filter(name: str, value: str | None) -> str | None:
    """``value`` upper-cased when it is a two-letter country code (ISO 3166-1 alpha-2)."""
    if value is None:
        return None
    if _COUNTRY_RE.fullmatch(value.strip()):
        return value.strip().upper()
    raise ConfigError(f"{name} {value!r} is not a two-letter country code; give e.g. AM, AZ or UA")
