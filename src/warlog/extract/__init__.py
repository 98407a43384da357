"""extract: pure functions from a parsed Doc to records."""

from warlog.extract import places, temporal
from warlog.extract.base import EXTRACTORS, register_extractor

__all__ = ["EXTRACTORS", "places", "register_extractor", "temporal"]
