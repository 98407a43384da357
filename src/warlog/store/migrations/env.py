"""Alembic's environment for warlog's store: run on the connection the caller hands over in
``config.attributes["connection"]`` (``warlog.store.migrations.config``), inside the caller's
transaction. There is no offline (``--sql``) mode: revision 0003 asks the database whether it
has FTS5."""

from __future__ import annotations

from alembic import context

from warlog.store import schema
from warlog.store.migrations import VERSION_TABLE

if context.is_offline_mode():
    raise RuntimeError("warlog's migrations run on a store's connection, not as SQL")

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("warlog.store.migrations.config(connection) hands over the connection")
context.configure(
    connection=connection,
    target_metadata=schema.metadata,
    version_table=VERSION_TABLE,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying
)
with context.begin_transaction():
    context.run_migrations()
