"""Episodes: incidents of one theatre that follow each other, e.g. a short military campaign.

An incident is one real-world event (warlog.link.rule). An episode groups incidents one level
up, the way the Wikinews corpus groups its articles ("the same short military episode") and a
situation report groups a week's strikes: an ambush and the cross-border air strikes that answer
it, a war's strikes reported every few days.

Two incidents are in one episode when both hold:
- they are day-dated at most ``episode_gap_days`` apart;
- one happened in a country of the other's *theatre*: the country it happened in, and the side
  that carried it out. A Turkish strike in Iraq and a PKK ambush in Turkey share a theatre
  (Turkey); two US strikes, one in Pakistan and one in Iraq, do not (neither happened in the
  other's country or was carried out by its side).

Episodes are the connected components of that relation (single linkage), so they do not depend
on the order incidents arrive in, and a war reported every few days is one episode. An incident
dated only to a month or a year, or placed nowhere, is an episode of its own.
"""

from __future__ import annotations

import datetime as dt
import itertools
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable

from warlog import settings
from warlog.model import DatePrecision, Episode, Incident


def _day(incident: Incident) -> dt.date | None:
    if incident.date is None or incident.date.precision is not DatePrecision.DAY:
        return None
    return dt.date.fromisoformat(incident.date.value)


class _Components:
    def __init__(self, keys: Iterable[str]) -> None:
        self._parent = {key: key for key in keys}

    def find(self, key: str) -> str:
        while self._parent[key] != key:
            self._parent[key] = self._parent[self._parent[key]]
            key = self._parent[key]
        return key

    def join(self, first: str, second: str) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            self._parent[max(a, b)] = min(a, b)


def group_episodes(incidents: Iterable[Incident], gap_days: int | None = None) -> list[Episode]:
    """The episodes these incidents form, earliest first."""
    gap = dt.timedelta(days=settings.get_int("episode_gap_days") if gap_days is None else gap_days)
    by_id = {incident.id: incident for incident in incidents}
    components = _Components(by_id)
    placed_in: dict[str, list[tuple[dt.date, str]]] = defaultdict(list)
    for incident in by_id.values():
        day = _day(incident)
        if day is not None and incident.country_code:
            placed_in[incident.country_code].append((day, incident.id))
    for members in placed_in.values():
        members.sort()
        for (day, key), (next_day, next_key) in itertools.pairwise(members):
            if next_day - day <= gap:
                components.join(key, next_key)
    for incident in by_id.values():
        day = _day(incident)
        side = incident.actor1_side
        if day is None or not side or side == incident.country_code or side not in placed_in:
            continue
        # carried out by a side, elsewhere: it joins that side's country's incidents nearest
        # before and after it (those between are already chained to them)
        members = placed_in[side]
        before = bisect_right(members, (day, "\uffff")) - 1
        after = bisect_left(members, (day, ""))
        for index in (before, after):
            if 0 <= index < len(members) and abs(members[index][0] - day) <= gap:
                components.join(incident.id, members[index][1])
    grouped: dict[str, list[Incident]] = defaultdict(list)
    for key, incident in by_id.items():
        grouped[components.find(key)].append(incident)
    episodes = [_episode(key, members) for key, members in grouped.items()]
    return sorted(episodes, key=lambda e: (e.first or "9999", e.id))


def _episode(key: str, members: list[Incident]) -> Episode:
    members.sort(key=lambda i: ((i.date.value if i.date else "9999"), i.id))
    dates = [i.date.value for i in members if i.date]
    countries = Counter(i.country_code for i in members if i.country_code)
    sides = Counter(i.actor1_side for i in members if i.actor1_side)
    return Episode(
        id=f"ep-{key}",
        first=min(dates) if dates else None,
        last=max(dates) if dates else None,
        countries=tuple(code for code, _ in countries.most_common()),
        sides=tuple(code for code, _ in sides.most_common()),
        incidents=tuple(i.id for i in members),
        articles=tuple(dict.fromkeys(r.article_id for i in members for r in i.reports)),
        reports=sum(len(i.reports) for i in members),
    )


EPISODE_COLUMNS = ("from", "to", "where", "by", "events", "articles")


def episode_row(episode: Episode) -> tuple[str, ...]:
    """An episode as a table row (EPISODE_COLUMNS): first and last day, countries, sides, how
    many events and articles."""
    return (
        episode.first or "-",
        episode.last or "-",
        ", ".join(episode.countries) or "-",
        ", ".join(episode.sides) or "-",
        str(len(episode.incidents)),
        str(len(episode.articles)),
    )
