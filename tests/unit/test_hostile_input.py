"""Issue 16: one hostile input never aborts a batch. Each is reported for itself (path, code,
what to do) and every good article beside it is stored."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

from warlog import errors
from warlog.ingest import iter_sources
from warlog.ingest.readers import RawArticle

GOOD = "Azerbaijan said on Sunday that Armenia shelled Ganja. One civilian was killed."
OTHER = "Shelling hit Stepanakert on Saturday, officials said."


def _ingest(store: Any, nlp: Any, *paths: Any, **options: Any) -> Any:
    return store.ingest([str(path) for path in paths], nlp=nlp, **options)


def _folder(tmp_path: Path) -> Path:
    """A folder of inputs beside (not holding) the test store."""
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    return folder


def _rejected(result: Any) -> list[tuple[str, str]]:
    return [(Path(r.source).name, r.code) for r in result.rejected]


def test_lone_surrogate_escape_is_stored_as_a_replacement_character(
    tmp_path: Path, store: Any, blank_nlp: Any
) -> None:
    folder = _folder(tmp_path)
    (folder / "a.json").write_text('{"text": "Armenia shelled Ganja. \\udc80", "title": "\\ud800"}')
    (folder / "b.txt").write_text(GOOD)
    result = _ingest(store, blank_nlp, folder)
    assert result.rejected == [] and len(result.added) == 2
    stored = {a.source: a for a in store.articles()}
    assert stored[str(folder / "a.json")].text.endswith("\ufffd")
    assert stored[str(folder / "a.json")].headline == "\ufffd"


@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01", "0999-05-01", "3000-01-01"])
def test_publication_date_outside_the_years_warlog_holds(
    tmp_path: Path, store: Any, blank_nlp: Any, date: str
) -> None:
    folder = _folder(tmp_path)
    (folder / "far.json").write_text(json.dumps({"text": GOOD, "published": date}))
    (folder / "good.txt").write_text(OTHER)
    result = _ingest(store, blank_nlp, folder)
    assert _rejected(result) == [("far.json", errors.OUT_OF_RANGE)]
    assert "1000-2999" in result.rejected[0].reason and date in result.rejected[0].reason
    assert len(result.added) == 1


def test_dates_outside_the_range_in_the_text_are_not_resolved() -> None:
    from warlog.dates import full_dates_in, make_date, parse_iso

    assert full_dates_in("on December 31, 9999 and 0001-01-01") == []
    assert make_date(9999, 12, 31) is None and make_date(1, 1, 1) is None
    assert parse_iso("2999-12-31") is not None and parse_iso("1000-01-01") is not None


def test_link_window_of_an_event_at_the_end_of_time_does_not_overflow() -> None:
    from warlog.model import DatePrecision, Event, Evidence, ResolvedDate
    from warlog.store.store import _date_window

    for value in ("9999-12-31", "0001-01-01"):
        event = Event(
            type="Battles",
            sub_type="Armed clash",
            trigger="clash",
            evidence=Evidence("a" * 64, 0, 5),
            date=ResolvedDate(value, DatePrecision.DAY),
        )
        assert _date_window(event)


def test_ago_with_a_huge_count_is_not_resolved() -> None:
    from warlog.model import DatePrecision, ResolvedDate
    from warlog.resolve.dates import resolve_expression

    published = ResolvedDate("2020-10-04", DatePrecision.DAY)
    date, _rule = resolve_expression("99999999999 days ago", published)
    assert date is None


def test_four_hundred_nines_are_no_figure() -> None:
    from warlog.extract.numbers import _digits

    assert _digits("9" * 400) is None
    assert _digits("1,200") == 1200.0


def test_casualty_figure_beyond_the_bound_is_reported_not_stored() -> None:
    from warlog.figures import drop_outsized
    from warlog.model import Actor, CasualtyReport, Event, Evidence

    evidence = Evidence("b" * 64, 0, 40)

    def casualty(best: int) -> CasualtyReport:
        return CasualtyReport(
            kind="killed",
            best=best,
            low=best,
            high=best,
            qualifier="exact",
            victims="civilians",
            side=None,
            scope="incident",
            according_to=None,
            according_to_side=None,
            evidence=evidence,
            number_text=str(best),
        )

    small, huge = casualty(3), casualty(2**63)
    event = Event(
        type="Battles",
        sub_type="Armed clash",
        trigger="clash",
        evidence=evidence,
        casualties=(small.id, huge.id),
    )
    actor = Actor(name="Armenia", kind="state", side="AM", evidence=evidence, casualties=(huge.id,))
    kept, events, actors, warnings = drop_outsized((small, huge), (event,), (actor,), "x.txt")
    assert kept == (small,)
    assert events[0].casualties == (small.id,)
    assert actors[0].casualties == ()
    assert len(warnings) == 1 and str(2**63) in warnings[0] and "x.txt" in warnings[0]


def test_a_store_failure_is_reported_for_that_article_and_the_batch_goes_on(
    tmp_path: Path, store: Any, blank_nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    real = store.add_report

    def fragile(report: Any) -> bool:
        if "explode" in report.article.text:
            raise OverflowError("Python int too large to convert to SQLite INTEGER")
        return bool(real(report))

    monkeypatch.setattr(store, "add_report", fragile)
    (folder / "a.txt").write_text("This one will explode in the store.")
    (folder / "b.txt").write_text(GOOD)
    result = _ingest(store, blank_nlp, folder)
    assert _rejected(result) == [("a.txt", errors.STORE_FAILED)]
    assert "OverflowError" in result.rejected[0].reason
    assert len(store.articles()) == 1


def test_a_reader_bug_is_reported_for_that_file(
    tmp_path: Path, store: Any, blank_nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    import warlog.ingest.sources as sources

    real = sources._read_bytes

    def fragile(data: bytes, source: str, *args: Any) -> Any:
        if source.endswith("a.txt"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(data, source, *args)

    monkeypatch.setattr(sources, "_read_bytes", fragile)
    (folder / "a.txt").write_text(OTHER)
    (folder / "b.txt").write_text(GOOD)
    result = _ingest(store, blank_nlp, folder)
    assert _rejected(result) == [("a.txt", errors.READ_FAILED)]
    assert len(result.added) == 1


def test_only_invisible_characters_is_empty(tmp_path: Path, store: Any, blank_nlp: Any) -> None:
    path = tmp_path / "invisible.txt"
    path.write_text("\u200b\u200c\u200d\u2060\ufeff\u00ad \u200b\n\u2063", encoding="utf-8")
    result = _ingest(store, blank_nlp, path)
    assert _rejected(result) == [("invisible.txt", errors.EMPTY)]
    assert store.articles() == []


@pytest.mark.parametrize(
    ("obj", "field"),
    [
        ({"text": GOOD, "published": True}, "published"),
        ({"text": GOOD, "url": 7}, "url"),
        ({"text": GOOD, "title": ["a"]}, "title"),
        ({"text": 5}, "text"),
        ({"body": {"p": "x"}}, "body"),
    ],
)
def test_wrong_typed_json_field_is_rejected_with_its_name(
    tmp_path: Path, obj: dict[str, Any], field: str
) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps(obj))
    [item] = list(iter_sources([path]))
    assert isinstance(item, errors.InputError) and item.code == errors.BAD_FIELD
    assert f"'{field}'" in item.reason and "not a string" in item.reason


def test_a_year_as_a_number_is_still_a_publication_date(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"text": GOOD, "published": 2020}))
    [item] = list(iter_sources([path]))
    assert isinstance(item, RawArticle) and item.published == "2020"


def test_stdin_over_the_limit_says_more_than(
    blank_nlp: Any, store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setenv("WARLOG_MAX_ARTICLE_BYTES", "1000")
    result = store.ingest(["-"], nlp=blank_nlp, stdin=io.BytesIO(b"x" * 50_000))
    assert [r.code for r in result.rejected] == [errors.TOO_LARGE]
    assert "more than" in result.rejected[0].reason


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_is_refused_up_front(tmp_path: Path, store: Any, blank_nlp: Any) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    result = _ingest(store, blank_nlp, fifo, good)
    assert _rejected(result) == [("pipe.txt", errors.NOT_REGULAR)]
    assert len(result.added) == 1


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_device_is_refused_up_front(store: Any, blank_nlp: Any) -> None:
    result = _ingest(store, blank_nlp, "/dev/zero")
    assert _rejected(result) == [("zero", errors.NOT_REGULAR)]
    assert "device" in result.rejected[0].reason


def test_jsonl_line_with_no_end_is_cut_at_the_limit(
    tmp_path: Path, store: Any, blank_nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WARLOG_MAX_ARTICLE_BYTES", "2000")
    path = tmp_path / "dump.jsonl"
    path.write_text(
        json.dumps({"text": GOOD}) + "\n" + "x" * 100_000 + "\n" + json.dumps({"text": OTHER})
    )
    result = _ingest(store, blank_nlp, path)
    assert [(r.source, r.code) for r in result.rejected] == [(f"{path}:2", errors.TOO_LARGE)]
    assert len(result.added) == 2


def test_html_of_entity_references_is_refused_before_parsing(
    tmp_path: Path, store: Any, blank_nlp: Any
) -> None:
    page = tmp_path / "entities.html"
    page.write_text("<html><body><p>" + "&amp;" * 200_000 + "</p></body></html>")
    deep = tmp_path / "deep.html"
    deep.write_text("<html><body>" + "<div>" * 5_000 + GOOD + "</div>" * 5_000 + "</body></html>")
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    result = _ingest(store, blank_nlp, page, deep, good)
    assert _rejected(result) == [
        ("entities.html", errors.TOO_COMPLEX),
        ("deep.html", errors.TOO_COMPLEX),
    ]
    assert len(result.added) == 1


def test_an_analysis_past_its_budget_is_stopped_and_the_batch_goes_on(
    tmp_path: Path, store: Any, blank_nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    import warlog.pipeline as pipeline

    real = pipeline.analyse

    def slow(prepared: Any, doc: Any) -> Any:
        if "forever" in prepared.article.text:
            while True:  # super-linear work, as a run of quotes once was
                time.sleep(0.01)
        return real(prepared, doc)

    monkeypatch.setattr(pipeline, "analyse", slow)
    monkeypatch.setenv("WARLOG_ANALYSIS_SECONDS", "1")
    folder = _folder(tmp_path)
    (folder / "a.txt").write_text("This one takes forever.")
    (folder / "b.txt").write_text(GOOD)
    started = time.monotonic()
    result = _ingest(store, blank_nlp, folder)
    assert time.monotonic() - started < 10
    assert _rejected(result) == [("a.txt", errors.TOO_SLOW)]
    assert "WARLOG_ANALYSIS_SECONDS" in result.rejected[0].hint
    assert len(store.articles()) == 1


def test_the_budget_is_off_at_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    from warlog.budget import time_budget

    monkeypatch.setenv("WARLOG_ANALYSIS_SECONDS", "0")
    with time_budget():
        pass


def test_a_parse_past_its_budget_is_stopped_and_the_batch_goes_on(
    tmp_path: Path, store: Any, blank_nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A text the parser takes minutes over (a run of 20,000 quote characters)."""
    import time

    class SlowParser:
        def _parse(self, text: str) -> Any:
            while "forever" in text:
                time.sleep(0.01)
            return blank_nlp(text)

        def __call__(self, text: str) -> Any:
            return self._parse(text)

        def pipe(self, texts: Any, batch_size: int = 16) -> Any:
            return (self._parse(text) for text in texts)

    import warlog.pipeline as pipeline

    monkeypatch.setenv("WARLOG_ANALYSIS_SECONDS", "1")
    monkeypatch.setattr(pipeline, "BATCH_SECONDS_PER_ARTICLE", 0)
    folder = _folder(tmp_path)
    (folder / "a.txt").write_text("This one parses forever.")
    (folder / "b.txt").write_text(GOOD)
    started = time.monotonic()
    result = _ingest(store, SlowParser(), folder)
    assert time.monotonic() - started < 20
    assert _rejected(result) == [("a.txt", errors.TOO_SLOW)]
    assert "parsing" in result.rejected[0].hint
    assert len(store.articles()) == 1


