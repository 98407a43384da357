"""The store's migrations (warlog.store.migrations, Alembic): a store made by warlog 0.4 is
upgraded in place and keeps every record, a new store is recorded at the head, a second
opening changes nothing, readers never upgrade (nor import Alembic), and the revisions make
the schema that warlog.store.schema describes."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import warlog
from tests.conftest import ROOT
from warlog.cli import EXIT_ERROR, EXIT_REJECTED, app
from warlog.errors import StoreError
from warlog.store import Migration, migrate_store, schema, search
from warlog.store.migrations import VERSION_TABLE, revision_of

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "store-0.4.db"
# every table of records warlog 0.4 wrote, by its key
RECORDS = {
    "articles": "id",
    "place_mentions": "id",
    "temporal_expressions": "id",
    "claims": "id",
    "casualty_reports": "id",
    "events": "id",
    "actors": "id",
    "analyses": "article_id",
}


def _copy(tmp_path: Path, name: str = "old.db") -> Path:
    path = tmp_path / name
    shutil.copyfile(FIXTURE, path)
    return path


def _sql(path: Path, *statements: str) -> list[Any]:
    connection = sqlite3.connect(path)
    try:
        found = [connection.execute(statement).fetchall() for statement in statements]
        connection.commit()
    finally:
        connection.close()
    return found


def _records(path: Path, columns: dict[str, list[str]] | None = None) -> dict[str, list[Any]]:
    """Every row of every record table, read with plain sqlite3: of ``columns`` (a table's
    columns by table; all of them when not given), ordered by key."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        found = {}
        for table, key in RECORDS.items():
            names = (columns or {}).get(table) or [
                row[1] for row in connection.execute(f"PRAGMA table_info({table})")
            ]
            quoted = ", ".join(f'"{name}"' for name in names)
            found[table] = connection.execute(
                f"SELECT {quoted} FROM {table} ORDER BY {key}"
            ).fetchall()
    finally:
        connection.close()
    return found


def _columns(path: Path) -> dict[str, list[str]]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            table: [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
            for table in RECORDS
        }
    finally:
        connection.close()


def _version(path: Path) -> tuple[str, list[str]]:
    """``meta.schema_version`` and the revision Alembic recorded (none: [])."""
    [(meta,)], [(tables,)] = _sql(
        path,
        "SELECT value FROM meta WHERE key = 'schema_version'",
        f"SELECT count(*) FROM sqlite_master WHERE name = '{VERSION_TABLE}'",
    )
    recorded = _sql(path, f"SELECT version_num FROM {VERSION_TABLE}")[0] if tables else []
    return meta, [row[0] for row in recorded]


