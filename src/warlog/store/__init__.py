"""store: SQLite (default) behind SQLAlchemy Core; queries return records."""

from warlog.store.ingest import Added, IngestResult, Rejection, Unchanged
from warlog.store.store import (
    ArticleSummary,
    Migration,
    PlaceCount,
    Store,
    migrate_store,
    open_store,
)

__all__ = [
    "Added",
    "ArticleSummary",
    "IngestResult",
    "Migration",
    "PlaceCount",
    "Rejection",
    "Store",
    "Unchanged",
    "migrate_store",
    "open_store",
]
