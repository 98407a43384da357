"""Throughput and memory of warlog's pipeline against spaCy alone on the same texts.

    .venv/bin/python benchmarks/throughput.py [DIR] [--repeat N]

Prints articles per second for (a) the spaCy English pipeline alone (the model package as
it installs, none of warlog's changes to it), (b) warlog's whole
pipeline (cleaning, parsing, every extractor, geocoding, attribution), (c) warlog without
geocoding, and the ratios measured in this same run, plus peak resident memory. Geocoding's
share is given twice: as the difference of runs (b) and (c), which parse-time noise of a few
percent blurs, and as the time spent inside geocode() during run (b) against the rest of it.
Times are CPU time of this process (``time.process_time``): the machine is shared. The last
line, ``ratio: X.XX``, is spaCy's CPU time over warlog's (1.00 would be spaCy's speed).
Both pipelines first parse every text once untimed, so neither run pays for filling the
lemmatizer's cache; warlog's geocoding caches start from one warm-up sentence.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path


def _texts(folder: Path) -> list[tuple[str, str | None]]:
    from warlog.ingest import RawArticle, iter_sources

    items = [item for item in iter_sources([folder]) if isinstance(item, RawArticle)]
    return [(item.text, item.published) for item in items]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", default="examples/articles")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()

    import importlib

    import warlog
    from warlog import settings
    from warlog.ingest import RawArticle, prepare
    from warlog.nlp import load_pipeline
    from warlog.pipeline import analyse_many
    from warlog.resolve import geocode as geocode_module

    texts = _texts(Path(args.folder)) * args.repeat
    nlp = load_pipeline()
    warlog.read("Warm-up: shelling hit Ganja on Sunday.", published="2020-10-04", nlp=nlp)
    prepared = [
        prepare(RawArticle("bench", text), published=published) for text, published in texts
    ]
    cleaned = [item.article.text for item in prepared]
    # spaCy alone: the model as its package loads it, without warlog's components
    stock = importlib.import_module(settings.get_str("spacy_model")).load()
    for pipeline in (stock, nlp):  # untimed: fills each lemmatizer's cache
        for _ in pipeline.pipe(cleaned, batch_size=16):
            pass

    start = time.process_time()
    for _ in stock.pipe(cleaned, batch_size=16):
        pass
    spacy_seconds = time.process_time() - start

    import warlog.pipeline as pipeline_module

    original = geocode_module.geocode
    geocoding = [0.0]

    def timed_geocode(*args: object, **kwargs: object) -> object:
        began = time.process_time()
        try:
            return original(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            geocoding[0] += time.process_time() - began

    def pipeline_seconds(geocode: object) -> float:
        """warlog's whole pipeline over the articles, with ``geocode`` in its place."""
        setattr(pipeline_module, "geocode", geocode)  # noqa: B010
        try:
            start = time.process_time()
            for _ in analyse_many(prepared, nlp=nlp):
                pass
            return time.process_time() - start
        finally:
            setattr(pipeline_module, "geocode", original)  # noqa: B010

    warlog_seconds = pipeline_seconds(timed_geocode)
    no_geo_seconds = pipeline_seconds(lambda mentions, countries, text=None: mentions)

    count = len(prepared)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {count}")
    print(f"spaCy alone:            {count / spacy_seconds:7.1f} articles/s")
    print(f"warlog, whole pipeline: {count / warlog_seconds:7.1f} articles/s")
    print(f"warlog without geocode: {count / no_geo_seconds:7.1f} articles/s")
    print(f"warlog / spaCy time:    {warlog_seconds / spacy_seconds:7.2f}x")
    print(
        f"geocoding adds:         {100 * (warlog_seconds - no_geo_seconds) / no_geo_seconds:6.1f}%"
        "  (whole run vs a run without it; noisy)"
    )
    rest = warlog_seconds - geocoding[0]
    print(
        f"geocoding's own time:   {100 * geocoding[0] / rest:6.1f}%"
        "  (of the rest of the same run, timed inside it)"
    )
    print(f"peak resident memory:   {peak_mb:7.0f} MB")
    # the closing line a script reads: spaCy's CPU time / warlog's (1.00 is spaCy's speed)
    print(f"ratio: {spacy_seconds / warlog_seconds:.2f}")


if __name__ == "__main__":
    main()
