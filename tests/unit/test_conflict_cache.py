"""is_conflict_text is computed once per Doc, with the same answer as a fresh computation."""

from __future__ import annotations

from typing import Any

import pytest

from warlog.extract import conflict


@pytest.mark.parametrize(
    "text",
    [
        "Warplanes struck the town; shelling killed five soldiers.",
        "The election result was announced on Sunday by the commission.",
    ],
)
def test_cached_answer_equals_a_fresh_one(blank_nlp: Any, text: str) -> None:
    doc = blank_nlp(text)
    first = conflict.is_conflict_text(doc)
    assert first == conflict._is_conflict_text(doc)
    assert conflict.is_conflict_text(doc) == first


def _count_calls(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[Any]:
    """Replace ``module.name`` by a wrapper that records each Doc it is computed for."""
    calls: list[Any] = []
    real = getattr(module, name)

    def counting(doc: Any) -> Any:
        calls.append(doc)
        return real(doc)

    monkeypatch.setattr(module, name, counting)
    return calls


def test_computed_once_per_doc(blank_nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_calls(monkeypatch, conflict, "_is_conflict_text")
    doc = blank_nlp("Shelling killed five soldiers near the border.")
    for _ in range(3):
        conflict.is_conflict_text(doc)
    assert len(calls) == 1
    conflict.is_conflict_text(blank_nlp("Another text entirely."))
    assert len(calls) == 2


def test_context_countries_computed_once_per_doc(
    blank_nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from warlog.extract import places

    real = places._context_countries
    calls = _count_calls(monkeypatch, places, "_context_countries")
    doc = blank_nlp("Armenian forces shelled Azerbaijan's second city; Armenia denied it.")
    first = places.context_countries(doc)
    first["XX"] = 99  # a caller's copy: changing it changes nothing cached
    second = places.context_countries(doc)
    assert len(calls) == 1
    assert second == real(doc) and "XX" not in second
    assert second["AM"] >= 1 and second["AZ"] >= 1
