"""find_numbers is linear in the sentence: a 1 MB article costs about ten times 100 KB."""

from __future__ import annotations

import time
from typing import Any

from warlog.extract.numbers import find_numbers

_UNIT = (
    "At least 12 soldiers and dozens of civilians were killed, tens of thousands fled, "
    "nearly 200 were hurt and between 30 and 40 houses burned; a few were never found. "
)


def _cpu(blank_nlp: Any, size: int) -> tuple[float, int]:
    doc = blank_nlp(_UNIT * (size // len(_UNIT)))
    start = time.process_time()
    phrases = find_numbers(doc, doc[:])  # one huge "sentence": the worst case
    return time.process_time() - start, len(phrases)


def test_find_numbers_on_a_1mb_article_is_linear(blank_nlp: Any) -> None:
    small_time, small_count = _cpu(blank_nlp, 100_000)
    large_time, large_count = _cpu(blank_nlp, 1_000_000)
    assert large_count >= 9 * small_count
    # linear is 10x; quadratic would be 100x.  Generous: CPU time on a shared machine.
    assert large_time < 30 * max(small_time, 0.01)
    assert large_time < 60.0
