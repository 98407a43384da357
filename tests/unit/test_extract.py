"""Extractors on hand-built Docs (no model)."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

from warlog.extract.places import extract_places, trim_span
from warlog.extract.temporal import extract_temporals
from warlog.ingest import RawArticle, prepare
from warlog.model import Article
from warlog.pipeline import analyse


def _doc(blank_nlp: Any, words: list[str], ents: list[tuple[int, int, str]]) -> Doc:
    doc = Doc(blank_nlp.vocab, words=words)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return doc


def _article(text: str, dateline_place: str | None = None) -> Article:
    return Article(id="a" * 64, text=text, raw_hash="b" * 64, dateline_place=dateline_place)


def test_places_from_gpe_loc_fac_with_offsets(blank_nlp: Any) -> None:
    words = ["Missiles", "hit", "Ganja", "near", "the", "Caucasus", "and", "Baku", "airport", "."]
    doc = _doc(blank_nlp, words, [(2, 3, "GPE"), (4, 6, "LOC"), (7, 9, "FAC"), (0, 1, "ORG")])
    places = extract_places(doc, _article(doc.text))
    assert [(p.text, p.label) for p in places] == [
        ("Ganja", "GPE"),
        ("Caucasus", "LOC"),
        ("Baku airport", "FAC"),
    ]
    for place in places:
        assert doc.text[place.evidence.start : place.evidence.end] == place.text


def test_possessive_and_article_are_trimmed() -> None:
    text = "before the Soviet Union's collapse"
    start, end = trim_span(text, 7, 25)
    assert text[start:end] == "Soviet Union"


def test_line_breaks_an_entity_runs_into_are_trimmed() -> None:
    text = "Riots in Lahore\n\nLAHORE, Pakistan (AP) - Police said."
    start, end = trim_span(text, 9, 17)
    assert text[start:end] == "Lahore"


def test_dateline_place_is_a_place_mention(blank_nlp: Any) -> None:
    doc = _doc(blank_nlp, ["date", "2020-10", "Baku", ":", "Fighting", "continued", "."], [])
    places = extract_places(doc, _article(doc.text, dateline_place="Baku"))
    assert [(p.text, p.label) for p in places] == [("Baku", "DATELINE")]


def test_temporals_are_resolved_against_publication(blank_nlp: Any) -> None:
    words = ["Hajiyev", "said", "on", "Sunday", "that", "clashes", "began", "27", "September", "."]
    prepared = prepare(RawArticle(source="t", text=" ".join(words)), published="2020-10-04")
    doc = _doc(blank_nlp, words, [(3, 4, "DATE"), (7, 9, "DATE")])
    assert len(extract_temporals(doc, prepared.article)) == 2
    report = analyse(prepared, doc)
    assert [(t.text, t.date.value if t.date else None) for t in report.temporals] == [
        ("Sunday", "2020-10-04"),
        ("27 September", "2020-09-27"),
    ]


def test_weekday_names_the_recogniser_left_untagged_are_temporals(blank_nlp: Any) -> None:
    words = ["Late", "Saturday", ",", "rebels", "attacked", "a", "post", "on", "Sunday", "."]
    doc = _doc(blank_nlp, words, [(8, 9, "DATE")])
    found = [t.text for t in extract_temporals(doc, _article(doc.text))]
    assert found == ["Late Saturday", "Sunday"]  # the entity's and the untagged one, in order


def test_weekday_inside_an_entity_of_another_kind_is_no_temporal(blank_nlp: Any) -> None:
    words = ["The", "Sunday", "Times", "reported", "it", "."]
    doc = _doc(blank_nlp, words, [(0, 3, "ORG")])
    assert extract_temporals(doc, _article(doc.text)) == []
