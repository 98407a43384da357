"""The scorer itself, on hand-made predictions (eval/FORMAT.md)."""

from __future__ import annotations

from typing import Any

from warlog.eval.scorer import date_matches, score_files, score_kind

GANJA = {"name": "Ganja", "geonameid": 586523, "lat": 40.68157, "lon": 46.36134}
KARABAKH = {"name": "Nagorno-Karabakh", "geonameid": None, "lat": 39.9, "lon": 46.7}
EVENT = {
    "type": "Explosions/Remote violence",
    "sub_type": "Shelling/artillery/missile attack",
    "date": "2020-10-04",
    "place": "Ganja",
    "geonameid": 586523,
    "lat": 40.68,
    "lon": 46.36,
    "actor1_side": "AM",
    "actor2": "civilians",
    "weapons": ["Smerch"],
    "status": "contested",
    "evidence": "targeted large cities Ganja and Mingachevir",
}
CLAIM = {
    "speaker": "Armenian Ministry of Defence",
    "speaker_match": ["defense", "ministry"],
    "side": "AM",
    "stance": "denies",
    "channel": "unknown",
    "evidence": "vehemently denied the claims",
}
CASUALTY = {
    "kind": "killed",
    "best": 200,
    "low": None,
    "high": 199,
    "qualifier": "nearly",
    "victims": "military",
    "side": "AM",
    "scope": "cumulative",
    "according_to_side": "AM",
    "evidence": "nearly 200 servicemen",
}


def _f1(kind: str, predicted: list[dict[str, Any]], gold: list[dict[str, Any]]) -> Any:
    return score_kind(kind, predicted, gold).as_dict(with_fields=True)


def test_perfect_prediction_scores_one() -> None:
    for kind, gold in (
        ("places", GANJA),
        ("events", EVENT),
        ("claims", CLAIM),
        ("casualties", CASUALTY),
    ):
        result = _f1(kind, [dict(gold)], [gold])
        assert (result["precision"], result["recall"], result["f1"]) == (1.0, 1.0, 1.0), kind
        assert all(value == 1.0 for value in result.get("fields", {}).values())


def test_missing_record_lowers_recall_and_extra_lowers_precision() -> None:
    other = dict(CASUALTY, best=18, low=18, high=18, qualifier="exact", victims="civilians")
    result = _f1("casualties", [dict(CASUALTY)], [CASUALTY, other])
    assert (result["tp"], result["fn"], result["recall"]) == (1, 1, 0.5)
    result = _f1("casualties", [dict(CASUALTY), dict(CASUALTY, best=7)], [CASUALTY])
    assert (result["tp"], result["fp"], result["precision"]) == (1, 1, 0.5)


def test_one_to_one_pairing() -> None:
    result = _f1("casualties", [dict(CASUALTY), dict(CASUALTY)], [CASUALTY])
    assert (result["tp"], result["fp"]) == (1, 1)


def test_best_pair_first() -> None:
    loose = dict(CASUALTY, side=None, scope="incident")
    gold_a = CASUALTY
    gold_b = dict(CASUALTY, side=None, scope="incident")
    result = _f1("casualties", [dict(loose), dict(CASUALTY)], [gold_a, gold_b])
    assert result["tp"] == 2 and result["fields"]["side"] == 1.0


def test_places_by_geonameid_or_within_50_km() -> None:
    assert _f1("places", [dict(GANJA, geonameid=1)], [GANJA])["tp"] == 0
    near = {"name": "Karabakh", "geonameid": 999, "lat": 39.8, "lon": 46.75}
    far = {"name": "Baku", "geonameid": 587084, "lat": 40.38, "lon": 49.89}
    assert _f1("places", [near], [KARABAKH])["tp"] == 1
    assert _f1("places", [far], [KARABAKH])["tp"] == 0


def test_event_needs_type_place_and_date_within_a_day() -> None:
    assert _f1("events", [dict(EVENT, date="2020-10-05")], [EVENT])["tp"] == 1
    assert _f1("events", [dict(EVENT, date="2020-10-06")], [EVENT])["tp"] == 0
    assert _f1("events", [dict(EVENT, type="Battles")], [EVENT])["tp"] == 0
    assert _f1("events", [dict(EVENT, geonameid=585514)], [EVENT])["tp"] == 0
    no_coords = dict(EVENT, geonameid=None, lat=None, lon=None, place="Houla")
    assert _f1("events", [dict(EVENT, place="houla", geonameid=None)], [no_coords])["tp"] == 1
    assert date_matches("2020-10-17", "2020-10") and not date_matches("2020-11-01", "2020-10")
    assert date_matches(None, None) and not date_matches(None, "2020-10-04")


