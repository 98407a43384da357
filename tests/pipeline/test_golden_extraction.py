"""Golden extraction cases: tests/golden/extract/NAME.json, one case per file.

Each case gives a text, its publication date and expected records in eval/FORMAT.md's
fields. Every expected record must be matched by a predicted one (the scorer's matching
rules) with the same value for every other field the case gives; kinds listed under
``exhaustive`` must have no other predictions.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import warlog
from tests.conftest import GOLDEN
from warlog.eval.predictions import predictions
from warlog.eval.scorer import MATCHERS, field_equal

pytestmark = pytest.mark.model

CASES = sorted((GOLDEN / "extract").glob("*.json"))
KINDS = ("events", "claims", "casualties")
MATCH_KEYS = {"speaker_match", "speaker", "evidence", "optional", "geonameid", "lat", "lon", "note"}


def _matcher(kind: str, expected: dict[str, Any]) -> Any:
    if kind == "claims":
        expected = {"speaker": " ".join(expected["speaker_match"]), **expected}
    return lambda predicted: MATCHERS[kind](predicted, expected)


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_golden_extraction(case: Path, nlp: Any) -> None:
    data = json.loads(case.read_text("utf-8"))
    report = warlog.read(data["text"], published=data["published"], nlp=nlp)
    predicted = predictions(report)
    for kind in KINDS:
        for expected in data.get(kind, []):
            matching = [p for p in predicted[kind] if _matcher(kind, expected)(p)]
            assert matching, f"{kind}: nothing matches {expected}; got {predicted[kind]}"
            fields = {k: v for k, v in expected.items() if k not in MATCH_KEYS}
            assert any(
                all(field_equal(name, p.get(name), value) for name, value in fields.items())
                for p in matching
            ), f"{kind}: {expected} matched with other fields: {matching}"
        if kind in data.get("exhaustive", []):
            assert len(predicted[kind]) == len(data.get(kind, [])), predicted[kind]
