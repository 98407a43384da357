"""Casualty reports: a number phrase tied to a casualty word (killed, wounded, dead, ...).

Who the victims are comes from the noun the number counts; whose side from a nationality
word on that noun ("Azerbaijani civilians") or "on their side" (settled later against the
claim the figure sits in); the scope from cues in the sentence and the paragraph.
``according_to`` is filled by resolve.attribution from the claims.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from warlog.extract.base import Doc, register_extractor, sentence_evidence
from warlog.extract.conflict import is_conflict_text
from warlog.extract.numbers import NumberPhrase, find_numbers
from warlog.extract.sides import side_of_words
from warlog.model import Article, CasualtyReport

SPEAKER_SIDE = "@speaker"  # placeholder side: the side of whoever gives the figure
_YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_RIGHT_WINDOW = 12
_REPORTING = frozenset({"say", "tell", "report", "claim", "accuse", "deny", "announce", "add"})


@cache
def lexicon() -> dict[str, Any]:
    from warlog.resources import load_json

    data: dict[str, Any] = load_json("casualties.json")
    return data


@cache
def _kind_of_lemma() -> dict[str, str]:
    table: dict[str, str] = {}
    for kind, lemmas in lexicon()["kinds"].items():
        for lemma in lemmas:
            table[lemma] = kind
    return table


@cache
def _victim_of_word() -> dict[str, str]:
    table: dict[str, str] = {}
    for victims, words in lexicon()["victims"].items():
        for word in words:
            table[word] = victims
    return table


def _kind(token: Any) -> str | None:
    table = _kind_of_lemma()
    return table.get(token.lemma_.lower()) or table.get(token.lower_)


def _victim_phrase(doc: Doc, phrase: NumberPhrase, sentence_end: int) -> list[Any]:
    """The words the number counts: "civilians", "security forces", "others", "of Taliban"."""
    tokens: list[Any] = []
    i = phrase.end
    while i < sentence_end and len(tokens) < 5:
        token = doc[i]
        if token.pos_ in ("ADJ", "NOUN", "PROPN") or token.lower_ in ("other", "others", "more"):
            tokens.append(token)
            i += 1
            if (
                token.pos_ == "NOUN"
                and token.lower_ not in ("security",)
                and (i >= sentence_end or doc[i].pos_ != "NOUN")
            ):
                break
            continue
        if token.lower_ in ("their", "its", "our", "his", "her") and not tokens:
            i += 1  # "13 their soldiers"
            continue
        if token.lower_ == "of" and not tokens and i + 1 < sentence_end:
            i += 1
            if doc[i].pos_ == "DET":
                i += 1
            continue
        break
    return tokens


def _victims(words: list[Any], previous: str | None) -> str:
    table = _victim_of_word()
    found = [table.get(t.lemma_.lower()) or table.get(t.lower_) for t in words]
    for category in ("military", "civilians"):
        if category in found:
            return category
    if "others" in found and previous is not None:
        return previous
    return "unspecified"


def _counts_people(victim_words: list[Any]) -> bool:
    """A number counts people when it counts nothing ("killed five") or a person word."""
    if not victim_words:
        return True
    table = _victim_of_word()
    return any(
        (t.lemma_.lower() in table or t.lower_ in table or _kind(t) is not None)
        for t in victim_words
        if t.pos_ != "ADJ" or t.lower_ in ("other", "more", "dead", "wounded", "injured")
    ) or all(t.pos_ in ("ADJ", "PROPN") for t in victim_words)


def _kind_for(doc: Doc, phrase: NumberPhrase, victim_words: list[Any], sentence: Any) -> str | None:
    # the number is the object of a casualty verb right before it: "killed an estimated 30,000"
    before = phrase.start - 1
    while before >= sentence.start and (
        doc[before].pos_ == "DET" or doc[before].lower_ == "another"
    ):
        before -= 1
    if before >= sentence.start:
        verb = doc[before]
        if verb.lemma_.lower() in lexicon()["object_verbs"] or verb.lower_ in ("killing", "killed"):
            return (
                _kind(verb)
                or lexicon()["object_verb_kinds"].get(verb.lemma_.lower())
                or (_kind_after(doc, phrase.end, sentence.end))
            )
    # the counted noun itself says it: "35 bodies", "18 dead"
    for word in victim_words:
        kind = _kind(word)
        if kind is not None and word.pos_ != "ADJ":
            return kind
    kind = _kind_after(doc, phrase.end, sentence.end)
    if kind is not None:
        return kind
    # "the death toll rose to 39", "death tolls ... exceeded 100", "the bodies of ... three"
    window = doc[max(sentence.start, phrase.start - 14) : phrase.start]
    if any(t.lower_ in lexicon()["toll_words"] for t in window):
        return "killed"
    near = doc[max(sentence.start, phrase.start - 6) : phrase.start]
    for token in near:
        if (
            token.lemma_.lower() in ("body", "death", "corpse", "life")
            and token.nbor(1).lower_ == "of"
        ):
            return "killed"
    return None


def _kind_after(doc: Doc, start: int, end: int) -> str | None:
    for token in doc[start : min(end, start + _RIGHT_WINDOW)]:
        if token.lemma_.lower() in _REPORTING or token.text in (";", ":"):
            return None
        kind = _kind(token)
        if kind is not None:
            return kind
        after = token.nbor(1).lower_ if token.i + 1 < end else ""
        if token.lemma_.lower() == "lose" and after in ("to", "their", "his", "her"):
            return "killed"
    return None


def _scope(sentence_text: str, published_year: int | None) -> str | None:
    lowered = sentence_text.lower()
    cues = lexicon()
    if any(cue in lowered for cue in cues["historical_cues"]):
        return "historical"
    if published_year is not None:
        years = [int(y) for y in _YEAR_RE.findall(sentence_text)]
        if years and max(years) <= published_year - 2:
            return "historical"
    if any(cue in lowered for cue in cues["cumulative_cues"]):
        return "cumulative"
    if re.search(r"\b(clashes|fighting|war|conflict)\b.*\b(have|has) (killed|left)\b", lowered):
        return "cumulative"
    if any(cue in lowered for cue in cues["incident_cues"]):
        return "incident"
    return None


def _side(doc: Doc, phrase: NumberPhrase, victim_words: list[Any], sentence: Any) -> str | None:
    side = side_of_words([t.text for t in victim_words])
    if side is not None:
        return side
    after = doc[phrase.end : min(sentence.end, phrase.end + 8)].text.lower()
    if any(cue in after for cue in lexicon()["speaker_side_cues"]):
        return SPEAKER_SIDE
    return None


@register_extractor("casualties")
def extract_casualties(doc: Doc, article: Article) -> list[CasualtyReport]:
    if not is_conflict_text(doc):
        return []
    published_year = article.published.year if article.published else None
    reports: list[CasualtyReport] = []
    paragraph_scope: str | None = None
    paragraph_start = -1
    text: str = doc.text
    for sentence in doc.sents:
        start_of_paragraph = text.rfind("\n\n", 0, sentence.start_char + 1)
        if start_of_paragraph != paragraph_start:
            paragraph_start = start_of_paragraph
            paragraph_scope = None
        sentence_scope = _scope(sentence.text, published_year)
        previous_victims: str | None = None
        found_here = False
        for phrase in find_numbers(doc, sentence):
            victim_words = _victim_phrase(doc, phrase, sentence.end)
            if phrase.best is not None and phrase.best >= 1900 and not victim_words:
                continue
            if not _counts_people(victim_words):
                continue
            kind = _kind_for(doc, phrase, victim_words, sentence)
            if kind is None:
                continue
            victims = _victims(victim_words, previous_victims)
            previous_victims = victims
            scope = sentence_scope or paragraph_scope or "incident"
            found_here = True
            reports.append(
                CasualtyReport(
                    kind=kind,
                    best=phrase.best,
                    low=phrase.low,
                    high=phrase.high,
                    qualifier=phrase.qualifier,
                    victims=victims,
                    side=_side(doc, phrase, victim_words, sentence),
                    scope=scope,
                    according_to=None,
                    according_to_side=None,
                    evidence=sentence_evidence(article.id, sentence),
                    number_text=doc[phrase.start : phrase.end].text,
                )
            )
        if found_here and sentence_scope == "cumulative":
            paragraph_scope = "cumulative"
    return reports
