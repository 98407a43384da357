"""The store: SQLite by default (one file, WAL). Queries return records, never rows."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, bindparam, create_engine, event, func, select
from sqlalchemy.exc import DatabaseError, OperationalError

from warlog.errors import StoreError, StoreErrors
from warlog.link.episodes import group_episodes
from warlog.link.rule import LinkRule
from warlog.model import (
    Actor,
    Article,
    CasualtyReport,
    Claim,
    Episode,
    Event,
    Incident,
    Report,
)
from warlog.store import rows, schema, search
from warlog.store.filters import country_filter, date_filter


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One line of ``warlog articles``."""

    id: str
    headline: str | None
    source: str | None
    published: str | None
    dateline_place: str | None
    places: int
    temporals: int


@dataclass(frozen=True, slots=True)
class PlaceCount:
    """One line of ``warlog places``: a place name and how often it is mentioned."""

    text: str
    label: str
    mentions: int
    articles: int
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    feature_kind: str | None = None
    # placed only near where the text is: a village the gazetteer lacks (no GeoNames id)
    approximate: bool = False


@dataclass(frozen=True, slots=True)
class ActorSummary:
    """One line of ``warlog actors``: a canonical actor over every article naming it."""

    name: str
    kind: str
    side: str | None
    articles: int
    claims: int
    events: int
    casualties: int
    titles: tuple[str, ...]
    mentions: tuple[str, ...]
    ids: tuple[str, ...]  # its per-article actor records

    @property
    def records(self) -> int:
        return self.claims + self.events + self.casualties

    @classmethod
    def of(cls, actors: list[Actor]) -> ActorSummary:
        sides = [a.side for a in actors if a.side]
        kinds = [a.kind for a in actors]
        return cls(
            name=actors[0].name,
            kind=max(dict.fromkeys(kinds), key=kinds.count),
            side=max(dict.fromkeys(sides), key=sides.count) if sides else None,
            articles=len({a.evidence.article_id for a in actors}),
            claims=sum(len(a.claims) for a in actors),
            events=sum(len(a.events) for a in actors),
            casualties=sum(len(a.casualties) for a in actors),
            titles=tuple(dict.fromkeys(t for a in actors for t in a.titles)),
            mentions=tuple(dict.fromkeys(m for a in actors for m in a.mentions)),
            ids=tuple(a.id for a in actors),
        )


def _event_filters(
    query: Any,
    since: str | None,
    until: str | None,
    event_type: str | None,
    side: str | None,
) -> Any:
    """Where-clauses on stored events: date range, ACLED type (a prefix), perpetrator side."""
    table = schema.events
    check_filters(since, until, side=side)
    if since:
        query = query.where(table.c.date >= since)
    if until:
        query = query.where(table.c.date <= until + "~")
    if event_type:
        query = query.where(
            func.lower(table.c.type).startswith(event_type.lower(), autoescape=True)
        )
    if side:
        query = query.where(table.c.actor1_side == side.upper())
    return query


def check_filters(
    since: str | None, until: str | None, country: str | None = None, side: str | None = None
) -> None:
    """A malformed date, country or side filter is an error naming it (warlog.store.filters)."""
    date_filter("--since", since)
    date_filter("--until", until)
    country_filter("--country", country)
    country_filter("--side", side)


def incidents_passing(
    incidents: Iterable[Incident],
    since: str | None = None,
    until: str | None = None,
    event_type: str | None = None,
    country: str | None = None,
    side: str | None = None,
) -> list[Incident]:
    """The incident-level test of :meth:`Store.incidents`: the incidents whose own date,
    ACLED type, country (where it happened) and perpetrator side (what their reports add up
    to) pass the filters, oldest first."""
    selected = [
        incident
        for incident in incidents
        if (not since or (incident.date is not None and incident.date.value >= since))
        and (
            not until or (incident.date is not None and incident.date.value[: len(until)] <= until)
        )
        and (not event_type or incident.type.lower().startswith(event_type.lower()))
        and (not country or incident.country_code == country.upper())
        and (not side or incident.actor1_side == side.upper())
    ]
    return sorted(selected, key=lambda i: (i.date.value if i.date else "", i.id))


def _postgresql_engine(dsn: str, read_only: bool = False) -> Engine:
    """A PostgreSQL store (psycopg 3), for many writers sharing one database; a reader's
    sessions are read-only transactions."""
    from warlog.extras import require

    require("psycopg")  # else SQLAlchemy's ImportError: pip install 'warlog[postgres]'
    url = dsn.replace("postgres://", "postgresql://", 1)
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    connect_args = {"options": "-c default_transaction_read_only=on"} if read_only else {}
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args)


def _redacted(location: str) -> str:
    """A store location without the password of a DSN."""
    import re

    location = re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", location)
    return re.sub(r"(?i)(password=)[^&\s]*", r"\1***", location)


def _now(timespec: str = "seconds") -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec=timespec)


def _sqlite_engine(path: Path, read_only: bool = False) -> Engine:
    if path.is_dir():
        raise StoreError(StoreErrors.W202, path=path)
    if read_only:
        return _sqlite_reader(path)
    if not path.parent.exists():
        raise StoreError(StoreErrors.W203, folder=path.parent, path=path)
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _pragmas(connection: Any, _record: Any) -> None:
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return engine


