"""Score predicted records against gold, exactly as ``eval/FORMAT.md`` specifies.

Pure functions over plain dicts that use FORMAT.md's field names. A predicted record may carry
``evidence_text`` (its evidence sentence, cleaned) for strict mode.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from warlog.resolve.geocode import haversine_km

Record = dict[str, Any]

KINDS = ("places", "events", "claims", "casualties")
FIELDS: dict[str, tuple[str, ...]] = {
    "places": (),
    "events": ("sub_type", "actor1_side", "actor2", "weapons", "status"),
    "claims": ("channel", "side"),
    "casualties": ("qualifier", "side", "scope", "according_to_side", "low", "high"),
}
PLACE_RADIUS_KM = 50.0


def counts(tp: int, fp: int, fn: int) -> dict[str, Any]:
    """tp, fp, fn with precision, recall and F1 (rounded to 4 places; 0 where undefined)."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def _has_coords(record: Record) -> bool:
    return record.get("lat") is not None and record.get("lon") is not None


def place_matches(pred: Record, gold: Record) -> bool:
    """Same geonameid; or, where gold has none, within 50 km of gold's coordinates."""
    if gold.get("geonameid") is not None:
        return bool(pred.get("geonameid") == gold["geonameid"])
    if _has_coords(gold) and _has_coords(pred):
        return haversine_km(pred["lat"], pred["lon"], gold["lat"], gold["lon"]) <= PLACE_RADIUS_KM
    return False


def event_place_matches(pred: Record, gold: Record) -> bool:
    if gold.get("geonameid") is not None or _has_coords(gold):
        return place_matches(pred, gold)
    gold_name = (gold.get("place") or "").strip().lower()
    return bool(gold_name) and (pred.get("place") or "").strip().lower() == gold_name


def _parse_day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def date_matches(pred_date: str | None, gold_date: str | None) -> bool:
    """Within one day when gold has a day; the same month (or year) when gold has only that."""
    if not gold_date:
        return True
    if not pred_date:
        return False
    gold_day = _parse_day(gold_date) if len(gold_date) == 10 else None
    if gold_day is None:
        return pred_date.startswith(gold_date)
    pred_day = _parse_day(pred_date) if len(pred_date) == 10 else None
    return pred_day is not None and abs((pred_day - gold_day).days) <= 1


def event_matches(pred: Record, gold: Record) -> bool:
    return (
        pred.get("type") == gold.get("type")
        and event_place_matches(pred, gold)
        and date_matches(pred.get("date"), gold.get("date"))
    )


def _normalise_speaker(text: str) -> str:
    return text.lower().replace("defence", "defense")


def speaker_matches(pred: Record, gold: Record) -> bool:
    haystack = _normalise_speaker(" ".join([pred.get("speaker") or "", *pred.get("titles", [])]))
    tokens = gold.get("speaker_match") or [gold.get("speaker") or ""]
    return all(
        re.search(r"\b" + re.escape(_normalise_speaker(token)), haystack) for token in tokens
    )


def claim_matches(pred: Record, gold: Record) -> bool:
    if pred.get("stance") != gold.get("stance") or not speaker_matches(pred, gold):
        return False
    return gold.get("side") is None or pred.get("side") == gold["side"]


def casualty_matches(pred: Record, gold: Record) -> bool:
    if pred.get("kind") != gold.get("kind") or pred.get("victims") != gold.get("victims"):
        return False
    if isinstance(gold.get("best"), int):
        return bool(pred.get("best") == gold["best"])
    return bool(pred.get("low") == gold.get("low"))


MATCHERS: dict[str, Callable[[Record, Record], bool]] = {
    "places": place_matches,
    "events": event_matches,
    "claims": claim_matches,
    "casualties": casualty_matches,
}


def _normalise_whitespace(text: str) -> str:
    return " ".join(text.split())


def evidence_contains(pred: Record, snippet: str | None) -> bool:
    """Strict mode: the predicted evidence sentence holds gold's (cleaned) snippet."""
    if not snippet:
        return True
    return _normalise_whitespace(snippet) in _normalise_whitespace(pred.get("evidence_text") or "")


def field_equal(name: str, pred_value: Any, gold_value: Any) -> bool:
    if name == "weapons":
        return {str(w).lower() for w in pred_value or []} == {
            str(w).lower() for w in gold_value or []
        }
    if isinstance(gold_value, str) and isinstance(pred_value, str):
        return pred_value.strip().lower() == gold_value.strip().lower()
    return bool(pred_value == gold_value)


