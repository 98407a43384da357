"""extract: pure functions from a parsed Doc to records."""

from warlog.extract import casualties, places, temporal
from warlog.extract.base import EXTRACTORS, register_extractor

__all__ = ["EXTRACTORS", "casualties", "places", "register_extractor", "temporal"]
