"""Resident memory of the gazetteer alone, against the same process before it is opened.

    .venv/bin/python benchmarks/gazetteer_memory.py [CORPUS.jsonl ...]

Opens the compiled gazetteer (building it first if the cache has none), then looks up every
toponym of the given geo corpora (default: the bundled examples' capitalised words) and
geocodes them, and prints resident memory before, after, and the difference. Issue 5's budget:
the gazetteer under 300 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import re
from pathlib import Path


def resident_mb() -> float:
    """Current resident set size (Linux /proc; 0 where it is missing)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _names(corpora: list[str]) -> list[str]:
    names: list[str] = []
    for corpus in corpora:
        with open(corpus, encoding="utf-8") as handle:
            for line in handle:
                names += [t["name"] for t in json.loads(line)["toponyms"]]
    if not names:
        for path in sorted(Path("examples/articles").glob("*")):
            names += re.findall(r"\b[A-Z][a-z]{3,}\b", path.read_text(encoding="utf-8"))
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpora", nargs="*")
    args = parser.parse_args()

    from warlog.geo.gazetteer import Gazetteer, cache_dir
    from warlog.model import Evidence, PlaceMention
    from warlog.resolve.geocode import geocode

    names = _names(args.corpora)
    path = next(iter(sorted(cache_dir().glob("gazetteer-v*.sqlite"))), None)
    before = resident_mb()
    gazetteer = Gazetteer()
    opened = resident_mb()
    for name in names:
        gazetteer.lookup(name)
    mentions = tuple(
        PlaceMention(n, "GPE", Evidence("b" * 64, i, i + 1)) for i, n in enumerate(names)
    )
    geocode(mentions[:5000], set())
    after = resident_mb()
    print(f"gazetteer file:            {gazetteer.path} ({'reused' if path else 'built now'})")
    print(f"names looked up:           {len(names)} ({len(set(names))} distinct)")
    print(f"resident before opening:   {before:.0f} MB")
    print(f"after opening:             {opened:.0f} MB")
    print(f"after the look-ups:        {after:.0f} MB")
    print(f"gazetteer's share:         {after - before:.0f} MB (budget: under 300 MB)")


if __name__ == "__main__":
    main()
