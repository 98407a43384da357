"""The extractor seam: pure functions ``(Doc, Article) -> records``, registered by name.

Later extractors (events, claims, casualty reports) register here and the pipeline runs
every registered one; none of them writes to a store.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, TypeVar

from spacy.tokens import Doc, Span

from warlog.model import Article, Evidence

# the compass directions a text places things by ("30 km north of Kabul", "east of El Fasher")
COMPASS_DIRECTIONS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "north-east",
        "north-west",
        "south-east",
        "south-west",
    }
)

Extractor = Callable[[Doc, Article], Sequence[Any]]

EXTRACTORS: dict[str, Extractor] = {}

_Fact = TypeVar("_Fact")


def once_per_doc(doc: Doc, key: str, compute: Callable[[Doc], _Fact]) -> _Fact:
    """A document-level fact several stages ask for, computed once per Doc: kept in
    ``doc.user_data`` under ``key`` with the Doc's length (a Doc edited since is recomputed).
    Anything without ``user_data`` (a Span, a stub) is computed afresh."""
    user_data = getattr(doc, "user_data", None)
    if not isinstance(user_data, dict):
        return compute(doc)
    cached = user_data.get(key)
    if cached is None or cached[0] != len(doc):
        cached = (len(doc), compute(doc))
        user_data[key] = cached
    fact: _Fact = cached[1]
    return fact


def doc_text(doc: Doc) -> str:
    """A Doc's text, joined once per Doc (``Doc.text`` joins every token anew on each access,
    so reading it once per sentence or entity is quadratic in the article)."""
    return once_per_doc(doc, "warlog_text", lambda d: str(d.text))


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """A Doc's entities, built once per Doc (``Doc.ents`` and ``Span.ents`` build every
    entity span anew on each access)."""
    return once_per_doc(doc, "warlog_ents", lambda d: tuple(d.ents))


def sentence_ents(sentence: Span) -> list[Span]:
    """The entities inside a sentence, from the Doc's list built once."""
    return [
        e for e in doc_ents(sentence.doc) if sentence.start <= e.start and e.end <= sentence.end
    ]


def register_extractor(name: str) -> Callable[[Extractor], Extractor]:
    """Register ``function`` as the extractor called ``name`` (its records go in Report.name)."""

    def decorate(function: Extractor) -> Extractor:
        EXTRACTORS[name] = function
        return function

    return decorate


def sentence_evidence(article_id: str, sentence: Span) -> Evidence:
    """A sentence's evidence span, without the line breaks spaCy keeps at its end."""
    text: str = sentence.text
    return Evidence(article_id, sentence.start_char, sentence.start_char + len(text.rstrip()))


@cache
def group_alias_pattern() -> re.Pattern[str]:
    """Any alias longer than three letters of an armed group of data/actors.json, as words
    (lower case): one search for all of them."""
    from warlog.resources import load_json

    aliases = {alias for group in load_json("actors.json")["groups"] for alias in group["aliases"]}
    longer = sorted((alias for alias in aliases if len(alias) > 3), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(alias) for alias in longer) + r")\b")


@cache
def sideless_group_names() -> frozenset[str]:
    """The names and aliases (lower case) of the armed groups of data/actors.json that no
    state is."""
    from warlog.resources import load_json

    return frozenset(
        word
        for group in load_json("actors.json")["groups"]
        if group.get("side") is None
        for word in (group["name"].lower(), *group["aliases"])
    )
