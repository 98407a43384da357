"""The errors of an evaluation as lines a person reads: per file and kind, what was missed,
what was predicted and matched nothing, and which fields of matched pairs were wrong."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from warlog.eval.scorer import KINDS, Record

# The fields worth showing for one record of each kind (FORMAT.md's names).
SHOWN: dict[str, tuple[str, ...]] = {
    "places": ("name", "geonameid", "lat", "lon"),
    "events": ("type", "sub_type", "date", "place", "geonameid", "actor1_side", "actor2"),
    "claims": ("speaker", "speaker_match", "side", "stance", "channel"),
    "casualties": ("kind", "best", "low", "qualifier", "victims", "side", "according_to_side"),
}


def describe(kind: str, record: Record) -> str:
    """One record as ``field=value`` pairs, the fields of its kind that it has."""
    return " ".join(
        f"{name}={record[name]!r}" for name in SHOWN[kind] if record.get(name) is not None
    )


def _evidence(record: Record) -> str:
    text = record.get("evidence_text") or record.get("evidence") or ""
    return " ".join(str(text).split())


def error_lines(scores: dict[str, Any]) -> Iterator[str]:
    """``missed``, ``spurious`` and ``field`` lines per file, from ``evaluate(errors=True)``."""
    for file_id, per_kind in scores.get("per_file", {}).items():
        lines: list[str] = []
        for kind in KINDS:
            found = per_kind.get(kind, {})
            for record in found.get("missed", []):
                lines.append(f"  {kind} missed:   {describe(kind, record)}")
                lines.append(f"      | {_evidence(record)}")
            for record in found.get("spurious", []):
                lines.append(f"  {kind} spurious: {describe(kind, record)}")
                lines.append(f"      | {_evidence(record)}")
            for wrong in found.get("field_errors", []):
                lines.append(
                    f"  {kind} field {wrong['field']}: gold {wrong['gold']!r}, "
                    f"predicted {wrong['predicted']!r}"
                )
                lines.append(f"      | {_evidence(wrong)}")
        if lines:
            yield f"== {file_id}"
            yield from lines
