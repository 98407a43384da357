"""A PostgreSQL store shared by several writers, against a real server.

``.ci/run`` starts a throwaway server and sets ``WARLOG_TEST_PG`` to its DSN; without it these
tests are skipped (a laptop without PostgreSQL still runs the rest). Each test gets its own
database, dropped afterwards.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import warlog
from tests.conftest import EXAMPLES, SEED
from warlog.store import schema

DSN = os.environ.get("WARLOG_TEST_PG")
pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(
        not DSN, reason="WARLOG_TEST_PG is not set: no PostgreSQL server to test against"
    ),
]


@pytest.fixture()
def database() -> Iterator[str]:
    from sqlalchemy import create_engine, text

    assert DSN is not None
    name = f"warlog_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(DSN.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    base = DSN.rsplit("/", 1)[0]
    yield f"{base}/{name}"
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def _partition(store: Any) -> set[frozenset[tuple[str, int]]]:
    """Incidents as sets of (article, evidence start): comparable across stores."""
    return {
        frozenset((r.article_id, r.evidence.start) for r in incident.reports)
        for incident in store.incidents()
    }


def test_a_postgresql_store_holds_what_sqlite_holds(
    database: str, tmp_path: Path, nlp: Any
) -> None:
    shared = warlog.open(database)
    local = warlog.open(tmp_path / "local.db")
    try:
        for store in (shared, local):
            result = store.ingest([SEED], nlp=nlp)
            assert len(result.added) == 1
        assert shared.ingest([SEED], nlp=nlp).added == []  # re-ingest is a no-op
        assert _partition(shared) == _partition(local)
        assert [a.name for a in shared.actors()] == [a.name for a in local.actors()]
        october = shared.incidents(since="2020-10-01", until="2020-10")
        assert {i.place for i in october} >= {"Ganja", "Stepanakert", "Jabrayil"}
        [ganja] = [i for i in october if i.place == "Ganja"]
        incident, reports = shared.incident(ganja.id)
        assert incident.id == ganja.id and reports[0].article.id == ganja.reports[0].article_id
    finally:
        shared.close()
        local.close()


def test_concurrent_writers_form_the_same_incidents(database: str, tmp_path: Path) -> None:
    files = [
        SEED,
        *sorted(EXAMPLES.glob("wn-01[89]-*.json")),
        *sorted(EXAMPLES.glob("wn-02*.json")),
    ]
    halves = [files[0::2] + files[:2], files[1::2] + files[:2]]  # overlapping on purpose
    command = [sys.executable, "-c", "from warlog.cli import main; main()", "ingest"]
    writers = [
        subprocess.Popen(
            [*command, *map(str, half), "--db", database],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for half in halves
    ]
    for writer in writers:
        _, errors = writer.communicate(timeout=600)
        assert writer.returncode in (0, 1), errors.decode()
    shared = warlog.open(database)
    serial = warlog.open(tmp_path / "serial.db")
    try:
        serial.ingest(files)
        assert len(shared.articles()) == len(serial.articles()) == len(files)
        assert _partition(shared) == _partition(serial)
    finally:
        shared.close()
        serial.close()


def test_an_unreachable_server_is_a_clean_error() -> None:
    from warlog.errors import StoreError

    with pytest.raises(StoreError, match="cannot be reached"):
        warlog.open("postgresql://nobody:secret@127.0.0.1:1/none")


def test_a_store_of_the_previous_schema_is_upgraded_in_place(database: str) -> None:
    from sqlalchemy import create_engine, text

    warlog.open(database).close()
    engine = create_engine(database.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as connection:  # what warlog 0.2 wrote: schema version 1
        connection.execute(text("ALTER TABLE events DROP COLUMN place_approximate"))
        connection.execute(text("DROP INDEX ix_articles_text_search"))
        connection.execute(text("DROP INDEX ix_events_link"))  # and 0.3's: no link index
        connection.execute(text("UPDATE meta SET value = '1' WHERE key = 'schema_version'"))
        connection.execute(text("DROP TABLE warlog_alembic_version"))  # 0.2 had no Alembic
    warlog.open(database).close()
    with engine.connect() as connection:
        version = connection.execute(
            text("SELECT value FROM meta WHERE key = 'schema_version'")
        ).scalar()
        columns = connection.execute(
            text(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = 'events' AND column_name = 'place_approximate'"
            )
        ).all()
        search_index = connection.execute(
            text("SELECT 1 FROM pg_indexes WHERE indexname = 'ix_articles_text_search'")
        ).all()
        index = connection.execute(
            text("SELECT indexname FROM pg_indexes WHERE indexname = 'ix_events_link'")
        ).all()
    engine.dispose()
    assert version == str(schema.SCHEMA_VERSION) and len(columns) == 1 and len(index) == 1
    assert len(search_index) == 1  # the full-text index of version 3


def test_a_reader_of_a_postgresql_store_writes_nothing(database: str, nlp: Any) -> None:
    from warlog.errors import StoreError

    with warlog.open(database) as writer:
        writer.ingest([str(SEED)], nlp=nlp)
    with warlog.open(database, read_only=True) as reader:
        assert len(reader.articles()) == 1
        report = warlog.read("Armenia shelled Ganja on Sunday.", published="2020-10-04", nlp=nlp)
        with pytest.raises(Exception, match="read-only"):
            reader.add_report(report)
    with pytest.raises(StoreError, match="cannot be reached") as caught:
        warlog.open(database.replace("warlog@", "warlog:s3cret@") + "_none", read_only=True)
    assert "s3cret" not in str(caught.value)


def test_an_integer_postgresql_cannot_hold_is_one_rejected_article(
    database: str, tmp_path: Path, nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the figure bound (which keeps such figures out), the store's own overflow is still
    one article's rejection, and its message quotes no SQL statement or parameters."""
    import warlog.pipeline as pipeline

    monkeypatch.setattr(pipeline, "drop_outsized", lambda c, e, a, _s: (c, e, a, ()))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "huge.json").write_text(
        '{"text": "Armenian forces shelled Ganja on Sunday, killing 2147483648 civilians.", '
        '"published": "2020-10-04"}'
    )
    (folder / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    with warlog.open(database) as store:
        result = store.ingest([str(folder)], nlp=nlp)
        assert [(Path(r.source).name, r.code) for r in result.rejected] == [("huge.json", "W201")]
        reason = result.rejected[0].reason
        assert "INSERT" not in reason and "[SQL" not in reason and "parameters" not in reason
        assert len(store.articles()) == 1


def test_a_new_postgresql_store_is_recorded_at_the_head_and_reopened_as_it_is(
    database: str,
) -> None:
    from sqlalchemy import create_engine, text

    from warlog.store import Migration, migrate_store
    from warlog.store.migrations import VERSION_TABLE, revision_of

    with warlog.open(database) as store:
        assert store.migration == Migration(database, None, schema.SCHEMA_VERSION)
    engine = create_engine(database.replace("postgresql://", "postgresql+psycopg://", 1))

    def recorded() -> tuple[Any, ...]:
        with engine.connect() as connection:
            return (
                connection.execute(
                    text("SELECT value FROM meta WHERE key = 'schema_version'")
                ).scalar(),
                connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).all(),
                connection.execute(
                    text("SELECT indexname FROM pg_indexes ORDER BY indexname")
                ).all(),
            )

    try:
        first = recorded()
        assert first[:2] == (str(schema.SCHEMA_VERSION), [(revision_of(schema.SCHEMA_VERSION),)])
        for _ in range(2):
            with warlog.open(database) as store:
                assert store.migration == Migration(database, 4, 4)
                assert not store.migration.needed
            assert recorded() == first
        assert migrate_store(database, check=True) == Migration(database, 4, 4, checked=True)
    finally:
        engine.dispose()


