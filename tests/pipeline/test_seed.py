"""The real pipeline on the seed article."""

from __future__ import annotations

from typing import Any

import pytest

import warlog

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed_report(seed_text: str, nlp: Any) -> warlog.Report:
    return warlog.read(seed_text, nlp=nlp)


def test_publication_date_from_dateline_and_tweet(seed_report: warlog.Report) -> None:
    article = seed_report.article
    assert article.published == warlog.ResolvedDate("2020-10-04", warlog.DatePrecision.DAY)
    assert article.published_source == "dateline+text"
    assert article.dateline_place == "Baku"


def test_every_offset_points_into_the_cleaned_text(seed_report: warlog.Report) -> None:
    text = seed_report.article.text
    for record in (*seed_report.places, *seed_report.temporals):
        assert record.evidence.article_id == seed_report.article.id
        assert text[record.evidence.start : record.evidence.end] == record.text


def test_places_found(seed_report: warlog.Report) -> None:
    names = {place.text for place in seed_report.places}
    assert {"Baku", "Azerbaijan", "Armenia"} <= names
    assert "Story" not in names


def test_dates_resolved(seed_report: warlog.Report) -> None:
    dates = {(t.text, t.date.value) for t in seed_report.temporals if t.date}
    assert ("Sunday", "2020-10-04") in dates
    assert ("27 September", "2020-09-27") in dates
    assert ("October 4, 2020", "2020-10-04") in dates
    assert ("1992", "1992") in dates


def test_explicit_published_wins(seed_text: str, nlp: Any) -> None:
    report = warlog.read(seed_text, published="2020-10-05", nlp=nlp)
    sundays = [t.date.value for t in report.temporals if t.text == "Sunday" and t.date]
    assert sundays and set(sundays) == {"2020-10-04"}
    assert report.article.published_source == "given"


def test_read_rejects_empty_text(nlp: Any) -> None:
    with pytest.raises(warlog.InputError):
        warlog.read("   ", nlp=nlp)
