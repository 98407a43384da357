"""Full-text search over the articles' text.

SQLite: a contentless FTS5 table (``article_search``, Porter stemming over unicode61 without
diacritics) whose rowids are the ids of ``article_search_ids`` (an INTEGER PRIMARY KEY, so a
VACUUM cannot renumber them, as it could the implicit rowids of ``articles``), kept in step
with ``articles`` by triggers on insert, delete and update: every way an article is written
(ingest, load, a future delete) updates the index in the same transaction. PostgreSQL: a GIN
index on ``to_tsvector('english', text)``. Both are part of schema version 3: an older store
gets them, filled from its articles, from revision 0003 of ``warlog.store.migrations``; a
new store from :func:`ensure_index`, which every writer runs after the migrations, so that a
store written where FTS5 was missing gets its index once FTS5 is at hand.

What a user types: words, all of which must occur, and "quoted phrases", whose words must
occur in that order. Nothing typed can reach the query language: each term is a quoted FTS5
string, or a ``phraseto_tsquery`` parameter on PostgreSQL. Without FTS5 (a SQLite built
without it) the search is a case-insensitive LIKE per term, with one note in the log.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from sqlalchemy import and_, func, select, text
from sqlalchemy.exc import OperationalError

from warlog.store import schema

log = logging.getLogger(__name__)

FTS_TABLE = "article_search"
FTS_IDS = "article_search_ids"
PG_INDEX = "ix_articles_text_search"
TRIGGERS = tuple(f"{FTS_TABLE}_{change}" for change in ("insert", "delete", "update"))
MAX_TERMS = 32

SQLITE_SEARCH: tuple[str, ...] = (
    f"CREATE TABLE IF NOT EXISTS {FTS_IDS} ("
    "id INTEGER PRIMARY KEY, article_id VARCHAR(64) NOT NULL UNIQUE)",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "text, content='', tokenize='porter unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_insert AFTER INSERT ON articles BEGIN "
    f"INSERT INTO {FTS_IDS}(article_id) VALUES (new.id); "
    f"INSERT INTO {FTS_TABLE}(rowid, text) "
    f"SELECT id, new.text FROM {FTS_IDS} WHERE article_id = new.id; END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_delete AFTER DELETE ON articles BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) "
    f"SELECT 'delete', id, old.text FROM {FTS_IDS} WHERE article_id = old.id; "
    f"DELETE FROM {FTS_IDS} WHERE article_id = old.id; END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_update AFTER UPDATE OF id, text ON articles "
    f"BEGIN INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) "
    f"SELECT 'delete', id, old.text FROM {FTS_IDS} WHERE article_id = old.id; "
    f"UPDATE {FTS_IDS} SET article_id = new.id WHERE article_id = old.id; "
    f"INSERT INTO {FTS_TABLE}(rowid, text) "
    f"SELECT id, new.text FROM {FTS_IDS} WHERE article_id = new.id; END",
)
# the backfill of a store that had articles before the index
SQLITE_BACKFILL: tuple[str, ...] = (
    f"INSERT INTO {FTS_IDS}(article_id) SELECT id FROM articles "
    f"WHERE id NOT IN (SELECT article_id FROM {FTS_IDS}) ORDER BY id",
    f"INSERT INTO {FTS_TABLE}(rowid, text) SELECT s.id, a.text FROM {FTS_IDS} s "
    "JOIN articles a ON a.id = s.article_id",
)
POSTGRESQL_SEARCH: tuple[str, ...] = (
    f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON articles USING GIN (to_tsvector('english', text))",
)

_TERM = re.compile(r'"([^"]*)"?|([^\s"]+)')
_WORD = re.compile(r"\w")
_noted: set[str] = set()


def terms(words: str) -> list[str]:
    """The terms of a search: each word, and each "quoted phrase" (an unclosed quote runs to
    the end), in order, without repeats; a term with no letter or digit is dropped."""
    found: dict[str, None] = {}
    for match in _TERM.finditer(words):
        term = " ".join((match.group(1) if match.group(1) is not None else match.group(2)).split())
        if _WORD.search(term):
            found.setdefault(term, None)
    return list(found)[:MAX_TERMS]


def fts5_query(found: list[str]) -> str:
    """An FTS5 MATCH expression: every term a quoted string (a phrase), all of them needed.
    Inside quotes FTS5 reads no operator (OR, NOT, NEAR, *, ^, -, column filters)."""
    return " ".join('"' + term.replace('"', '""') + '"' for term in found)


def has_fts5(connection: Any) -> bool:
    """Whether this SQLite can make FTS5 tables."""
    options = {str(row[0]).upper() for row in connection.exec_driver_sql("PRAGMA compile_options")}
    if "ENABLE_FTS5" in options:
        return True
    try:  # FTS5 can be loaded as an extension, not compiled in: ask for a table
        connection.exec_driver_sql("CREATE VIRTUAL TABLE temp.warlog_fts5_probe USING fts5(x)")
        connection.exec_driver_sql("DROP TABLE temp.warlog_fts5_probe")
    except OperationalError:
        return False
    return True


def _sqlite_has_index(connection: Any) -> bool:
    found = connection.exec_driver_sql(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN (?, ?)",
        (FTS_TABLE, FTS_IDS),
    ).scalar()
    return bool(found == 2)


def ensure_index(connection: Any) -> bool:
    """Make the search index of a store if it has none, and fill it from the stored articles
    (a new store, or one written where FTS5 was missing). Runs in the writer's transaction,
    after the migrations. False where this SQLite has no FTS5 (searches then use LIKE)."""
    if connection.dialect.name == "postgresql":
        exists = connection.execute(
            text("SELECT 1 FROM pg_indexes WHERE indexname = :name"), {"name": PG_INDEX}
        ).first()
        if exists is None:
            for statement in POSTGRESQL_SEARCH:
                connection.execute(text(statement))
        return True
    names = (FTS_TABLE, FTS_IDS, *TRIGGERS)
    have = {
        str(row[0])
        for row in connection.exec_driver_sql(
            f"SELECT name FROM sqlite_master WHERE name IN ({', '.join('?' * len(names))})",
            names,
        )
    }
    if {FTS_TABLE, FTS_IDS} <= have:
        if not set(TRIGGERS) <= have:  # one was dropped: make it again
            for statement in SQLITE_SEARCH:
                connection.exec_driver_sql(statement)
        return True
    if not has_fts5(connection):
        _note("this SQLite has no FTS5: text search reads every article (LIKE)")
        return False
    for name in (FTS_TABLE, FTS_IDS):  # half an index (cannot be trusted): made anew
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {name}")
    for statement in (*SQLITE_SEARCH, *SQLITE_BACKFILL):
        connection.exec_driver_sql(statement)
    return True


def _note(message: str) -> None:
    if message not in _noted:
        _noted.add(message)
        log.warning(message)


def search_articles(engine: Any, words: str) -> set[str]:
    """Ids of the articles whose text holds every term of ``words`` (see :func:`terms`):
    FTS5 on SQLite, full-text search on PostgreSQL, LIKE where neither is there."""
    found = terms(words)
    if not found:
        return set()
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            return _postgresql(connection, found)
        if _sqlite_has_index(connection):
            try:
                rows = connection.exec_driver_sql(
                    f"SELECT s.article_id FROM {FTS_TABLE} f JOIN {FTS_IDS} s ON s.id = f.rowid "
                    f"WHERE {FTS_TABLE} MATCH ?",
                    (fts5_query(found),),
                )
                return {str(row[0]) for row in rows}
            except OperationalError as exc:  # an index this SQLite cannot read (no FTS5)
                _note(f"the store's text index cannot be read here ({exc.orig}); using LIKE")
        else:
            _note("the store has no text index (open it once with a writing command); LIKE")
        return _like(connection, found)


def _postgresql(connection: Any, found: list[str]) -> set[str]:
    """The expression the GIN index is on, against each term as a phrase query."""
    parts = " && ".join(f"phraseto_tsquery('english', :t{i})" for i in range(len(found)))
    rows = connection.execute(
        text(f"SELECT id FROM articles WHERE to_tsvector('english', text) @@ ({parts})"),
        {f"t{i}": term for i, term in enumerate(found)},
    )
    return {str(row[0]) for row in rows}


def _like(connection: Any, found: list[str]) -> set[str]:
    articles = schema.articles
    conditions = []
    for term in found:
        escaped = term.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conditions.append(func.lower(articles.c.text).like(f"%{escaped}%", escape="\\"))
    query = select(articles.c.id).where(and_(*conditions))
    return {str(row.id) for row in connection.execute(query)}
