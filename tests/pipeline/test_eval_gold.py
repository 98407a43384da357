"""`warlog eval` on the shared development gold, when a checkout has it beside it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from warlog.eval import evaluate

pytestmark = pytest.mark.model

GOLD_DEV = ROOT.parent / "shared" / "eval" / "gold-dev"


@pytest.mark.skipif(
    not GOLD_DEV.is_dir(), reason="../shared/eval/gold-dev is not beside this checkout"
)
def test_gold_dev_does_not_regress(nlp: Any) -> None:
    scores = evaluate(GOLD_DEV, nlp=nlp)
    # floors a little under the 60-article figures in docs/accuracy.md: a drop below means a
    # regression; they rise as the figures do
    assert scores["casualties"]["f1"] >= 0.92
    assert scores["claims"]["f1"] >= 0.70
    assert scores["events"]["f1"] >= 0.70
    assert scores["places"]["f1"] >= 0.87


def test_eval_on_a_handmade_gold_dir(tmp_path: Path, seed_text: str, nlp: Any) -> None:
    import json

    gold = {
        "id": "seed",
        "published": "2020-10-04",
        "text": seed_text,
        "places": [{"name": "Ganja", "geonameid": 586523, "lat": 40.68, "lon": 46.36}],
        "events": [],
        "claims": [],
        "casualties": [
            {
                "kind": "killed",
                "best": 18,
                "low": 18,
                "high": 18,
                "qualifier": "exact",
                "victims": "civilians",
                "side": "AM",
                "scope": "cumulative",
                "according_to_side": "AM",
                "evidence": "Eighteen civilians have been killed",
            }
        ],
    }
    (tmp_path / "seed.json").write_text(json.dumps(gold))
    scores = evaluate(tmp_path, nlp=nlp)
    assert scores["files"] == 1
    assert scores["casualties"]["tp"] == 1 and scores["casualties"]["recall"] == 1.0
    assert scores["places"]["tp"] == 1
    strict = evaluate(tmp_path, strict=True, nlp=nlp)
    assert strict["casualties"]["tp"] == 1
