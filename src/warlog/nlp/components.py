"""warlog's own pipeline components, registered with spaCy by name."""

from __future__ import annotations

from itertools import pairwise
from typing import cast

from spacy.attrs import SENT_START
from spacy.language import Language as SpacyLanguage
from spacy.tokens import Doc
from thinc.types import Ints2d

from warlog.ingest.dateline import dateline_end

PARAGRAPHS = "warlog_paragraphs"


@SpacyLanguage.component(PARAGRAPHS)
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break always ends a sentence: headlines, datelines and list items stand alone;
    and a sentence starts only after one or after closing punctuation (the parser splits
    "Houthi / military spokesman Yahya Saree said ..." at a paragraph's first word)."""
    # the marks are written in one pass over an array: a token's is_sent_start setter scans
    # the whole document for a parse first, which made this quadratic in the article
    starts = doc.to_array([SENT_START]).astype("int64")
    run = 0  # tokens since the last place a sentence may start
    opening = dateline_end(doc.text)
    tokens = list(doc)  # one Token object each (doc[i] makes a new one at every call)
    for token, following in pairwise(tokens):
        if opening is not None and token.idx + len(token.text) <= opening <= following.idx:
            starts[following.i] = 1  # the lead proper, after its dateline
            run = 0
            continue
        run += 1
        if "\n" in token.text or "\n" in token.whitespace_:
            starts[following.i] = 1
            run = 0
        elif _may_close(token.text) or following.is_space:
            run = 0
        elif run < MAX_UNPUNCTUATED:
            starts[following.i] = -1
    if len(tokens) > 1:
        doc.from_array([SENT_START], cast(Ints2d, starts.astype("uint64").reshape(-1, 1)))
    return doc


# an unpunctuated run this long is left to the parser to split (text with no punctuation
# at all stays in sentences of a size the extractors read in linear time)
MAX_UNPUNCTUATED = 120


_CLOSING = frozenset(
    {
        ".",
        "!",
        "?",
        '"',
        "\u201d",
        "\u2019",
        "'",
        ")",
        "]",
        ":",
        ";",
        "\u2026",
        "--",
        "-",
        "\u2014",
        "\u2013",
    }
)


def _may_close(text: str) -> bool:
    """Whether a sentence may end with this token: closing punctuation or an abbreviation's
    dot."""
    return text in _CLOSING or text.endswith(".") or not text.isalnum()
