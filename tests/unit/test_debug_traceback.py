"""WARLOG_DEBUG keeps the traceback of an unforeseen failure on one input (analysis W500,
reading W112, storing W201) on stderr, beside the one-line rejection; without it only the
line is shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from warlog import errors, settings

GOOD = "Azerbaijan said on Sunday that Armenia shelled Ganja. One civilian was killed."


def _broken_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    import warlog.pipeline as pipeline

    def broken(prepared: Any, doc: Any) -> Any:
        raise ValueError("boom in the extractors")

    monkeypatch.setattr(pipeline, "analyse", broken)


def _ingest_one(tmp_path: Path, store: Any, nlp: Any, name: str, text: str) -> Any:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text)
    return store.ingest([str(folder)], nlp=nlp)


@pytest.mark.parametrize(("value", "on"), [("1", True), ("yes", True), ("", False), ("0", False)])
def test_the_debug_setting(monkeypatch: pytest.MonkeyPatch, value: str, on: bool) -> None:
    monkeypatch.setenv(settings.DEBUG_ENV, value)
    assert settings.debug() is on
    monkeypatch.delenv(settings.DEBUG_ENV)
    assert settings.debug() is False


def test_an_analysis_error_has_its_traceback_under_warlog_debug(
    tmp_path: Path,
    store: Any,
    blank_nlp: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _broken_analysis(monkeypatch)
    monkeypatch.setenv("WARLOG_DEBUG", "1")
    result = _ingest_one(tmp_path, store, blank_nlp, "a.txt", GOOD)
    [rejection] = result.rejected
    assert rejection.code == "W500"
    assert "boom in the extractors" in f"{rejection.reason} {rejection.hint}"
    err = capsys.readouterr().err
    assert "warlog: traceback for" in err and "a.txt" in err
    assert "Traceback (most recent call last)" in err
    assert "ValueError: boom in the extractors" in err
    assert "in broken" in err  # the frame that failed, not only the message


def test_without_warlog_debug_only_the_line_is_reported(
    tmp_path: Path,
    store: Any,
    blank_nlp: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _broken_analysis(monkeypatch)
    monkeypatch.delenv("WARLOG_DEBUG", raising=False)
    result = _ingest_one(tmp_path, store, blank_nlp, "a.txt", GOOD)
    assert [r.code for r in result.rejected] == ["W500"]
    assert "Traceback" not in capsys.readouterr().err
    monkeypatch.setenv("WARLOG_DEBUG", "0")
    _ingest_one(tmp_path, store, blank_nlp, "b.txt", GOOD + " Again.")
    assert "Traceback" not in capsys.readouterr().err


def test_a_jsonl_line_that_fails_unforeseen_has_its_traceback_under_warlog_debug(
    tmp_path: Path,
    store: Any,
    blank_nlp: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import warlog.ingest.sources as sources

    def broken(line: bytes, source: str, number: int) -> Any:
        raise KeyError("a reader bug")

    monkeypatch.setattr(sources, "article_from_jsonl_line", broken)
    monkeypatch.setenv("WARLOG_DEBUG", "1")
    result = _ingest_one(tmp_path, store, blank_nlp, "a.jsonl", '{"text": "x"}\n')
    assert [(Path(r.source).name, r.code) for r in result.rejected] == [
        ("a.jsonl:1", errors.READ_FAILED)
    ]
    err = capsys.readouterr().err
    assert "a.jsonl:1" in err and "Traceback" in err and "KeyError: 'a reader bug'" in err


def test_a_store_failure_has_its_traceback_under_warlog_debug(
    tmp_path: Path,
    store: Any,
    blank_nlp: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def refuse(report: Any) -> bool:
        raise RuntimeError("the disk said no")

    monkeypatch.setattr(store, "add_report", refuse)
    monkeypatch.setenv("WARLOG_DEBUG", "1")
    result = _ingest_one(tmp_path, store, blank_nlp, "a.txt", GOOD)
    assert [r.code for r in result.rejected] == [errors.STORE_FAILED]
    err = capsys.readouterr().err
    assert "Traceback" in err and "RuntimeError: the disk said no" in err
