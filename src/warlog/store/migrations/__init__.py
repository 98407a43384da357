"""The store's migrations: one Alembic history for SQLite and PostgreSQL alike.

Each revision is one schema version: revision ``000N`` (``versions/000N_*.py``) brings a
store to schema version N and writes N to ``meta.schema_version``, which readers check
without Alembic (``warlog.store.store.stored_version``; a reader never imports this
package). Alembic records the revision a store is at in its own table, named
``warlog_alembic_version`` so that it cannot clash with a table of the user's. A store with
only ``meta.schema_version`` (written before warlog used Alembic: warlog 0.2 wrote version
1, 0.3 and 0.4 version 2) is stamped at the revision of its version, then upgraded; one of
version 1 is upgraded from the start, revision 0001 making the tables it lacks (warlog 0.1
had fewer). A new store is made from ``warlog.store.schema`` and stamped at the head.

Everything runs on the writer's connection, inside its transaction and write lock
(``Store._migrate``): no ``alembic.ini`` is read; :func:`config` builds Alembic's
configuration, whose ``script_location`` is this folder. A new revision (a developer's
step, for a new schema version ``N``: ``SCHEMA_VERSION`` in ``warlog.store.schema`` is N
too, and a test checks that it names the head)::

    from alembic import command
    from warlog.store.migrations import config
    command.revision(config(), "what it does", rev_id="000N")
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from alembic.config import Config

VERSION_TABLE = "warlog_alembic_version"
FOLDER = Path(__file__).resolve().parent


def revision_of(version: int) -> str:
    """The revision that makes schema version ``version``: ``0004`` for 4."""
    return f"{version:04d}"


def config(connection: Any = None) -> Config:
    """Alembic's configuration of warlog's migrations, built in code, running on
    ``connection`` (a SQLAlchemy connection, in a transaction of its caller)."""
    from alembic.config import Config

    built = Config()
    built.set_main_option("script_location", str(FOLDER))
    built.attributes["connection"] = connection
    return built


def head() -> str:
    """The revision the migrations end at."""
    from alembic.script import ScriptDirectory

    found = ScriptDirectory.from_config(config()).get_current_head()
    assert found is not None
    return found


def current(connection: Any) -> str | None:
    """The revision Alembic recorded for the store on ``connection``; None when it has
    recorded none (a store written before warlog used Alembic, or a new one)."""
    from alembic.runtime.migration import MigrationContext

    context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
    return context.get_current_revision()


class UnknownRevision(Exception):
    """A store recorded at a revision this warlog does not have (a newer warlog's)."""

    def __init__(self, revision: str) -> None:
        super().__init__(revision)
        self.revision = revision
        self.version: int | str = int(revision) if revision.isdigit() else repr(revision)


def upgrade(connection: Any, version: int) -> None:
    """Bring the store on ``connection``, of schema version ``version``, to the head: from
    the revision Alembic recorded, else (a store of an older warlog) from that of
    ``version``; one of version 1 from the start."""
    from alembic import command
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    settings = config(connection)
    recorded = current(connection)
    if recorded is None:
        if version > 1:
            command.stamp(settings, revision_of(version))
    else:
        try:
            ScriptDirectory.from_config(settings).get_revision(recorded)
        except CommandError:
            raise UnknownRevision(recorded) from None
    command.upgrade(settings, "head")


def stamp_head(connection: Any) -> None:
    """Record a store just made from ``warlog.store.schema`` as at the head."""
    from alembic import command

    command.stamp(config(connection), "head")


def set_schema_version(version: int) -> None:
    """What a revision does last: write its schema version to ``meta`` for readers."""
    import sqlalchemy as sa
    from alembic import op

    op.execute(
        sa.text("UPDATE meta SET value = :value WHERE key = 'schema_version'").bindparams(
            value=str(version)
        )
    )