def _agreement(kind: str, pred: Record, gold: Record) -> int:
    return sum(
        field_equal(name, pred.get(name), gold[name]) for name in FIELDS[kind] if name in gold
    )


@dataclass
class KindScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    field_hits: dict[str, int] = field(default_factory=dict)
    field_total: dict[str, int] = field(default_factory=dict)
    missed: list[Record] = field(default_factory=list)
    spurious: list[Record] = field(default_factory=list)
    field_errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, other: KindScore) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        for name, total in other.field_total.items():
            self.field_total[name] = self.field_total.get(name, 0) + total
            self.field_hits[name] = self.field_hits.get(name, 0) + other.field_hits.get(name, 0)

    def as_dict(self, with_fields: bool) -> dict[str, Any]:
        result = counts(self.tp, self.fp, self.fn)
        if with_fields:
            result["fields"] = {
                name: round(self.field_hits.get(name, 0) / total, 4)
                for name, total in sorted(self.field_total.items())
                if total
            }
        return result


def score_kind(
    kind: str, predicted: Sequence[Record], gold: Sequence[Record], strict: bool = False
) -> KindScore:
    """Pair predictions and gold one to one, greedily, best pair first; then count.

    Required gold records are paired before optional ones. An optional gold record that is
    absent is not missed, and a prediction paired with it is not wrong.
    """
    matcher = MATCHERS[kind]

    def ok(pred: Record, gold_record: Record) -> bool:
        if not matcher(pred, gold_record):
            return False
        return not strict or evidence_contains(pred, gold_record.get("evidence"))

    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for want_optional in (False, True):
        candidates = [
            (_agreement(kind, pred, gold_record), -pi, -gi, pi, gi)
            for gi, gold_record in enumerate(gold)
            if bool(gold_record.get("optional")) is want_optional
            for pi, pred in enumerate(predicted)
            if pi not in used_pred and ok(pred, gold_record)
        ]
        candidates.sort(reverse=True)
        used_gold: set[int] = set()
        for _score, _, _, pi, gi in candidates:
            if pi in used_pred or gi in used_gold:
                continue
            used_pred.add(pi)
            used_gold.add(gi)
            pairs.append((pi, gi))
    score = KindScore()
    matched_gold = {gi for _, gi in pairs}
    for pi, gi in pairs:
        gold_record = gold[gi]
        if gold_record.get("optional"):
            continue
        score.tp += 1
        for name in FIELDS[kind]:
            if name in gold_record:
                score.field_total[name] = score.field_total.get(name, 0) + 1
                if field_equal(name, predicted[pi].get(name), gold_record[name]):
                    score.field_hits[name] = score.field_hits.get(name, 0) + 1
                else:
                    score.field_errors.append(
                        {
                            "field": name,
                            "gold": gold_record[name],
                            "predicted": predicted[pi].get(name),
                            "evidence": gold_record.get("evidence"),
                            "evidence_text": predicted[pi].get("evidence_text"),
                        }
                    )
    paired_pred = {pi for pi, _ in pairs}
    score.spurious = [pred for pi, pred in enumerate(predicted) if pi not in paired_pred]
    score.missed = [
        gold_record
        for gi, gold_record in enumerate(gold)
        if gi not in matched_gold and not gold_record.get("optional")
    ]
    score.fp = len(score.spurious)
    score.fn = len(score.missed)
    return score


def score_files(
    files: Sequence[tuple[str, dict[str, list[Record]], dict[str, list[Record]]]],
    strict: bool = False,
    errors: bool = False,
) -> dict[str, Any]:
    """Micro-averaged scores over ``(file_id, predicted, gold)`` triples, FORMAT.md's keys.

    With ``errors``, each file's entry per kind also lists the gold records ``missed``, the
    predictions that matched nothing (``spurious``) and the wrong fields of matched pairs
    (``field_errors``).
    """
    totals = {kind: KindScore() for kind in KINDS}
    per_file: dict[str, Any] = {}
    for file_id, predicted, gold in files:
        per_file[file_id] = {}
        for kind in KINDS:
            score = score_kind(kind, predicted.get(kind, []), gold.get(kind, []), strict)
            totals[kind].add(score)
            per_file[file_id][kind] = {"tp": score.tp, "fp": score.fp, "fn": score.fn}
            if errors:
                per_file[file_id][kind].update(
                    missed=score.missed,
                    spurious=score.spurious,
                    field_errors=score.field_errors,
                )
    result: dict[str, Any] = {"files": len(files), "strict": strict}
    for kind in KINDS:
        result[kind] = totals[kind].as_dict(with_fields=kind != "places")
    result["per_file"] = per_file
    return result
