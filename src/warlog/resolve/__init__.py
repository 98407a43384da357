"""resolve: places, dates and actors to canonical values."""

from warlog.resolve.dates import resolve_expression, resolve_temporals

__all__ = ["resolve_expression", "resolve_temporals"]
