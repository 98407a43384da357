"""Opening a store for the web app: it must exist, be current, and is then read only."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event

from warlog.errors import StoreError, StoreErrors
from warlog.store import Store


def _check_sqlite(path: Path) -> None:
    """A SQLite file the web app can read (its schema is the reader's check, in Store)."""
    if not path.exists():
        raise StoreError(StoreErrors.W211, path=path)
    if path.is_dir():
        raise StoreError(StoreErrors.W212, path=path)
    try:
        connection = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
        try:
            connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(StoreErrors.W213, path=path, reason=exc) from None


def open_read_only(location: str | Path) -> Store:
    """The store at ``location`` (a SQLite file or a postgresql:// DSN), opened as a reader
    (``Store(..., read_only=True)``: nothing written, no upgrade, no writers' lock; a store
    of another schema version is refused), with an engine that cannot write:
    SQLite opened with ``mode=ro`` and ``query_only``; PostgreSQL sessions with
    ``default_transaction_read_only``."""
    text = str(location)
    if text.startswith(("postgresql://", "postgres://")):
        return Store(text, read_only=True)
    path = Path(location)
    _check_sqlite(path)
    store = Store(path, read_only=True)
    store.engine.dispose()
    engine = create_engine(
        f"sqlite:///file:{path.resolve()}?mode=ro&uri=true",
        connect_args={"check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _read_only(connection: Any, _record: Any) -> None:
        cursor = connection.cursor()
        cursor.execute("PRAGMA query_only=ON")
        cursor.close()

    store.engine = engine
    return store
