"""Temporal expressions: DATE and TIME entities, resolved to dates later by resolve.dates,
and the names of weekdays the entity recogniser left untagged ("Late Saturday, rebels
attacked ...")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from warlog.dates import WEEKDAYS
from warlog.extract.base import register_extractor
from warlog.model import Article, Evidence, TemporalExpression

TEMPORAL_LABELS = frozenset({"DATE", "TIME"})
# words that may open a weekday's expression ("late Saturday", "early Monday")
_BEFORE_WEEKDAY = frozenset({"early", "late", "last", "next", "this"})
# parts of the day that may close it ("Saturday night")
_AFTER_WEEKDAY = frozenset({"morning", "afternoon", "evening", "night"})


def _untagged_weekday(token: Token) -> bool:
    return (
        token.lower_ in WEEKDAYS
        and token.text[:1].isupper()
        and not token.ent_type_
        # "Sunday Times": a weekday that starts a name is no date
        and not (
            token.i + 1 < len(token.doc)
            and token.doc[token.i + 1].pos_ == "PROPN"
            and token.doc[token.i + 1].text[:1].isupper()
        )
    )


def _weekday_expression(doc: Doc, token: Token) -> tuple[int, int]:
    start, end = token.i, token.i + 1
    if start > 0 and doc[start - 1].lower_ in _BEFORE_WEEKDAY and not doc[start - 1].ent_type_:
        start -= 1
    if end < len(doc) and doc[end].lower_ in _AFTER_WEEKDAY and not doc[end].ent_type_:
        end += 1
    return start, end


@register_extractor("temporals")
def extract_temporals(doc: Doc, article: Article) -> list[TemporalExpression]:
    spans = [
        (ent.start_char, ent.end_char, ent.text)
        for ent in doc.ents
        if ent.label_ in TEMPORAL_LABELS
    ]
    for token in doc:
        if _untagged_weekday(token):
            start, end = _weekday_expression(doc, token)
            span = doc[start:end]
            spans.append((span.start_char, span.end_char, span.text))
    return [
        TemporalExpression(
            text=text,
            evidence=Evidence(article.id, start, end),
            date=None,
            rule="unresolved",
        )
        for start, end, text in sorted(spans)
    ]
