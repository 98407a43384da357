"""Number phrases in running text: "nearly 200", "Eighteen", "32", "two dozen", "scores of".

Each phrase gets the value as written (``best``), its qualifier and the low/high bounds of
the rule table in eval/FORMAT.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from warlog.extract.base import doc_text
from warlog.resources import load_json

SKIP_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})


@dataclass(frozen=True, slots=True)
class NumberPhrase:
    start: int  # first token of the phrase, qualifier included
    number_start: int  # first token of the number itself
    end: int  # token after the phrase
    best: int | None
    qualifier: str
    low: int | None
    high: int | None


@cache
def _lexicon() -> dict[str, Any]:
    data: dict[str, Any] = load_json("numbers.json")
    return data


def bounds(
    best: int | None, qualifier: str, vague_low: int | None = None
) -> tuple[int | None, int | None]:
    """(low, high) for a number and its qualifier, per the FORMAT.md table."""
    if qualifier == "vague":
        return vague_low, None
    if best is None:
        return None, None
    table = {
        "exact": (best, best),
        "at_least": (best, None),
        "more_than": (best + 1, None),
        "nearly": (None, best - 1),
        "up_to": (None, best),
        "about": (None, None),
    }
    return table[qualifier]


_DIGITS_RE = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")


_GROUP_HEAD_RE = re.compile(r"^\d{1,3}$")
_GROUP_RE = re.compile(r"^\d{3}$")


def _digits(text: str) -> float | None:
    if not _DIGITS_RE.match(text):
        return None
    value = float(text.replace(",", ""))
    return value if value < 1e15 else None  # "9" x 400 is no figure (and int(inf) fails)


def _word_value(words: list[str]) -> int | None:
    """English number words ("thirty two", "two hundred", "two dozen") to an int."""
    lexicon = _lexicon()
    units, tens, scales = lexicon["units"], lexicon["tens"], lexicon["scales"]
    total = 0
    current = 0
    seen = False
    for word in words:
        if word in units:
            current += units[word]
        elif word in tens:
            current += tens[word]
        elif word in scales:
            current = max(current, 1) * scales[word]
            if scales[word] >= 1000:
                total += current
                current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _is_number_word(lower: str) -> bool:
    lexicon = _lexicon()
    return lower in lexicon["units"] or lower in lexicon["tens"] or lower in lexicon["scales"]


@cache
def _qualifier_cues() -> tuple[tuple[str, tuple[tuple[str, int], ...]], ...]:
    """Each qualifier's cues with their sizes, longest first, sorted once."""
    return tuple(
        (
            qualifier,
            tuple((cue, len(cue.split())) for cue in sorted(cues, key=lambda c: -len(c.split()))),
        )
        for qualifier, cues in _lexicon()["qualifiers"].items()
    )


@cache
def _vague_by_first_word() -> dict[str, tuple[tuple[str, list[str]], ...]]:
    """Vague phrases indexed by their first word, longest first (the order of the scan)."""
    index: dict[str, list[tuple[str, list[str]]]] = {}
    for phrase in sorted(_lexicon()["vague"], key=lambda p: -len(p.split())):
        words = phrase.split()
        index.setdefault(words[0], []).append((phrase, words))
    return {first: tuple(entries) for first, entries in index.items()}


def _qualifier_before(doc: Doc, index: int, floor: int) -> tuple[str, int]:
    """The qualifier that ends right before token ``index``, and where it starts."""
    for qualifier, cues in _qualifier_cues():
        for cue, size in cues:
            begin = index - size
            if begin < floor:
                continue
            if " ".join(t.lower_ for t in doc[begin:index]) == cue:
                return qualifier, begin
    return "exact", index


def find_numbers(doc: Doc, sentence: Span) -> list[NumberPhrase]:
    """Every number phrase in ``sentence`` that could be a casualty figure."""
    phrases: list[NumberPhrase] = []
    vague = _lexicon()["vague"]
    by_first = _vague_by_first_word()
    i = sentence.start
    end_limit = sentence.end
    while i < end_limit:
        token = doc[i]
        if token.ent_type_ in SKIP_ENTS and not _only_counts(doc, token):
            i += 1
            continue
        lower = token.lower_
        # vague quantity words, longest first ("tens of thousands" before "thousands")
        matched = False
        for phrase, words in by_first.get(lower, ()):
            if i + len(words) > end_limit:
                continue
            if [t.lower_ for t in doc[i : i + len(words)]] == words:
                if vague[phrase] is None or (len(words) == 1 and token.pos_ == "VERB"):
                    break
                qualifier_start = _qualifier_before(doc, i, sentence.start)[1]
                phrases.append(
                    NumberPhrase(
                        qualifier_start, i, i + len(words), None, "vague", vague[phrase], None
                    )
                )
                i += len(words)
                matched = True
                break
        if matched:
            continue
        value, j = _number_at(doc, i, end_limit)
        if value is None and (
            lower in ("a", "an") and i + 1 < end_limit and doc[i + 1].lower_ in ("dozen", "handful")
        ):
            value = 12 if doc[i + 1].lower_ == "dozen" else 3
            j = i + 2
        if value is None or j == i:
            i += 1
            continue
        if lower == "one" and i > sentence.start and doc[i - 1].lower_ in ("no", "not"):
            i = j  # "no one was hurt": nobody, no figure
            continue
        best = int(value)
        upper, range_end = _range_end(doc, j, end_limit, best)
        if upper is not None:
            # "between 30 and 40", "four or five", "10 to 15": one figure, its bounds as written
            between = i > sentence.start and doc[i - 1].lower_ == "between"
            phrases.append(
                NumberPhrase(i - 1 if between else i, i, range_end, best, "range", best, upper)
            )
            i = range_end
            continue
        qualifier, qualifier_start = _qualifier_before(doc, i, sentence.start)
        low, high = bounds(best, qualifier)
        phrases.append(NumberPhrase(qualifier_start, i, j, best, qualifier, low, high))
        i = j
    return phrases


