"""Wall time of ``warlog ingest`` serially against ``warlog ingest --workers N``.

    .venv/bin/python benchmarks/workers.py [DIR] [--articles N | --repeat N] [--workers N]
        [--runs N]

Copies the articles of DIR (default examples/articles) into a temporary folder as many times
as make ``--articles`` (default 1,000; ``--repeat`` gives the number of copies instead):
the first copy as it is, each further copy with a line "Report K." appended to
its text, so every copy is a new article (an article's id is its text's hash) and none is an
unchanged re-ingest. Then runs the command line twice, one after the other, each into a fresh
temporary SQLite store: ``warlog ingest FOLDER`` (the serial path, one process) and
``warlog ingest FOLDER --workers N`` (Dask's local processes, default 2). Each run is a
separate process, so both pay for starting Python and loading the pipeline (once in the
serial run, once per worker process in the parallel one), as a user would. ``--runs N`` runs
the pair N times, alternating, and keeps each one's fastest run: on a shared machine another
job's load slows the parallel run most, as it needs every core.

Times are wall-clock (``time.perf_counter``): the point of workers is to finish sooner, not to
use less CPU. The CPU time of each run (its process and the worker processes, from
``RUSAGE_CHILDREN``) is printed beside it; the parallel run uses somewhat more, for the extra
pipeline loads and the scheduler. The speedup is bounded by the cores the machine has free.
Both stores must hold the same number of articles and incidents, or the script fails. The
last line, ``speedup: X.XX``, is the serial wall time over the parallel one.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"


def _copy_articles(source: Path, target: Path, repeat: int) -> int:
    """The articles of ``source`` copied ``repeat`` times into ``target``; copy K > 0 of each
    gets "Report K." at the end of its text. Returns the number of files written."""
    files = sorted(p for p in source.rglob("*") if p.is_file())
    count = 0
    for k in range(repeat):
        for path in files:
            out = target / f"r{k:02d}-{path.name}"
            if k == 0:
                shutil.copy(path, out)
            elif path.suffix == ".json":
                record = json.loads(path.read_text(encoding="utf-8"))
                record["text"] = f"{record['text'].rstrip()}\n\nReport {k}.\n"
                out.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
            elif path.suffix in (".txt", ".html"):
                text = path.read_text(encoding="utf-8").rstrip()
                closing = (
                    "\n\n<p>Report {k}.</p>\n" if path.suffix == ".html" else "\n\nReport {k}.\n"
                )
                out.write_text(text + closing.format(k=k), encoding="utf-8")
            else:
                continue  # .jsonl and the rest: only in the first copy
            count += 1
    return count


def _run(folder: Path, db: Path, workers: int) -> tuple[float, float]:
    """``warlog ingest`` of the folder into the store: (wall seconds, CPU seconds)."""
    command = [sys.executable, "-c", "from warlog.cli import app; app()", "ingest", str(folder)]
    command += ["--db", str(db), "--json"]
    if workers > 1:
        command += ["--workers", str(workers)]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"warlog ingest failed ({done.returncode}):\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _counts(db: Path) -> tuple[int, int]:
    """Articles and incidents in the store."""
    sys.path.insert(0, str(SRC))
    import warlog

    store = warlog.open(db)
    try:
        return len(store.articles()), len(list(store.incidents()))
    finally:
        store.close()


def _copies_for(source: Path, articles: int) -> int:
    """How many copies of the folder make at least ``articles`` articles."""
    files = sum(1 for p in source.rglob("*") if p.is_file())
    return max(1, -(-articles // max(files, 1)))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", nargs="?", default="examples/articles")
    parser.add_argument(
        "--articles",
        type=int,
        default=1000,
        help="about this many articles: the folder copied as often as it takes (default 1000)",
    )
    parser.add_argument(
        "--repeat", type=int, default=None, help="copies of each article (instead of --articles)"
    )
    parser.add_argument("--workers", type=int, default=2, help="worker processes (>= 2)")
    parser.add_argument("--runs", type=int, default=1, help="runs of each; the fastest kept")
    args = parser.parse_args()
    if args.workers < 2:
        parser.error("--workers must be 2 or more (1 is the serial run)")

    with tempfile.TemporaryDirectory(prefix="warlog-workers-") as temp:
        folder = Path(temp) / "articles"
        folder.mkdir()
        repeat = args.repeat or _copies_for(Path(args.folder), args.articles)
        count = _copy_articles(Path(args.folder), folder, max(repeat, 1))
        serial_db, parallel_db = Path(temp) / "serial.db", Path(temp) / "parallel.db"
        serial_runs, parallel_runs = [], []
        for _ in range(max(args.runs, 1)):
            for db in (serial_db, parallel_db):
                for stale in db.parent.glob(f"{db.name}*"):
                    stale.unlink()  # a fresh store each run
            serial_runs.append(_run(folder, serial_db, 1))
            parallel_runs.append(_run(folder, parallel_db, args.workers))
        serial_wall, serial_cpu = min(serial_runs)
        parallel_wall, parallel_cpu = min(parallel_runs)
        serial, parallel = _counts(serial_db), _counts(parallel_db)

    print(f"articles: {count} files, {os.cpu_count()} cores, fastest of {len(serial_runs)} runs")
    print(f"serial:         {serial_wall:7.1f} s wall {serial_cpu:7.1f} s CPU")
    print(f"{args.workers} workers:      {parallel_wall:7.1f} s wall {parallel_cpu:7.1f} s CPU")
    print(f"stored:         {serial[0]} articles, {serial[1]} incidents (serial)")
    print(f"                {parallel[0]} articles, {parallel[1]} incidents (parallel)")
    if serial != parallel:
        sys.exit("the two stores differ")
    # the closing line a script reads: serial wall time / parallel wall time
    print(f"speedup: {serial_wall / parallel_wall:.2f}")


if __name__ == "__main__":
    main()
