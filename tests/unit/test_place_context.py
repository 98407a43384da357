"""A capitalised run reads as a place after a preposition, also past an area adjective."""

from __future__ import annotations

from typing import Any

import pytest

from warlog.extract.places import _locative_context

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Fighting broke out in central Xyzabad on Monday.", "Xyzabad"),
        ("Shells fell in northern Qorvani overnight.", "Qorvani"),
        ("Shells fell in Qorvani overnight.", "Qorvani"),
    ],
)
def test_a_place_after_an_area_adjective(nlp: Any, text: str, word: str) -> None:
    doc = nlp(text)
    index = next(t.i for t in doc if t.text == word)
    assert _locative_context(doc, index, index)


def test_not_after_an_adjective_alone(nlp: Any) -> None:
    doc = nlp("Central Xyzabad is quiet.")
    index = next(t.i for t in doc if t.text == "Xyzabad")
    assert not _locative_context(doc, index, index)
