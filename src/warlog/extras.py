"""Optional dependencies: each is a ``[project.optional-dependencies]`` extra of warlog's
pyproject.toml, and a missing one is a :class:`warlog.errors.ExtraMissingError` naming the
extra to install, not an ImportError traceback."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from warlog.errors import ExtraMissingError


@dataclass(frozen=True, slots=True)
class Extra:
    name: str  # the extra: pip install 'warlog[NAME]'
    modules: tuple[str, ...]  # the modules it provides
    needed_for: str  # what needs it, as the error message says it


EXTRAS: tuple[Extra, ...] = (
    Extra("postgres", ("psycopg",), "a PostgreSQL store (--db postgresql://...)"),
    Extra(
        "parallel",
        ("dask", "distributed"),
        "parallel ingest (warlog ingest --workers N / --scheduler ADDRESS)",
    ),
)

_BY_MODULE = {module: extra for extra in EXTRAS for module in extra.modules}


def require(module: str) -> None:
    """Import ``module``, one of the extras' modules; a missing (or broken) one raises
    :class:`ExtraMissingError` with the ``pip install`` line that brings it."""
    extra = _BY_MODULE[module]
    try:
        importlib.import_module(module)
    except ImportError as exc:
        raise ExtraMissingError(module, extra.name, extra.needed_for, str(exc)) from None
