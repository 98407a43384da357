"""``warlog ingest --workers N [--scheduler ADDRESS]``: ingest with Dask, on one machine's
processes or a cluster's workers.

The inputs are split into chunks of files, about four per worker and of similar size in
bytes (``chunk_files``), and the local scheduler hands a worker one chunk at a time
(``local_scheduler_options``), so no worker idles while another holds a queue of chunks. Each
Dask task opens the store, loads the pipeline once per worker process (``load_pipeline`` is
cached) and ingests its chunk, one transaction per article, as a serial ingest does. Writers
take turns where it matters (linking; ``Store._writing``) and incidents are connected
components of a symmetric rule, so the store ends the same as after one serial run, whatever
order the chunks finish in. Locally the store may be SQLite (one machine); on a cluster it
must be one every worker reaches: PostgreSQL.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warlog.errors import InputError, StoreError, StoreErrors
from warlog.store.ingest import IngestResult, Rejection, Unchanged


@dataclass(frozen=True, slots=True)
class ChunkResult:
    """What one task did, in plain picklable values."""

    added: list[str]
    unchanged: list[tuple[str, str]]
    rejected: list[tuple[str, str, str, str]]
    warnings: list[str]


def files_of(sources: list[str]) -> list[str]:
    """The files the named inputs expand to (directories, globs), in a stable order."""
    import glob

    files: list[str] = []
    for name in sources:
        if name == "-":
            raise InputError(
                "-", "is standard input", "Parallel ingest reads files; save it first."
            )
        path = Path(name)
        if path.is_dir():
            files += sorted(str(p) for p in path.rglob("*") if not p.is_dir())  # FIFOs: reported
        elif any(ch in name for ch in "*?["):
            files += sorted(glob.glob(name, recursive=True))
        else:
            files.append(name)
    return files


CHUNKS_PER_WORKER = 4


def _size(path: str) -> int:
    """A file's size in bytes for balancing; one for what cannot be sized (it is rejected,
    which costs little)."""
    try:
        return max(1, os.path.getsize(path))
    except OSError:
        return 1


def chunk_files(
    files: list[str], workers: int, *, per_worker: int = CHUNKS_PER_WORKER
) -> list[list[str]]:
    """The files cut into ``per_worker`` chunks per worker (fewer if there are fewer files),
    each a run of consecutive files (the order kept) of about the same total bytes: many
    small, even tasks, so that a worker that finishes early takes the next one."""
    if not files:
        return []
    count = min(len(files), max(workers, 1) * max(per_worker, 1))
    sizes = [_size(path) for path in files]
    total = sum(sizes)
    chunks: list[list[str]] = []
    start = 0
    done = 0  # bytes in the chunks cut so far
    for k in range(count):
        left = count - k - 1  # chunks still to cut after this one: one file each at least
        target = total * (k + 1) / count
        end = start + 1
        done += sizes[start]
        # take the next file while its middle falls before this chunk's share ends
        while end < len(files) - left and done + sizes[end] / 2 <= target:
            done += sizes[end]
            end += 1
        if k == count - 1:
            done += sum(sizes[end:])
            end = len(files)
        chunks.append(files[start:end])
        start = end
    return chunks


def local_scheduler_options(workers: int) -> dict[str, Any]:
    """Keywords for ``dask.compute`` on this machine's processes: ``workers`` of them, each
    given one task at a time (Dask's multiprocessing scheduler sends six by default, which
    leaves a worker idle while another works through its queue)."""
    return {"scheduler": "processes", "num_workers": max(workers, 1), "chunksize": 1}


def ingest_chunk(
    paths: list[str], db: str, published: str | None, encoding: str | None
) -> ChunkResult:
    """One Dask task: ingest these files into the store (the pipeline loaded once per
    worker process)."""
    from warlog.nlp import load_pipeline
    from warlog.store import open_store

    store = open_store(db)
    try:
        result = store.ingest(paths, published=published, encoding=encoding, nlp=load_pipeline())
    finally:
        store.close()
    return ChunkResult(
        added=[added.id for added in result.added],
        unchanged=[(item.source, item.article_id) for item in result.unchanged],
        rejected=[(r.source, r.code, r.reason, r.hint) for r in result.rejected],
        warnings=list(result.warnings),
    )


def ingest_in_parallel(
    sources: list[str],
    db: str,
    *,
    workers: int = 2,
    scheduler: str | None = None,
    published: str | None = None,
    encoding: str | None = None,
) -> tuple[IngestResult, list[str]]:
    """Ingest the sources with Dask: ``workers`` local processes, or the cluster whose
    scheduler is at ``scheduler`` ("tcp://host:8786"). Returns the merged result (reports as
    the ids of the articles added) and the ids added."""
    from warlog.extras import require

    require("dask")  # pip install 'warlog[parallel]', before any work is done
    if scheduler:
        require("distributed")
    from dask.base import compute
    from dask.delayed import delayed

    if scheduler and not db.startswith(("postgresql://", "postgres://")):
        raise StoreError(StoreErrors.W210)
    files = files_of(sources)
    if not files:
        return IngestResult(), []
    chunks = chunk_files(files, workers)
    from warlog.store import open_store

    open_store(db).close()  # create the tables once, before the writers start
    tasks = [delayed(ingest_chunk)(chunk, db, published, encoding) for chunk in chunks]
    outputs: tuple[Any, ...]
    if scheduler:
        from distributed import Client

        with Client(scheduler) as client:  # type: ignore[no-untyped-call]
            outputs = tuple(client.gather(client.compute(tasks)))
    else:
        outputs = compute(*tasks, **local_scheduler_options(workers))  # type: ignore[no-untyped-call]
    merged = IngestResult()
    added: list[str] = []
    for output in outputs:
        added += output.added
        merged.unchanged += [Unchanged(source, article) for source, article in output.unchanged]
        merged.rejected += [Rejection(*fields) for fields in output.rejected]
        merged.warnings += output.warnings
    return merged, added
