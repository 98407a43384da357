"""CPU time, link time and memory per article as the store grows.

    .venv/bin/python benchmarks/scaling.py [DIR] [--sizes 1000,4000,16000] [--spread-years 8]

For each size N, builds a synthetic corpus of N articles recombined from the JSON articles of
DIR (default ../shared/corpus/wikinews) and ingests it into a fresh SQLite store, in a
process of its own (so each size's peak memory is its own). Copy K of the corpus is the
articles re-dated ``--spread-years`` x K years apart from the next copy (the publication
date and every year 1800-2099 in the text moved by the same number of years, the copies
centred on the corpus's own years), re-titled ("(copy K)") and with a line "Report K."
appended, so every copy is a new article and the store grows over time as an archive does:
the same-event groups of each copy are re-reports of one another, linked into incidents.
``--spread-years 0`` puts every copy on the corpus's own dates instead, a dense stream of
re-reports of the same days, whose link candidates are real and grow with the store.

Times are CPU time of the ingesting process (``time.process_time``): the machine is shared.
The pipeline is loaded and warmed up before the clock starts. Link time is the time spent in
the store's link step (``Store._link``, timed around each call), and candidates the rows the
candidate query returns (``link_candidates``). Per size it prints CPU ms and link ms per
article (also over the last quarter of the run, where the store is fullest), candidate rows
per article, and peak resident memory; then the largest size's figures over the smallest's.
The last line, ``scaling: cpu_ratio=X.XX link_ratio=X.XX peak_rss_mb=N``, is CPU ms per
article and link ms per article at the largest size over the smallest (flat is 1.00), and
the highest peak resident memory of all sizes, in MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

SRC = Path(__file__).resolve().parent.parent / "src"
YEAR_RE = re.compile(r"\b(?:18|19|20)\d\d\b")
MIN_YEAR, MAX_YEAR = 1000, 2999  # warlog.dates: the years a date may have


def _shifted_date(value: str, years: int) -> str:
    """An ISO date (or its year, or year and month) ``years`` later; 29 February becomes
    the 28th in a year without it."""
    parts = value.split("-")
    year = int(parts[0]) + years
    if len(parts) < 3:
        return "-".join([f"{year:04d}", *parts[1:]])
    month, day = int(parts[1]), int(parts[2][:2])
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return dt.date(year, month, 28).isoformat()


def _originals(folder: Path) -> list[dict[str, object]]:
    records = []
    for path in sorted(folder.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(record, dict) and isinstance(record.get("text"), str):
            record["_name"] = path.name
            records.append(record)
    if not records:
        sys.exit(f"no JSON articles in {folder}")
    return records


def write_corpus(originals: list[dict[str, object]], target: Path, size: int, spread: int) -> int:
    """``size`` articles in ``target``: copies of the originals, each re-dated, re-titled
    and marked as described above. Returns the number of copies begun."""
    copies = math.ceil(size / len(originals))
    years = [int(str(r["published"])[:4]) for r in originals if r.get("published")] or [2000]
    first = -(copies // 2) * spread  # the copies centred on the corpus's own years
    last = first + (copies - 1) * spread
    if not MIN_YEAR <= min(years) + first <= max(years) + last <= MAX_YEAR:
        sys.exit(f"{copies} copies {spread} years apart leave the years {MIN_YEAR}-{MAX_YEAR}")
    written = 0
    for k in range(copies):
        shift = first + k * spread
        for record in originals:
            if written == size:
                return copies
            copy = {key: value for key, value in record.items() if key != "_name"}
            text = str(copy["text"])
            if shift:
                text = YEAR_RE.sub(lambda m, s=shift: str(int(m.group()) + s), text)  # type: ignore[misc]
                if isinstance(copy.get("published"), str):
                    copy["published"] = _shifted_date(str(copy["published"]), shift)
            copy["text"] = f"{text.rstrip()}\n\nReport {k}.\n"
            copy["headline"] = f"{copy.get('headline') or record['_name']} (copy {k})"
            copy.pop("id", None)
            name = f"c{k:04d}-{record['_name']}"
            (target / name).write_text(json.dumps(copy, ensure_ascii=False), encoding="utf-8")
            written += 1
    return copies


def measure(folder: Path, db: Path) -> dict[str, float]:
    """Ingest the folder into a new store at ``db`` in this process; what it cost."""
    import resource
    import time

    sys.path.insert(0, str(SRC))
    import warlog
    from warlog.nlp import load_pipeline
    from warlog.store import store as store_module

    nlp = load_pipeline()
    warlog.read("Warm-up: shelling hit Ganja on Sunday.", published="2020-10-04", nlp=nlp)
    link_times: list[float] = []
    candidates = [0]
    original_link = store_module.Store._link
    original_candidates = getattr(store_module, "link_candidates", None)

    def timed_link(self: object, *args: object, **kwargs: object) -> None:
        began = time.process_time()
        original_link(self, *args, **kwargs)  # type: ignore[arg-type]
        link_times.append(time.process_time() - began)

    def counted_candidates(*args: Any, **kwargs: Any) -> Any:
        assert original_candidates is not None
        found = original_candidates(*args, **kwargs)
        candidates[0] += len(found)
        return found

    store_module.Store._link = timed_link  # type: ignore[method-assign]
    if original_candidates is not None:  # (an older store reads every row of a type)
        store_module.link_candidates = counted_candidates
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    store = warlog.open(db)
    try:
        start = time.process_time()
        result = store.ingest([folder], nlp=nlp)
        cpu = time.process_time() - start
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        incidents = len(store.incidents())
    finally:
        store.close()
    articles = len(result.added)
    quarter = link_times[-max(len(link_times) // 4, 1) :]
    return {
        "articles": articles,
        "rejected": len(result.rejected),
        "incidents": incidents,
        "cpu_ms": 1000 * cpu / max(articles, 1),
        "link_ms": 1000 * sum(link_times) / max(articles, 1),
        "link_ms_last_quarter": 1000 * sum(quarter) / max(len(quarter), 1),
        "candidates": candidates[0] / max(articles, 1),
        "rss_before_mb": rss_before,
        "peak_rss_mb": rss,
    }


def _run_size(originals: list[dict[str, object]], size: int, spread: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="warlog-scaling-") as temp:
        folder = Path(temp) / "articles"
        folder.mkdir()
        copies = write_corpus(originals, folder, size, spread)
        command = [sys.executable, __file__, "--measure", str(folder), str(Path(temp) / "s.db")]
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.exit(f"ingest of {size} articles failed:\n{done.stderr[-2000:]}")
        figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
        figures["copies"] = copies
        return figures


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--measure":
        print(json.dumps(measure(Path(sys.argv[2]), Path(sys.argv[3]))))
        return
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", nargs="?", default="../shared/corpus/wikinews")
    parser.add_argument("--sizes", default="1000,4000,16000", help="articles per run, e.g. 200,800")
    parser.add_argument("--spread-years", type=int, default=8, help="years between copies")
    args = parser.parse_args()
    try:
        sizes = sorted({int(size) for size in args.sizes.split(",") if size.strip()})
    except ValueError:
        parser.error(f"--sizes must be numbers separated by commas, not {args.sizes!r}")
    if not sizes or sizes[0] < 1:
        parser.error("--sizes needs at least one size of 1 or more")
    originals = _originals(Path(args.folder))

    print(
        f"corpus: {len(originals)} articles of {args.folder}, copies {args.spread_years} years "
        f"apart, {os.cpu_count()} cores, CPU time"
    )
    print(
        f"{'size':>7} {'copies':>6} {'incidents':>9} {'cpu ms/art':>10} {'link ms/art':>11} "
        f"{'link ms/art, last 1/4':>21} {'candidates/art':>14} {'peak RSS MB':>11}"
    )
    results = []
    for size in sizes:
        figures = _run_size(originals, size, args.spread_years)
        results.append(figures)
        print(
            f"{int(figures['articles']):>7} {int(figures['copies']):>6} "
            f"{int(figures['incidents']):>9} {figures['cpu_ms']:>10.1f} "
            f"{figures['link_ms']:>11.2f} {figures['link_ms_last_quarter']:>21.2f} "
            f"{figures['candidates']:>14.1f} {figures['peak_rss_mb']:>11.0f}",
            flush=True,
        )
        if figures["articles"] != size or figures["rejected"]:
            sys.exit(f"{size} articles written, {int(figures['articles'])} added")
    small, large = results[0], results[-1]
    cpu_ratio = large["cpu_ms"] / small["cpu_ms"]
    link_ratio = large["link_ms"] / small["link_ms"] if small["link_ms"] else float("nan")
    rss_ratio = large["peak_rss_mb"] / small["peak_rss_mb"]
    peak = max(figures["peak_rss_mb"] for figures in results)
    print(
        f"{sizes[-1]} over {sizes[0]} articles: CPU per article {cpu_ratio:.2f}x, link per "
        f"article {link_ratio:.2f}x, peak RSS {rss_ratio:.2f}x "
        f"({small['rss_before_mb']:.0f} MB with the pipeline loaded, before ingesting)"
    )
    # the closing line a script reads
    print(f"scaling: cpu_ratio={cpu_ratio:.2f} link_ratio={link_ratio:.2f} peak_rss_mb={peak:.0f}")


if __name__ == "__main__":
    main()
