"""Place mentions: GPE, LOC and FAC entities, gazetteer names the NER mislabels ("Ganja" as
PERSON), names the text itself calls places ("the village of Badar", "the Khurais oil field",
gazetteer or not), "X&Y" lists, and the dateline's place. A dotted abbreviation the gazetteer
does not know ("4:00 A.M.") is no place."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from warlog.extract.base import Doc, register_extractor
from warlog.extract.sides import country_signal
from warlog.model import Article, Evidence, PlaceMention

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MISLABELLED = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", ""})
_AMPERSAND_RE = re.compile(r"\b([A-Z][a-z]{2,})&([A-Z][a-z]{2,})\b")
_TITLE_WORDS = frozenset({"president", "minister", "mr", "mrs", "ms", "dr", "general", "spokesman"})
# "the village of Badar", "the town of Srifa": what comes after names a place
_SETTLEMENT_NOUNS = frozenset(
    {
        "village",
        "villages",
        "town",
        "towns",
        "city",
        "hamlet",
        "district",
        "province",
        "governorate",
        "county",
        "neighbourhood",
        "neighborhood",
        "suburb",
    }
)
# "the Khurais oil field", "Bagram air base": a named facility stands for its place
_FACILITY_AFTER = (
    ("oil", "field"),
    ("oil", "fields"),
    ("gas", "field"),
    ("oilfield",),
    ("refinery",),
    ("airport",),
    ("air", "base"),
    ("airbase",),
    ("power", "plant"),
    ("power", "station"),
    ("dam",),
    ("refugee", "camp"),
    ("border", "crossing"),
)
_DOTTED_RE = re.compile(r"(?:[A-Za-z]\.){2,3}")


def context_countries(doc: Doc) -> Counter[str]:
    """Countries the article is about: the country names and demonyms it uses, each with
    how often (a token and the entity that starts at it are one signal)."""
    from warlog.geo import gazetteer

    signals: dict[int, str] = {}
    for token in doc:
        if token.text[:1].isupper():
            code = country_signal(token.text)
            if code is not None:
                signals[token.idx] = code
    for ent in doc.ents:
        code = country_signal(ent.text)
        if code is None and ent.label_ == "GPE":
            code = next(
                (
                    c.country_code
                    for c in gazetteer().lookup(ent.text)
                    if c.kind == "country" and c.country_code
                ),
                None,
            )
        if code is not None:
            signals[ent.start_char] = code
    return Counter(signals.values())


def _proper_noun_runs(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of capitalised proper-noun runs outside every entity: names the NER
    missed altogether ("1. Ganja: 4 missiles")."""
    runs: list[tuple[int, int]] = []
    current: list[Any] = []
    for token in [*doc, None]:
        if (
            token is not None
            and not token.ent_type_
            and token.pos_ == "PROPN"
            and token.text[:1].isupper()
            and token.is_alpha
        ):
            current.append(token)
            continue
        if current and len(current) <= 3 and _locative_context(doc, current[0].i, current[-1].i):
            runs.append((current[0].idx, current[-1].idx + len(current[-1].text)))
        current = []
    return runs


_LOCATIVE_BEFORE = frozenset({":", ",", "and", "of", "in", "at", "near", "to", "from", "on", "."})


def _locative_context(doc: Doc, first: int, last: int) -> bool:
    """A run reads as a place: after a preposition, a list comma, or labelling a list item."""
    at = first - 1
    while at > 0 and doc[at].lower_ in _AREA_ADJECTIVES:
        at -= 1  # "in central Peshawar", "in northern Kunar"
    before = doc[at].lower_ if at >= 0 else ""
    after = doc[last + 1].text if last + 1 < len(doc) else ""
    return before in _LOCATIVE_BEFORE or after == ":"


_AREA_ADJECTIVES = frozenset(
    {
        "central",
        "downtown",
        "northern",
        "southern",
        "eastern",
        "western",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "north-eastern",
        "north-western",
        "south-eastern",
        "south-western",
        "north",
        "south",
        "east",
        "west",
        "greater",
        "rural",
        "suburban",
        "outer",
    }
)


def _named_as_place(doc: Doc, first: int, last: int) -> bool:
    """Whether the text itself calls the tokens first..last a place: "the village of X",
    "the X oil field"."""
    if first >= 2 and doc[first - 1].lower_ == "of" and doc[first - 2].lower_ in _SETTLEMENT_NOUNS:
        return True
    after = tuple(t.lower_ for t in doc[last + 1 : last + 3])
    return any(after[: len(words)] == words for words in _FACILITY_AFTER)


def _token_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The first and last token of a character span."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end - 1) if span is not None else (0, -1)


