"""The indexed attribute ruler sets exactly what spaCy's Matcher-based one sets."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler

from warlog import settings
from warlog.ingest import RawArticle, iter_sources, prepare
from warlog.nlp.attribute_rules import IndexedRules

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"


def _texts(limit: int) -> list[str]:
    items = [item for item in iter_sources([EXAMPLES]) if isinstance(item, RawArticle)]
    return [prepare(item, published=item.published).article.text for item in items[:limit]]


def test_warlog_pipeline_matches_through_the_index(nlp: Any) -> None:
    ruler = nlp.get_pipe("attribute_ruler")
    assert getattr(ruler.match, "__self__", None).__class__ is IndexedRules


def test_same_matches_and_attributes_as_spacy_on_the_examples(nlp: Any) -> None:
    ruler = nlp.get_pipe("attribute_ruler")
    indexed = IndexedRules(ruler)
    texts = [*_texts(25), "There are 5 of y'all. Nothin' was done, ya know?", "", "   "]
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        parsed = list(nlp.pipe(texts))
    columns = [TAG, POS, MORPH, LEMMA, DEP]
    for text, doc in zip(texts, parsed, strict=True):
        spacy_matches = AttributeRuler.match(ruler, doc)  # the class's own, Matcher-based
        assert indexed.match(doc) == sorted(set(spacy_matches)), text[:60]
        by_spacy, by_index = doc.copy(), doc.copy()
        ruler.set_annotations(by_spacy, spacy_matches)
        ruler.set_annotations(by_index, indexed.match(by_index))
        assert (by_spacy.to_array(columns) == by_index.to_array(columns)).all(), text[:60]


def test_a_rule_it_cannot_file_is_refused(nlp: Any) -> None:
    ruler = (
        importlib.import_module(settings.get_str("spacy_model")).load().get_pipe("attribute_ruler")
    )
    ruler.add([[{"ENT_TYPE": "GPE"}]], {"LEMMA": "x"})
    with pytest.raises(ValueError, match="ENT_TYPE"):
        IndexedRules(ruler)