def _sqlite_reader(path: Path) -> Engine:
    """A read-only SQLite engine: nothing is created (not the store, not a lock file), and a
    store in a folder the reader cannot write to is read as it is."""
    import os
    import sqlite3
    from urllib.parse import quote

    if not path.exists():
        raise StoreError(StoreErrors.W204, path=path)
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    folder_writable = os.access(path.resolve().parent, os.W_OK)
    if not folder_writable:  # no -shm can be made beside it: nobody is writing it either
        uri += "&immutable=1"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    return create_engine("sqlite://", creator=connect)


def _date_window(event: Event, rule: LinkRule | None = None) -> dict[str, str]:
    """The dates the rule could link to a dated event's, as ranges and values of the index
    on (type, date): for a day, the days ``low``-``high`` at most ``rule.search_days`` away,
    then its ``month`` and its ``year``; for a month, its days and itself, then its year; for
    a year, every date in it. Dates compare as strings ("2020-10" < "2020-10-04" <
    "2020-10~")."""
    from warlog.dates import to_date

    assert event.date is not None
    value = event.date.value
    if event.date.precision.value != "day":
        window = {"low": value, "high": value + "~"}
        return window if len(value) == 4 else {**window, "year": value[:4]}
    days = (rule or LinkRule.from_settings()).search_days
    day = to_date(event.date)
    try:
        low = day - dt.timedelta(days=days)
    except OverflowError:  # near year 1: the window starts at the first day there is
        low = dt.date.min
    try:
        high = day + dt.timedelta(days=days)
    except OverflowError:
        high = dt.date.max
    return {"low": low.isoformat(), "high": high.isoformat(), "month": value[:7], "year": value[:4]}


def _in_box(table: Any, box: tuple[float, float, float, float]) -> Any:
    """A SQL filter on events placed inside a latitude/longitude box."""
    from sqlalchemy import and_, or_

    south, north, west, east = box
    lon = table.c.lon
    across = west > east  # the box crosses the antimeridian
    return and_(
        table.c.lat.between(south, north),
        or_(lon >= west, lon <= east) if across else lon.between(west, east),
    )


def _place_box(event: Event, rule: LinkRule) -> dict[str, Any]:
    """What places the rule could link to an event's (warlog.link.rule): its GeoNames id;
    its ``country``, or no country when it has none (a name in common, or both placed only
    at the country); or, for a point, a box around it holding every point at most
    ``rule.search_km`` away (a little more: the rule then measures the distance); near a
    pole or across the antimeridian, the box spans every longitude."""
    import math

    found: dict[str, Any] = {} if event.country_code is None else {"country": event.country_code}
    if event.geonameid is not None:
        found["geonameid"] = event.geonameid
    if event.lat is None or event.lon is None:
        return found
    radius = (rule.search_km + 1.0) / EARTH_RADIUS_KM  # radians, 1 km to spare
    dlat = math.degrees(radius)
    found |= {"south": event.lat - dlat, "north": event.lat + dlat}
    if abs(event.lat) + dlat < 89.0:
        dlon = math.degrees(
            math.asin(min(1.0, math.sin(radius) / math.cos(math.radians(event.lat))))
        )
        if event.lon - dlon >= -180.0 and event.lon + dlon <= 180.0:
            found |= {"west": event.lon - dlon, "east": event.lon + dlon}
    return found


_CANDIDATE_QUERIES: dict[tuple[str, ...], Any] = {}


def candidate_query(new: Event, rule: LinkRule) -> tuple[Any, dict[str, Any]]:
    """The query for the stored events the rule could link to ``new`` (a dated event), and
    its parameters: narrowed in SQL by type, date and place, each date range read through
    the index on (type, date) (an OR of them would read every date of the type), only the
    columns the rule reads (``rows.LINK_COLUMNS``). A superset of what the rule links. The
    queries are built once per shape (which ranges and places there are), so SQLAlchemy
    compiles each once."""
    from sqlalchemy import and_, or_, union

    parameters: dict[str, Any] = {
        "type": new.type,
        "article_id": new.evidence.article_id,
        **_date_window(new, rule),
        **_place_box(new, rule),
    }
    shape = tuple(sorted(parameters))
    query = _CANDIDATE_QUERIES.get(shape)
    if query is None:
        table = schema.events
        places = [
            table.c.country_code == bindparam("country")
            if "country" in parameters
            else table.c.country_code.is_(None)
        ]
        if "geonameid" in parameters:
            places.append(table.c.geonameid == bindparam("geonameid"))
        if "south" in parameters:
            box = [table.c.lat >= bindparam("south"), table.c.lat <= bindparam("north")]
            if "west" in parameters:
                box += [table.c.lon >= bindparam("west"), table.c.lon <= bindparam("east")]
            places.append(and_(*box))
        where = (
            table.c.type == bindparam("type"),
            table.c.article_id != bindparam("article_id"),
            or_(*places),
        )
        dates = [and_(table.c.date >= bindparam("low"), table.c.date <= bindparam("high"))]
        if "month" in parameters:
            day_of = table.c.date.type
            dates.append(
                table.c.date.in_(
                    [bindparam("month", type_=day_of), bindparam("year", type_=day_of)]
                )
            )
        elif "year" in parameters:
            dates.append(table.c.date == bindparam("year"))
        columns = [table.c[name] for name in rows.LINK_COLUMNS]
        # one query per date range; UNION drops an event two hold (a month sorts among days)
        parts = [select(*columns).where(*where, when) for when in dates]
        query = parts[0] if len(parts) == 1 else union(*parts)
        _CANDIDATE_QUERIES[shape] = query
    return query, parameters


