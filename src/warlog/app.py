"""The ``Warlog`` object: one warlog with its settings, its spaCy pipeline and its store.

>>> from warlog import Warlog
>>> with Warlog(db="warlog.db", link_day_window=3) as app:
...     app.ingest(["examples/articles"])
...     rows = app.events(since="2020-10-01", country="AZ")   # the events list's data
...     page = app.incident(rows[0]["id"])                    # an incident page's data

Settings are given by name (``warlog.settings.SETTINGS``); those not given come from their
environment variables, then their defaults. The pipeline and the store are opened on first
use. The view methods (``events``, ``incident``, ``article``, ``actor``, ``episode``,
``show``) return the JSON data of a page, in the record shapes of ``warlog export --format
jsonl`` (``warlog.export.views``); the record methods (``incidents``, ``episodes``,
``claims``, ...) return records for a table. The CLI and the web app only render them.

Filters mean one thing everywhere: ``country`` is where an incident happened (its place's
ISO 3166-1 alpha-2 code), ``side`` the side of its perpetrator.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, ParamSpec, TextIO, TypeVar

from warlog import settings as settings_table
from warlog.errors import ConfigError
from warlog.model import Actor, CasualtyReport, Claim, Episode, Event, Incident, Report

if TYPE_CHECKING:
    from warlog.export.report import SituationReport
    from warlog.ingest import Upload
    from warlog.nlp import Language
    from warlog.store import IngestResult, Migration, Store
    from warlog.store.reanalyse import ReanalyseResult
    from warlog.store.store import ActorSummary, ArticleSummary, PlaceCount

Object = dict[str, Any]
P = ParamSpec("P")
R = TypeVar("R")

EXPORT_FORMATS = ("jsonl", "acled", "geojson", "csv")

FoundKind = Literal["episode", "incident", "event", "actor", "article", "claim", "casualty_report"]


@dataclass(frozen=True, slots=True)
class Found:
    """What an id names (``Warlog.find``): its ``kind``, the ``record`` itself, the article
    ``report`` holding it (a record of one article) and, for an episode or incident, its
    incidents or the reports of it."""

    kind: FoundKind
    record: Any
    report: Report | None = None
    incidents: list[Incident] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)


def _applying(method: Callable[P, R]) -> Callable[P, R]:
    """Run a method with its Warlog's settings applied (``warlog.settings.applied``)."""

    @functools.wraps(method)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        app = args[0]
        assert isinstance(app, Warlog)
        with settings_table.applied(app.settings):
            return method(*args, **kwargs)

    return run


