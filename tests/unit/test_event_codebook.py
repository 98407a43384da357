"""data/event_codebook.json: the decision table parses, every row names a golden case that
exists and exercises it, and every trigger class of data/events.json has a default row."""

from __future__ import annotations

import json

from tests.conftest import GOLDEN
from warlog.extract.events import codebook, lexicon

ROLES = {"trigger", "weapon", "act", "perpetrator", "target", "not_target"}


def test_codebook_parses_and_has_an_about_note() -> None:
    book = codebook()
    assert book["about"]
    assert set(book["words"]) == {"weapon", "act", "perpetrator", "target"}
    for kinds in book["words"].values():
        for kind, words in kinds.items():
            assert words, kind
            assert all(w == w.lower() for w in words), kind


def test_every_row_is_well_formed() -> None:
    classes = {entry["class"] for entry in lexicon()["triggers"]} | {"killing"}
    words = codebook()["words"]
    for row in codebook()["rows"]:
        assert row["type"] and row["sub_type"], row
        assert ("when" in row) != ("default_for" in row), row
        for key, values in row.get("when", {}).items():
            assert key in ROLES, row
            known = (
                classes
                if key == "trigger"
                else set(words["target" if key == "not_target" else key])
            )
            assert set(values) <= known, row
        assert set(row.get("default_for", ())) <= classes, row


def test_every_trigger_class_has_a_default() -> None:
    defaults = {c for row in codebook()["rows"] for c in row.get("default_for", ())}
    classes = {entry["class"] for entry in lexicon()["triggers"]} | {"killing"}
    assert classes <= defaults


def test_every_row_is_covered_by_a_golden_case() -> None:
    for row in codebook()["rows"]:
        path = GOLDEN / "extract" / f"{row['case']}.json"
        assert path.exists(), row
        case = json.loads(path.read_text("utf-8"))
        assert any(
            e.get("type") == row["type"] and e.get("sub_type") == row["sub_type"]
            for e in case.get("events", [])
        ), row
