"""Whether an article reports political violence at all: warlog's extractors stay quiet on a
disaster's toll or an election result (the negative controls of eval/gold-dev)."""

from __future__ import annotations

from functools import cache
from typing import Any

from spacy.tokens import Doc

from warlog.extract.base import once_per_doc
from warlog.resources import load_json


@cache
def _terms() -> tuple[frozenset[str], int]:
    """The conflict words of ``data/casualties.json`` and every one-word event trigger that
    is not generic ("warplanes", "shelling"; not "hit" or "attack")."""
    data: dict[str, Any] = load_json("casualties.json")
    return frozenset(data["conflict_terms"]) | _trigger_words(True), int(data["conflict_min_terms"])


@cache
def _trigger_words(single: bool) -> frozenset[str]:
    """Non-generic event trigger words: one-word ones, or (``single`` False) phrases. An
    agreement's words ("deal", "ceasefire") are no sign of violence."""
    return frozenset(
        word
        for entry in load_json("events.json")["triggers"]
        if not entry.get("generic") and not entry.get("in_force")
        for word in entry["words"]
        if (" " not in word) is single
    )


_CACHE_KEY = "warlog.is_conflict_text"


def is_conflict_text(doc: Doc) -> bool:
    """At least ``conflict_min_terms`` conflict words or trigger phrases ("shot down"); one
    in a text of under 150 words. Computed once per Doc (kept in ``doc.user_data``): three
    extractors ask."""
    return bool(once_per_doc(doc, _CACHE_KEY, _is_conflict_text))


def _is_conflict_text(doc: Doc) -> bool:
    terms, minimum = _terms()
    count = sum(1 for token in doc if token.lemma_.lower() in terms or token.lower_ in terms)
    lowered = " " + " ".join(token.lower_ for token in doc) + " "
    count += sum(lowered.count(f" {phrase} ") for phrase in _trigger_words(False))
    return count >= (1 if len(doc) < 150 else minimum)


def conflict_terms() -> frozenset[str]:
    return _terms()[0]
