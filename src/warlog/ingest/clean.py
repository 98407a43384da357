"""Cleaning: repair mojibake, strip web debris, normalise whitespace.

Every offset warlog stores refers to the text this module returns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import ftfy

from warlog.resources import load_json

_FLAGS = {"m": re.MULTILINE, "i": re.IGNORECASE, "s": re.DOTALL}


@dataclass(frozen=True, slots=True)
class DebrisPattern:
    name: str
    regex: re.Pattern[str]
    replace: str


@cache
def debris_patterns() -> tuple[DebrisPattern, ...]:
    patterns = []
    for entry in load_json("debris.json")["patterns"]:
        flags = 0
        for letter in entry.get("flags", ""):
            flags |= _FLAGS[letter]
        patterns.append(
            DebrisPattern(entry["name"], re.compile(entry["regex"], flags), entry["replace"])
        )
    return tuple(patterns)


@cache
def mojibake_replacements() -> tuple[tuple[str, str], ...]:
    return tuple(
        (entry["broken"], entry["fixed"]) for entry in load_json("mojibake.json")["replacements"]
    )


_SPACES_RE = re.compile(
    r"[ \t\u00a0\u2007\u2009\u202f]+"
)  # no-break, figure, thin, narrow no-break
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def scrub_surrogates(text: str) -> str:
    """Lone surrogates (a JSON ``"\\udc80"``, a file name in no encoding) become U+FFFD, one
    character for one, so the text can be encoded, hashed and stored."""
    return _SURROGATE_RE.sub("\ufffd", text)


def has_visible_text(text: str) -> bool:
    """Whether a text holds a letter or a digit: one of only zero-width spaces, joiners,
    marks or punctuation is no article."""
    return any(char.isalnum() for char in text)


_BLANK_LINES_RE = re.compile(r"\n{3,}")


def repair_mojibake(text: str) -> str:
    fixed: str = ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC")
    for broken, replacement in mojibake_replacements():
        fixed = fixed.replace(broken, replacement)
    return fixed


def strip_debris(text: str) -> str:
    for pattern in debris_patterns():
        text = pattern.regex.sub(pattern.replace, text)
    return text


def normalise_whitespace(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES_RE.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES_RE.sub("\n\n", "\n".join(lines)).strip()


def clean_text(text: str) -> str:
    """The cleaned text of an article: what is stored and what offsets refer to."""
    return normalise_whitespace(strip_debris(repair_mojibake(scrub_surrogates(text))))
