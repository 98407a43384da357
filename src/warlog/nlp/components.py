"""warlog's own pipeline components, registered with spaCy by name."""

from __future__ import annotations

from typing import Any

from spacy.language import Language as SpacyLanguage

PARAGRAPHS = "warlog_paragraphs"


@SpacyLanguage.component(PARAGRAPHS)
def paragraph_boundaries(doc: Any) -> Any:
    """A line break always ends a sentence: headlines, datelines and list items stand alone."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc
