"""Golden dateline cases: tests/golden/datelines/*.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import GOLDEN
from warlog.ingest import RawArticle, parse_dateline, prepare

CASES = sorted((GOLDEN / "datelines").glob("*.json"))


def _load(case: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(case.read_text("utf-8"))
    return data


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_golden_dateline(case: Path) -> None:
    data = _load(case)
    dateline = parse_dateline(data["text"].strip())
    expected = data["dateline"]
    if expected is None:
        assert dateline is None
    else:
        assert dateline is not None
        assert dateline.place == expected["place"]
        assert dateline.agency == expected["agency"]
        assert (dateline.date.value if dateline.date else None) == expected["date"]
        assert (dateline.date.precision.value if dateline.date else None) == expected["precision"]


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_golden_publication_date(case: Path) -> None:
    data = _load(case)
    prepared = prepare(RawArticle(source=case.name, text=data["text"]))
    published = prepared.article.published
    expected = data["published"]
    if expected is None:
        assert published is None
        assert prepared.warnings and "no publication date" in prepared.warnings[0]
    else:
        assert published is not None
        assert published.value == expected["date"]
        assert published.precision.value == expected["precision"]
        assert prepared.article.published_source == expected["source"]


def test_given_date_wins_over_dateline() -> None:
    raw = RawArticle(source="x", text="BAKU, Oct 4 (Reuters) - Shelling on October 4, 2020.")
    prepared = prepare(raw, published="2020-10-05")
    assert prepared.article.published is not None
    assert prepared.article.published.value == "2020-10-05"
    assert prepared.article.published_source == "given"


def test_field_date_is_used_and_dateline_place_kept() -> None:
    raw = RawArticle(
        source="x", text="KYIV, Ukraine (AP) — Shelling.", published="2022-03-01T08:00Z"
    )
    article = prepare(raw).article
    assert article.published is not None and article.published.value == "2022-03-01"
    assert article.dateline_place == "Kyiv"
    assert article.outlet == "AP"


def test_a_dateline_after_a_headline_and_in_title_case() -> None:
    """AFP's "Ouagadougou (AFP) -" after a headline line, and a country with "of" in it."""
    text = "Army says 33 killed\n\nOuagadougou (AFP) - At least 33 soldiers were killed."
    dateline = parse_dateline(text)
    assert dateline is not None and (dateline.place, dateline.agency) == ("Ouagadougou", "AFP")
    assert text[dateline.place_start : dateline.place_end] == "Ouagadougou"
    goma = parse_dateline("GOMA, Democratic Republic of Congo, June 30 (Reuters) - M23 rebels")
    assert goma is not None and goma.place == "Goma"
    assert parse_dateline("Thousands of people (AP) - marched") is None