def _unknown_abbreviation(text: str) -> bool:
    """ "A.M." read as a place: a dotted abbreviation the gazetteer does not know ("U.S."
    it does)."""
    from warlog.geo import gazetteer

    return _DOTTED_RE.fullmatch(text) is not None and not gazetteer().lookup(text)


def _is_gazetteer_place(text: str, countries: set[str]) -> bool:
    """A name the NER did not call a place, accepted when the gazetteer has it in context."""
    from warlog.geo import gazetteer

    if len(text) < 3 or (text.isupper() and len(text) <= 4):
        return False  # "Li", "CMB", "BIG": initials and acronyms are rarely towns
    for candidate in gazetteer().lookup(text):
        if candidate.kind in ("country", "region"):
            return True
        if candidate.country_code in countries:
            return True
    return False


_ATTACK_VERBS = frozenset(
    {"shell", "strike", "hit", "bomb", "attack", "target", "pound", "raid", "capture", "seize"}
)
NOTABLE_TOWN_POPULATION = 100_000


def _struck_or_located(ent: Any) -> bool:
    """An entity the sentence strikes ("shelled Ganja") or puts something in ("in Ganja")."""
    head = ent.root
    if not ent.text[:1].isupper() or (ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the"):
        return False  # "the bush", "the Conception" (a boat)
    if head.dep_ == "dobj" and head.head.lemma_.lower() in _ATTACK_VERBS:
        return True
    return head.dep_ == "pobj" and head.head.lower_ in ("in", "at", "near", "into")


def _notable_town(text: str) -> bool:
    """A town of 100,000 people or more, wherever it is: a big enough name to trust when the
    parse calls it a person and the article names no country of its."""
    from warlog.geo import gazetteer

    return any(
        c.kind == "city" and c.population >= NOTABLE_TOWN_POPULATION
        for c in gazetteer().lookup(text)
    )


_LEADING = ("the ", "The ")
_TRAILING = ("'s", "\u2019s", "'")


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without a leading article or a trailing possessive ("the Soviet Union's")."""
    surface = text[start:end]
    for prefix in _LEADING:
        if surface.startswith(prefix):
            start += len(prefix)
            surface = surface[len(prefix) :]
    for suffix in _TRAILING:
        if surface.endswith(suffix) and len(surface) > len(suffix):
            end -= len(suffix)
            surface = surface[: -len(suffix)]
    return start, end


@register_extractor("places")
def extract_places(doc: Doc, article: Article) -> list[PlaceMention]:
    text: str = doc.text
    mentions: dict[tuple[int, int], PlaceMention] = {}
    countries = set(context_countries(doc))
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            if ent.label_ not in MISLABELLED or len(ent.text) > 40:
                continue
            if ent.start > 0 and doc[ent.start - 1].lower_.rstrip(".") in _TITLE_WORDS:
                continue
            start, end = trim_span(text, ent.start_char, ent.end_char)
            if start >= end or not (
                _is_gazetteer_place(text[start:end], countries)
                or (_struck_or_located(ent) and _notable_town(text[start:end]))
                or (ent.label_ != "NORP" and _named_as_place(doc, ent.start, ent.end - 1))
            ):
                continue
            mentions[(start, end)] = PlaceMention(
                text=text[start:end], label="GAZETTEER", evidence=Evidence(article.id, start, end)
            )
            continue
        start, end = trim_span(text, ent.start_char, ent.end_char)
        if start >= end or _unknown_abbreviation(text[start:end]):
            continue
        mentions[(start, end)] = PlaceMention(
            text=text[start:end],
            label=ent.label_,
            evidence=Evidence(article.id, start, end),
        )
    for start, end in _proper_noun_runs(doc):
        if any(s <= start < e or start <= s < end for s, e in mentions):
            continue
        if _is_gazetteer_place(text[start:end], countries) or _named_as_place(
            doc, *_token_range(doc, start, end)
        ):
            mentions[(start, end)] = PlaceMention(
                text=text[start:end], label="GAZETTEER", evidence=Evidence(article.id, start, end)
            )
    for match in _AMPERSAND_RE.finditer(text):
        for group in (1, 2):
            start, end = match.start(group), match.end(group)
            if _is_gazetteer_place(text[start:end], countries):
                mentions = {k: v for k, v in mentions.items() if not (k[0] <= start < k[1])}
                mentions[(start, end)] = PlaceMention(
                    text=text[start:end],
                    label="GAZETTEER",
                    evidence=Evidence(article.id, start, end),
                )
    place = article.dateline_place
    if place:
        start = text.find(place)
        if start < 0:
            start = text.upper().find(place.upper())
        if 0 <= start < 200 and not any(s <= start < e for s, e in mentions):
            end = start + len(place)
            mentions[(start, end)] = PlaceMention(
                text=text[start:end], label="DATELINE", evidence=Evidence(article.id, start, end)
            )
    return [mentions[key] for key in sorted(mentions)]
