"""An article's text with every extracted span marked, built from the records' offsets.

The result is a flat list of pieces (open a mark, text, close a mark) that the template turns
into properly nested elements; the text is never HTML, so the template escapes all of it.
Spans that cross each other are split, so each element nests inside the ones around it."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from warlog.model import Report
from warlog.store.rows import record_id

# kind -> (legend label, rank: lower ranks enclose higher ones on the same characters)
KINDS: dict[str, tuple[str, int]] = {
    "claim": ("claim sentence", 0),
    "event": ("event sentence", 0),
    "casualty-sentence": ("casualty sentence", 0),
    "claim-content": ("claim content", 1),
    "claim-source": ("claim source", 2),
    "claim-cue": ("claim cue", 2),
    "trigger": ("event trigger", 3),
    "casualty": ("casualty figure", 3),
    "place": ("place", 4),
    "date": ("date", 4),
}
LEGEND = tuple(
    (kind, label) for kind, (label, _rank) in KINDS.items() if kind != "casualty-sentence"
)


@dataclass(frozen=True, slots=True)
class Span:
    """A marked stretch of the text: its kind, the record it belongs to and a tooltip."""

    start: int
    end: int
    kind: str
    record: str  # the id of the record's entry on the page (rec-...)
    anchor: str  # the id given to the span's first element
    title: str


@dataclass(frozen=True, slots=True)
class Piece:
    """``open`` a span (``first``: its first element), ``text``, or ``close`` the last open."""

    action: Literal["open", "text", "close"]
    span: Span | None = None
    text: str = ""
    first: bool = False


def _within(text: str, needle: str, start: int, end: int) -> tuple[int, int] | None:
    """Where ``needle`` is inside ``text[start:end]`` (case-insensitive), if it is."""
    if not needle:
        return None
    found = text.lower().find(needle.lower(), start, end)
    return (found, found + len(needle)) if found >= 0 else None


def spans_of(report: Report) -> list[Span]:
    """Every span the records of one article give, each tied to its record."""
    text = report.article.text
    spans: list[Span] = []

    def add(start: int, end: int, kind: str, record: str, anchor: str, title: str) -> None:
        if 0 <= start < end <= len(text):
            spans.append(Span(start, end, kind, record, anchor, title))

    for place in report.places:
        e = place.evidence
        key = record_id(e.article_id, "pl", e.start, e.end)
        where = place.name or place.text
        add(e.start, e.end, "place", f"rec-{key}", f"h-{key}", f"place: {where}")
    for temporal in report.temporals:
        e = temporal.evidence
        key = record_id(e.article_id, "tx", e.start, e.end)
        when = temporal.date.value if temporal.date else "no date"
        add(e.start, e.end, "date", f"rec-{key}", f"h-{key}", f"date: {when}")
    for claim in report.claims:
        e = claim.evidence
        record = f"rec-{claim.id}"
        title = f"claim: {claim.speaker} ({claim.stance}, {claim.channel})"
        add(e.start, e.end, "claim", record, f"claim-{claim.id}", title)
        for kind, part in (
            ("claim-source", claim.source),
            ("claim-cue", claim.cue_span),
            ("claim-content", claim.content),
        ):
            if part is not None:
                add(part.start, part.end, kind, record, f"{kind}-{claim.id}", title)
    for event in report.events:
        e = event.evidence
        record = f"rec-{event.id}"
        title = f"event: {event.sub_type} ({event.status})"
        add(e.start, e.end, "event", record, f"event-{event.id}", title)
        trigger = _within(text, event.trigger, e.start, e.end)
        if trigger:
            add(*trigger, "trigger", record, f"trigger-{event.id}", title)
    for casualty in report.casualties:
        e = casualty.evidence
        record = f"rec-{casualty.id}"
        title = f"casualties: {casualty.kind} {casualty.number_text} ({casualty.victims})"
        add(e.start, e.end, "casualty-sentence", record, f"casualty-{casualty.id}", title)
        figure = _within(text, casualty.number_text, e.start, e.end)
        if figure:
            add(*figure, "casualty", record, f"figure-{casualty.id}", title)
    return spans


def pieces(text: str, spans: list[Span]) -> list[Piece]:
    """The text cut at every span boundary, with the spans opened and closed around each cut
    so that elements nest: outer spans (earlier start, later end, lower rank) open first."""

    def order(span: Span) -> tuple[int, int, int, str]:
        return (span.start, -span.end, KINDS[span.kind][1], span.anchor)

    ranked = sorted(set(spans), key=order)
    cuts = sorted({0, len(text), *(s.start for s in ranked), *(s.end for s in ranked)})
    out: list[Piece] = []
    stack: list[Span] = []
    opened: set[Span] = set()
    for left, right in pairwise(cuts):
        wanted = [s for s in ranked if s.start <= left and right <= s.end]
        keep = 0
        while keep < len(stack) and keep < len(wanted) and stack[keep] == wanted[keep]:
            keep += 1
        while len(stack) > keep:
            stack.pop()
            out.append(Piece("close"))
        for span in wanted[keep:]:
            out.append(Piece("open", span=span, first=span not in opened))
            opened.add(span)
            stack.append(span)
        out.append(Piece("text", text=text[left:right]))
    out.extend(Piece("close") for _ in stack)
    return out
