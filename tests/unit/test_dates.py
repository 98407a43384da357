from __future__ import annotations

import pytest

from warlog.dates import full_dates_in, parse_iso
from warlog.resolve.dates import resolve_expression

PUBLISHED = parse_iso("2020-10-04")  # a Sunday


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("Sunday", "2020-10-04", "day"),
        ("on Sunday", "2020-10-04", "day"),
        ("Sunday evening", "2020-10-04", "day"),
        ("Friday", "2020-10-02", "day"),
        ("last Sunday", "2020-09-27", "day"),
        ("next Monday", "2020-10-05", "day"),
        ("yesterday", "2020-10-03", "day"),
        ("three days ago", "2020-10-01", "day"),
        ("27 September", "2020-09-27", "day"),
        ("September 27", "2020-09-27", "day"),
        ("December 25", "2019-12-25", "day"),
        ("October 4, 2020", "2020-10-04", "day"),
        ("4 October 2020", "2020-10-04", "day"),
        ("October 2019", "2019-10", "month"),
        ("September", "2020-09", "month"),
        ("last month", "2020-09", "month"),
        ("1992", "1992", "year"),
        ("in 1994", "1994", "year"),
        ("last year", "2019", "year"),
        ("in August last year", "2019-08", "month"),
        ("late March of last year", "2019-03", "month"),
        ("last year in May", "2019-05", "month"),
        ("February this year", "2020-02", "month"),
        ("at the weekend", "2020-10-03", "day"),
        ("over the weekend", "2020-10-03", "day"),
        ("last weekend", "2020-09-26", "day"),
        ("next weekend", "2020-10-10", "day"),
        ("last week", "2020-09", "month"),
    ],
)
def test_resolves(text: str, value: str, precision: str) -> None:
    resolved, _rule = resolve_expression(text, PUBLISHED)
    assert resolved is not None
    assert (resolved.value, resolved.precision.value) == (value, precision)


@pytest.mark.parametrize("text", ["decades", "about three months", "the 1990s", "evening"])
def test_durations_and_vague_spans_do_not_resolve(text: str) -> None:
    assert resolve_expression(text, PUBLISHED)[0] is None


def test_relative_dates_need_a_publication_date() -> None:
    assert resolve_expression("Sunday", None) == (None, "no-publication-date")
    resolved, _ = resolve_expression("October 4, 2020", None)
    assert resolved is not None and resolved.value == "2020-10-04"


def test_weekday_needs_a_day_precise_publication_date() -> None:
    assert resolve_expression("Sunday", parse_iso("2020-10"))[0] is None


def test_parse_iso_rejects_impossible_dates() -> None:
    assert parse_iso("2020-02-30") is None
    assert parse_iso("next week") is None
    assert parse_iso("2020-10-04T10:00:00Z") == parse_iso("2020-10-04")


def test_full_dates_in_text() -> None:
    found = full_dates_in("Hajiyev (@HikmetHajiyev) October 4, 2020 and 2020-10-05.")
    assert [date.value for date, _, _ in found] == ["2020-10-04", "2020-10-05"]


def test_the_weekend_of_a_weekday_report_is_the_one_before() -> None:
    resolved, rule = resolve_expression("at the weekend", parse_iso("2024-03-14"))  # Thursday
    assert resolved is not None and resolved.value == "2024-03-09" and rule == "weekend"
