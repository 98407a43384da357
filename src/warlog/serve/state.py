"""What the web app works out from the whole store, once per state of the store.

Building every incident of a store from its events takes time in proportion to the store
(about a second for 10,000 incidents, docs/performance.md), and the map, the incident list and the
exports all start from the incidents. So the app builds them once, with the casualty
reports, map markers, episodes, actor records and actor summaries they need, and keeps them until
:meth:`warlog.store.Store.state` (the numbers of articles, events and incidents and the
latest analysis time, one cheap query per request) says the store changed: an ingest, an
upload, a load or a reanalysis. A request then selects incidents with the store's SQL
filters (:meth:`~warlog.store.Store.incident_ids`) and takes the built incidents of the ids
it gets, so it answers as :meth:`~warlog.store.Store.incidents` would."""

from __future__ import annotations

import threading
from functools import cached_property
from typing import Any

from warlog.export.jsonl import Grouping
from warlog.model import Actor, CasualtyReport, Episode, Incident
from warlog.store import Store
from warlog.store.store import ActorSummary


class StoreState:
    """The store's incidents and what is worked out from them, at one state of the store;
    the parts a request may not need are worked out when first asked for."""

    def __init__(self, store: Store, key: tuple[Any, ...]) -> None:
        self.key = key
        self._store = store
        self.incidents: tuple[Incident, ...] = tuple(store.incidents())  # oldest first
        self.by_id: dict[str, Incident] = {i.id: i for i in self.incidents}
        self.casualties: dict[str, CasualtyReport] = {c.id: c for c in store.casualties()}

    def incidents_of(self, keys: list[str]) -> list[Incident]:
        """The built incidents of these ids (an id the state does not know is skipped: the
        store changed since, and the next request sees the new state)."""
        return [self.by_id[key] for key in keys if key in self.by_id]

    @cached_property
    def points(self) -> dict[str, dict[str, Any]]:
        """Each incident's map marker, by incident id."""
        from warlog.serve.query import map_point

        return {i.id: map_point(i, self.casualties) for i in self.incidents}

    @cached_property
    def days(self) -> dict[str, str | None]:
        """Each incident's day on the timeline, by incident id."""
        from warlog.serve.query import day_of

        return {i.id: day_of(i) for i in self.incidents}

    @cached_property
    def killed(self) -> dict[str, tuple[tuple[str, int], ...]]:
        """Each incident's killed per victims' side (warlog.serve.query.killed_of)."""
        from warlog.serve.query import killed_of

        return {i.id: killed_of(i, self.casualties) for i in self.incidents}

    @cached_property
    def episodes(self) -> tuple[Episode, ...]:
        from warlog.link.episodes import group_episodes

        return tuple(group_episodes(list(self.incidents)))

    @cached_property
    def grouping(self) -> Grouping:
        """Each event's incident and each incident's episode (the records' ``incident_id``
        and ``episode_id``)."""
        return Grouping.of(self.incidents, self.episodes)

    @cached_property
    def episode_of(self) -> dict[str, Episode]:
        """The episode of each incident, by incident id."""
        return {i: e for e in self.episodes for i in e.incidents}

    @cached_property
    def actor_records(self) -> tuple[Actor, ...]:
        """Every article's actors, in article and text order (the ACLED export's names)."""
        return tuple(self._store.actor_records())

    @cached_property
    def actor_summaries(self) -> dict[str, ActorSummary]:
        """Each canonical actor's summary (warlog actors), by name."""
        return {summary.name: summary for summary in self._store.actors()}

    @cached_property
    def facets(self) -> dict[str, list[str]]:
        """The values the map's filter menus offer."""
        from warlog.serve.query import facets

        return facets(self._store)


class StoreCache:
    """The :class:`StoreState` of the store's current state, built again when it changes;
    threads asking at once for a new state wait for one build of it."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._state: StoreState | None = None
        self._lock = threading.Lock()

    def current(self) -> StoreState:
        key = self.store.state()
        state = self._state
        if state is not None and state.key == key:
            return state
        with self._lock:
            state = self._state
            if state is None or state.key != key:
                state = StoreState(self.store, key)
                self._state = state  # one assignment: threads see the old state or the new
        return state
