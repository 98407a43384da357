"""``warlog ingest --workers N`` and ``--scheduler`` (Dask): the store ends as after one
serial run."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import warlog
from tests.conftest import EXAMPLES, SEED
from warlog.cli import EXIT_ERROR, app

pytestmark = pytest.mark.model
runner = CliRunner()


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in [
        SEED,
        *sorted(EXAMPLES.glob("wn-01[89]-*.json")),
        *sorted(EXAMPLES.glob("wn-02*.json")),
    ]:
        shutil.copy(path, folder)
    return folder


def _partition(store: Any) -> set[frozenset[tuple[str, int]]]:
    return {
        frozenset((r.article_id, r.evidence.start) for r in incident.reports)
        for incident in store.incidents()
    }


def test_local_workers_give_the_serial_store(tmp_path: Path, nlp: Any) -> None:
    folder = _corpus(tmp_path)
    parallel_db = str(tmp_path / "parallel.db")
    result = runner.invoke(
        app, ["ingest", str(folder), "--workers", "2", "--db", parallel_db, "--json"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    files = sorted(folder.iterdir())
    assert len(summary["added"]) == len(files) and summary["rejected"] == []
    serial = warlog.open(tmp_path / "serial.db")
    parallel = warlog.open(parallel_db)
    try:
        serial.ingest([folder], nlp=nlp)
        assert _partition(parallel) == _partition(serial)
        assert {a.id for a in parallel.actor_records()} == {a.id for a in serial.actor_records()}
    finally:
        serial.close()
        parallel.close()
    again = runner.invoke(app, ["ingest", str(folder), "--workers", "2", "--db", parallel_db])
    assert f"0 added, {len(files)} unchanged" in again.output  # re-ingest is a no-op


def test_parallel_ingest_refuses_what_it_cannot_do(tmp_path: Path) -> None:
    stdin = runner.invoke(app, ["ingest", "-", "--workers", "2", "--db", str(tmp_path / "a.db")])
    assert stdin.exit_code == EXIT_ERROR and "standard input" in stdin.output
    cluster = runner.invoke(
        app,
        ["ingest", str(SEED), "--scheduler", "tcp://127.0.0.1:1", "--db", str(tmp_path / "a.db")],
    )
    assert cluster.exit_code == EXIT_ERROR and "postgresql" in cluster.output


@pytest.mark.skipif(
    not os.environ.get("WARLOG_TEST_PG"), reason="WARLOG_TEST_PG is not set: no shared store"
)
def test_a_dask_cluster_ingests_into_a_shared_store(tmp_path: Path, nlp: Any) -> None:
    from distributed import LocalCluster
    from sqlalchemy import create_engine, text

    dsn = os.environ["WARLOG_TEST_PG"]
    name = "warlog_test_cluster"
    admin = create_engine(dsn.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    shared_dsn = f"{dsn.rsplit('/', 1)[0]}/{name}"
    folder = _corpus(tmp_path)
    try:
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True) as cluster:
            result = runner.invoke(
                app,
                [
                    "ingest",
                    str(folder),
                    "--scheduler",
                    cluster.scheduler_address,
                    "--db",
                    shared_dsn,
                ],
            )
        assert result.exit_code == 0, result.output
        shared = warlog.open(shared_dsn)
        serial = warlog.open(tmp_path / "serial.db")
        try:
            serial.ingest([folder], nlp=nlp)
            assert _partition(shared) == _partition(serial)
        finally:
            shared.close()
            serial.close()
    finally:
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
