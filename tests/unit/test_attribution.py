"""The attribution-corpus reader and scorer of ``warlog eval-attribution`` (no model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from warlog.errors import InputError
from warlog.eval.attribution import Attribution, AttributionScore, parse_ann, read_corpus

TEXT = 'Officials said the strike hit a depot. "It was a mistake," the minister told reporters.'
# source "Officials" 0-9, cue "said" 10-14, content 15-37; second: content in quotes, cue "told"
ANN = [
    "T1\tSource 0 9\tOfficials\n",
    "T2\tCue 10 14\tsaid\n",
    "T3\tContent 15 37\tthe strike hit a depot\n",
    "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n",
    "T4\tAttribution 10 14\tsaid\n",
    "E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7 Content2:T9\n",
    "T5\tSource 59 71\tthe minister\n",
    "T6\tCue 72 76\ttold\n",
    "T7\tContent 40 56\tIt was a mistake\n",
    "T8\tAttribution 72 76\ttold\n",
    "T9\tContent 77 85\treporters\n",
]


def test_brat_events_with_forward_references_and_split_roles() -> None:
    first, second = parse_ann(ANN, "x.ann")
    assert first == Attribution(((0, 9),), ((10, 14),), ((15, 37),))
    assert second.content == ((40, 56), (77, 85))  # "Content2" joins "Content"
    assert TEXT[59:71] == "the minister" and TEXT[40:56] == "It was a mistake"
    with pytest.raises(InputError, match=r"x\.ann:1"):
        parse_ann(["T1\tSource zero nine\tOfficials\n"], "x.ann")


def test_perfect_and_partial_predictions() -> None:
    gold = parse_ann(ANN, "x.ann")
    perfect = AttributionScore()
    perfect.add(TEXT, list(gold), gold)
    scores = perfect.as_dict()
    assert scores["attributions"]["f1"] == 1.0
    assert all(role["f1"] == 1.0 for role in scores["roles"].values())

    partial = AttributionScore()
    wrong_cue = Attribution(((0, 9),), ((20, 26),), ())  # "strike" is no cue
    partial.add(TEXT, [gold[0], wrong_cue], gold)
    scores = partial.as_dict()
    assert scores["attributions"] == {
        "tp": 1,
        "fp": 1,
        "fn": 1,
        "precision": 0.5,
        "recall": 0.5,
        "f1": 0.5,
    }
    assert scores["roles"]["content"]["recall"] < 1.0


def test_corpus_folder_layout(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(TEXT)
    (tmp_path / "attributions" / "a_4b22.ann").write_text("".join(ANN))
    (tmp_path / "attributions" / "a_5fec.ann").write_text("")  # a second annotator: ignored
    [item] = list(read_corpus(tmp_path))
    assert item.name == "a" and len(item.attributions) == 2
    with pytest.raises(InputError, match="text/ and attributions/"):
        list(read_corpus(tmp_path / "text"))