def test_warlog_debug_prints_the_traceback_of_an_analysis_failure(
    tmp_path: Path,
    store: Any,
    blank_nlp: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import warlog.pipeline as pipeline

    def broken(prepared: Any, doc: Any) -> Any:
        raise ValueError("boom")

    monkeypatch.setattr(pipeline, "analyse", broken)
    monkeypatch.setenv("WARLOG_DEBUG", "1")
    folder = _folder(tmp_path)
    (folder / "a.txt").write_text(GOOD)
    result = _ingest(store, blank_nlp, folder)
    assert [r.code for r in result.rejected] == ["W500"]
    err = capsys.readouterr().err
    assert "Traceback" in err and "ValueError: boom" in err and "a.txt" in err


@pytest.mark.parametrize(
    "unit", [" ", "\t", "\n", " \n", '"', "pic.twitter.com/ ", "Oct 4 ", "<a "]
)
def test_cleaning_and_datelines_are_linear_in_the_input(unit: str) -> None:
    """100,000 characters of one repeated unit: well under a second of CPU, so a generous
    bound of 20 s of this process's CPU time (not wall time, which a busy machine stretches)
    only fails on a super-linear pattern (a run of 80,000 spaces took 210 s in the debris
    patterns before they were anchored at the start of a run)."""
    import time

    from warlog.dates import full_dates_in
    from warlog.ingest.clean import clean_text
    from warlog.ingest.dateline import parse_dateline
    from warlog.ingest.readers import check_markup_limits

    text = (unit * (100_000 // len(unit) + 1))[:100_000]
    started = time.process_time()
    cleaned = clean_text(text)
    parse_dateline(cleaned)
    full_dates_in(text)
    with contextlib.suppress(errors.InputError):
        check_markup_limits(text, "x")
    assert time.process_time() - started < 20
