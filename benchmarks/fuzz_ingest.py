"""Fuzz ``warlog ingest`` with generated hostile files: count what is a bug.

    .venv/bin/python benchmarks/fuzz_ingest.py [--count N] [--seed S]

Writes N files (.txt in UTF-8 or UTF-16, .json, .jsonl, .html, .xml feeds) built from the
texts of fuzz_read.py into a temporary folder, ingests the folder into a new store with the
English pipeline, and prints what was added and the rejections by code. A W112, W201 or W500
(reading, storing or analysis failing in a way warlog did not foresee) is printed in full,
and the script then exits 1.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from fuzz_read import PUBLISHED, hostile_text

BUGS = ("W112", "W201", "W500")


def hostile_file(rng: random.Random) -> tuple[str, bytes]:
    text = hostile_text(rng)
    kind = rng.choice(["txt", "json", "jsonl", "html", "xml"])
    if kind == "json":
        obj = {"text": text, "published": rng.choice(PUBLISHED), "title": hostile_text(rng)[:50]}
        return kind, json.dumps(obj).encode()
    if kind == "jsonl":
        lines = (
            json.dumps({"text": hostile_text(rng), "published": rng.choice(PUBLISHED)})
            for _ in range(3)
        )
        return kind, "\n".join(lines).encode()
    if kind == "html":
        page = (
            f"<html><head><title>{text[:30]}</title></head><body><article><p>{text}</p>"
            f"<p>{text}</p></article></body></html>"
        )
        return kind, page.encode("utf-8", "surrogatepass")
    if kind == "xml":
        feed = (
            "<rss><channel><title>t</title><item><title>x</title>"
            f"<description>{text}</description></item></channel></rss>"
        )
        return kind, feed.encode("utf-8", "surrogatepass")
    return kind, text.encode(rng.choice(["utf-8", "utf-16", "utf-16-le"]), "surrogatepass")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()

    import warlog
    from warlog.nlp import load_pipeline

    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "in"
        folder.mkdir()
        for number in range(args.count):
            kind, data = hostile_file(rng)
            (folder / f"f{number:05d}.{kind}").write_bytes(data)
        started = time.perf_counter()
        with warlog.open(Path(scratch) / "fuzz.db") as store:
            result = store.ingest([str(folder)], nlp=load_pipeline())
        elapsed = time.perf_counter() - started
    codes = Counter(rejection.code for rejection in result.rejected)
    print(f"{args.count} files (seed {args.seed}) in {elapsed:.0f} s")
    print(f"  added: {len(result.added)}, unchanged: {len(result.unchanged)}")
    print("  rejected: " + ", ".join(f"{code} {n}" for code, n in sorted(codes.items())))
    bugs = [rejection for rejection in result.rejected if rejection.code in BUGS]
    for rejection in bugs:
        print(f"  {rejection}")
    sys.exit(1 if bugs else 0)


if __name__ == "__main__":
    main()