def link_candidates(
    connection: Any, new: Event, rule: LinkRule, skip: frozenset[str] = frozenset()
) -> list[tuple[Event, str]]:
    """The stored events of ``candidate_query``, each with its incident id, as the link rule
    sees them (``rows.link_event_from_row``), but those of the articles in ``skip``."""
    query, parameters = candidate_query(new, rule)
    return [
        (rows.link_event_from_row(row._mapping), row.incident_id)
        for row in connection.execute(query, parameters)
        if row.article_id not in skip
    ]


@dataclass(frozen=True, slots=True)
class Migration:
    """What a writer's opening did to a store's schema (``warlog migrate``), or, ``checked``,
    what it would do: ``before`` the schema version found (None: a new store was made),
    ``after`` the one the store has (would have) after."""

    store: str
    before: int | None
    after: int
    checked: bool = False

    @property
    def needed(self) -> bool:
        """Whether the store was (would be) upgraded."""
        return self.before is not None and self.before < self.after

    @property
    def upgraded(self) -> bool:
        return self.needed and not self.checked


def stored_version(connection: Any, shown: str, new: bool = False) -> int | None:
    """The schema version of the store on ``connection`` (``meta.schema_version``), read as
    a reader may: no Alembic, no write. ``new``: None for a database that can become a new
    store (none of warlog's tables and, a SQLite file, no table at all; a PostgreSQL
    database may hold other tables). Not a warlog store: W206; a version that is no number
    or newer than this warlog's: W207."""
    from sqlalchemy import inspect

    tables = set(inspect(connection).get_table_names())
    if schema.meta.name not in tables:
        ours = tables & set(schema.metadata.tables)
        if new and not ours and (connection.dialect.name == "postgresql" or not tables):
            return None
        raise StoreError(StoreErrors.W206, store=shown)
    value = connection.execute(
        select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")
    ).scalar()
    if value is None:
        raise StoreError(StoreErrors.W206, store=shown)
    version = int(value) if value.isdigit() and value.isascii() else None
    if version is None or not 1 <= version <= schema.SCHEMA_VERSION:
        raise StoreError(
            StoreErrors.W207,
            store=shown,
            version=value if version is not None else repr(value),
            current=schema.SCHEMA_VERSION,
        )
    return version


def _recorded_at_head(connection: Any) -> bool:
    """Whether Alembic recorded the store at the head of warlog's migrations (read with
    plain SQL: a store there needs no Alembic)."""
    from sqlalchemy import inspect, text

    from warlog.store.migrations import VERSION_TABLE, revision_of

    if not inspect(connection).has_table(VERSION_TABLE):
        return False
    recorded = [
        str(row[0]) for row in connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))
    ]
    return recorded == [revision_of(schema.SCHEMA_VERSION)]


# what linking reads again and again, built once (so compiled once): an article's events as
# the rule sees them, and an event's incident
_EVENTS_OF_ARTICLE = select(*(schema.events.c[name] for name in rows.LINK_COLUMNS)).where(
    schema.events.c.article_id == bindparam("article_id")
)
_INCIDENT_OF = select(schema.events.c.incident_id).where(schema.events.c.id == bindparam("id"))
EARTH_RADIUS_KM = 6371.0088  # as warlog.resolve.spatial.haversine_km
WRITER_LOCK = 0x7761726C  # "warl": the advisory lock writers of a shared store take
# every table of per-article records (deleted and written again by a reanalysis)
RECORD_TABLES = (
    schema.place_mentions,
    schema.temporal_expressions,
    schema.claims,
    schema.casualty_reports,
    schema.actors,
    schema.events,
    schema.analyses,
)


