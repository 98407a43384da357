"""Temporal expressions: DATE and TIME entities, resolved to dates later by resolve.dates."""

from __future__ import annotations

from spacy.tokens import Doc

from warlog.extract.base import register_extractor
from warlog.model import Article, Evidence, TemporalExpression

TEMPORAL_LABELS = frozenset({"DATE", "TIME"})


@register_extractor("temporals")
def extract_temporals(doc: Doc, article: Article) -> list[TemporalExpression]:
    return [
        TemporalExpression(
            text=ent.text,
            evidence=Evidence(article.id, ent.start_char, ent.end_char),
            date=None,
            rule="unresolved",
        )
        for ent in doc.ents
        if ent.label_ in TEMPORAL_LABELS
    ]