class Warlog:
    """One warlog: its settings, its spaCy pipeline and its store (both opened on first use).

    ``db`` is the store (a SQLite file or a ``postgresql://`` URL; the ``db`` setting when
    not given); ``read_only=True`` only reads it (a missing store is an error). Any other
    keyword is a setting by name (``Warlog(link_day_window=3)``), as is each key of
    ``settings``; an unknown one is a ConfigError. ``nlp``: a spaCy pipeline to use
    instead of loading ``spacy_model``."""

    def __init__(
        self,
        db: str | Path | None = None,
        *,
        read_only: bool = False,
        nlp: Language | None = None,
        settings: Mapping[str, str | int] | None = None,
        **overrides: str | int,
    ) -> None:
        given = {**(settings or {}), **overrides}
        if db is not None:
            given["db"] = str(db)
        self.settings: Mapping[str, str | int] = settings_table.resolve(given)
        self.read_only = read_only
        self._nlp = nlp
        self._store: Store | None = None

    @classmethod
    def from_settings(
        cls,
        values: Mapping[str, str | int],
        *,
        read_only: bool = False,
        nlp: Language | None = None,
    ) -> Warlog:
        """A Warlog from a mapping of setting names to values (e.g. read from a file)."""
        return cls(read_only=read_only, nlp=nlp, settings=values)

    def setting(self, name: str) -> str | int:
        """The value of one setting for this warlog."""
        return self.settings[name]

    def __repr__(self) -> str:
        return f"Warlog(db={self.settings['db']!r}, read_only={self.read_only})"

    # -- what it owns ----------------------------------------------------------------------

    @property
    @_applying
    def nlp(self) -> Language:
        """The spaCy pipeline (``spacy_model``), loaded once per process on first use."""
        if self._nlp is None:
            from warlog.nlp import load_pipeline

            self._nlp = load_pipeline(str(self.settings["spacy_model"]))
        return self._nlp

    @property
    @_applying
    def store(self) -> Store:
        """The store (the ``db`` setting), opened on first use."""
        if self._store is None:
            from warlog.store import open_store

            self._store = open_store(str(self.settings["db"]), read_only=self.read_only)
        return self._store

    def close(self) -> None:
        """Close the store if it was opened."""
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> Warlog:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- reading and storing ---------------------------------------------------------------

    @_applying
    def read(self, text: str, **options: Any) -> Report:
        """Everything warlog finds in one article, without the store (``warlog.read``;
        options: ``published``, ``url``, ``headline``, ``outlet``)."""
        from warlog.pipeline import read

        return read(text, nlp=self.nlp, **options)

    @_applying
    def ingest(
        self,
        sources: Iterable[str | Path | Upload],
        *,
        published: str | None = None,
        encoding: str | None = None,
        on_item: Callable[[str], None] | None = None,
    ) -> IngestResult:
        """Read, analyse and store articles (``warlog.store.ingest.ingest``); re-ingesting
        an article is a no-op."""
        from warlog.store.ingest import ingest

        return ingest(
            self.store,
            sources,
            published=published,
            encoding=encoding,
            nlp=self._nlp,  # None: loaded (``spacy_model``) once there is an article to parse
            on_item=on_item,
        )

    @_applying
    def reanalyse(
        self, *, everything: bool = False, on_item: Callable[[str], None] | None = None
    ) -> ReanalyseResult:
        """Analyse again the stored articles another warlog version analysed (all of them
        with ``everything``)."""
        from warlog.store.reanalyse import reanalyse

        return reanalyse(self.store, everything=everything, on_item=on_item)

    @_applying
    def migrate(self, *, check: bool = False) -> Migration:
        """Bring the store (the ``db`` setting; it must exist) to this warlog's schema
        version, as any writer does on opening it (``warlog.store.migrate_store``); with
        ``check`` only say whether it needs that, writing nothing."""
        from warlog.store import migrate_store

        return migrate_store(str(self.settings["db"]), check=check)

    @_applying
    def load(self, lines: Iterable[str], source: str) -> tuple[int, int]:
        """Load the lines of a ``jsonl`` export (named ``source`` in errors) into the store,
        with its incidents: (articles added, articles already there)."""
        from warlog.export.load import load_jsonl

        return load_jsonl(self.store, lines, source)

    @_applying
    def stale_articles(self) -> list[str]:
        """Ids of the stored articles another warlog version analysed."""
        return self.store.stale_articles()

    # -- records, for tables -----------------------------------------------------------------

    @_applying
    def articles(self) -> list[ArticleSummary]:
        """A summary of each stored article."""
        return self.store.article_summaries()

    @_applying
    def places(self) -> list[PlaceCount]:
        """The places named in the stored articles, most mentioned first."""
        return self.store.places()

    @_applying
    def incidents(
        self,
        since: str | None = None,
        until: str | None = None,
        event_type: str | None = None,
        country: str | None = None,
        side: str | None = None,
        actor: str | None = None,
        status: str | None = None,
    ) -> list[Incident]:
        """The incidents the filters select, oldest first: dated in [since, until], of an
        ACLED type (or its start), in a ``country``, by a perpetrator of a ``side``, with an
        actor whose name holds ``actor``, of a ``status``."""
        from warlog.store.filters import country_filter

        country = country_filter("--country", country)
        side = country_filter("--side", side)
        found = self.store.incidents(
            since=since,
            until=until,
            event_type=event_type,
            country=country,
            side=side,
            actor=actor,
        )
        return [incident for incident in found if status is None or incident.status == status]

    @_applying
    def episodes(
        self,
        since: str | None = None,
        until: str | None = None,
        country: str | None = None,
        side: str | None = None,
    ) -> list[Episode]:
        """The episodes of the incidents dated in [since, until] with an incident in a
        ``country`` and by a perpetrator of a ``side`` (Store.episodes)."""
        return self.store.episodes(since=since, until=until, country=country, side=side)

    @_applying
    def claims(self, stance: str | None = None, side: str | None = None) -> list[tuple[Claim, str]]:
        """The stored claims (by stance and speaker side), each with its evidence sentence."""
        from warlog.export.views import claims_with_evidence

        return claims_with_evidence(self.store, stance=stance, side=side)

    @_applying
    def casualties(self, side: str | None = None, kind: str | None = None) -> list[CasualtyReport]:
        """The stored casualty reports (by whose casualties and kind)."""
        return self.store.casualties(side=side, kind=kind)

    @_applying
    def actors(
        self, side: str | None = None, kind: str | None = None, name: str | None = None
    ) -> list[ActorSummary]:
        """Canonical actors over every article (by side, kind and part of the name)."""
        return self.store.actors(side=side, kind=kind, name=name)

    @_applying
    def find(self, record_id: str) -> Found:
        """What an id names: an episode (``ep-...``), an incident (its id or any of its
        events' ids), a claim, casualty report or actor of an article, or an article (its
        id or the id's start)."""
        if record_id.startswith("ep-"):
            episode, members = self.store.episode(record_id)
            return Found("episode", episode, incidents=members)
        if "-ev-" in record_id:
            incident, reports = self.store.incident(record_id)
            return Found("incident", incident, reports=reports)
        report, record = self.store.find(record_id)
        kind: FoundKind = "article"
        if isinstance(record, Event):
            kind = "event"
        elif isinstance(record, Actor):
            kind = "actor"
        elif isinstance(record, Claim):
            kind = "claim"
        elif isinstance(record, CasualtyReport):
            kind = "casualty_report"
        return Found(kind, record, report=report)

    # -- the data of each view ---------------------------------------------------------------

    @_applying
    def events(
        self,
        since: str | None = None,
        until: str | None = None,
        event_type: str | None = None,
        country: str | None = None,
        side: str | None = None,
        actor: str | None = None,
        status: str | None = None,
    ) -> list[Object]:
        """The events list (``warlog events --json``): an object per incident the filters
        select (as ``incidents``)."""
        from warlog.export.views import cited_casualties, incident_rows, store_grouping

        found = self.incidents(since, until, event_type, country, side, actor, status)
        return incident_rows(found, cited_casualties(self.store, found), store_grouping(self.store))

    @_applying
    def incident(self, incident_id: str) -> Object:
        """An incident's page (``/events/ID.json``): the incident and each report of it."""
        from warlog.export.views import incident_view, store_grouping

        incident, reports = self.store.incident(incident_id)
        return incident_view(incident, reports, store_grouping(self.store))

    @_applying
    def article(self, article_id: str) -> Object:
        """An article's page (``/articles/ID.json``): the article and every record in it."""
        from warlog.export.views import article_view, store_grouping

        report = self.store.report(self.store.resolve_article_id(article_id))
        return article_view(report, store_grouping(self.store))

    @_applying
    def episode(self, episode_id: str) -> Object:
        """An episode's page (``/episodes/ID.json``): the episode and its incidents."""
        from warlog.export.views import cited_casualties, episode_view, store_grouping

        episode, members = self.store.episode(episode_id)
        casualties = cited_casualties(self.store, members)
        return episode_view(episode, members, casualties, store_grouping(self.store))

    @_applying
    def actor(self, name: str) -> Object:
        """An actor's page (``/actors/NAME.json``): the canonical actor of this name and the
        incidents it took part in."""
        from warlog.errors import StoreError, StoreErrors
        from warlog.export.views import (
            actor_summary_object,
            cited_casualties,
            incident_rows,
            store_grouping,
        )

        summary = next((a for a in self.store.actors(name=name) if a.name == name), None)
        if summary is None:
            raise StoreError(StoreErrors.W227, name=name)
        found = self.store.incidents(actor=name)
        rows = incident_rows(found, cited_casualties(self.store, found), store_grouping(self.store))
        return {"actor": actor_summary_object(summary), "events": rows}

    @_applying
    def show(self, record_id: str) -> Object:
        """What ``warlog show ID --json`` prints for any id (``find``): an episode's or an
        incident's page, a claim's or casualty report's object, an actor's view in its
        article or an article's page."""
        from warlog.export.views import show_object

        return show_object(self.store, record_id)

    # -- exports and reports -------------------------------------------------------------------

    @_applying
    def export(self, export_format: str, out: TextIO | Path, record: str | None = None) -> int:
        """Write the store to ``out`` (a text stream, or a file path written only once the
        store is open): every record (``jsonl``), the incidents as ACLED-style CSV
        (``acled``) or GeoJSON (``geojson``), or one record kind as a CSV table (``csv``
        with ``record``). Returns how many records were written."""
        from warlog.export.tables import RECORD_KINDS

        if export_format not in EXPORT_FORMATS:
            raise ConfigError(
                f"unknown format '{export_format}'; use one of: " + ", ".join(EXPORT_FORMATS)
            )
        if export_format == "csv" and record not in RECORD_KINDS:
            raise ConfigError("--format csv needs --record, one of: " + ", ".join(RECORD_KINDS))
        store = self.store
        if isinstance(out, Path):
            with out.open("w", encoding="utf-8", newline="") as stream:
                return self._write(store, export_format, stream, record)
        return self._write(store, export_format, out, record)

    @staticmethod
    def _write(store: Store, export_format: str, out: TextIO, record: str | None) -> int:
        from warlog.export.acled import write_acled, write_store_geojson
        from warlog.export.jsonl import write_store_jsonl
        from warlog.export.tables import write_store_table

        if export_format == "jsonl":
            return write_store_jsonl(store, out)
        if export_format == "geojson":
            return write_store_geojson(store, out)
        if export_format == "csv":
            assert record is not None
            return write_store_table(store, record, out)
        casualties = {c.id: c for c in store.casualties()}
        return write_acled(store.incidents(), casualties, out, store.actor_records())

    @_applying
    def situation(
        self,
        since: str | None = None,
        until: str | None = None,
        country: str | None = None,
        near: str | None = None,
        km: float = 50.0,
    ) -> SituationReport:
        """A situation report of the incidents in a ``country`` (or ``near`` a place) dated
        in [since, until] (``warlog.export.report``)."""
        from warlog.export.report import build_report

        return build_report(self.store, since, until, country, near, km)
