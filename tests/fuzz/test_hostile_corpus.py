"""A batch of good articles with every hostile file mixed in stores every good article; each
hostile file is stored or rejected for itself with a code, never a bug (W112, W201, W500)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

import warlog
from tests.conftest import EXAMPLES
from tests.fuzz.corpus import HOSTILE, write_corpus

GOOD = sorted(EXAMPLES.glob("wn-00*.json"))[:4]
BUGS = {"W112", "W201", "W500"}


def _batch(tmp_path: Path) -> tuple[Path, list[Path]]:
    folder = tmp_path / "batch"
    write_corpus(folder)
    good = []
    for path in GOOD:
        copy = folder / path.name
        shutil.copy(path, copy)
        good.append(copy)
    return folder, good


def _check(result: Any, store: Any, good: list[Path]) -> None:
    stored = {Path(article.source).name for article in store.articles() if article.source}
    assert {path.name for path in good} <= stored
    assert not [r for r in result.rejected if r.code in BUGS], result.rejected
    rejected = {Path(r.source.split(":")[0].split("[")[0]).name for r in result.rejected}
    for name in ("published-9999.json", "published-0001.json", "invisible.txt", "fifo.txt"):
        assert name in rejected
    for name in ("text-number.json", "url-number.json", "entities.html", "deep.html"):
        assert name in rejected
    assert "utf16-no-bom.txt" in rejected
    assert all(r.hint for r in result.rejected)


def test_hostile_files_beside_good_ones_blank_pipeline(tmp_path: Path, blank_nlp: Any) -> None:
    folder, good = _batch(tmp_path)
    with warlog.open(tmp_path / "s.db") as store:
        result = store.ingest([str(folder)], nlp=blank_nlp)
        _check(result, store, good)


@pytest.mark.model
def test_hostile_files_beside_good_ones(tmp_path: Path, nlp: Any) -> None:
    folder, good = _batch(tmp_path)
    with warlog.open(tmp_path / "s.db") as store:
        result = store.ingest([str(folder)], nlp=nlp)
        _check(result, store, good)
        figures = [c.best for c in store.casualties() if c.best is not None]
        assert all(figure < 2**31 for figure in figures)
        assert any("WARLOG_MAX_CASUALTY_FIGURE" in w for w in result.warnings)


def test_the_corpus_names_each_case_once() -> None:
    assert len(HOSTILE) == len(set(HOSTILE))


@pytest.mark.model
def test_the_cli_names_each_rejected_file_and_exits_1(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from warlog.cli import EXIT_REJECTED, app

    folder, good = _batch(tmp_path)
    db = tmp_path / "cli.db"
    result = CliRunner().invoke(app, ["ingest", "--db", str(db), str(folder)])
    assert result.exit_code == EXIT_REJECTED, result.output
    assert "internal error" not in result.output
    for name in ("published-9999.json", "fifo.txt", "entities.html", "text-number.json"):
        assert name in result.output
    listed = CliRunner().invoke(app, ["articles", "--db", str(db), "--json"])
    assert listed.exit_code == 0
    sources = listed.output
    assert all(path.name in sources for path in good)
