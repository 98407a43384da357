"""Property tests (Hypothesis) of the input path: readers, cleaning, datelines, numbers, dates
and the whole ``warlog.read``. Whatever the input: no exception but a WarlogError, every
offset within the text, the same ids for the same text.

Bounded for CI: WARLOG_FUZZ_EXAMPLES examples per property (default 60); the 10,000-input
run is ``benchmarks/fuzz_read.py`` (docs/reliability.md)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warlog.dates import MAX_YEAR, MIN_YEAR
from warlog.errors import InputError, WarlogError
from warlog.model import Evidence, Report

EXAMPLES = int(os.environ.get("WARLOG_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)

PIECES = st.sampled_from(
    [
        "Azerbaijan said on Sunday that Armenia shelled Ganja.",
        "BAKU, Oct 4 (Reuters) - ",
        "STEPANAKERT, 2020-10-04 /AFP/ - ",
        " killing 12 people",
        "9" * 400,
        str(2**63),
        "December 31, 9999",
        "0001-01-01",
        "99999999999 days ago",
        "\udc80",
        "\ud800",
        "\u200b\ufeff",
        '"' * 50,
        "&amp;&#x0;",
        "<iframe src=javascript:x>",
        "one hundred and twenty thousand million",
        "\r\n\r",
        "\x00\x1b",
    ]
)
# Text made of news fragments, hostile fragments and any code point (lone surrogates too).
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=60)), max_size=8).map("".join)
PUBLISHED = st.one_of(
    st.none(),
    st.sampled_from(["2020-10-04", "0001-01-01", "9999-12-31", "2020-13-45", "2020", "1000-01-01"]),
    st.dates().map(str),
    st.text(max_size=12),
)


def _evidences(value: Any) -> list[Evidence]:
    """Every Evidence inside a record (dataclasses, tuples)."""
    if isinstance(value, Evidence):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [e for f in dataclasses.fields(value) for e in _evidences(getattr(value, f.name))]
    if isinstance(value, tuple | list):
        return [e for item in value for e in _evidences(item)]
    return []


def _check_report(report: Report) -> None:
    text = report.article.text
    text.encode("utf-8")  # storable
    for evidence in _evidences(report):
        assert evidence.article_id == report.article.id
        assert 0 <= evidence.start <= evidence.end <= len(text)


@FUZZ
@given(
    data=st.binary(max_size=400),
    suffix=st.sampled_from([".txt", ".json", ".jsonl", ".html", ".xml"]),
)
def test_readers_yield_articles_or_input_errors(tmp_path: Path, data: bytes, suffix: str) -> None:
    from warlog.ingest import RawArticle, iter_sources

    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    for item in iter_sources([path]):
        assert isinstance(item, RawArticle | InputError)
        if isinstance(item, InputError):
            assert item.code.startswith("W1") and item.code != "W112" and item.hint


@FUZZ
@given(
    obj=st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
        lambda children: (
            st.lists(children, max_size=3)
            | st.dictionaries(
                st.sampled_from(["text", "url", "published", "title", "body"]), children
            )
        ),
        max_leaves=8,
    )
)
def test_json_objects_yield_articles_or_input_errors(tmp_path: Path, obj: Any) -> None:
    from warlog.ingest import RawArticle, iter_sources

    path = tmp_path / "input.json"
    path.write_text(json.dumps(obj))
    for item in iter_sources([path]):
        assert isinstance(item, RawArticle | InputError)


@FUZZ
@given(text=TEXTS)
def test_cleaning_gives_storable_text(text: str) -> None:
    from warlog.ingest.clean import clean_text

    cleaned = clean_text(text)
    cleaned.encode("utf-8")
    assert clean_text(cleaned).encode("utf-8") is not None


@FUZZ
@given(text=TEXTS)
def test_datelines_stay_within_the_text(text: str) -> None:
    from warlog.ingest.clean import clean_text
    from warlog.ingest.dateline import parse_dateline

    cleaned = clean_text(text)
    dateline = parse_dateline(cleaned)
    if dateline is not None:
        assert 0 <= dateline.start <= dateline.end <= len(cleaned)
        if dateline.place_start is not None and dateline.place_end is not None:
            assert dateline.start <= dateline.place_start <= dateline.place_end <= dateline.end


@FUZZ
@given(text=TEXTS)
def test_numbers_are_ints_within_the_sentence(blank_nlp: Any, text: str) -> None:
    from warlog.extract.numbers import find_numbers
    from warlog.ingest.clean import clean_text

    doc = blank_nlp(clean_text(text))
    for phrase in find_numbers(doc, doc[:]):
        assert 0 <= phrase.start <= phrase.number_start < phrase.end <= len(doc)
        for value in (phrase.best, phrase.low, phrase.high):
            assert value is None or isinstance(value, int)


@FUZZ
@given(
    text=TEXTS,
    published=st.dates(min_value=dt.date(MIN_YEAR, 1, 1), max_value=dt.date(MAX_YEAR, 12, 31)),
)
def test_dates_resolve_without_overflow(text: str, published: Any) -> None:
    from warlog.dates import from_date, full_dates_in, parse_iso
    from warlog.resolve.dates import resolve_expression

    for found, start, end in full_dates_in(text):
        assert MIN_YEAR <= int(found.value[:4]) <= MAX_YEAR and 0 <= start < end <= len(text)
    parse_iso(text)
    resolve_expression(text, from_date(published))


# With the real pipeline: a pipeline without a parser (spacy.blank) can crash the interpreter
# in spaCy's Token.children on some random texts (docs/reliability.md).
@pytest.mark.model
@settings(
    max_examples=max(10, EXAMPLES // 3),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
@given(text=TEXTS, published=PUBLISHED)
def test_read_raises_only_warlog_errors(nlp: Any, text: str, published: str | None) -> None:
    import warlog

    try:
        report = warlog.read(text, published=published, nlp=nlp)
    except WarlogError as error:
        assert error.code != "W500", error.message
        return
    _check_report(report)
    again = warlog.read(text, published=published, nlp=nlp)
    assert again.article.id == report.article.id
    assert [c.id for c in again.casualties] == [c.id for c in report.casualties]
    assert [e.id for e in again.events] == [e.id for e in report.events]
    assert [t.evidence for t in again.temporals] == [t.evidence for t in report.temporals]