def _only_counts(doc: Doc, token: Token) -> bool:
    """Whether the DATE entity around ``token`` is only small numbers and range words, a
    count the entity recogniser took for a date ("Between 30 and 40 people")."""
    if token.ent_type_ != "DATE":
        return False
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    words = doc[start:end]
    numbers = [t for t in words if t.lower_ not in _COUNT_WORDS]
    ranged = len(numbers) < len(words)
    return (
        ranged
        and bool(numbers)
        and all(t.like_num and (_digits(t.text) or 0) < 1000 for t in numbers)
    )


def _number_at(doc: Doc, i: int, end_limit: int) -> tuple[float | None, int]:
    """The value of digits or number words starting at token ``i``, and the token after."""
    token = doc[i]
    lower = token.lower_
    value: float | None = None
    j = i
    if token.like_num and _digits(token.text) is not None and not token.text.endswith("."):
        value = _digits(token.text)
        j = i + 1
        if _GROUP_HEAD_RE.match(token.text):
            # "17 000", "1 200 000": thousands grouped by spaces, as many outlets write them
            while (
                j < end_limit
                and doc[j - 1].whitespace_
                and _GROUP_RE.match(doc[j].text)
                and value is not None
            ):
                value = value * 1000 + int(doc[j].text)
                j += 1
        if j < end_limit and doc[j].lower_ in ("million", "thousand", "hundred"):
            value = (value or 0) * _lexicon()["scales"][doc[j].lower_]
            j += 1
        if _is_list_marker(doc, i):
            value = None
    elif _is_number_word(lower) and lower not in (
        "a",
        "an",
        "single",
        "dozen",
        "hundred",
        "thousand",
        "million",
    ):
        words = []
        while j < end_limit:
            word = doc[j].lower_
            if _is_number_word(word):
                words.append(word)
            elif word == "-":
                pass
            elif not (word == "and" and _continues_after_and(doc, j, end_limit, words)):
                break
            j += 1
        value = _word_value(words)
    return value, j


_RANGE_WORDS = frozenset({"or", "to", "and", "-", "\u2013"})
_COUNT_WORDS = _RANGE_WORDS | {"between"}  # the words of a range, "between 30 and 40"


def _range_end(doc: Doc, j: int, end_limit: int, low: int) -> tuple[int | None, int]:
    """The upper bound of a range that starts with ``low`` ("four or five", "30 to 40",
    "between 30 and 40"), and the token after it; (None, j) when no range follows."""
    if j + 1 >= end_limit or doc[j].lower_ not in _RANGE_WORDS:
        return None, j
    if doc[j].lower_ == "and" and not (any(t.lower_ == "between" for t in doc[max(0, j - 4) : j])):
        return None, j  # "killed 5 and wounded 9" is two figures
    upper, end = _number_at(doc, j + 1, end_limit)
    if upper is None or upper <= low or upper > low * 10:
        return None, j
    return int(upper), end


def _continues_after_and(doc: Doc, index: int, end: int, words: list[str]) -> bool:
    """ "one hundred and twenty": "and" inside a number, after a hundred or a thousand."""
    if not words or words[-1] not in ("hundred", "thousand") or index + 1 >= end:
        return False
    following = doc[index + 1].lower_
    return following in _lexicon()["units"] or following in _lexicon()["tens"]


def _is_list_marker(doc: Doc, index: int) -> bool:
    """ "1." or "2." opening a list item (at the start of a line), or a number glued to a
    colon ("Ganja:4"). A number that ends a sentence ("wounded another 149.") is none."""
    token = doc[index]
    following = doc[index + 1] if index + 1 < len(doc) else None
    if following is not None and following.text in (".", ")") and not token.whitespace_:
        text = doc_text(doc)
        line_start = text.rfind("\n", 0, token.idx) + 1
        if not text[line_start : token.idx].strip():
            return True
    previous = doc[index - 1] if index > 0 else None
    return previous is not None and previous.text == ":" and not previous.whitespace_
