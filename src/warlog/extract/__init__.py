"""extract: pure functions from a parsed Doc to records."""

from warlog.extract import casualties, claims, events, places, temporal
from warlog.extract.base import EXTRACTORS, register_extractor

__all__ = [
    "EXTRACTORS",
    "casualties",
    "claims",
    "events",
    "places",
    "register_extractor",
    "temporal",
]
