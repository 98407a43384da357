"""Optional dependencies (dask, psycopg) are extras: missing, they are one WarlogError naming
the extra to install, not an ImportError traceback."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT
from warlog.errors import ExtraMissingError, WarlogError
from warlog.extras import EXTRAS


def _hide(monkeypatch: pytest.MonkeyPatch, *names: str) -> None:
    """Make ``import NAME`` (and of its loaded submodules) fail as if it were not installed."""
    for name in names:
        for loaded in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
            monkeypatch.setitem(sys.modules, loaded, None)
        monkeypatch.setitem(sys.modules, name, None)


def test_the_extras_are_declared_in_pyproject_and_kept_in_the_base_requirements() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = project["optional-dependencies"]
    assert set(declared) == {extra.name for extra in EXTRAS}
    assert any(line.startswith("psycopg[binary]") for line in declared["postgres"])
    assert any(line.startswith("dask[distributed]") for line in declared["parallel"])
    base = (ROOT / "requirements" / "base.txt").read_text(encoding="utf-8")
    for module in ("psycopg", "dask", "distributed"):
        assert f"\n{module}==" in base  # CI installs them: the tests use them


def test_a_postgresql_store_without_psycopg_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import warlog

    _hide(monkeypatch, "psycopg")
    with pytest.raises(ExtraMissingError) as caught:
        warlog.open("postgresql://someone@localhost/nothing")  # nothing is connected to
    error = caught.value
    assert isinstance(error, WarlogError) and error.code == "W401"
    assert "pip install 'warlog[postgres]'" in str(error)
    assert "'psycopg'" in str(error) and "PostgreSQL store" in str(error)


def test_parallel_ingest_without_dask_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from warlog.parallel import ingest_in_parallel

    _hide(monkeypatch, "dask")
    db = tmp_path / "w.db"
    with pytest.raises(ExtraMissingError, match=r"pip install 'warlog\[parallel\]'") as caught:
        ingest_in_parallel([str(tmp_path)], str(db), workers=2)
    assert caught.value.module == "dask" and caught.value.extra == "parallel"
    assert not db.exists()  # refused before any work


def test_a_cluster_without_distributed_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from warlog.parallel import ingest_in_parallel

    _hide(monkeypatch, "distributed")
    with pytest.raises(ExtraMissingError, match=r"'distributed'.*warlog\[parallel\]"):
        ingest_in_parallel(
            [str(tmp_path)], "postgresql://someone@localhost/x", scheduler="tcp://x:8786"
        )


def test_the_cli_prints_one_line_with_the_install_hint(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from warlog.cli import EXIT_ERROR, app

    _hide(monkeypatch, "dask")
    (tmp_path / "a.txt").write_text("Shelling hit Ganja on Sunday.")
    result = CliRunner().invoke(
        app, ["ingest", str(tmp_path / "a.txt"), "--workers", "2", "--db", str(tmp_path / "w")]
    )
    assert result.exit_code == EXIT_ERROR
    assert "[W401]" in result.output and "pip install 'warlog[parallel]'" in result.output
    assert "Traceback" not in result.output
