"""The sentence marks of line breaks are written in one pass: a 1 MB article is marked in
seconds (a token's is_sent_start setter scans the whole document first, which made marking
token by token quadratic: minutes)."""

from __future__ import annotations

import time
from typing import Any

from warlog.nlp.components import paragraph_boundaries

_UNIT = "Rockets hit the town on Sunday, officials said.\nShelling went on overnight. "


def _cpu(blank_nlp: Any, size: int) -> tuple[float, int]:
    doc = blank_nlp.make_doc(_UNIT * (size // len(_UNIT)))
    start = time.process_time()
    paragraph_boundaries(doc)
    return time.process_time() - start, sum(1 for token in doc if token.is_sent_start)


def test_paragraph_marks_on_a_1mb_article_are_linear(blank_nlp: Any) -> None:
    _, small_starts = _cpu(blank_nlp, 100_000)
    large_time, large_starts = _cpu(blank_nlp, 1_000_000)
    assert large_starts >= 9 * small_starts
    # one pass takes about a second of CPU for 1 MB; marking token by token (quadratic) did
    # not finish in minutes. Generous: CPU time on a shared machine, no ratio asserted.
    assert large_time < 30.0


def test_marks_are_those_of_the_rules(blank_nlp: Any) -> None:
    doc = paragraph_boundaries(blank_nlp.make_doc("Rockets hit Ganja.\nOfficials said so"))
    starts = {token.text: token.is_sent_start for token in doc}
    assert starts["Officials"] is True  # after a line break
    assert starts["hit"] is False  # inside a run with no closing mark
    assert starts["said"] is False
