"""Exports a researcher opens are safe: no spreadsheet formulas from article fields in CSV,
no live HTML from articles in report.md."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from warlog.export.safe import markdown_text, spreadsheet_safe
from warlog.export.tables import write_table
from warlog.model import Article, Report


@pytest.mark.parametrize(
    "cell",
    ['=HYPERLINK("http://x","click")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=cmd|' /C'"],
)
def test_formula_cells_are_neutralised(cell: str) -> None:
    assert spreadsheet_safe(cell) == "'" + cell


@pytest.mark.parametrize("value", ["-3", "+1.5", "2020-10-04", "Ganja", "", None, 7, -4])
def test_other_cells_are_left_as_they_are(value: Any) -> None:
    assert spreadsheet_safe(value) == value


def test_csv_export_of_a_hostile_article() -> None:
    article = Article(
        id="c" * 64,
        text="x",
        raw_hash="d" * 64,
        url='=HYPERLINK("http://evil")',
        headline="@SUM(1+1)*cmd|' /C calc'!A0",
        outlet="+Outlet",
    )
    out = io.StringIO()
    assert write_table([Report(article=article)], "articles", out) == 1
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["url"].startswith("'=") and row["headline"].startswith("'@")
    assert row["outlet"] == "'+Outlet"


def test_markdown_text_shows_html_and_escapes_markdown() -> None:
    text = markdown_text('<iframe src="javascript:alert(1)"></iframe> a|b [x](javascript:y)')
    assert "<" not in text and ">" not in text
    assert "&lt;iframe" in text and "a\\|b" in text and "\\[x\\]" in text


def test_report_markdown_escapes_article_html() -> None:
    from warlog.export.report import Quote, SituationReport, render_markdown
    from warlog.model import DatePrecision, Incident, ResolvedDate

    incident = Incident(
        id="i1",
        type="Battles",
        sub_type="Armed clash",
        date=ResolvedDate("2020-10-04", DatePrecision.DAY),
        place="<img src=x onerror=alert(1)>",
        geonameid=None,
        lat=None,
        lon=None,
        country_code=None,
        geo_precision=None,
        actor1=None,
        actor1_side=None,
        actor2=None,
        weapons=(),
        status="reported",
        reports=(),
        claims=(),
        casualties=(),
    )
    quote = Quote('<iframe src="javascript:alert(1)">', None, "asserts", "statement", "a | b")
    report = SituationReport("t", None, None, [incident], [], {"i1": [quote]})
    markdown = render_markdown(report, "map.png", "chart.png")
    assert "<iframe" not in markdown and "<img" not in markdown
    assert "&lt;iframe" in markdown and "a \\| b" in markdown
