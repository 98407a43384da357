"""``warlog eval-geo FILE.jsonl``: geoparsing scores on the public corpora of ``eval/geo``.

Two protocols (eval/geo/README.md, section 4): **resolution-only** (``gold_spans=True``: the
resolver is handed the gold spans) and **end-to-end** (warlog finds its own toponyms; a gold
toponym it misses counts as the largest error, 20,039 km).
"""

from __future__ import annotations

import json
import math
import re
import statistics
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warlog.errors import InputError
from warlog.model import Evidence, PlaceMention
from warlog.nlp import Language
from warlog.resolve.geocode import haversine_km

MISS_KM = 20039.0
ACC_KM = 161.0
_CAPITALISED_RE = re.compile(r"\b[A-Z][\w.'\-]+\b")
# capitalised words in a row ("the United States", "South Africans"), with "and", "of the"
# inside ("Bosnia and Herzegovina", "Democratic Republic of the Congo")
_CAPITALISED_RUN_RE = re.compile(
    r"\b[A-Z][\w.'\-]*(?:\s+(?:(?:and|of|the)\s+){0,2}[A-Z][\w.'\-]*)*"
)
# demonyms, not capitals used as metonyms ("Kremlin", "Pentagon")
_DEMONYM_ENDINGS = ("an", "sh", "ch", "ese", "i", "ic", "ean", "ss", "ek", "ar")


def read_corpus(path: str | Path) -> Iterator[dict[str, Any]]:
    source = Path(path)
    if not source.is_file():
        raise InputError(str(source), "is not a file", "Give a geo corpus .jsonl file.")
    with source.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(
                    f"{source}:{number}", f"is not valid JSON ({exc.msg})", "Fix that line."
                ) from None


def text_countries(text: str) -> Counter[str]:
    """Countries a text names, by country names and demonyms (no parse needed), each with
    how often."""
    from warlog.extract.sides import country_signal

    codes: Counter[str] = Counter()
    for match in _CAPITALISED_RUN_RE.finditer(text):
        words = match.group(0).split()
        start = 0
        while start < len(words):
            # the longest run of words from here that names a country: "South Africa",
            # "United States", "Sri Lankan"
            for end in range(min(len(words), start + 6), start, -1):
                phrase = " ".join(words[start:end])
                code = country_signal(phrase) or country_signal(phrase.rstrip(".'"))
                if code is not None:
                    codes[code] += 1
                    start = end
                    break
            else:
                start += 1
    return codes


def _resolve_spans(document: dict[str, Any], nlp: Language | None) -> list[PlaceMention]:
    from warlog.resolve.geocode import geocode

    mentions = tuple(
        PlaceMention(
            text=toponym["name"],
            label="GOLD",
            evidence=Evidence(document["id"], toponym["start"], toponym["end"]),
        )
        for toponym in document["toponyms"]
    )
    return list(geocode(mentions, text_countries(document["text"]), document["text"]))


def _end_to_end(document: dict[str, Any], nlp: Language | None) -> list[PlaceMention]:
    """warlog's own toponyms, plus the demonyms it reads as country signals: these corpora
    annotate "Russian" or "British" as toponyms (GeoWebNews' modifier classes), while warlog's
    records, following eval/ANNOTATION.md, do not count demonyms as places."""
    from warlog.extract.sides import side_of
    from warlog.ingest import PreparedArticle
    from warlog.ingest.article import sha256
    from warlog.model import Article
    from warlog.pipeline import analyse_many
    from warlog.resolve.geocode import geocode

    # the corpus offsets refer to the text as given, so it is parsed uncleaned
    text = document["text"]
    article = Article(id=sha256(text), text=text, raw_hash=sha256(text))
    prepared = PreparedArticle(article=article, dateline=None, warnings=())
    report = next(analyse_many([prepared], nlp=nlp))
    places = list(report.places)
    taken = [(p.evidence.start, p.evidence.end) for p in places]
    demonyms = []
    for match in _CAPITALISED_RE.finditer(document["text"]):
        start, end = match.span()
        word = match.group(0)
        if word.lower() in ("us", "uk") or any(s < end and start < e for s, e in taken):
            continue
        if side_of(word) is not None and word.lower().endswith(_DEMONYM_ENDINGS):
            demonyms.append(PlaceMention(word, "DEMONYM", Evidence(report.article.id, start, end)))
    return places + list(geocode(tuple(demonyms), text_countries(document["text"])))


def auc(errors: list[float]) -> float:
    """Area under the sorted log-error curve, normalised to 0 (perfect) .. 1 (all misses)."""
    if len(errors) < 2:
        return 0.0
    logs = sorted(math.log(1 + e) for e in errors)
    area = sum((logs[i] + logs[i + 1]) / 2 for i in range(len(logs) - 1))
    return area / (math.log(1 + MISS_KM) * (len(logs) - 1))


def evaluate_geo(
    path: str | Path,
    gold_spans: bool = False,
    nlp: Language | None = None,
    limit: int | None = None,
) -> dict[str, Any]:
    """The README's metrics for one corpus file."""
    errors: list[float] = []
    exact_hits = exact_total = 0
    tp = fp = fn = 0
    lenient_tp = 0
    documents = 0
    for document in read_corpus(path):
        if limit is not None and documents >= limit:
            break
        documents += 1
        if not gold_spans and len(document["text"]) > 1_000_000:
            continue
        predicted = (_resolve_spans if gold_spans else _end_to_end)(document, nlp)
        spans = {(m.evidence.start, m.evidence.end): m for m in predicted}
        gold = document["toponyms"]
        gold_keys = {(t["start"], t["end"]) for t in gold}
        tp += len(gold_keys & set(spans))
        fp += len(set(spans) - gold_keys)
        fn += len(gold_keys - set(spans))
        for toponym in gold:
            match = spans.get((toponym["start"], toponym["end"])) or next(
                (m for (s, e), m in spans.items() if s < toponym["end"] and toponym["start"] < e),
                None,
            )
            if match is not None:
                lenient_tp += 1
            if toponym.get("geonameid") is not None:
                exact_total += 1
                exact_hits += int(match is not None and match.geonameid == toponym["geonameid"])
            if toponym.get("lat") is None or toponym.get("lon") is None:
                continue
            if match is None or match.lat is None or match.lon is None:
                errors.append(MISS_KM)
            else:
                errors.append(haversine_km(match.lat, match.lon, toponym["lat"], toponym["lon"]))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    lenient_recall = lenient_tp / (tp + fn) if tp + fn else 0.0
    return {
        "protocol": "resolution-only" if gold_spans else "end-to-end",
        "documents": documents,
        "toponyms": len(errors),
        "recognition": {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(2 * precision * recall / (precision + recall), 4)
            if precision + recall
            else 0.0,
            "lenient_recall": round(lenient_recall, 4),
        },
        "acc_161": round(sum(e <= ACC_KM for e in errors) / len(errors), 4) if errors else 0.0,
        "mean_km": round(statistics.fmean(errors), 1) if errors else 0.0,
        "median_km": round(statistics.median(errors), 1) if errors else 0.0,
        "auc": round(auc(errors), 4),
        "exact_match": round(exact_hits / exact_total, 4) if exact_total else None,
    }
