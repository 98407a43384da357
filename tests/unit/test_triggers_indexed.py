"""find_triggers looks phrases up by a token's word or lemma: the same triggers as trying every
phrase at every token, at a cost linear in the sentence."""

from __future__ import annotations

import time
from typing import Any

from warlog.extract import events
from warlog.extract.events import Trigger, find_triggers, trigger_of

_UNIT = (
    "Rebels attacked a police post and shelled the town; an airstrike killed six, a car bomb "
    "exploded near the market and troops clashed with gunmen before protesters marched. "
)


def _every_phrase_at_every_token(sentence: Any) -> list[Trigger]:
    """The definition find_triggers implements: at each token the first phrase of the lexicon
    (longest first) that matches its words lower-cased, or one word as the token's lemma."""
    found = events._killings_by_armed_actors(sentence)
    tokens = list(sentence)
    i = 0
    while i < len(tokens):
        for words, entry in events._phrases():
            window = tokens[i : i + len(words)]
            if len(window) == len(words) and (
                tuple(t.lower_ for t in window) == words
                or (len(words) == 1 and window[0].lemma_.lower() == words[0])
            ):
                found.append(trigger_of(entry, window[0].i, window[-1].i + 1))
                i += len(words) - 1
                break
        i += 1
    return found


def test_indexed_triggers_equal_the_full_scan(nlp: Any) -> None:
    texts = [
        _UNIT,
        "Militants ambushed a convoy, and a suicide bomber blew himself up at a checkpoint.",
        "Government forces recaptured the village after heavy fighting and artillery fire.",
        "Mortar shells landed near the base; a drone strike hit a vehicle on Sunday.",
        "Thousands of demonstrators rallied, and riot police fired tear gas at the crowd.",
    ]
    compared = 0
    for doc in nlp.pipe(texts):
        for sentence in doc.sents:
            expected = _every_phrase_at_every_token(sentence)
            assert find_triggers(sentence) == expected
            compared += len(expected)
    assert compared >= 15


class _CountingIndex(dict):  # type: ignore[type-arg]
    """The first-word index, counting the candidate phrases each look-up hands out."""

    tried = 0

    def get(self, key: Any, default: Any = None) -> Any:
        found = super().get(key, default)
        _CountingIndex.tried += len(found or ())
        return found


def _phrases_tried(blank_nlp: Any, monkeypatch: Any, size: int) -> tuple[int, int, int]:
    by_first, by_lemma = events._phrase_index()
    monkeypatch.setattr(events, "_phrase_index", lambda: (_CountingIndex(by_first), by_lemma))
    doc = blank_nlp(_UNIT * (size // len(_UNIT)))
    _CountingIndex.tried = 0
    triggers = find_triggers(doc[:])  # one huge "sentence": the worst case
    return _CountingIndex.tried, len(doc), len(triggers)


def test_find_triggers_on_a_1mb_article_is_linear(blank_nlp: Any, monkeypatch: Any) -> None:
    small_tried, _, small_count = _phrases_tried(blank_nlp, monkeypatch, 100_000)
    large_tried, large_tokens, large_count = _phrases_tried(blank_nlp, monkeypatch, 1_000_000)
    assert large_count >= 9 * small_count > 0
    assert small_tried > 0  # the phrases are looked up through the index
    longest_bucket = max(len(items) for items in events._phrase_index()[0].values())
    # every token is offered at most the phrases that start with its word
    assert large_tried <= longest_bucket * large_tokens
    assert large_tried <= 11 * small_tried  # ten times the text, ten times the work
    # the full scan would try every phrase at every token
    assert large_tried < len(events._phrases()) * large_tokens / 20


def test_an_article_with_a_run_of_quotes_reads_like_the_same_article_without(nlp: Any) -> None:
    import warlog

    text = "Azerbaijan said on Sunday that Armenia shelled Ganja. One civilian was killed. "
    plain = warlog.read(text, published="2020-10-04", nlp=nlp)
    start = time.process_time()
    padded = warlog.read(text + '"' * 20_000, published="2020-10-04", nlp=nlp)
    assert time.process_time() - start < 20.0  # quadratic tokenizing took about 40 s
    assert [(e.type, e.sub_type, e.place) for e in padded.events] == [
        (e.type, e.sub_type, e.place) for e in plain.events
    ]
    assert plain.events
