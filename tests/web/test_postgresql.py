"""The web app over a PostgreSQL store: sessions are read only. Needs ``WARLOG_TEST_PG``
(``.ci/run`` starts a throwaway server); skipped without it."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

import warlog
from tests.web.conftest import hostile_report, plain_report

DSN = os.environ.get("WARLOG_TEST_PG")
pytestmark = pytest.mark.skipif(
    not DSN, reason="WARLOG_TEST_PG is not set: no PostgreSQL server to test against"
)


@pytest.fixture()
def database() -> Iterator[str]:
    from sqlalchemy import create_engine, text

    assert DSN is not None
    name = f"warlog_web_{uuid.uuid4().hex[:10]}"
    admin = create_engine(DSN.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield f"{DSN.rsplit('/', 1)[0]}/{name}"
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def test_a_postgresql_store_is_served_read_only(database: str) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import InternalError, OperationalError

    from warlog.serve.store import open_read_only

    report = hostile_report()
    writer = warlog.open(database)
    writer.add_report(report)
    writer.close()
    store = open_read_only(database)
    try:
        [incident] = store.incidents()
        assert incident.id == report.events[0].id
        refused = pytest.raises((InternalError, OperationalError), match="read-only")
        with refused, store.engine.begin() as connection:
            connection.execute(text("DELETE FROM events"))
        assert len(store.incidents()) == 1
    finally:
        store.close()


def test_the_web_app_does_not_upgrade_an_older_postgresql_store(database: str) -> None:
    from sqlalchemy import create_engine, text

    from warlog.errors import StoreError
    from warlog.serve.store import open_read_only

    warlog.open(database).close()
    engine = create_engine(database.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.begin() as connection:  # as warlog 0.4 left it: version 2, no link index
            connection.execute(text("DROP INDEX ix_events_link"))
            connection.execute(text("UPDATE meta SET value = '2' WHERE key = 'schema_version'"))
        with pytest.raises(StoreError, match="older schema version 2"):
            open_read_only(database)
        with engine.connect() as connection:
            version = connection.execute(
                text("SELECT value FROM meta WHERE key = 'schema_version'")
            ).scalar()
            index = connection.execute(
                text("SELECT 1 FROM pg_indexes WHERE indexname = 'ix_events_link'")
            ).all()
        assert version == "2" and index == []
    finally:
        engine.dispose()


def test_postgresql_full_text_search_with_its_gin_index(database: str) -> None:
    from sqlalchemy import text

    from warlog.serve import query
    from warlog.serve.store import open_read_only
    from warlog.store import search

    hostile, plain = hostile_report(), plain_report()
    writer = warlog.open(database)
    writer.add_report(hostile)
    writer.add_report(plain)
    writer.close()
    store = open_read_only(database)
    try:
        with store.engine.connect() as connection:
            index = connection.execute(
                text("SELECT indexdef FROM pg_indexes WHERE indexname = :name"),
                {"name": search.PG_INDEX},
            ).scalar()
        assert index is not None and "gin" in index and "to_tsvector" in index

        def found(words: str) -> set[str]:
            return query.search_articles(store, words)

        assert found("GANJA shells") == {hostile.article.id}
        assert found("shell") == {hostile.article.id}  # stemmed, as FTS5's porter
        assert found("ganja yerevan") == set()
        assert found('"police said"') == {plain.article.id}
        assert found('"said police"') == set()
        assert found("said") == {hostile.article.id, plain.article.id}
        for hostile_input in ('"', "*", "ganja OR yerevan", "NEAR(", "-", "!(ganja", "a:*", "'&|"):
            found(hostile_input)  # never a syntax error
        assert found("-ganja") == {hostile.article.id}
        filters = query.Filters.of({"q": "yerevan", "near": "Yerevan", "km": "20"})
        assert [i.id for i in query.select_incidents(store, filters)] == [plain.events[0].id]
    finally:
        store.close()
