"""Opening a store to read never creates or changes anything, filters are checked and matched
literally, and no message shows a DSN's password."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import warlog
from warlog.cli import EXIT_ERROR, app
from warlog.errors import ConfigError, StoreError
from warlog.store.store import _redacted

GOOD = "Azerbaijan said on Sunday that Armenia shelled Ganja. One civilian was killed."


@pytest.mark.parametrize(
    "command",
    [
        ["articles"],
        ["places"],
        ["events"],
        ["episodes"],
        ["claims"],
        ["casualties"],
        ["actors"],
        ["show", "abcdef12"],
        ["export", "--format", "jsonl"],
    ],
)
def test_read_commands_never_create_a_store(tmp_path: Path, command: list[str]) -> None:
    db = tmp_path / "mistyped.db"
    result = CliRunner().invoke(app, [*command, "--db", str(db)])
    assert result.exit_code == EXIT_ERROR
    assert f"no store at {db}" in result.output
    assert list(tmp_path.iterdir()) == []


def test_library_reader_refuses_a_missing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        warlog.open(tmp_path / "nope.db", read_only=True)
    assert list(tmp_path.iterdir()) == []


def _filled(tmp_path: Path, blank_nlp: Any) -> Path:
    path = tmp_path / "s.db"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD)
    with warlog.open(path) as store:
        assert store.ingest([str(folder)], nlp=blank_nlp, published="2020-10-04").ok
    return path


def test_a_reader_takes_no_writer_lock_and_writes_nothing(tmp_path: Path, blank_nlp: Any) -> None:
    path = _filled(tmp_path, blank_nlp)
    Path(f"{path}.lock").unlink()
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir() if p.is_file()}
    with warlog.open(path, read_only=True) as store:
        assert len(store.articles()) == 1
    assert not Path(f"{path}.lock").exists()
    after = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir() if p.is_file()}
    assert after.get("s.db") == before.get("s.db")


def test_a_reader_reads_a_store_in_a_folder_it_cannot_write(
    tmp_path: Path, blank_nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    path = _filled(tmp_path, blank_nlp)
    for suffix in ("-wal", "-shm", ".lock"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if mode == os.W_OK else real(p, mode))
    with warlog.open(path, read_only=True) as store:
        assert len(store.articles()) == 1
    assert not Path(f"{path}-shm").exists() and not Path(f"{path}.lock").exists()


def test_a_reader_refuses_a_file_that_is_no_store(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("CREATE TABLE x (y)").connection.close()
    with pytest.raises(StoreError, match="not a warlog store"):
        warlog.open(path, read_only=True)


@pytest.mark.parametrize(
    "options",
    [
        {"since": "2020-13-45"},
        {"until": "yesterday"},
        {"since": "2020-02-30"},
        {"since": "99999"},
        {"country": "Armenia"},
        {"country": "%"},
    ],
)
def test_malformed_filters_are_refused(store: Any, options: dict[str, str]) -> None:
    with pytest.raises(ConfigError) as caught:
        store.incidents(**options)
    assert next(iter(options.values())) in caught.value.message


def test_good_filters_are_accepted(store: Any) -> None:
    assert store.incidents(since="2020", until="2020-10") == []
    assert store.incidents(since="2020-10-01", country="am") == []


def test_cli_rejects_a_malformed_since(tmp_path: Path, blank_nlp: Any) -> None:
    path = _filled(tmp_path, blank_nlp)
    result = CliRunner().invoke(app, ["events", "--db", str(path), "--since", "2020-13-45"])
    assert result.exit_code == EXIT_ERROR and "--since '2020-13-45'" in result.output


def test_user_text_in_filters_is_matched_literally(tmp_path: Path, blank_nlp: Any) -> None:
    path = _filled(tmp_path, blank_nlp)
    with warlog.open(path, read_only=True) as store:
        [article] = store.articles()
        assert store.actors(name="%") == [] and store.incidents(actor="%") == []
        assert store.incidents(event_type="%") == [] and store.incidents(event_type="_") == []
        with pytest.raises(StoreError, match="no article id"):
            store.report("____")
        with pytest.raises(StoreError, match="no article id"):
            store.report(article.id[:3] + "%")
        assert store.report(article.id[:6]).article.id == article.id


@pytest.mark.parametrize(
    "dsn",
    [
        "postgresql://warlog:s3cr:et@db.example:5432/warlog",
        "postgresql://:s3cret@db.example/warlog",
        "postgresql://warlog@db.example/warlog?password=s3cret",
        "postgresql://warlog:s3cret@/warlog?host=/run/postgresql",
    ],
)
def test_passwords_are_never_shown(dsn: str) -> None:
    assert "s3cr" not in _redacted(dsn)
