from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

import warlog
from warlog.errors import StoreError
from warlog.export import write_jsonl
from warlog.model import Evidence, PlaceMention, Report, TemporalExpression
from warlog.pipeline import read
from warlog.store import schema


def _report(blank_nlp: Any) -> Report:
    base = read("Missiles hit Ganja on Sunday.", published="2020-10-04", nlp=blank_nlp)
    article_id = base.article.id
    return Report(
        article=base.article,
        places=(PlaceMention("Ganja", "GPE", Evidence(article_id, 13, 18)),),
        temporals=(
            TemporalExpression(
                "Sunday",
                Evidence(article_id, 22, 28),
                warlog.ResolvedDate("2020-10-04", warlog.DatePrecision.DAY),
                "weekday",
            ),
        ),
    )


def test_round_trip(store: Any, blank_nlp: Any) -> None:
    report = _report(blank_nlp)
    assert store.add_report(report) is True
    assert store.add_report(report) is False
    assert store.report(report.article.id[:8]) == Report(
        article=report.article, places=report.places, temporals=report.temporals
    )
    [summary] = store.article_summaries()
    assert (summary.places, summary.temporals) == (1, 1)
    [count] = store.places()
    assert (count.text, count.mentions, count.articles) == ("Ganja", 1, 1)


def test_unknown_or_ambiguous_id(store: Any) -> None:
    with pytest.raises(StoreError, match="no article id"):
        store.report("abcdef")
    with pytest.raises(StoreError, match="too short"):
        store.report("ab")


def test_not_a_store(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("this is not a database " * 100)
    with pytest.raises(StoreError, match="not a warlog store"):
        warlog.open(path)


def test_store_path_is_a_directory(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="directory"):
        warlog.open(tmp_path)


def test_export_jsonl(store: Any, blank_nlp: Any) -> None:
    report = _report(blank_nlp)
    store.add_report(report)
    out = io.StringIO()
    assert write_jsonl(store.reports(), out) == 3
    objects = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [obj["record"] for obj in objects] == ["article", "place", "temporal"]
    article, place, temporal = objects
    assert article["id"] == report.article.id and article["published"] == "2020-10-04"
    assert {"url", "headline", "published"} <= article.keys()
    assert place["article_id"] == report.article.id
    text = article["text"]
    assert text[place["evidence"]["start"] : place["evidence"]["end"]] == "Ganja"
    assert temporal["date"] == "2020-10-04"
    assert len({obj["id"] for obj in objects}) == 3


def _store_altered(path: Path, *statements: str) -> Path:
    """A new store at ``path`` changed behind warlog's back, as an older or newer one is."""
    import sqlite3

    warlog.open(path).close()
    connection = sqlite3.connect(path)
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()
    return path


def test_store_of_another_version_is_refused_cleanly(tmp_path: Path) -> None:
    path = _store_altered(tmp_path / "old.db", "ALTER TABLE events DROP COLUMN date_from_text")
    with pytest.raises(StoreError, match="another warlog version"):
        warlog.open(path)


def test_a_store_of_the_previous_schema_is_upgraded_in_place(tmp_path: Path) -> None:
    import sqlite3

    # what warlog 0.2 wrote: schema version 1, events without place_approximate
    path = _store_altered(
        tmp_path / "v1.db",
        "ALTER TABLE events DROP COLUMN place_approximate",
        "UPDATE meta SET value = '1' WHERE key = 'schema_version'",
        "DROP TABLE warlog_alembic_version",  # older warlogs kept only meta.schema_version
    )
    warlog.open(path).close()
    connection = sqlite3.connect(path)
    columns = {row[1] for row in connection.execute("PRAGMA table_info(events)")}
    version = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    indexes = {row[1] for row in connection.execute("PRAGMA index_list(events)")}
    connection.close()
    assert "place_approximate" in columns and version == (str(schema.SCHEMA_VERSION),)
    assert "ix_events_link" in indexes


def test_a_store_without_the_link_index_gets_it(tmp_path: Path, blank_nlp: Any) -> None:
    import sqlite3

    # what warlog 0.3 wrote: schema version 2, no index on events (type, date)
    path = _store_altered(
        tmp_path / "v2.db",
        "DROP INDEX ix_events_link",
        "UPDATE meta SET value = '2' WHERE key = 'schema_version'",
        "DROP TABLE warlog_alembic_version",
    )
    with pytest.raises(StoreError, match="older schema version 2"):
        warlog.open(path, read_only=True)
    with warlog.open(path) as store:
        assert store.add_report(_report(blank_nlp))
    connection = sqlite3.connect(path)
    indexes = {row[1] for row in connection.execute("PRAGMA index_list(events)")}
    version = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    connection.close()
    assert "ix_events_link" in indexes and version == (str(schema.SCHEMA_VERSION),)


def test_a_store_of_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = _store_altered(
        tmp_path / "v9.db", "UPDATE meta SET value = '9' WHERE key = 'schema_version'"
    )
    with pytest.raises(StoreError, match="schema version 9"):
        warlog.open(path)
