"""The English model's attribute ruler, matched through indexes instead of spaCy's Matcher.

``en_core_web_sm``'s attribute ruler holds about 180 one-token rules (a tag map: "NN" is a
NOUN; exceptions keyed by word and tag: "his"/PRP is a possessive pronoun) that spaCy's
Matcher tries at every token, a tenth of the whole parse. Here each rule's patterns are
filed by the exact tag or word they require, so a token is only tested against the few
rules that can match it; the matches, their order (later rules win) and the attributes set
are spaCy's own (``AttributeRuler.set_annotations``), so every token comes out the same
(``tests/unit/test_attribute_rules.py`` compares both on the example articles).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

_COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}

# a pattern as the tests it makes: (offset of the token, column of doc.to_array, test)
Check = tuple[int, int, Callable[[int], bool]]
Filed = tuple[int, int, tuple[Check, ...]]  # (rule, number of tokens, checks)


class IndexedRules:
    """An attribute ruler's rules, filed by the tag, word, dependency label or spacing each
    pattern's first token requires; ``match`` returns what ``AttributeRuler.match`` does."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self._strings = ruler.vocab.strings
        # one table per column of doc.to_array: value -> the patterns filed under it
        self._by_value: tuple[dict[int, list[Filed]], ...] = ({}, {}, {}, {})
        self._anywhere: list[Filed] = []
        for rule, entry in enumerate(ruler.patterns):
            patterns = cast(list[list[dict[str, Any]]], entry["patterns"])
            for tokens in patterns:
                self._file(rule, tokens)

    def _file(self, rule: int, tokens: list[dict[str, Any]]) -> None:
        """File a pattern under the exact value its first token requires of the first of
        tag, word, dependency label and spacing it names (that test is then made by the
        look-up); a pattern that requires none is tried at every token."""
        filed_under: tuple[str, list[int]] | None = None
        for name in _COLUMNS:
            keys = self._exact_keys(name, tokens[0].get(name))
            if keys is not None:
                filed_under = (name, keys)
                break
        checks = tuple(
            (offset, _COLUMNS.get(name, -1), self._test(name, wanted))
            for offset, token in enumerate(tokens)
            for name, wanted in token.items()
            if not (offset == 0 and filed_under is not None and name == filed_under[0])
        )
        filed: Filed = (rule, len(tokens), checks)
        if filed_under is None:
            self._anywhere.append(filed)
            return
        name, keys = filed_under
        for key in keys:
            self._by_value[_COLUMNS[name]].setdefault(key, []).append(filed)

    def _exact_keys(self, name: str, wanted: Any) -> list[int] | None:
        """The values a test of ``name`` accepts, when it accepts a known few."""
        if name == "IS_SPACE":
            return [1] if wanted is True else None
        if isinstance(wanted, str):
            return [self._strings.add(wanted)]
        if isinstance(wanted, dict) and set(wanted) == {"IN"}:
            return [self._strings.add(value) for value in wanted["IN"]]
        return None

    def _test(self, name: str, wanted: Any) -> Callable[[int], bool]:
        if name not in _COLUMNS:
            raise ValueError(f"attribute rule on {name} is not supported")
        strings = self._strings
        if name == "IS_SPACE":
            flag = int(bool(wanted))
            return lambda value: value == flag
        if isinstance(wanted, str):
            key = strings.add(wanted)
            return lambda value: value == key
        if not isinstance(wanted, dict) or len(wanted) != 1:
            raise ValueError(f"attribute rule {name}: {wanted!r} is not supported")
        ((operator, operand),) = wanted.items()
        if operator == "IN":
            keys = frozenset(strings.add(item) for item in operand)
            return lambda value: value in keys
        if operator == "NOT_IN":
            keys = frozenset(strings.add(item) for item in operand)
            return lambda value: value not in keys
        if operator == "REGEX":
            search = re.compile(operand).search
            return lambda value: search(strings[value] if value else "") is not None
        raise ValueError(f"attribute rule {name}: {operator} is not supported")

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """(rule, rule key, start, end) of every match, sorted so later rules apply last."""
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        by_tag, by_word, by_dep, by_space = self._by_value
        anywhere = self._anywhere
        count = len(rows)
        found: set[tuple[int, int, int]] = set()
        for start, row in enumerate(rows):
            for filed in (
                by_tag.get(row[0], ()),
                by_word.get(row[1], ()),
                by_dep.get(row[2], ()),
                by_space.get(row[3], ()),
                anywhere,
            ):
                for rule, length, checks in filed:
                    if start + length > count:
                        continue
                    for offset, column, test in checks:
                        if not test(rows[start + offset][column]):
                            break
                    else:
                        found.add((rule, start, start + length))
        strings = self._strings
        return [(rule, strings.add(str(rule)), start, end) for rule, start, end in sorted(found)]


def index_attribute_ruler(nlp: Language) -> None:
    """Match the pipeline's attribute ruler (if it has one) through ``IndexedRules``."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    if isinstance(ruler, AttributeRuler):
        # the instance's own match, which AttributeRuler.__call__ looks up on self
        ruler.match = IndexedRules(ruler).match  # type: ignore[method-assign]
