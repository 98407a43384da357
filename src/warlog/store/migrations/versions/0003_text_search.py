"""Schema version 3: the full-text index of the articles' text (``warlog.store.search``).

SQLite: a contentless FTS5 table with its id table and the triggers that keep it in step
with ``articles``, filled from the stored articles; where this SQLite has no FTS5 there is
no index (searches use LIKE) and ``search.ensure_index``, which every writer runs after the
migrations, makes it once FTS5 is at hand. PostgreSQL: a GIN index. The statements are
frozen here as this revision made them.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

from warlog.store.migrations import set_schema_version
from warlog.store.search import has_fts5

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SQLITE = (
    "CREATE TABLE IF NOT EXISTS article_search_ids ("
    "id INTEGER PRIMARY KEY, article_id VARCHAR(64) NOT NULL UNIQUE)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS article_search USING fts5("
    "text, content='', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS article_search_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO article_search_ids(article_id) VALUES (new.id); "
    "INSERT INTO article_search(rowid, text) "
    "SELECT id, new.text FROM article_search_ids WHERE article_id = new.id; END",
    "CREATE TRIGGER IF NOT EXISTS article_search_delete AFTER DELETE ON articles BEGIN "
    "INSERT INTO article_search(article_search, rowid, text) "
    "SELECT 'delete', id, old.text FROM article_search_ids WHERE article_id = old.id; "
    "DELETE FROM article_search_ids WHERE article_id = old.id; END",
    "CREATE TRIGGER IF NOT EXISTS article_search_update AFTER UPDATE OF id, text ON articles "
    "BEGIN INSERT INTO article_search(article_search, rowid, text) "
    "SELECT 'delete', id, old.text FROM article_search_ids WHERE article_id = old.id; "
    "UPDATE article_search_ids SET article_id = new.id WHERE article_id = old.id; "
    "INSERT INTO article_search(rowid, text) "
    "SELECT id, new.text FROM article_search_ids WHERE article_id = new.id; END",
    # the articles stored before the index
    "INSERT INTO article_search_ids(article_id) SELECT id FROM articles "
    "WHERE id NOT IN (SELECT article_id FROM article_search_ids) ORDER BY id",
    "INSERT INTO article_search(rowid, text) SELECT s.id, a.text FROM article_search_ids s "
    "JOIN articles a ON a.id = s.article_id",
)
POSTGRESQL = (
    "CREATE INDEX IF NOT EXISTS ix_articles_text_search ON articles "
    "USING GIN (to_tsvector('english', text))",
)
TRIGGERS = ("article_search_insert", "article_search_delete", "article_search_update")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        statements: tuple[str, ...] = POSTGRESQL
    elif has_fts5(bind):
        # half an index (made where a write failed) cannot be trusted: made anew
        statements = (
            *(f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS),
            "DROP TABLE IF EXISTS article_search",
            "DROP TABLE IF EXISTS article_search_ids",
            *SQLITE,
        )
    else:
        statements = ()
    for statement in statements:
        bind.exec_driver_sql(statement)
    set_schema_version(3)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        statements: tuple[str, ...] = ("DROP INDEX IF EXISTS ix_articles_text_search",)
    else:
        statements = (
            *(f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS),
            "DROP TABLE IF EXISTS article_search",
            "DROP TABLE IF EXISTS article_search_ids",
        )
    for statement in statements:
        bind.exec_driver_sql(statement)
    set_schema_version(2)
