"""Place mentions: GPE, LOC and FAC entities, plus the dateline's place."""

from __future__ import annotations

from warlog.extract.base import Doc, register_extractor
from warlog.model import Article, Evidence, PlaceMention

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
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
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        start, end = trim_span(text, ent.start_char, ent.end_char)
        if start >= end:
            continue
        mentions[(start, end)] = PlaceMention(
            text=text[start:end],
            label=ent.label_,
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
