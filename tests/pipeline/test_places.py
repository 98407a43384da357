"""Place recognition beyond the NER's own places, with the real model."""

from __future__ import annotations

from typing import Any

import pytest

import warlog

pytestmark = pytest.mark.model


def _places(text: str, nlp: Any) -> list[tuple[str, str | None]]:
    report = warlog.read(text, published="2019-09-15", nlp=nlp)
    return [(p.text, p.country_code) for p in report.places]


def test_a_name_the_text_calls_a_place_is_one(nlp: Any) -> None:
    """The parse calls "Badar" and "Khurais" organisations; the text calls them a village and
    an oil field. "4:00 A.M." the parse calls a place; it is none."""
    found = _places(
        "Missiles hit the village of Badar in South Waziristan, Pakistan. The attacks at "
        "4:00 A.M. struck Abqaiq and the Khurais oil field in Saudi Arabia.",
        nlp,
    )
    names = [name for name, _ in found]
    assert "Badar" in names and "Khurais" in names and "A.M." not in names
    assert dict(found)["Khurais"] == "SA"


def test_a_demonym_is_not_a_place(nlp: Any) -> None:
    found = _places("Siniora told a meeting of Arab foreign ministers in Beirut.", nlp)
    assert [name for name, _ in found] == ["Beirut"]
