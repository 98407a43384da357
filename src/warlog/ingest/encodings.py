"""Guess the encoding of a text that is not UTF-8, for the hint of a W103 rejection.

Rules first, for what charset detectors get wrong on short real text: UTF-16 without a
byte-order mark (every other byte NUL for Latin text), and Western European text in Latin-1
or cp1252 (detectors call it cp1250 or cp775). Anything else goes to charset_normalizer.
"""

from __future__ import annotations

import unicodedata

# What cp1252 has in 0x80-0x9F and Western text uses: quotes, dashes, ellipsis, euro, ...
_CP1252_PUNCTUATION = frozenset("€‚„…†‡ˆ‰‹Œ‘’“”•–—˜™›œŸ")
_C1_BYTES = frozenset(range(0x80, 0xA0))


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when the bytes read as such text: every other byte one
    of a few values, NUL among them (Latin, Cyrillic or Greek text), decoding to printable
    characters."""
    sample = data[:8192]
    sample = sample[: len(sample) - len(sample) % 2]
    half = len(sample) // 2
    if half < 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    # the high bytes of one script's characters take few values (0x00 for Latin and spaces,
    # 0x04 for Cyrillic, 0x03 for Greek); the low bytes take many
    if 0 in odd and len(set(odd)) <= 4 and len(set(even)) > len(set(odd)):
        candidate = "utf-16-le"
    elif 0 in even and len(set(even)) <= 4 and len(set(odd)) > len(set(even)):
        candidate = "utf-16-be"
    else:
        return None
    try:
        text = sample.decode(candidate)
    except UnicodeDecodeError:
        return None
    printable = sum(1 for char in text if char.isprintable() or char in "\n\r\t")
    return candidate if printable >= 0.95 * len(text) else None


def western_european(data: bytes) -> str | None:
    """``cp1252`` (or ``latin-1`` when no byte is in 0x80-0x9F) for text whose non-ASCII
    characters, read so, are Latin letters and Western punctuation, a minority of its
    letters (French, German, Spanish; not Cyrillic or Greek read as accented Latin)."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    non_ascii = [char for char in text if ord(char) > 0x7F]
    if not non_ascii:
        return None
    fitting = sum(
        1
        for char in non_ascii
        if char in _CP1252_PUNCTUATION
        or char in "«»°·£§\u00a0"
        or ("LATIN" in unicodedata.name(char, "") and char.isalpha())
    )
    letters = sum(1 for char in text if char.isalpha())
    accented = sum(1 for char in non_ascii if char.isalpha())
    if fitting < 0.95 * len(non_ascii) or accented > 0.3 * max(letters, 1):
        return None
    return "cp1252" if _C1_BYTES & set(data) else "latin-1"


def guess_encoding(data: bytes) -> str | None:
    """The likely encoding of bytes that are not UTF-8, or None."""
    for rule in (utf16_without_bom, western_european):
        found = rule(data)
        if found:
            return found
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset_normalizer comes with trafilatura
        return None
    best = from_bytes(data[:65536]).best()
    return best.encoding if best is not None else None
