"""Geocoding one very long article against the same mentions as many short ones.

    .venv/bin/python benchmarks/geocode_scaling.py CORPUS.jsonl

Takes the gold toponyms of a geo corpus (``../shared/eval/geo/lgl.jsonl``: 588 articles,
5,088 mentions) and geocodes them twice in the same run: article by article (the baseline),
then all of them as one article of the corpus's whole text (what a 1 MB input gives the
ranking passes, which compare every name with every other). Prints both times and their
ratio: near the ratio of mentions per article, not its square, means the passes scale.
"""

from __future__ import annotations

import argparse
import json
import time

from warlog.eval.geo import text_countries
from warlog.model import Evidence, PlaceMention
from warlog.resolve.geocode import geocode


def _documents(path: str) -> list[tuple[str, tuple[PlaceMention, ...]]]:
    documents = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            document = json.loads(line)
            mentions = tuple(
                PlaceMention(t["name"], "GOLD", Evidence(document["id"], t["start"], t["end"]))
                for t in document["toponyms"]
            )
            documents.append((document["text"], mentions))
    return documents


def _as_one(
    documents: list[tuple[str, tuple[PlaceMention, ...]]],
) -> tuple[str, tuple[PlaceMention, ...]]:
    texts: list[str] = []
    mentions: list[PlaceMention] = []
    offset = 0
    for text, own in documents:
        mentions += [
            PlaceMention(
                m.text,
                m.label,
                Evidence("one", offset + m.evidence.start, offset + m.evidence.end),
            )
            for m in own
        ]
        texts.append(text)
        offset += len(text) + 1
    return "\n".join(texts), tuple(mentions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    corpus = parser.parse_args().corpus
    documents = _documents(corpus)
    geocode(documents[0][1], text_countries(documents[0][0]), documents[0][0])  # warm caches

    started = time.perf_counter()
    for text, mentions in documents:
        geocode(mentions, text_countries(text), text)
    each = time.perf_counter() - started

    text, mentions = _as_one(documents)
    started = time.perf_counter()
    geocode(mentions, text_countries(text), text)
    whole = time.perf_counter() - started

    print(f"articles:                    {len(documents)} ({len(mentions)} mentions)")
    print(f"one by one:                  {each:.2f} s")
    print(f"as one {len(text) / 1e6:.1f} MB article:      {whole:.2f} s")
    print(f"one article / one by one:    {whole / each:.2f}x")


if __name__ == "__main__":
    main()
