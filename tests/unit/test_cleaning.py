"""Golden cleaning cases: tests/golden/cleaning/NAME.input.txt -> NAME.expected.txt."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import GOLDEN
from warlog.ingest import clean_text
from warlog.ingest.clean import debris_patterns

CASES = sorted((GOLDEN / "cleaning").glob("*.input.txt"))


@pytest.mark.parametrize("case", CASES, ids=[case.name.split(".")[0] for case in CASES])
def test_golden_cleaning(case: Path) -> None:
    expected = case.with_name(case.name.replace(".input.", ".expected.")).read_text("utf-8")
    assert clean_text(case.read_text("utf-8")) == expected.rstrip("\n")


def test_seed_mojibake_and_debris(seed_text: str) -> None:
    cleaned = clean_text(seed_text)
    assert "€" not in cleaned
    assert "Electricity plant \u2014 Hikmet Hajiyev (@HikmetHajiyev) October 4, 2020" in cleaned
    assert "pic.twitter.com" not in cleaned
    assert "Story continues" not in cleaned
    assert cleaned.endswith("claimed to have taken on Sunday.")


def test_cleaning_is_idempotent(seed_text: str) -> None:
    once = clean_text(seed_text)
    assert clean_text(once) == once


def test_debris_patterns_match_their_examples() -> None:
    for pattern in debris_patterns():
        assert pattern.regex.search(f"x\n{_example(pattern.name)}\ny"), pattern.name


def _example(name: str) -> str:
    from warlog.resources import load_json

    entries = {entry["name"]: entry for entry in load_json("debris.json")["patterns"]}
    return str(entries[name]["example"])


def test_story_continues_inside_a_sentence_is_kept() -> None:
    text = "The story continues to unfold, officials said."
    assert clean_text(text) == text


def test_a_long_run_of_punctuation_keeps_its_first_three_marks() -> None:
    assert clean_text('He said "' + '"' * 20_000 + " and left.") == 'He said """ and left.'
    assert clean_text("Ganja ----------------------------- Baku") == "Ganja --- Baku"
    # ordinary punctuation is untouched
    assert clean_text('"Stop!" he said... (and "left").') == '"Stop!" he said... (and "left").'
