"""A Doc's text and entities are built once per Doc: ``Doc.text`` joins every token anew on
each access, so an extractor that read it once per sentence was quadratic in the article
(half of warlog's own time on the example articles)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import warlog.extract
from warlog.extract.base import doc_ents, doc_text, sentence_ents

EXTRACT = Path(warlog.extract.__file__).parent


def test_the_text_is_joined_once(blank_nlp: Any) -> None:
    doc = blank_nlp("Shells hit Ganja. Two people died.")
    assert doc_text(doc) == doc.text
    assert doc_text(doc) is doc_text(doc)
    assert doc_ents(doc) is doc_ents(doc)
    assert sentence_ents(doc[0:3]) == []


def test_no_extractor_reads_doc_text_itself() -> None:
    readers = [
        f"{path.name}:{number}"
        for path in sorted(EXTRACT.glob("*.py"))
        if path.name != "base.py"
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if re.search(r"\bdoc\.text\b", line) and not line.lstrip().startswith(("#", '"'))
    ]
    assert readers == [], f"use warlog.extract.base.doc_text: {readers}"


def test_a_sentences_entities_reach_its_edges(blank_nlp: Any) -> None:
    from spacy.tokens import Span

    doc = blank_nlp("Shells hit Ganja . Kyiv was quiet .")
    doc.ents = [Span(doc, 2, 3, label="GPE"), Span(doc, 4, 5, label="GPE")]
    assert [e.text for e in sentence_ents(doc[0:4])] == ["Ganja"]
    assert [e.text for e in sentence_ents(doc[4:8])] == ["Kyiv"]
