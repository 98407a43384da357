"""Two names joined by "and" or "of" that together name one place are one place of the
article, however the parse tagged them."""

from __future__ import annotations

from typing import Any

import pytest

import warlog

pytestmark = pytest.mark.model


def _places(text: str, nlp: Any) -> list[str]:
    report = warlog.read(text, published="2023-10-13", nlp=nlp)
    return sorted(place.name for place in report.places)


def test_an_area_named_with_and_is_one_place(nlp: Any) -> None:
    text = "Militants ambushed an army truck in the Poonch district of Jammu and Kashmir."
    places = _places(text, nlp)
    assert "Jammu" not in places  # the city of Jammu is not where it happened
    assert any("Kashmir" in name for name in places)


def test_a_country_named_with_and_is_one_place(nlp: Any) -> None:
    places = _places("Police in Trinidad and Tobago said gunmen killed two men.", nlp)
    assert places == ["Trinidad and Tobago"]


def test_a_city_named_with_of_is_one_place(nlp: Any) -> None:
    places = _places("Gunmen killed two men in Port of Spain on Friday, police said.", nlp)
    assert "Port of Spain" in places
    assert "Spain" not in places


def test_two_places_joined_by_and_stay_two(nlp: Any) -> None:
    places = _places("Rockets were fired at Israel and Gaza was struck.", nlp)
    assert "Israel" in places and "Gaza" in places