def test_a_postgresql_store_of_warlog_0_4_is_upgraded_in_place(database: str) -> None:
    from sqlalchemy import create_engine, text

    from warlog.errors import StoreError
    from warlog.store import Migration, migrate_store
    from warlog.store.migrations import VERSION_TABLE

    warlog.open(database).close()
    engine = create_engine(database.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.begin() as connection:  # what warlog 0.4 wrote: version 2, no Alembic
            connection.execute(text("DROP INDEX ix_articles_text_search"))
            connection.execute(text("DROP INDEX ix_events_link"))
            connection.execute(text(f"DROP TABLE {VERSION_TABLE}"))
            connection.execute(text("UPDATE meta SET value = '2' WHERE key = 'schema_version'"))
        with pytest.raises(StoreError, match="warlog migrate --db"):
            warlog.open(database, read_only=True)
        assert migrate_store(database, check=True).needed
        assert migrate_store(database) == Migration(database, 2, 4)
        with engine.connect() as connection:
            indexes = connection.execute(
                text(
                    "SELECT indexname FROM pg_indexes WHERE indexname IN "
                    "('ix_articles_text_search', 'ix_events_link')"
                )
            ).all()
            version = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).all()
        assert len(indexes) == 2 and version == [("0004",)]
        warlog.open(database, read_only=True).close()
    finally:
        engine.dispose()


def test_a_postgresql_database_with_other_tables_becomes_a_store_beside_them(
    database: str,
) -> None:
    from sqlalchemy import create_engine, text

    from warlog.errors import StoreError

    engine = create_engine(database.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE notes (id integer PRIMARY KEY)"))
        warlog.open(database).close()  # another application's table is no reason to refuse
        with engine.begin() as connection:
            connection.execute(text("DROP TABLE meta"))  # warlog's tables, but no version
        with pytest.raises(StoreError, match="not a warlog store"):
            warlog.open(database)
    finally:
        engine.dispose()
