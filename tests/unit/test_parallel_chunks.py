"""``ingest --workers N`` keeps every worker busy: many chunks of similar size in bytes, and
the local scheduler handing out one chunk at a time (no processes started here)."""

from __future__ import annotations

import inspect
import random
from pathlib import Path
from typing import Any

import pytest

from warlog import parallel
from warlog.parallel import ChunkResult, chunk_files, local_scheduler_options


def _files(tmp_path: Path, sizes: list[int]) -> list[str]:
    paths = []
    for i, size in enumerate(sizes):
        path = tmp_path / f"a-{i:03d}.txt"
        path.write_bytes(b"x" * size)
        paths.append(str(path))
    return paths


def _bytes(chunk: list[str]) -> int:
    return sum(Path(path).stat().st_size for path in chunk)


@pytest.mark.parametrize("workers", [1, 2, 3, 8])
def test_chunks_are_many_even_and_keep_every_file_once_in_order(
    tmp_path: Path, workers: int
) -> None:
    rng = random.Random(19)
    sizes = [rng.randint(500, 9000) for _ in range(93)]
    files = _files(tmp_path, sizes)
    chunks = chunk_files(files, workers)
    assert [path for chunk in chunks for path in chunk] == files  # each once, order kept
    assert len(chunks) == min(len(files), 4 * workers) >= workers
    assert all(chunks)
    share = sum(sizes) / len(chunks)
    for chunk in chunks:  # each chunk within one file of its share
        assert abs(_bytes(chunk) - share) <= max(sizes)
    assert chunk_files(files, workers) == chunks  # stable


def test_chunks_are_cut_by_bytes_not_by_count(tmp_path: Path) -> None:
    # four large articles first, then many short ones: equal counts would give one worker the
    # large ones; equal bytes give the large ones chunks of their own
    sizes = [40_000] * 4 + [1_000] * 156
    files = _files(tmp_path, sizes)
    chunks = chunk_files(files, 2)
    assert len(chunks) == 8
    assert [len(chunk) for chunk in chunks[:4]] == [1, 1, 1, 1]
    totals = [_bytes(chunk) for chunk in chunks]
    assert max(totals) <= 1.1 * min(totals)


def test_fewer_files_than_chunks_and_no_files(tmp_path: Path) -> None:
    files = _files(tmp_path, [10, 20, 30])
    assert chunk_files(files, 2) == [[path] for path in files]
    assert chunk_files([], 2) == []
    missing = [str(tmp_path / "gone-1.txt"), str(tmp_path / "gone-2.txt")]
    assert chunk_files(missing, 2) == [[missing[0]], [missing[1]]]  # rejected later, not here


def test_the_local_scheduler_hands_out_one_task_at_a_time() -> None:
    import dask.multiprocessing

    options = local_scheduler_options(2)
    assert options == {"scheduler": "processes", "num_workers": 2, "chunksize": 1}
    assert "chunksize" in inspect.signature(dask.multiprocessing.get).parameters


def test_ingest_in_parallel_computes_with_those_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dask.base

    files = _files(tmp_path, [1_000] * 20)
    seen: dict[str, Any] = {}

    def fake_compute(*tasks: Any, **kwargs: Any) -> tuple[ChunkResult, ...]:
        seen.update(kwargs, tasks=len(tasks))
        return tuple(ChunkResult([], [], [], []) for _ in tasks)

    monkeypatch.setattr(dask.base, "compute", fake_compute)
    parallel.ingest_in_parallel(files, str(tmp_path / "s.db"), workers=2)
    assert seen == {"scheduler": "processes", "num_workers": 2, "chunksize": 1, "tasks": 8}
