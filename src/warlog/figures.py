"""Casualty figures in range: a figure beyond ``max_casualty_figure`` is reported, not stored.

"9223372036854775808 killed" is no figure a store should hold (SQLite's integers end at
2^63, PostgreSQL's at 2^31): such a casualty report is left out of the report, with a warning
naming the article and the figure, and the events and actors that pointed to it forget it.
"""

from __future__ import annotations

from dataclasses import replace

from warlog import settings
from warlog.model import Actor, CasualtyReport, Event


def outsized(casualty: CasualtyReport, bound: int) -> bool:
    return any(
        value is not None and abs(value) > bound
        for value in (casualty.best, casualty.low, casualty.high)
    )


def drop_outsized(
    casualties: tuple[CasualtyReport, ...],
    events: tuple[Event, ...],
    actors: tuple[Actor, ...],
    source: str,
) -> tuple[tuple[CasualtyReport, ...], tuple[Event, ...], tuple[Actor, ...], tuple[str, ...]]:
    """The records without the casualty reports whose figures are out of range, and a warning
    for each one left out."""
    bound = settings.get_int("max_casualty_figure")
    dropped = [c for c in casualties if outsized(c, bound)]
    if not dropped:
        return casualties, events, actors, ()
    gone = {c.id for c in dropped}
    warnings = tuple(
        f"{source}: the casualty figure '{c.number_text or c.best}' is over "
        f"{bound:,} (WARLOG_MAX_CASUALTY_FIGURE), so that casualty report was not stored"
        for c in dropped
    )
    kept = tuple(c for c in casualties if c.id not in gone)
    events = tuple(
        replace(e, casualties=tuple(i for i in e.casualties if i not in gone)) for e in events
    )
    actors = tuple(
        replace(a, casualties=tuple(i for i in a.casualties if i not in gone)) for a in actors
    )
    return kept, events, actors, warnings