class Store:
    """An open warlog store. Use :func:`warlog.open` to get one.

    A writer (not ``read_only``) brings the store to this warlog's schema first
    (:meth:`_migrate`; ``migration`` says what it found and did); a new store is made unless
    ``create`` is false."""

    def __init__(
        self, location: str | Path, read_only: bool = False, *, create: bool = True
    ) -> None:
        self.location = str(location)
        self.read_only = read_only
        self.shared = self.location.startswith(("postgresql://", "postgres://"))
        self.migration: Migration | None = None
        self.engine = (
            _postgresql_engine(self.location, read_only)
            if self.shared
            else _sqlite_engine(Path(location), read_only)
        )
        try:
            if read_only:
                with self.engine.connect() as connection:
                    self._check_readable(connection)
            else:
                self.migration = self._migrate(create)
        except (DatabaseError, OperationalError) as exc:
            self.engine.dispose()
            raise StoreError(
                StoreErrors.W205, store=self.shown, reason=_redacted(str(exc.orig))
            ) from None
        except StoreError:
            self.engine.dispose()
            raise

    @property
    def shown(self) -> str:
        """The location as messages show it: a DSN without its password."""
        return _redacted(self.location)

    def _check_readable(self, connection: Any) -> None:
        """A reader's check: a warlog store of this schema version, without writing (and
        without Alembic)."""
        version = stored_version(connection, self.shown)
        assert version is not None  # only a writer may find a new store
        if version < schema.SCHEMA_VERSION:
            raise StoreError(
                StoreErrors.W208,
                store=self.shown,
                version=version,
                current=schema.SCHEMA_VERSION,
            )
        self._check_columns(connection)

    def _migrate(self, create: bool) -> Migration:
        """Bring the store to this warlog's schema version, in the writers' lock and one
        transaction (two first writers must not both create): a new store is made from
        ``schema`` and stamped at the head of the migrations (``warlog.store.migrations``);
        any other is upgraded by Alembic unless it is recorded at the head already (then
        Alembic is not even imported). Last, ``search.ensure_index`` makes the search index
        where this store lacks it (one written where FTS5 was missing)."""
        from warlog.store import migrations

        with self._writing(ddl=True) as connection:
            before = stored_version(connection, self.shown, new=create)
            if before is None:
                schema.metadata.create_all(connection)
                connection.execute(
                    schema.meta.insert().values(
                        key="schema_version", value=str(schema.SCHEMA_VERSION)
                    )
                )
                search.ensure_index(connection)
                migrations.stamp_head(connection)
            elif before < schema.SCHEMA_VERSION or not _recorded_at_head(connection):
                try:
                    migrations.upgrade(connection, before)
                except migrations.UnknownRevision as unknown:
                    raise StoreError(
                        StoreErrors.W207,
                        store=self.shown,
                        version=unknown.version,
                        current=schema.SCHEMA_VERSION,
                    ) from None
                connection.execute(  # what readers check, as the revisions left it
                    schema.meta.update()
                    .where(schema.meta.c.key == "schema_version")
                    .values(value=str(schema.SCHEMA_VERSION))
                )
            self._check_columns(connection)
            search.ensure_index(connection)
        return Migration(self.shown, before, schema.SCHEMA_VERSION)

    def _check_columns(self, connection: Any) -> None:
        """A store written by a development build with other columns is refused cleanly."""
        from sqlalchemy import inspect

        inspector = inspect(connection)
        for table in schema.metadata.sorted_tables:
            have = (
                {column["name"] for column in inspector.get_columns(table.name)}
                if inspector.has_table(table.name)
                else set()
            )
            missing = sorted(set(table.columns.keys()) - have)
            if missing:
                raise StoreError(
                    StoreErrors.W209,
                    store=self.shown,
                    table=table.name,
                    columns=", ".join(missing),
                )

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as connection:
            found = connection.execute(
                select(schema.articles.c.id).where(schema.articles.c.id == article_id)
            ).first()
        return found is not None

    @contextmanager
    def _writing(self, ddl: bool = False) -> Iterator[Any]:
        """A write transaction, writers taking turns: linking reads the incidents other
        writers are forming, so two must not interleave. PostgreSQL: an advisory lock held
        to the end of the transaction; SQLite: a lock file beside the store (the processes
        of ``ingest --workers`` share one machine). ``ddl``: on SQLite the transaction is
        begun at once (``BEGIN IMMEDIATE``), so that changes of the schema commit or roll
        back with the rest (Python's sqlite3 begins one only before a row is written)."""
        if self.shared:
            from sqlalchemy import text

            with self.engine.begin() as connection:
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITER_LOCK})
                yield connection
            return
        import fcntl

        with open(f"{self.location}.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                with self.engine.begin() as connection:
                    if ddl:
                        connection.exec_driver_sql("BEGIN IMMEDIATE")
                    yield connection
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def add_report(self, report: Report) -> bool:
        """Store one article and its records in one transaction. False if it was there already."""
        with self._writing() as connection:
            if not self._insert_article(connection, report):
                return False
            self._link(connection, report.events)
        return True

    def _insert_article(self, connection: Any, report: Report) -> bool:
        """Insert an article and its records, each event an incident of its own; False if
        the article is there already."""
        exists = connection.execute(
            select(schema.articles.c.id).where(schema.articles.c.id == report.article.id)
        ).first()
        if exists is not None:
            return False
        connection.execute(schema.articles.insert(), [rows.article_row(report.article, _now())])
        self._insert_records(connection, report)
        return True

    def load_reports(
        self, reports: list[Report], incidents: dict[str, list[str]]
    ) -> tuple[int, int]:
        """Store the reports of an export with the incidents it carries (incident id -> its
        event ids), in one transaction; returns (articles added, articles already there).

        The export's events are grouped as it groups them, never linked among themselves by
        the link rule: an incident of the export stays whole and is never joined to another
        of the export. Where its events are in the store already (an article it held) their
        incidents are joined to it; the added events then link, by the rule, to the events of
        articles the export does not hold. An event the export puts in no incident links by
        the rule as ``add_report`` does. Incident ids stay the smallest event id of each
        incident, so a load into an empty store gives the export's incidents, ids and all."""
        table = schema.events
        added: list[Report] = []
        with self._writing() as connection:
            for report in reports:
                if self._insert_article(connection, report):
                    added.append(report)
            for members in incidents.values():
                if len(members) < 2:  # one event: its incident is the one it is in already
                    continue
                current: set[str] = set()
                for start in range(0, len(members), 500):
                    chunk = members[start : start + 500]
                    current.update(
                        connection.execute(
                            select(table.c.incident_id).where(table.c.id.in_(chunk))
                        ).scalars()
                    )
                if len(current) > 1:
                    connection.execute(
                        table.update()
                        .where(table.c.incident_id.in_(sorted(current)))
                        .values(incident_id=min(current))
                    )
            grouped = {event_id for members in incidents.values() for event_id in members}
            new_events = [event for report in added for event in report.events]
            in_export = frozenset(report.article.id for report in reports)
            self._link(connection, tuple(e for e in new_events if e.id in grouped), skip=in_export)
            self._link(connection, tuple(e for e in new_events if e.id not in grouped))
        return len(added), len(reports) - len(added)

    def replace_report(self, report: Report) -> None:
        """Replace a stored article's records by a new analysis of it, in one transaction,
        and re-form the incidents its old events were part of."""
        article_id = report.article.id
        events = schema.events
        with self._writing() as connection:
            affected = {
                row.incident_id
                for row in connection.execute(
                    select(events.c.incident_id).where(events.c.article_id == article_id)
                )
            }
            for table in RECORD_TABLES:
                connection.execute(table.delete().where(table.c.article_id == article_id))
            self._insert_records(connection, report)
            members = [
                rows.event_from_row(row._mapping)
                for row in connection.execute(
                    select(events).where(events.c.incident_id.in_(affected))
                )
            ]
            for member in members:  # each back on its own, then linked again
                connection.execute(
                    events.update().where(events.c.id == member.id).values(incident_id=member.id)
                )
            self._link(connection, (*report.events, *members))

    def _insert_records(self, connection: Any, report: Report) -> None:
        from warlog.pipeline import analysis_version

        inserts: tuple[tuple[Any, list[dict[str, Any]]], ...] = (
            (schema.place_mentions, [rows.place_row(p) for p in report.places]),
            (schema.temporal_expressions, [rows.temporal_row(t) for t in report.temporals]),
            (schema.claims, [rows.claim_row(c) for c in report.claims]),
            (schema.casualty_reports, [rows.casualty_row(c) for c in report.casualties]),
            (schema.actors, [rows.actor_row(a) for a in report.actors]),
            (schema.events, [rows.event_row(e) for e in report.events]),
        )
        for table, table_rows in inserts:
            if table_rows:
                connection.execute(table.insert(), table_rows)
        connection.execute(
            schema.analyses.insert(),
            [
                {
                    "article_id": report.article.id,
                    "version": analysis_version(),
                    # to the microsecond: Store.state tells two analyses of a second apart
                    "analysed_at": _now("microseconds"),
                }
            ],
        )

    def article_count(self) -> int:
        with self.engine.connect() as connection:
            return int(
                connection.execute(select(func.count()).select_from(schema.articles)).scalar_one()
            )

    def stale_articles(self, everything: bool = False) -> list[str]:
        """Ids of the stored articles analysed by another warlog (``everything``: all)."""
        from warlog.pipeline import analysis_version

        articles, analyses = schema.articles, schema.analyses
        query = select(articles.c.id).outerjoin(analyses, analyses.c.article_id == articles.c.id)
        if not everything:
            query = query.where(
                (analyses.c.version.is_(None)) | (analyses.c.version != analysis_version())
            )
        with self.engine.connect() as connection:
            return [row.id for row in connection.execute(query.order_by(articles.c.id))]

    def _link(
        self, connection: Any, new_events: tuple[Event, ...], skip: frozenset[str] = frozenset()
    ) -> None:
        """Join each new event to the incidents of every stored event it is the same as
        (except the events of the articles in ``skip``).

        An incident's id is the smallest event id among its reports, so the incidents (the
        connected components of the link rule) are the same whatever the ingest order."""
        from warlog.link import mutual_best, same_event

        rule = LinkRule.from_settings()
        table = schema.events
        of_article: dict[str, list[Event]] = {}

        def article_events(article_id: str) -> list[Event]:
            if article_id not in of_article:
                of_article[article_id] = [
                    rows.link_event_from_row(row._mapping)
                    for row in connection.execute(_EVENTS_OF_ARTICLE, {"article_id": article_id})
                ]
            return of_article[article_id]

        for new in new_events:
            if new.date is None:
                continue  # an undated report links to nothing
            linked = {
                incident_id
                for event, incident_id in link_candidates(connection, new, rule, skip)
                if same_event(new, event, rule) and mutual_best(new, event, article_events, rule)
            }
            current = connection.execute(_INCIDENT_OF, {"id": new.id}).scalar_one()
            merged = {current, *linked}
            target = min(merged)
            if merged != {target}:
                connection.execute(
                    table.update().where(table.c.incident_id.in_(merged)).values(incident_id=target)
                )

    def ingest(self, sources: Any, **options: Any) -> Any:
        """Read, analyse and store articles; see :func:`warlog.store.ingest.ingest`."""
        from warlog.store.ingest import ingest

        return ingest(self, sources, **options)

    # -- reading ---------------------------------------------------------------------------

    def articles(self) -> list[Article]:
        with self.engine.connect() as connection:
            result = connection.execute(
                select(schema.articles).order_by(schema.articles.c.published, schema.articles.c.id)
            )
            return [rows.article_from_row(row._mapping) for row in result]

    def article_summaries(self) -> list[ArticleSummary]:
        articles = schema.articles
        places = (
            select(func.count())
            .where(schema.place_mentions.c.article_id == articles.c.id)
            .scalar_subquery()
        )
        temporals = (
            select(func.count())
            .where(schema.temporal_expressions.c.article_id == articles.c.id)
            .scalar_subquery()
        )
        query = select(
            articles.c.id,
            articles.c.headline,
            articles.c.source,
            articles.c.published,
            articles.c.dateline_place,
            places.label("places"),
            temporals.label("temporals"),
        ).order_by(articles.c.published, articles.c.id)
        with self.engine.connect() as connection:
            return [ArticleSummary(**row._mapping) for row in connection.execute(query)]

    def places(self) -> list[PlaceCount]:
        mentions = schema.place_mentions
        query = (
            select(
                mentions.c.text,
                func.min(mentions.c.label).label("label"),
                func.count().label("mentions"),
                func.count(func.distinct(mentions.c.article_id)).label("articles"),
                func.min(mentions.c.geonameid).label("geonameid"),
                func.min(mentions.c.lat).label("lat"),
                func.min(mentions.c.lon).label("lon"),
                func.min(mentions.c.country_code).label("country_code"),
                func.min(mentions.c.feature_kind).label("feature_kind"),
                func.min(mentions.c.confidence).label("confidence"),
            )
            .group_by(mentions.c.text)
            .order_by(func.count().desc(), mentions.c.text)
        )
        from warlog.resolve.approximate import APPROXIMATE_CONFIDENCE, NEAR_NAMED_CONFIDENCE

        approximate = {APPROXIMATE_CONFIDENCE, NEAR_NAMED_CONFIDENCE}
        with self.engine.connect() as connection:
            return [
                PlaceCount(
                    **{k: v for k, v in row._mapping.items() if k != "confidence"},
                    approximate=row.geonameid is None and row.confidence in approximate,
                )
                for row in connection.execute(query)
            ]

    def resolve_article_id(self, id_or_prefix: str) -> str:
        """The full id of the one article whose id starts with ``id_or_prefix``."""
        prefix = id_or_prefix.strip().lower()
        if len(prefix) < 4:
            raise StoreError(StoreErrors.W220, prefix=id_or_prefix)
        with self.engine.connect() as connection:
            found = (
                connection.execute(
                    select(schema.articles.c.id)
                    .where(schema.articles.c.id.startswith(prefix, autoescape=True))
                    .limit(2)
                )
                .scalars()
                .all()
            )
        if not found:
            raise StoreError(StoreErrors.W221, prefix=id_or_prefix)
        if len(found) > 1:
            raise StoreError(StoreErrors.W222, prefix=id_or_prefix)
        return str(found[0])

    def report(self, article_id: str) -> Report:
        """An article and every record stored for it."""
        full_id = self.resolve_article_id(article_id)
        with self.engine.connect() as connection:
            article_row = connection.execute(
                select(schema.articles).where(schema.articles.c.id == full_id)
            ).one()
            places = connection.execute(
                select(schema.place_mentions)
                .where(schema.place_mentions.c.article_id == full_id)
                .order_by(schema.place_mentions.c.start)
            )
            temporals = connection.execute(
                select(schema.temporal_expressions)
                .where(schema.temporal_expressions.c.article_id == full_id)
                .order_by(schema.temporal_expressions.c.start)
            )
            return Report(
                article=rows.article_from_row(article_row._mapping),
                places=tuple(rows.place_from_row(row._mapping) for row in places),
                temporals=tuple(rows.temporal_from_row(row._mapping) for row in temporals),
                casualties=tuple(
                    rows.casualty_from_row(row._mapping)
                    for row in self._rows(connection, schema.casualty_reports, full_id)
                ),
                claims=tuple(
                    rows.claim_from_row(row._mapping)
                    for row in self._rows(connection, schema.claims, full_id)
                ),
                events=tuple(
                    rows.event_from_row(row._mapping)
                    for row in self._rows(connection, schema.events, full_id)
                ),
                actors=tuple(
                    rows.actor_from_row(row._mapping)
                    for row in self._rows(connection, schema.actors, full_id)
                ),
            )

    @staticmethod
    def _rows(connection: Any, table: Any, article_id: str | None = None) -> Any:
        query = select(table)
        if article_id is not None:
            query = query.where(table.c.article_id == article_id)
        return connection.execute(query.order_by(table.c.article_id, table.c.start))

    def events(
        self,
        since: str | None = None,
        until: str | None = None,
        event_type: str | None = None,
        country: str | None = None,
        side: str | None = None,
    ) -> list[Event]:
        """Stored events, oldest first, filtered by date range, ACLED type, the country they
        happened in and their perpetrator's side."""
        table = schema.events
        query = _event_filters(select(table), since, until, event_type, side)
        check_filters(since, until, country=country)
        if country:
            query = query.where(table.c.country_code == country.upper())
        with self.engine.connect() as connection:
            result = connection.execute(query.order_by(table.c.date, table.c.id))
            return [rows.event_from_row(row._mapping) for row in result]

    def incidents(
        self,
        since: str | None = None,
        until: str | None = None,
        event_type: str | None = None,
        country: str | None = None,
        side: str | None = None,
        actor: str | None = None,
        box: tuple[float, float, float, float] | None = None,
    ) -> list[Incident]:
        """Events across articles: one per incident, with every report of it; ``country``
        keeps the incidents that happened in a country (ISO 3166-1 alpha-2), ``side`` those
        whose perpetrator is of that side; ``actor``
        keeps the incidents an actor whose name holds it took part in (as perpetrator or
        target: "Military Forces of Armenia", "civilians"); ``box`` (south, north, west,
        east; west > east across the antimeridian) those with a report placed inside it.

        The filters select incidents in SQL first (an incident with at least one report that
        passes them; indexes on date and incident), so only those incidents are read and
        built; the incident-level test then applies to what they add up to."""
        with self.engine.connect() as connection:
            keys = self._incident_keys(connection, since, until, event_type, side, actor, box)
            incidents = self._build_incidents(connection, keys)
        check_filters(since, until, country=country)
        return incidents_passing(incidents, since, until, event_type, country, side)

    def incident_ids(
        self,
        since: str | None = None,
        until: str | None = None,
        event_type: str | None = None,
        side: str | None = None,
        actor: str | None = None,
        box: tuple[float, float, float, float] | None = None,
    ) -> list[str]:
        """The SQL step of :meth:`incidents`: the ids of the incidents with at least one
        report passing the filters, unordered; what they add up to is not tested here
        (:func:`incidents_passing` does that, on the incidents built)."""
        with self.engine.connect() as connection:
            return self._incident_keys(connection, since, until, event_type, side, actor, box)

    def _incident_keys(
        self,
        connection: Any,
        since: str | None,
        until: str | None,
        event_type: str | None,
        side: str | None,
        actor: str | None,
        box: tuple[float, float, float, float] | None,
    ) -> list[str]:
        table = schema.events
        query = _event_filters(
            select(table.c.incident_id).distinct(), since, until, event_type, side
        )
        if box is not None:
            query = query.where(_in_box(table, box))
        keys = [row.incident_id for row in connection.execute(query)]
        if actor:
            keys = sorted(set(keys) & self._incidents_of_actor(connection, actor))
        return keys

    def state(self) -> tuple[int, int, int, str | None]:
        """What changes whenever the incidents do, read in one cheap query: the numbers of
        articles, events and incidents and the latest analysis time (an ingest, a load, a
        reanalysis or a merge of incidents changes at least one). A reader keeps what it
        works out from the incidents until this changes."""
        events = schema.events
        query = select(
            select(func.count()).select_from(schema.articles).scalar_subquery(),
            select(func.count()).select_from(events).scalar_subquery(),
            select(func.count(func.distinct(events.c.incident_id))).scalar_subquery(),
            select(func.max(schema.analyses.c.analysed_at)).scalar_subquery(),
        )
        with self.engine.connect() as connection:
            row = connection.execute(query).one()
        return int(row[0]), int(row[1]), int(row[2]), row[3]

    def episodes(
        self,
        since: str | None = None,
        until: str | None = None,
        country: str | None = None,
        side: str | None = None,
    ) -> list[Episode]:
        """The incidents dated in [since, until] grouped into episodes (warlog.link.episodes);
        ``country`` keeps the episodes with an incident in that country, ``side`` those a
        perpetrator of that side took part in. An episode is formed from the incidents
        selected, so a window cuts episodes at its ends."""
        check_filters(since, until, country, side)
        found = group_episodes(self.incidents(since=since, until=until))
        return [
            episode
            for episode in found
            if (not country or country.upper() in episode.countries)
            and (not side or side.upper() in episode.sides)
        ]

    def episode(self, episode_id: str) -> tuple[Episode, list[Incident]]:
        """One episode by its id, with its incidents (earliest first)."""
        incidents = {incident.id: incident for incident in self.incidents()}
        for episode in group_episodes(incidents.values()):
            if episode.id == episode_id:
                return episode, [incidents[key] for key in episode.incidents]
        raise StoreError(StoreErrors.W225, episode_id=episode_id)

    @staticmethod
    def _incidents_of_actor(connection: Any, name: str) -> set[str]:
        """Incident ids of the events an actor (by part of its name) took part in."""
        actors, events = schema.actors, schema.events
        event_ids: set[str] = set()
        for row in connection.execute(
            select(actors.c.events).where(
                func.lower(actors.c.name).contains(name.lower(), autoescape=True)
            )
        ):
            event_ids.update(json.loads(row.events))
        found: set[str] = set()
        ordered = sorted(event_ids)
        for start in range(0, len(ordered), 500):
            chunk = ordered[start : start + 500]
            found.update(
                row.incident_id
                for row in connection.execute(
                    select(events.c.incident_id).where(events.c.id.in_(chunk))
                )
            )
        return found

    @staticmethod
    def _build_incidents(connection: Any, keys: list[str]) -> list[Incident]:
        """The incidents of these ids, read in chunks (SQL parameter limits)."""
        from warlog.link import build_incident

        table, articles = schema.events, schema.articles
        grouped: dict[str, list[Event]] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            for row in connection.execute(
                select(table).where(table.c.incident_id.in_(chunk)).order_by(table.c.id)
            ):
                grouped.setdefault(row.incident_id, []).append(rows.event_from_row(row._mapping))
        article_ids = sorted({e.evidence.article_id for found in grouped.values() for e in found})
        outlets: dict[str, str | None] = {}
        for start in range(0, len(article_ids), 500):
            chunk = article_ids[start : start + 500]
            for row in connection.execute(
                select(articles.c.id, articles.c.outlet, articles.c.headline).where(
                    articles.c.id.in_(chunk)
                )
            ):
                outlets[row.id] = row.outlet or row.headline
        return [build_incident(key, found, outlets) for key, found in sorted(grouped.items())]

    def incident(self, incident_id: str) -> tuple[Incident, list[Report]]:
        """One incident (by its id or any of its reports' event ids) and the reports
        (articles) it was read from."""
        table = schema.events
        with self.engine.connect() as connection:
            key = connection.execute(
                select(table.c.incident_id).where(
                    (table.c.incident_id == incident_id) | (table.c.id == incident_id)
                )
            ).first()
            if key is None:
                raise StoreError(StoreErrors.W224, incident_id=incident_id)
            [incident] = self._build_incidents(connection, [key.incident_id])
        reports = [self.report(a) for a in dict.fromkeys(r.article_id for r in incident.reports)]
        return incident, reports

    def _records(self, table: Any, from_row: Any, **equal: str | None) -> list[Any]:
        """Records of one table, in article and text order, where each given column equals
        its value (None: no filter on that column)."""
        query = select(table)
        for column, value in equal.items():
            if value:
                query = query.where(table.c[column] == value)
        with self.engine.connect() as connection:
            result = connection.execute(query.order_by(table.c.article_id, table.c.start))
            return [from_row(row._mapping) for row in result]

    def claims(self, stance: str | None = None, side: str | None = None) -> list[Claim]:
        country_filter("--side", side)
        return self._records(
            schema.claims, rows.claim_from_row, stance=stance, side=side.upper() if side else None
        )

    def casualties(self, side: str | None = None, kind: str | None = None) -> list[CasualtyReport]:
        country_filter("--side", side)
        return self._records(
            schema.casualty_reports,
            rows.casualty_from_row,
            side=side.upper() if side else None,
            kind=kind,
        )

    def actors(
        self, side: str | None = None, kind: str | None = None, name: str | None = None
    ) -> list[ActorSummary]:
        """Canonical actors across articles (one per name), most-reported first;
        ``name`` matches part of the name, case-insensitively."""
        country_filter("--side", side)
        table = schema.actors
        query = select(table)
        if kind:
            query = query.where(table.c.kind == kind)
        if name:
            query = query.where(func.lower(table.c.name).contains(name.lower(), autoescape=True))
        grouped: dict[str, list[Actor]] = {}
        with self.engine.connect() as connection:
            for row in connection.execute(query.order_by(table.c.article_id, table.c.start)):
                actor = rows.actor_from_row(row._mapping)
                grouped.setdefault(actor.name, []).append(actor)
        summaries = [ActorSummary.of(found) for found in grouped.values()]
        if side:
            summaries = [s for s in summaries if s.side == side.upper()]
        return sorted(summaries, key=lambda s: (-s.articles, -s.records, s.name))

    def actor_records(self) -> list[Actor]:
        """Every article's actors, in article and text order."""
        return self._records(schema.actors, rows.actor_from_row)

    def article_text(self, article_id: str) -> str:
        with self.engine.connect() as connection:
            text = connection.execute(
                select(schema.articles.c.text).where(schema.articles.c.id == article_id)
            ).scalar()
        if text is None:
            raise StoreError(StoreErrors.W223, article_id=article_id)
        return str(text)

    def find(self, record_id: str) -> tuple[Report, Any]:
        """The report holding the record ``record_id`` (an event, claim or casualty report id,
        or an article id or its start) and the record itself (the Article for an article)."""
        markers = (
            ("-ev-", "events"),
            ("-cl-", "claims"),
            ("-ca-", "casualties"),
            ("-ac-", "actors"),
        )
        for marker, attribute in markers:
            if marker in record_id:
                report = self.report(record_id.split("-", 1)[0])
                for record in getattr(report, attribute):
                    if record.id == record_id:
                        return report, record
                raise StoreError(StoreErrors.W226, record_id=record_id, command=attribute)
        report = self.report(record_id)
        return report, report.article

    def reports(self) -> Iterator[Report]:
        for article in self.articles():
            yield self.report(article.id)


def open_store(location: str | Path, read_only: bool = False) -> Store:
    """Open (creating if needed) the store at ``location``: a SQLite file path or a
    PostgreSQL URL. ``read_only``: never create or change anything, take no writer lock, and
    refuse a missing store ("no store at PATH") and one of an older schema version."""
    return Store(location, read_only=read_only)


def migrate_store(location: str | Path, check: bool = False) -> Migration:
    """Bring the store at ``location`` (which must be a warlog store already: a missing
    SQLite file is refused, not made) to this warlog's schema version, as any writer does
    when it opens it. ``check``: only read its version (no lock, no write, no Alembic), as
    is done first in any case."""
    shown = _redacted(str(location))
    shared = str(location).startswith(("postgresql://", "postgres://"))
    if not shared:
        path = Path(location)
        if path.is_dir():
            raise StoreError(StoreErrors.W202, path=path)
        if not path.exists():
            raise StoreError(StoreErrors.W204, path=path)
    engine = (
        _postgresql_engine(str(location), read_only=True)
        if shared
        else _sqlite_engine(Path(location), read_only=True)
    )
    try:  # first as a reader: what is no warlog store (or a newer one's) is left untouched
        with engine.connect() as connection:
            version = stored_version(connection, shown)
    except (DatabaseError, OperationalError) as exc:
        raise StoreError(StoreErrors.W205, store=shown, reason=_redacted(str(exc.orig))) from None
    finally:
        engine.dispose()
    if not check:
        store = Store(location, create=False)
        store.close()
        assert store.migration is not None
        return store.migration
    return Migration(shown, version, schema.SCHEMA_VERSION, checked=True)
