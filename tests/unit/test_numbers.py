"""Number phrases and the FORMAT.md bounds, on a tokenizer-only pipeline."""

from __future__ import annotations

from typing import Any

import pytest

from warlog.extract.numbers import bounds, find_numbers


def _first(blank_nlp: Any, text: str) -> Any:
    doc = blank_nlp(text)
    phrases = find_numbers(doc, doc[:])
    assert phrases, text
    return phrases[0]


@pytest.mark.parametrize(
    ("text", "best", "qualifier", "low", "high"),
    [
        ("nearly 200 servicemen died", 200, "nearly", None, 199),
        ("more than 90 others wounded", 90, "more_than", 91, None),
        ("Eighteen civilians have been killed", 18, "exact", 18, 18),
        ("thirty-two people were hurt", 32, "exact", 32, 32),
        ("two dozen soldiers", 24, "exact", 24, 24),
        ("a dozen soldiers", 12, "exact", 12, 12),
        ("killed an estimated 30,000 people", 30000, "about", None, None),
        ("at least 16 people were killed", 16, "at_least", 16, None),
        ("up to 12 fighters", 12, "up_to", None, 12),
        ("as many as 40 people", 40, "up_to", None, 40),
        ("over 100 dead", 100, "more_than", 101, None),
        ("one hundred and twenty people", 120, "exact", 120, 120),
        ("1.5 million displaced", 1500000, "exact", 1500000, 1500000),
    ],
)
def test_numbers(
    blank_nlp: Any, text: str, best: int, qualifier: str, low: int | None, high: int | None
) -> None:
    phrase = _first(blank_nlp, text)
    assert (phrase.best, phrase.qualifier, phrase.low, phrase.high) == (best, qualifier, low, high)


@pytest.mark.parametrize(
    ("text", "low"),
    [
        ("dozens were killed", 24),
        ("scores of others", 40),
        ("hundreds of Taliban", 200),
        ("tens of thousands fled", 20000),
        ("several soldiers", 3),
        ("a few civilians", 3),
    ],
)
def test_vague_quantities(blank_nlp: Any, text: str, low: int) -> None:
    phrase = _first(blank_nlp, text)
    assert (phrase.best, phrase.qualifier, phrase.low, phrase.high) == (None, "vague", low, None)


def test_list_markers_are_not_figures(blank_nlp: Any) -> None:
    doc = blank_nlp("1. Ganja: missiles.")
    assert [p.best for p in find_numbers(doc, doc[:])] == []
    doc = blank_nlp("Strikes:\n  2. Absheron region.")
    assert [p.best for p in find_numbers(doc, doc[:])] == []


def test_a_number_ending_a_sentence_is_a_figure(blank_nlp: Any) -> None:
    doc = blank_nlp("The blast killed six and wounded 14.")
    assert [p.best for p in find_numbers(doc, doc[:])] == [6, 14]


def test_no_one_is_no_figure(blank_nlp: Any) -> None:
    doc = blank_nlp("Most rockets were intercepted and no one was hurt, but one man died.")
    assert [p.best for p in find_numbers(doc, doc[:])] == [1]


def test_bounds_table() -> None:
    assert bounds(10, "exact") == (10, 10)
    assert bounds(10, "about") == (None, None)
    assert bounds(None, "vague", 24) == (24, None)


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("up to 17 000 civilians fled", 17000),
        ("1 200 000 people were displaced", 1200000),
        ("12 000 refugees", 12000),
    ],
)
def test_thousands_grouped_by_spaces(blank_nlp: Any, text: str, best: int) -> None:
    assert _first(blank_nlp, text).best == best


def test_a_year_before_a_figure_is_not_grouped(blank_nlp: Any) -> None:
    doc = blank_nlp("In 2014 200 people were killed")
    assert [p.best for p in find_numbers(doc, doc[:])][-1] == 200
