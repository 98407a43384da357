"""``warlog export --format csv --record KIND``: one record kind as a flat CSV table.

The columns are the fields of the jsonl export (eval/FORMAT.md names), flattened: a span
``{"start", "end"}`` becomes ``<name>_start`` and ``<name>_end``, a list is joined with "; ".
Articles are written without their text (the jsonl export carries it). A cell a spreadsheet
would evaluate as a formula is written with a leading apostrophe (warlog.export.safe).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

from warlog.export.jsonl import (
    NO_GROUPING,
    Grouping,
    actor_object,
    article_object,
    casualty_object,
    claim_object,
    event_object,
    place_object,
    temporal_object,
)
from warlog.export.safe import safe_row
from warlog.model import Report

Object = dict[str, Any]

RECORD_KINDS: dict[str, Callable[[Report, Grouping], Iterator[Object]]] = {
    "articles": lambda r, _g: iter([article_object(r.article)]),
    "places": lambda r, _g: (place_object(p) for p in r.places),
    "temporals": lambda r, _g: (temporal_object(t) for t in r.temporals),
    "claims": lambda r, _g: (claim_object(c) for c in r.claims),
    "casualties": lambda r, _g: (casualty_object(c) for c in r.casualties),
    "events": lambda r, g: (event_object(e, g) for e in r.events),
    "actors": lambda r, _g: (actor_object(a) for a in r.actors),
}
_LEFT_OUT = frozenset({"text", "reports"})  # the article text; an event's one report


def flatten(obj: Object) -> Object:
    """One CSV row from one export object."""
    row: Object = {}
    for key, value in obj.items():
        if key in _LEFT_OUT:
            continue
        if isinstance(value, dict) or (value is None and key in _SPANS):
            row[f"{key}_start"] = value["start"] if value else None
            row[f"{key}_end"] = value["end"] if value else None
        elif isinstance(value, list | tuple):
            row[key] = "; ".join(str(item) for item in value)
        else:
            row[key] = value
    return row


_SPANS = frozenset({"evidence", "source", "cue_span", "content"})


def write_table(
    reports: Iterable[Report], kind: str, out: TextIO, grouping: Grouping = NO_GROUPING
) -> int:
    """Write every record of ``kind`` (a key of RECORD_KINDS) as CSV; return the row count.
    ``grouping``: each event's incident and episode (the events' ``incident_id`` and
    ``episode_id`` columns)."""
    objects = RECORD_KINDS[kind]
    writer: csv.DictWriter[str] | None = None
    count = 0
    for report in reports:
        for obj in objects(report, grouping):
            row = flatten(obj)
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(row), lineterminator="\n")
                writer.writeheader()
            writer.writerow(safe_row(row))
            count += 1
    return count


def write_store_table(store: Any, kind: str, out: TextIO) -> int:
    """``warlog export --format csv --record KIND``: every record of ``kind`` in ``store``."""
    from warlog.export.views import store_grouping

    grouping = store_grouping(store) if kind == "events" else NO_GROUPING
    return write_table(store.reports(), kind, out, grouping)