def test_claim_speaker_tokens_stance_and_side() -> None:
    predicted = {
        "speaker": "Armenia's Defence Ministry",
        "titles": [],
        "side": "AM",
        "stance": "denies",
        "channel": "unknown",
    }
    assert _f1("claims", [predicted], [CLAIM])["tp"] == 1
    assert _f1("claims", [dict(predicted, stance="asserts")], [CLAIM])["tp"] == 0
    assert _f1("claims", [dict(predicted, side="AZ")], [CLAIM])["tp"] == 0
    assert _f1("claims", [dict(predicted, side="AZ")], [dict(CLAIM, side=None)])["tp"] == 1
    titled = {
        "speaker": "Shushan Stepanian",
        "titles": ["ministry's spokeswoman"],
        "side": "AM",
        "stance": "denies",
    }
    assert _f1("claims", [titled], [dict(CLAIM, speaker_match=["spokeswoman"])])["tp"] == 1


def test_vague_casualty_matches_on_low() -> None:
    gold = dict(CASUALTY, best=None, low=24, high=None, qualifier="vague")
    assert _f1("casualties", [dict(gold)], [gold])["tp"] == 1
    assert _f1("casualties", [dict(gold, low=12)], [gold])["tp"] == 0


def test_optional_gold_is_neither_missed_nor_wrong() -> None:
    optional = dict(CASUALTY, optional=True)
    assert _f1("casualties", [], [optional]) | {} == _f1("casualties", [], [])
    result = _f1("casualties", [dict(CASUALTY)], [optional])
    assert (result["tp"], result["fp"], result["fn"]) == (0, 0, 0)


def test_strict_mode_needs_the_snippet_in_the_evidence_sentence() -> None:
    predicted = dict(CASUALTY, evidence_text="Officials said nearly 200   servicemen died.")
    assert score_kind("casualties", [predicted], [CASUALTY], strict=True).tp == 1
    elsewhere = dict(CASUALTY, evidence_text="Some other sentence.")
    assert score_kind("casualties", [elsewhere], [CASUALTY], strict=True).tp == 0
    assert score_kind("casualties", [elsewhere], [CASUALTY], strict=False).tp == 1


def test_score_files_output_keys_and_negative_control() -> None:
    result = score_files(
        [
            ("a", {"casualties": [dict(CASUALTY)]}, {"casualties": [CASUALTY]}),
            ("neg", {"casualties": [dict(CASUALTY)]}, {"casualties": []}),
        ]
    )
    assert result["files"] == 2 and result["strict"] is False
    assert set(result) >= {"places", "events", "claims", "casualties", "per_file"}
    assert result["casualties"]["tp"] == 1 and result["casualties"]["fp"] == 1
    assert result["per_file"]["neg"]["casualties"] == {"tp": 0, "fp": 1, "fn": 0}
    assert set(result["casualties"]) == {"tp", "fp", "fn", "precision", "recall", "f1", "fields"}


def test_errors_list_what_was_missed_spurious_and_wrong() -> None:
    wrong_side = {**CASUALTY, "side": "AZ", "evidence_text": "nearly 200 soldiers died"}
    extra = {**CLAIM, "speaker": "Nobody", "evidence_text": "Nobody said so."}
    result = score_files(
        [
            (
                "a",
                {"casualties": [wrong_side], "claims": [extra]},
                {"casualties": [CASUALTY], "claims": [CLAIM]},
            )
        ],
        errors=True,
    )
    found = result["per_file"]["a"]
    assert found["claims"]["missed"] == [CLAIM] and found["claims"]["spurious"] == [extra]
    assert found["casualties"]["field_errors"] == [
        {
            "field": "side",
            "gold": "AM",
            "predicted": "AZ",
            "evidence": CASUALTY["evidence"],
            "evidence_text": "nearly 200 soldiers died",
        }
    ]
    assert "missed" not in score_files([("a", {}, {"claims": [CLAIM]})])["per_file"]["a"]["claims"]
