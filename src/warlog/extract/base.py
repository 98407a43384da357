"""The extractor seam: pure functions ``(Doc, Article) -> records``, registered by name.

Later extractors (events, claims, casualty reports) register here and the pipeline runs
every registered one; none of them writes to a store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from warlog.model import Article

Doc = Any  # spacy.tokens.Doc (spaCy ships no type stubs)
Extractor = Callable[[Doc, Article], Sequence[Any]]

EXTRACTORS: dict[str, Extractor] = {}


def register_extractor(name: str) -> Callable[[Extractor], Extractor]:
    """Register ``function`` as the extractor called ``name`` (its records go in Report.name)."""

    def decorate(function: Extractor) -> Extractor:
        EXTRACTORS[name] = function
        return function

    return decorate
