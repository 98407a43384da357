"""warlog: conflict news to an evidence-linked event database.

>>> import warlog
>>> report = warlog.read(text, published="2020-10-04")   # one article, no store
>>> store = warlog.open("warlog.db")                       # SQLite file
>>> result = store.ingest(["examples/articles"])
>>> app = warlog.Warlog(db="warlog.db", link_day_window=3)  # settings, pipeline and store
>>> rows = app.events(since="2020-10-01", country="AZ")      # the data of a view
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from warlog.app import Found, Warlog
from warlog.errors import (
    ConfigError,
    ExtraMissingError,
    InputError,
    ModelMissingError,
    StoreError,
    WarlogError,
)
from warlog.model import (
    Article,
    DatePrecision,
    Evidence,
    PlaceMention,
    Report,
    ResolvedDate,
    TemporalExpression,
)

if TYPE_CHECKING:
    from warlog.store import Store

__version__ = "0.4.0"

__all__ = [
    "Article",
    "ConfigError",
    "DatePrecision",
    "Evidence",
    "ExtraMissingError",
    "Found",
    "InputError",
    "ModelMissingError",
    "PlaceMention",
    "Report",
    "ResolvedDate",
    "StoreError",
    "TemporalExpression",
    "Warlog",
    "WarlogError",
    "__version__",
    "open",
    "read",
]


def read(text: str, **options: Any) -> Report:
    """Everything warlog finds in one article, without a store (see warlog.pipeline.read)."""
    from warlog.pipeline import read as read_article

    return read_article(text, **options)


def open(location: str | Path, *, read_only: bool = False) -> Store:
    """Open (creating if needed) the store at ``location``: a SQLite file path or a
    PostgreSQL URL. ``read_only=True``: only read; a missing store is an error, not created."""
    from warlog.store import open_store

    return open_store(location, read_only=read_only)