def _schema(path: Path) -> set[tuple[Any, ...]]:
    """What a SQLite file's schema is: its tables' columns and its indexes, triggers and
    virtual tables, without the SQL text (which differs in spacing)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        objects = connection.execute(
            "SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchall()
        found: set[tuple[Any, ...]] = {tuple(row) for row in objects}
        for kind, name, _ in objects:
            if kind == "table":  # a column added later comes last: its position is left out
                found |= {
                    (name, *row[1:]) for row in connection.execute(f"PRAGMA table_info({name})")
                }
            if kind == "index":
                found |= {
                    (name, row[0], row[2])
                    for row in connection.execute(f"PRAGMA index_info({name})")
                }
    finally:
        connection.close()
    return found


def test_the_fixture_is_a_store_of_warlog_0_4(tmp_path: Path) -> None:
    path = _copy(tmp_path)  # never opened in place
    assert _version(path) == ("2", [])
    counts = {table: len(rows) for table, rows in _records(path).items()}
    assert counts["articles"] == 3 and all(counts.values()), counts
    assert FIXTURE.stat().st_size < 1_000_000


def test_a_store_of_warlog_0_4_is_upgraded_and_keeps_every_record(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    columns = _columns(path)
    before = _records(path)
    with warlog.open(path) as store:
        assert store.migration == Migration(str(path), 2, schema.SCHEMA_VERSION)
        assert store.migration.upgraded
        assert len(store.articles()) == 3
        assert store.incidents() and store.claims() and store.casualties() and store.places()
        [seed] = [a.id for a in store.articles() if "Ganja" in a.text]
        assert search.search_articles(store.engine, "Ganja") == {seed}  # revision 0003
    assert _records(path, columns) == before  # every row, every column it had
    assert _columns(path) == columns  # 0.4 wrote version 2: only indexes were to come
    assert "place_approximate" in columns["events"]
    assert _version(path) == (str(schema.SCHEMA_VERSION), [revision_of(schema.SCHEMA_VERSION)])
    indexes = {row[1] for row in _sql(path, "PRAGMA index_list(events)")[0]}
    assert "ix_events_link" in indexes


def test_the_upgraded_store_has_the_schema_of_a_new_one(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import create_engine

    path = _copy(tmp_path)
    warlog.open(path).close()
    new = tmp_path / "new.db"
    warlog.open(new).close()
    assert _schema(path) == _schema(new)
    engine = create_engine(f"sqlite:///{path}")
    ignored = {VERSION_TABLE, search.FTS_TABLE, search.FTS_IDS}
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={
                    "include_name": lambda name, kind, _parent: (
                        kind != "table" or not str(name).startswith(tuple(ignored))
                    )
                },
            )
            assert compare_metadata(context, schema.metadata) == []
    finally:
        engine.dispose()


def test_a_second_opening_changes_nothing(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    warlog.open(path).close()
    schema_before, records_before = _schema(path), _records(path)
    with warlog.open(path) as store:
        assert store.migration == Migration(str(path), 4, 4)
        assert not store.migration.needed
    assert _schema(path) == schema_before and _records(path) == records_before
    assert _version(path) == ("4", ["0004"])


def test_a_new_store_is_recorded_at_the_head(tmp_path: Path) -> None:
    from warlog.store.migrations import head

    assert head() == revision_of(schema.SCHEMA_VERSION)  # SCHEMA_VERSION names the head
    with warlog.open(tmp_path / "new.db") as store:
        assert store.migration == Migration(str(tmp_path / "new.db"), None, 4)
        assert not store.migration.needed
    assert _version(tmp_path / "new.db") == ("4", ["0004"])


def _alembic(path: Path, action: str, revision: str) -> None:
    """Run one Alembic command ("upgrade", "downgrade") on the SQLite store at ``path``."""
    from alembic import command
    from sqlalchemy import create_engine

    from warlog.store.migrations import config

    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as connection:
            getattr(command, action)(config(connection), revision)
    finally:
        engine.dispose()


def test_the_revisions_from_nothing_make_the_schema_of_a_new_store(tmp_path: Path) -> None:
    path = tmp_path / "revisions.db"
    _alembic(path, "upgrade", "head")
    new = tmp_path / "new.db"
    warlog.open(new).close()
    assert _schema(path) == _schema(new)
    assert _version(path) == ("4", ["0004"])


def test_a_downgrade_is_undone_by_the_next_writer(tmp_path: Path, blank_nlp: Any) -> None:
    path = _copy(tmp_path)
    warlog.open(path).close()
    upgraded = _schema(path)
    _alembic(path, "downgrade", "0002")
    assert _version(path) == ("2", ["0002"])
    names = {row[1] for row in _sql(path, "SELECT type, name FROM sqlite_master")[0]}
    assert not names & {"ix_events_link", search.FTS_TABLE, search.FTS_IDS}
    with pytest.raises(StoreError, match="older schema version 2"):
        warlog.open(path, read_only=True)
    with warlog.open(path) as store:
        assert store.migration == Migration(str(path), 2, 4)
    assert _schema(path) == upgraded


def test_a_failed_upgrade_leaves_the_store_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _copy(tmp_path)  # as warlog 0.2 wrote it: 0002 is to add a column first
    _sql(
        path,
        "ALTER TABLE events DROP COLUMN place_approximate",
        "UPDATE meta SET value = '1' WHERE key = 'schema_version'",
    )
    schema_before, records_before = _schema(path), _records(path)

    def broken(_connection: Any) -> bool:
        raise RuntimeError("revision 0003 failed")

    monkeypatch.setattr(search, "has_fts5", broken)  # after 0002 added its column
    with pytest.raises(RuntimeError, match="0003 failed"):
        warlog.open(path)
    assert _schema(path) == schema_before and _records(path) == records_before
    assert _version(path) == ("1", [])


def test_a_reader_refuses_an_older_store_naming_warlog_migrate(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    with pytest.raises(StoreError) as caught:
        warlog.open(path, read_only=True)
    assert caught.value.code == "W208"
    assert str(caught.value) == (
        f"[W208] {path} has the older schema version 2, this warlog reads 4; upgrade it in "
        f"place with `warlog migrate --db {path}` (any writing command does it too)"
    )
    result = CliRunner().invoke(app, ["events", "--db", str(path)])
    assert result.exit_code == EXIT_ERROR and "warlog migrate --db" in result.output
    assert FIXTURE.read_bytes() == path.read_bytes()
    assert not (tmp_path / "old.db.lock").exists()  # no writer lock taken


def test_warlog_migrate_says_from_which_version_to_which(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    runner = CliRunner()
    checked = runner.invoke(app, ["migrate", "--db", str(path), "--check"])
    assert checked.exit_code == EXIT_REJECTED, checked.output
    assert checked.output == f"{path}: schema version 2; `warlog migrate` upgrades it to 4\n"
    assert FIXTURE.read_bytes() == path.read_bytes()
    assert not (tmp_path / "old.db.lock").exists()
    done = runner.invoke(app, ["migrate", "--db", str(path)])
    assert done.exit_code == 0, done.output
    assert done.output == f"{path}: upgraded from schema version 2 to 4\n"
    again = runner.invoke(app, ["migrate", "--db", str(path), "--json"])
    assert again.exit_code == 0
    assert json.loads(again.output) == {
        "store": str(path),
        "from": 4,
        "to": 4,
        "needed": False,
        "upgraded": False,
    }
    current = runner.invoke(app, ["migrate", "--db", str(path), "--check"])
    assert current.exit_code == 0 and current.output == f"{path}: schema version 4, current\n"


def test_warlog_migrate_makes_no_store(tmp_path: Path) -> None:
    missing = tmp_path / "mistyped.db"
    for check in ([], ["--check"]):
        result = CliRunner().invoke(app, ["migrate", "--db", str(missing), *check])
        assert result.exit_code == EXIT_ERROR
        assert f"no store at {missing}" in result.output
    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(StoreError, match="not a warlog store"):
        migrate_store(empty)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]  # not even a lock
    assert empty.stat().st_size == 0


def _claiming(tmp_path: Path, value: str) -> Path:
    path = _copy(tmp_path, f"v{len(list(tmp_path.iterdir()))}.db")
    _sql(path, f"UPDATE meta SET value = '{value}' WHERE key = 'schema_version'")
    return path


@pytest.mark.parametrize(("value", "shown"), [("9", "9"), ("x1", "'x1'"), ("0", "0")])
def test_a_store_of_a_newer_or_unknown_version_is_refused(
    tmp_path: Path, value: str, shown: str
) -> None:
    path = _claiming(tmp_path, value)
    message = f"[W207] {path} has schema version {shown}, this warlog reads 4"
    for opening in (
        lambda: warlog.open(path, read_only=True),
        lambda: warlog.open(path),
        lambda: migrate_store(path, check=True),
        lambda: migrate_store(path),
    ):
        with pytest.raises(StoreError) as caught:
            opening()
        assert str(caught.value).startswith(message)
    assert _version(path) == (value, [])  # nothing written


def test_a_store_recorded_at_an_unknown_revision_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    warlog.open(path).close()
    _sql(path, f"UPDATE {VERSION_TABLE} SET version_num = '0009'")
    with pytest.raises(StoreError) as caught:
        warlog.open(path)
    assert caught.value.code == "W207" and "schema version 9" in str(caught.value)
    assert _version(path) == ("4", ["0009"])


def test_a_database_that_is_no_warlog_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    _sql(path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    schema_before = _schema(path)
    for opening in (
        lambda: warlog.open(path, read_only=True),
        lambda: warlog.open(path),
        lambda: migrate_store(path),
    ):
        with pytest.raises(StoreError) as caught:
            opening()
        assert caught.value.code == "W206", caught.value
        assert str(caught.value) == f"[W206] {path} is not a warlog store; give another --db"
    assert _schema(path) == schema_before  # no table of warlog's added
    no_version = tmp_path / "meta.db"
    _sql(no_version, "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    with pytest.raises(StoreError, match="W206"):
        warlog.open(no_version)


def test_a_store_of_warlog_0_1_gets_the_tables_it_lacks(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    warlog.open(path).close()
    _sql(
        path,
        "DROP TABLE actors",
        "DROP TABLE analyses",
        "ALTER TABLE events DROP COLUMN place_approximate",
        "DROP INDEX ix_events_link",
        f"DROP TABLE {VERSION_TABLE}",
        "UPDATE meta SET value = '1' WHERE key = 'schema_version'",
    )
    with warlog.open(path) as store:
        assert store.migration == Migration(str(path), 1, 4)
    new = tmp_path / "new.db"
    warlog.open(new).close()
    assert _schema(path) == _schema(new)


_IMPORTS = """
import sys
import warlog
from warlog.serve.store import open_read_only
mode, path = sys.argv[1:]
if mode == "read":
    for opened in (warlog.open(path, read_only=True), open_read_only(path)):
        assert opened.articles()
        opened.close()
else:
    warlog.open(path).close()
print(sorted(m for m in sys.modules if m.split(".")[0] in ("alembic", "mako")))
"""


@pytest.mark.parametrize("mode", ["read", "write"])
def test_a_reader_and_a_writer_of_a_current_store_do_not_import_alembic(
    tmp_path: Path, mode: str
) -> None:
    path = _copy(tmp_path)
    warlog.open(path).close()
    found = subprocess.run(
        [sys.executable, "-c", _IMPORTS, mode, str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )
    assert found.stdout.strip() == "[]", found.stderr


def test_the_migrations_ship_in_the_package() -> None:
    import tomllib

    from warlog.store import migrations

    folder = migrations.FOLDER
    assert (folder / "script.py.mako").is_file()
    assert (folder / "versions" / "__init__.py").is_file()  # a package: setuptools ships it
    revisions = sorted(p.name for p in (folder / "versions").glob("0*.py"))
    assert [name[:4] for name in revisions] == [
        revision_of(v) for v in range(1, schema.SCHEMA_VERSION + 1)
    ]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert (
        "store/migrations/script.py.mako" in project["tool"]["setuptools"]["package-data"]["warlog"]
    )
